package dev.router4j.providers.internal.openai;

import dev.router4j.api.ChatResponse;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.providers.internal.http.ErrorClassifier;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * The Chat Completions protocol over OkHttp, for api.openai.com and every host that speaks it.
 * What differs between hosts (auth header, field names, extra fields) is data: an
 * {@link OpenAiDialect}, an {@link AuthStyle}, a base URL and extra headers.
 */
public final class OpenAiChatAdapter implements ProviderAdapter {
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final String provider;
  private final OkHttpClient client;
  private final HttpUrl chatUrl;
  private final OpenAiDialect dialect;
  private final AuthStyle auth;
  private final Map<String, String> headers;
  private final OpenAiRequestWriter writer;
  private final ErrorClassifier errors;

  /**
   * Creates the adapter.
   *
   * @param provider the provider slug, used in errors
   * @param client the shared HTTP client
   * @param baseUrl the API root, for example {@code https://api.openai.com/v1}
   * @param dialect the host's wire differences
   * @param auth how the key is sent
   * @param headers extra headers sent with every request
   */
  public OpenAiChatAdapter(String provider, OkHttpClient client, HttpUrl baseUrl,
      OpenAiDialect dialect, AuthStyle auth, Map<String, String> headers) {
    this.provider = provider;
    this.client = client;
    this.chatUrl = baseUrl.newBuilder().addPathSegments("chat/completions").build();
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

  @Override
  public ChatResponse chat(ProviderCall call) {
    Request request = request(call, false);
    Call http = client.newCall(request);
    http.timeout().timeout(call.timeout().toNanos(), TimeUnit.NANOSECONDS);
    String model = call.endpoint().model();
    try (Response response = http.execute()) {
      if (!response.isSuccessful()) {
        throw errors.classify(response, provider, model);
      }
      ResponseBody body = response.body();
      ChatResponse parsed = OpenAiResponseReader.read(body.source());
      if (parsed.provider() == null) {
        parsed = parsed.toBuilder().provider(provider).build();
      }
      return parsed;
    } catch (IOException e) {
      throw errors.classifyTransport(e, provider, model);
    }
  }

  Request request(ProviderCall call, boolean stream) {
    Buffer body = new Buffer();
    try {
      writer.write(call.request(), call.endpoint(), stream, body);
    } catch (IOException e) {
      throw new RouterException(ErrorCategory.INVALID_REQUEST,
          "could not encode the request for " + provider + ": " + e.getMessage(), e);
    }
    Request.Builder b = new Request.Builder().url(chatUrl)
        .post(RequestBody.create(body.readByteString(), JSON))
        .header("Accept", stream ? "text/event-stream" : "application/json");
    Credential credential = call.credential();
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

  @Override
  public StreamHandle stream(ProviderCall call, ChunkListener listener) {
    Call http = client.newCall(request(call, true));
    // The timeout bounds the whole stream, as it bounds a whole non-streamed answer.
    http.timeout().timeout(call.timeout().toNanos(), TimeUnit.NANOSECONDS);
    OpenAiStreamCall stream =
        new OpenAiStreamCall(http, listener, errors, provider, call.endpoint().model());
    stream.start();
    return stream;
  }

  @Override
  public String toString() {
    return "OpenAiChatAdapter[" + provider + ", " + chatUrl + ", " + dialect + "]";
  }
}
