package dev.router4j.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.Anthropic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Shared set-up for the Anthropic adapter tests: a mock server, the adapter, JSON helpers. */
final class AnthropicFixture implements AutoCloseable {
  static final String KEY = "sk-ant-api03-test-key-0000";
  static final Endpoint SONNET = Endpoint.builder("anthropic", "anthropic/claude-sonnet-4.5")
      .upstreamModel("claude-sonnet-4-5-20250929").contextLength(200_000).build();
  static final Endpoint SONNET_64K = SONNET.toBuilder().maxCompletionTokens(64_000).build();

  final MockWebServer server = new MockWebServer();
  final ProviderAdapter adapter;
  final Provider provider;

  AnthropicFixture() {
    this(Anthropic.builder());
  }

  AnthropicFixture(Anthropic.Builder builder) {
    try {
      server.start(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    provider = builder.baseUrl(server.url("/v1").toString()).apiKey(KEY).build();
    adapter = provider.adapter();
  }

  @Override
  public void close() {
    server.close();
  }

  ProviderCall call(ChatRequest request) {
    return call(request, SONNET);
  }

  ProviderCall call(ChatRequest request, Endpoint endpoint) {
    Credential credential = provider.credentials().get(0);
    return new ProviderCall(request, endpoint, credential, Duration.ofSeconds(10));
  }

  static ChatRequest.Builder request() {
    return ChatRequest.builder().model("anthropic/claude-sonnet-4.5");
  }

  /** Enqueues a JSON reply. */
  void reply(int code, String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").body(body);
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    server.enqueue(b.build());
  }

  /** Enqueues an answer that is read and ignored, for request-mapping tests. */
  void replyOk() {
    reply(200, resource("message-text.json"));
  }

  /** Enqueues an event stream delivered a few bytes at a time, so that reads end anywhere. */
  void replyStream(String body, int bytesPerMillisecond) {
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "text/event-stream; charset=utf-8")
        .addHeader("request-id", "req_stream")
        .throttleBody(bytesPerMillisecond, 1, TimeUnit.MILLISECONDS)
        .body(body).build());
  }

  /** Enqueues an event stream sent as HTTP chunks of at most {@code chunk} bytes. */
  void replyChunked(String body, int chunk) {
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "text/event-stream; charset=utf-8")
        .chunkedBody(body, chunk).build());
  }

  RecordedRequest taken() {
    try {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(r).as("a request reached the server").isNotNull();
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The JSON body of the next request to reach the server, as a tree. */
  Map<String, Object> sentBody() {
    return json(taken().getBody().utf8());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) {
    try {
      return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Object>) o;
  }

  /** The {@code i}-th element of a list, as an object. */
  static Map<String, Object> at(Object list, int i) {
    return map(list(list).get(i));
  }

  static String resource(String name) {
    try (InputStream in = AnthropicFixture.class.getResourceAsStream("/anthropic/" + name)) {
      assertThat(in).as("resource " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records what a stream delivers; checks that exactly one terminal callback comes. */
  static final class Collector implements ChunkListener {
    final List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
    final CompletableFuture<RouterException> done = new CompletableFuture<>();
    final AtomicInteger terminals = new AtomicInteger();
    final CompletableFuture<ChatChunk> first = new CompletableFuture<>();

    @Override
    public void onChunk(ChatChunk chunk) {
      assertThat(done).as("no chunk after the end").isNotDone();
      chunks.add(chunk);
      first.complete(chunk);
    }

    @Override
    public void onComplete() {
      terminals.incrementAndGet();
      done.complete(null);
    }

    @Override
    public void onError(RouterException error) {
      terminals.incrementAndGet();
      done.complete(error);
    }

    /** Waits for the end; null for a clean finish, else the error. */
    RouterException await() {
      try {
        return done.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("the stream did not end", e);
      }
    }

    String text() {
      StringBuilder b = new StringBuilder();
      chunks.forEach(c -> b.append(c.text()));
      return b.toString();
    }
  }
}
