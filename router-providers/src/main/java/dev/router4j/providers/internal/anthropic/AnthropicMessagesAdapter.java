package dev.router4j.providers.internal.anthropic;

import dev.router4j.providers.internal.http.BodyLimit;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Reasoning;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.providers.internal.http.ErrorClassifier;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.util.List;
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
 * Anthropic's Messages protocol ({@code anthropic-messages}) over OkHttp:
 * {@code POST {base}/messages} with {@code x-api-key}, {@code anthropic-version} and, when
 * betas are enabled, {@code anthropic-beta}. See {@link AnthropicRequestWriter} for the request
 * mapping, {@link AnthropicResponseReader} and {@link AnthropicStreamDecoder} for the reply.
 * Thread-safe. Embeddings are not offered.
 */
public final class AnthropicMessagesAdapter implements ProviderAdapter {
  static final MediaType JSON = MediaType.get("application/json");

  private final String provider;
  private final OkHttpClient client;
  private final HttpUrl messagesUrl;
  private final String version;
  private final String beta;
  private final Map<String, String> headers;
  private final ErrorClassifier errors = new ErrorClassifier();

  /**
   * Creates the adapter.
   *
   * @param provider the provider slug, put on responses and errors
   * @param client the HTTP client
   * @param baseUrl the API root, for example {@code https://api.anthropic.com/v1}
   * @param version the {@code anthropic-version} header
   * @param betas the {@code anthropic-beta} features, none for no header
   * @param headers extra headers sent with every request
   */
  public AnthropicMessagesAdapter(String provider, OkHttpClient client, HttpUrl baseUrl,
      String version, List<String> betas, Map<String, String> headers) {
    this.provider = provider;
    this.client = client;
    this.messagesUrl = baseUrl.newBuilder().addPathSegment("messages").build();
    this.version = version;
    this.beta = betas.isEmpty() ? null : String.join(",", betas);
    this.headers = Map.copyOf(headers);
  }

  @Override
  public String protocol() {
    return "anthropic-messages";
  }

  @Override
  public ChatResponse chat(ProviderCall call) {
    Request request = request(call, false);
    Call http = client.newCall(request);
    http.timeout().timeout(call.timeout().toNanos(), TimeUnit.NANOSECONDS);
    String model = call.endpoint().model();
    try (Response response = http.execute()) {
      if (!response.isSuccessful()) {
        throw classify(errors, response, provider, model);
      }
      return AnthropicResponseReader.read(BodyLimit.source(response.body(), provider), provider,
          excludesReasoning(call));
    } catch (IOException e) {
      throw errors.classifyTransport(e, provider, model);
    }
  }

  @Override
  public StreamHandle stream(ProviderCall call, ChunkListener listener) {
    Call http = client.newCall(request(call, true));
    // The timeout bounds the whole stream, as it bounds a whole non-streamed answer.
    http.timeout().timeout(call.timeout().toNanos(), TimeUnit.NANOSECONDS);
    AnthropicStreamCall stream = new AnthropicStreamCall(http, listener, errors, provider,
        call.endpoint().model(), excludesReasoning(call));
    stream.start();
    return stream;
  }

  Request request(ProviderCall call, boolean stream) {
    Buffer body = new Buffer();
    try {
      com.squareup.moshi.JsonWriter w = com.squareup.moshi.JsonWriter.of(body);
      w.setSerializeNulls(false);
      JsonTrees.write(w, AnthropicRequestWriter.body(call.request(), call.endpoint(), stream));
      w.flush();
    } catch (IOException e) {
      throw new RouterException(ErrorCategory.INVALID_REQUEST,
          "could not encode the request for " + provider + ": " + e.getMessage(), e);
    }
    Request.Builder b = new Request.Builder().url(messagesUrl)
        .post(RequestBody.create(body.readByteString(), JSON))
        .header("Accept", stream ? "text/event-stream" : "application/json")
        .header("anthropic-version", version);
    if (beta != null) {
      b.header("anthropic-beta", beta);
    }
    Credential credential = call.credential();
    if (credential != null) {
      b.header("x-api-key", credential.secret());
    }
    headers.forEach(b::header);
    return b.build();
  }

  private static boolean excludesReasoning(ProviderCall call) {
    Reasoning r = call.request().effectiveReasoning();
    return r != null && Boolean.TRUE.equals(r.exclude());
  }

  /**
   * Classifies an error reply, adding Anthropic's request id (the {@code request-id} header,
   * else the body's {@code request_id}), which the shared classifier does not read.
   */
  static ProviderException classify(ErrorClassifier errors, Response response, String provider,
      String model) {
    ProviderException e = errors.classify(response, provider, model);
    String requestId = response.header("request-id");
    if (requestId == null) {
      requestId = bodyRequestId(response);
    }
    if (requestId == null || e.requestId() != null) {
      return e;
    }
    ProviderException.Builder b = ProviderException.builder(e.category())
        .provider(e.provider())
        .model(e.model())
        .httpStatus(e.httpStatus())
        .providerType(e.providerType())
        .providerCode(e.providerCode())
        .providerMessage(e.providerMessage())
        .retryAfter(e.retryAfter())
        .requestId(requestId)
        .cause(e.getCause());
    if (e.retryable() != e.category().retryable()) {
      b.retryable(e.retryable());
    }
    if (e.fallbackWorthy() != e.category().fallbackWorthy()) {
      b.fallbackWorthy(e.fallbackWorthy());
    }
    return b.build();
  }

  private static String bodyRequestId(Response response) {
    try {
      Object tree = AnthropicWire.parse(response.peekBody(ErrorClassifier.MAX_ERROR_BODY_BYTES).string());
      String id = tree instanceof Map<?, ?> m ? AnthropicWire.str(m.get("request_id")) : null;
      return id != null && id.matches("[A-Za-z0-9_\\-]{1,100}") ? id : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "AnthropicMessagesAdapter[" + provider + ", " + messagesUrl + ", " + version + "]";
  }
}
