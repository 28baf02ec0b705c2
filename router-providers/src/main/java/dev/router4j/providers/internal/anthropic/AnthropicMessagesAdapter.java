package dev.router4j.providers.internal.anthropic;

import dev.router4j.api.ChatResponse;
import dev.router4j.api.Reasoning;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.providers.internal.http.ProviderHttp;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Anthropic's Messages protocol ({@code anthropic-messages}) over OkHttp:
 * {@code POST {base}/messages} with {@code x-api-key}, {@code anthropic-version} and, when
 * betas are enabled, {@code anthropic-beta}. See {@link AnthropicRequestWriter} for the request
 * mapping, {@link AnthropicResponseReader} and {@link AnthropicStreamDecoder} for the reply.
 * Errors are classified by the shared {@link dev.router4j.providers.internal.http.ErrorClassifier}
 * (the request id from the {@code request-id} header, else the body's {@code request_id}).
 * Thread-safe. Embeddings are not offered.
 */
public final class AnthropicMessagesAdapter implements ProviderAdapter {
  static final MediaType JSON = MediaType.get("application/json");

  private final String provider;
  private final ProviderHttp http;
  private final HttpUrl messagesUrl;
  private final String version;
  private final String beta;
  private final Map<String, String> headers;

  /**
   * Creates the adapter.
   *
   * @param provider the provider slug, put on responses and errors
   * @param client the HTTP client
   * @param baseUrl the API root, for example {@code https://api.anthropic.com/v1}
   * @param version the {@code anthropic-version} header
   * @param betas the {@code anthropic-beta} features, none for no header
   * @param headers extra headers sent with every request
   * @param maxResponseBytes the most bytes read of one reply or stream
   */
  public AnthropicMessagesAdapter(String provider, OkHttpClient client, HttpUrl baseUrl,
      String version, List<String> betas, Map<String, String> headers, long maxResponseBytes) {
    this.provider = provider;
    this.http = new ProviderHttp(client, provider, maxResponseBytes);
    this.messagesUrl = baseUrl.newBuilder().addPathSegment("messages").build();
    this.version = version;
    this.beta = betas.isEmpty() ? null : String.join(",", betas);
    // In the caller's order, the same on every run (Map.copyOf's order changes between JVMs).
    this.headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
  }

  @Override
  public String protocol() {
    return "anthropic-messages";
  }

  @Override
  public ChatResponse chat(ProviderCall call) {
    boolean excludeReasoning = excludesReasoning(call);
    return http.execute(request(call, false), call, response -> AnthropicResponseReader.read(
        http.body(response), provider, excludeReasoning));
  }

  @Override
  public StreamHandle stream(ProviderCall call, ChunkListener listener) {
    return streamCall(call, listener).start();
  }

  /** The same stream, unsent: the router's consumer reads it on its own thread. */
  @Override
  public StreamHandle openStream(ProviderCall call, ChunkListener listener) {
    return streamCall(call, listener);
  }

  private AnthropicStreamCall streamCall(ProviderCall call, ChunkListener listener) {
    return new AnthropicStreamCall(http, request(call, true), call, listener,
        excludesReasoning(call));
  }

  Request request(ProviderCall call, boolean stream) {
    RequestBody body = http.json(
        () -> AnthropicRequestWriter.body(call.request(), call.endpoint(), stream), false, JSON);
    Request.Builder b = ProviderHttp.post(messagesUrl, body, stream)
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

  @Override
  public String toString() {
    return "AnthropicMessagesAdapter[" + provider + ", " + messagesUrl + ", " + version + "]";
  }
}
