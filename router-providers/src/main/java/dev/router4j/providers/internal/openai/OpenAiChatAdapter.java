package dev.router4j.providers.internal.openai;

import dev.router4j.api.ChatResponse;
import dev.router4j.api.EmbeddingRequest;
import dev.router4j.api.EmbeddingResponse;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.providers.internal.http.ErrorClassifier;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * The Chat Completions protocol ({@code openai-chat}) over OkHttp, for api.openai.com, Azure
 * OpenAI and every host that speaks it, with embeddings. What differs between hosts is data:
 * an {@link OpenAiDialect} (fields and their names), {@link OpenAiRoutes} (URLs and the model
 * name sent), an {@link AuthStyle} and extra headers.
 *
 * <p>See {@link OpenAiRequestWriter} for the request mapping, {@link OpenAiResponseReader} and
 * {@link OpenAiChunkReader} for replies, {@link OpenAiStreamCall} for streams. Failures are
 * classified by the shared {@link ErrorClassifier}, which keeps the provider's status, type,
 * code, message and {@code x-request-id} (Azure's {@code apim-request-id} is added here); the
 * key is never in a message. Thread-safe.
 */
public final class OpenAiChatAdapter implements ProviderAdapter {
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final String provider;
  private final OkHttpClient client;
  private final OpenAiRoutes routes;
  private final OpenAiDialect dialect;
  private final AuthStyle auth;
  private final Map<String, String> headers;
  private final OpenAiRequestWriter writer;
  private final ErrorClassifier errors;

  /**
   * Creates the adapter for a host under one API root.
   *
   * @param provider the provider slug, used in answers and errors
   * @param client the HTTP client
   * @param baseUrl the API root, for example {@code https://api.openai.com/v1}
   * @param dialect the host's wire differences
   * @param auth how the key is sent
   * @param headers extra headers sent with every request
   */
  public OpenAiChatAdapter(String provider, OkHttpClient client, HttpUrl baseUrl,
      OpenAiDialect dialect, AuthStyle auth, Map<String, String> headers) {
    this(provider, client, OpenAiRoutes.under(baseUrl), dialect, auth, headers);
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
   */
  public OpenAiChatAdapter(String provider, OkHttpClient client, OpenAiRoutes routes,
      OpenAiDialect dialect, AuthStyle auth, Map<String, String> headers) {
    this.provider = provider;
    this.client = client;
    this.routes = routes;
    this.dialect = dialect;
    this.auth = auth;
    this.headers = Map.copyOf(headers);
    this.writer = new OpenAiRequestWriter(dialect);
    this.errors = new ErrorClassifier();
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
    Request request = request(call, false);
    Call http = client.newCall(request);
    http.timeout().timeout(call.timeout().toNanos(), TimeUnit.NANOSECONDS);
    String model = call.endpoint().model();
    try (Response response = http.execute()) {
      if (!response.isSuccessful()) {
        throw classify(response, model, call.credential());
      }
      String body = response.body().string();
      ErrorClassifier.StreamError inBand = errors.findStreamError(body);
      if (inBand != null) {
        // Some gateways answer 200 with an error document instead of a completion.
        int status = inBand.httpStatus() >= 400 ? inBand.httpStatus() : 502;
        ProviderException e = errors.classify(status, response.headers(), body, provider, model);
        throw Secrets.scrub(withRequestId(e, response), call.credential());
      }
      ChatResponse parsed = OpenAiResponseReader.read(new Buffer().writeUtf8(body), dialect);
      if (parsed.provider() == null) {
        parsed = parsed.toBuilder().provider(provider).build();
      }
      return parsed;
    } catch (IOException e) {
      throw Secrets.scrub(errors.classifyTransport(e, provider, model), call.credential());
    }
  }

  @Override
  public StreamHandle stream(ProviderCall call, ChunkListener listener) {
    Call http = client.newCall(request(call, true));
    // The timeout bounds the whole stream, as it bounds a whole non-streamed answer.
    http.timeout().timeout(call.timeout().toNanos(), TimeUnit.NANOSECONDS);
    OpenAiStreamCall stream = new OpenAiStreamCall(http, listener, this, call.endpoint().model(),
        call.credential());
    stream.start();
    return stream;
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
    Buffer body = new Buffer();
    try {
      OpenAiRequestWriter.write(OpenAiEmbeddings.body(request, wireModel), body);
    } catch (IOException | IllegalArgumentException e) {
      throw new RouterException(ErrorCategory.INVALID_REQUEST,
          "could not encode the embeddings request for " + provider + ": " + e.getMessage(), e);
    }
    Request http = build(routes.embeddings(endpoint), body, credential, false);
    Call c = client.newCall(http);
    c.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    String model = endpoint.model();
    try (Response response = c.execute()) {
      if (!response.isSuccessful()) {
        throw classify(response, model, credential);
      }
      return OpenAiEmbeddings.read(response.body().source(), request.input().size(), wireModel,
          provider);
    } catch (IOException e) {
      throw Secrets.scrub(errors.classifyTransport(e, provider, model), credential);
    }
  }

  Request request(ProviderCall call, boolean stream) {
    Endpoint endpoint = call.endpoint();
    Buffer body = new Buffer();
    try {
      OpenAiRequestWriter.write(
          writer.body(call.request(), endpoint, routes.wireModel(endpoint), stream, provider),
          body);
    } catch (IOException | IllegalArgumentException e) {
      throw new RouterException(ErrorCategory.INVALID_REQUEST,
          "could not encode the request for " + provider + ": " + e.getMessage(), e);
    }
    return build(routes.chat(endpoint), body, call.credential(), stream);
  }

  private Request build(HttpUrl url, Buffer body, Credential credential, boolean stream) {
    Request.Builder b = new Request.Builder().url(url)
        .post(RequestBody.create(body.readByteString(), JSON))
        .header("Accept", stream ? "text/event-stream" : "application/json");
    if (credential != null) {
      switch (auth) {
        case BEARER:
          b.header("Authorization", "Bearer " + credential.secret());
          break;
        case API_KEY_HEADER:
          b.header("api-key", credential.secret());
          break;
        default:
          break;
      }
    }
    headers.forEach(b::header);
    return b.build();
  }

  // ---------------------------------------------------------------------------------------
  // Errors, shared with the stream call

  String provider() {
    return provider;
  }

  ErrorClassifier errors() {
    return errors;
  }

  /** Classifies an error reply, with its request id, without the key. */
  RouterException classify(Response response, String model, Credential credential) {
    return Secrets.scrub(withRequestId(errors.classify(response, provider, model), response),
        credential);
  }

  /**
   * Adds the request id when the shared classifier found none: {@code x-request-id} (set
   * there for HTTP errors, not for errors inside a 200 reply) or Azure's
   * {@code apim-request-id}.
   */
  static ProviderException withRequestId(ProviderException e, Response response) {
    if (e.requestId() != null) {
      return e;
    }
    String id = requestId(response);
    return id == null ? e : e.toBuilder().requestId(id).build();
  }

  static String requestId(Response response) {
    for (String name : new String[] {"x-request-id", "request-id", "apim-request-id"}) {
      String id = response.header(name);
      if (id != null && !id.isBlank()) {
        return id.strip();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "OpenAiChatAdapter[" + provider + ", " + routes + ", " + dialect + "]";
  }
}
