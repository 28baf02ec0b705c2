package dev.router4j.providers.openai;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * An HTTP client that answers every call itself with a canned reply and records the request,
 * so that a preset can be tested against its real base URL without a network.
 */
final class Recorder implements Interceptor {
  final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile String reply = OpenAiFixture.resource("chat-text.json");
  private volatile int code = 200;
  private volatile String contentType = "application/json";

  OkHttpClient client() {
    return new OkHttpClient.Builder().addInterceptor(this).build();
  }

  Recorder answer(int code, String body, String contentType) {
    this.code = code;
    this.reply = body;
    this.contentType = contentType;
    return this;
  }

  @Override
  public Response intercept(Chain chain) {
    Request request = chain.request();
    requests.add(request);
    return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(code)
        .message("canned").header("x-request-id", "req_recorded")
        .body(ResponseBody.create(reply, MediaType.get(contentType))).build();
  }

  Request last() {
    return requests.get(requests.size() - 1);
  }

  /** The last request's body as a JSON tree. */
  Map<String, Object> lastBody() {
    Buffer b = new Buffer();
    try {
      last().body().writeTo(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return OpenAiFixture.json(b.readUtf8());
  }

  /** The body of the last request once it is a stream request (streams are sent asynchronously). */
  Map<String, Object> lastBodyEventually() {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!requests.isEmpty() && lastBody().containsKey("stream")) {
        return lastBody();
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no stream request was sent");
  }

  static ChatResponse chat(Provider p, ChatRequest request, Endpoint endpoint) {
    return p.adapter().chat(new ProviderCall(request, endpoint,
        p.credentials().isEmpty() ? null : p.credentials().get(0), Duration.ofSeconds(5)));
  }
}
