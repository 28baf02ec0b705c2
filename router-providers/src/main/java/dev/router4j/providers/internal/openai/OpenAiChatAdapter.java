package dev.router4j.providers.internal.openai;

import dev.router4j.api.ChatResponse;
import dev.router4j.api.EmbeddingRequest;
import dev.router4j.api.EmbeddingResponse;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.providers.internal.http.BufferView;
import dev.router4j.providers.internal.http.ErrorClassifier;
import dev.router4j.providers.internal.http.ProviderHttp;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The Chat Completions protocol ({@code openai-chat}) over OkHttp, for api.openai.com, Azure
 * OpenAI and every host that speaks it, with embeddings. What differs between hosts is data:
 * an {@link OpenAiDialect} (fields and their names), {@link OpenAiRoutes} (URLs and the model
 * name sent), an {@link AuthStyle} and extra headers.
 *
 * <p>See {@link OpenAiRequestWriter} for the request mapping, {@link OpenAiResponseReader} and
 * {@link OpenAiChunkReader} for replies, {@link OpenAiStreamCall} for streams. Failures are
 * classified by the shared {@link ErrorClassifier}, which keeps the provider's status, type,
 * code, message and request id ({@code x-request-id}, Azure's {@code apim-request-id}); the
 * key is never in a message. Thread-safe.
 */
public final class OpenAiChatAdapter implements ProviderAdapter {
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final String provider;
  private final OpenAiRoutes routes;
  private final OpenAiDialect dialect;
  private final AuthStyle auth;
  private final Map<String, String> headers;
  private final OpenAiRequestWriter writer;
  private final OpenAiResponseReader reader;
  private final ProviderHttp http;
  private final ErrorClassifier errors;
  /** The key header's value for the latest credential; or null. */
  private volatile KeyHeader lastKey;

  /**
   * Creates the adapter for a host under one API root.
   *
   * @param provider the provider slug, used in answers and errors
   * @param client the HTTP client
   * @param baseUrl the API root, for example {@code https://api.openai.com/v1}
   * @param dialect the host's wire differences
   * @param auth how the key is sent
   * @param headers extra headers sent with every request
   * @param maxResponseBytes the most bytes read of one reply or stream
   */
  public OpenAiChatAdapter(String provider, OkHttpClient client, HttpUrl baseUrl,
      OpenAiDialect dialect, AuthStyle auth, Map<String, String> headers,
      long maxResponseBytes) {
    this(provider, client, OpenAiRoutes.under(baseUrl), dialect, auth, headers,
        maxResponseBytes);
  }

  /**
   * Creates the adapter with its own routing (Azure OpenAI deployments).
   *
   * @param provider the provider slug, used in answers and errors
   * @param client the HTTP client
   * @param routes where each endpoint's calls go
   * @param dialect the host's wire differences
   * @param auth how the key is sent
   * @param headers extra headers sent with every request
   * @param maxResponseBytes the most bytes read of one reply or stream
   */
  public OpenAiChatAdapter(String provider, OkHttpClient client, OpenAiRoutes routes,
      OpenAiDialect dialect, AuthStyle auth, Map<String, String> headers,
      long maxResponseBytes) {
    this.provider = provider;
    this.routes = routes;
    this.dialect = dialect;
    this.auth = auth;
    // In the caller's order, the same on every run (Map.copyOf's order changes between JVMs).
    this.headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    this.writer = new OpenAiRequestWriter(dialect);
    this.reader = new OpenAiResponseReader(dialect, provider);
    this.http = new ProviderHttp(client, provider, maxResponseBytes);
    this.errors = http.errors();
  }

  @Override
  public String protocol() {
    return "openai-chat";
  }

  /** The dialect this adapter speaks. */
  public OpenAiDialect dialect() {
    return dialect;
  }

  @Override
  public ChatResponse chat(ProviderCall call) {
    String model = call.endpoint().model();
    return http.execute(request(call, false), call, response -> {
      BufferedSource body = http.body(response);
      // The whole reply is buffered first (under the cap), so that a read failure is still a
      // transport failure; the completion is then parsed from a view of those bytes. Some
      // gateways answer 200 with an error document: one that is not a completion, or one with
      // a top-level error member, is decoded to text and checked, and nothing else is.
      Buffer bytes = body.getBuffer();
      try {
        body.request(Long.MAX_VALUE);
        ChatResponse parsed;
        try {
          // Names this provider when the reply names none.
          parsed = reader.decode(BufferView.of(bytes));
        } catch (MalformedResponseException notACompletion) {
          throwInBandError(bytes, response, model);
          throw notACompletion;
        }
        if (mayBeError(parsed.extra())) {
          throwInBandError(bytes, response, model);
        }
        return parsed;
      } finally {
        // The view copied the bytes (and a failed read leaves some): the segments go back to
        // Okio's pool.
        bytes.clear();
      }
    });
  }

  /** Whether a completion's unknown top-level members could make it an error document. */
  private static boolean mayBeError(Map<String, Object> extra) {
    return !extra.isEmpty() && (extra.containsKey("error") || "error".equals(extra.get("type")));
  }

  /** Throws the classified error when the buffered reply is an in-band error document. */
  private void throwInBandError(Buffer bytes, Response response, String model) {
    String text = bytes.readUtf8(); // nothing reads the reply after this
    ErrorClassifier.StreamError inBand = errors.findStreamError(text);
    if (inBand != null) {
      int status = inBand.httpStatus() >= 400 ? inBand.httpStatus() : 502;
      throw ErrorClassifier.withRequestId(
          errors.classify(status, response.headers(), text, provider, model),
          ErrorClassifier.requestId(response));
    }
  }

  @Override
  public StreamHandle stream(ProviderCall call, ChunkListener listener) {
    return new OpenAiStreamCall(http, request(call, true), call, listener).start();
  }

  /** The same stream, unsent: the router's consumer reads it on its own thread. */
  @Override
  public StreamHandle openStream(ProviderCall call, ChunkListener listener) {
    return new OpenAiStreamCall(http, request(call, true), call, listener);
  }

  /**
   * Embeds the texts with {@code POST …/embeddings}.
   *
   * @throws RouterException classified, for every failure
   */
  @Override
  public EmbeddingResponse embed(
      EmbeddingRequest request, Endpoint endpoint, Credential credential, Duration timeout) {
    String wireModel = routes.wireModel(endpoint);
    RequestBody body = http.json(() -> OpenAiEmbeddings.body(request, wireModel), true, JSON);
    return http.execute(build(routes.embeddings(endpoint), body, credential, false), timeout,
        endpoint.model(), credential, response -> OpenAiEmbeddings.read(
            http.body(response), request.input().size(), wireModel, provider));
  }

  Request request(ProviderCall call, boolean stream) {
    Endpoint endpoint = call.endpoint();
    RequestBody body = http.json(() -> writer.encode(call.request(), endpoint,
        routes.wireModel(endpoint), stream, provider), JSON);
    return build(routes.chat(endpoint), body, call.credential(), stream);
  }

  private Request build(HttpUrl url, RequestBody body, Credential credential, boolean stream) {
    Request.Builder b = ProviderHttp.post(url, body, stream);
    if (credential != null && auth != AuthStyle.NONE) {
      b.header(auth == AuthStyle.BEARER ? "Authorization" : "api-key", keyHeader(credential));
    }
    if (!headers.isEmpty()) {
      headers.forEach(b::header);
    }
    return b.build();
  }

  /**
   * The value of the key's header, kept for the latest credential: a provider mostly has one
   * key, and the value is the same for every call with it.
   */
  private String keyHeader(Credential credential) {
    KeyHeader last = lastKey;
    if (last == null || last.credential() != credential) {
      last = new KeyHeader(credential, auth == AuthStyle.BEARER
          ? "Bearer " + credential.secret() : credential.secret());
      lastKey = last;
    }
    return last.value();
  }

  /** A credential and the value of its header. */
  private record KeyHeader(Credential credential, String value) {
    @Override
    public String toString() {
      return "KeyHeader[" + credential + "]"; // never the secret
    }
  }

  @Override
  public String toString() {
    return "OpenAiChatAdapter[" + provider + ", " + routes + ", " + dialect + "]";
  }
}
