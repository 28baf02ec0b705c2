package dev.router4j.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Delta;
import dev.router4j.api.FinishReason;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.Usage;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.OpenAi;
import dev.router4j.providers.OpenAiCompatible;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** An OpenAI provider pointed at a mock server, with helpers to script replies and read requests. */
final class OpenAiFixture implements AutoCloseable {
  static final String KEY = "sk-proj-test-0123456789abcdef";
  static final Endpoint GPT_41 = Endpoint.builder("openai", "openai/gpt-4.1").build();
  static final Endpoint O3_MINI = Endpoint.builder("openai", "openai/o3-mini").build();
  static final Endpoint GPT_5 = Endpoint.builder("openai", "openai/gpt-5").build();

  final MockWebServer server = new MockWebServer();
  final Provider provider;
  final ProviderAdapter adapter;

  OpenAiFixture() {
    this(OpenAi.builder());
  }

  OpenAiFixture(OpenAiCompatible.Builder builder) {
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

  static ChatRequest.Builder request() {
    return ChatRequest.builder().model("openai/gpt-4.1");
  }

  ProviderCall call(ChatRequest request) {
    return call(request, GPT_41);
  }

  ProviderCall call(ChatRequest request, Endpoint endpoint) {
    Credential credential = provider.credentials().isEmpty() ? null : provider.credentials().get(0);
    return new ProviderCall(request, endpoint, credential, Duration.ofSeconds(10));
  }

  /** Enqueues a JSON reply with extra headers given as name, value pairs. */
  void reply(int code, String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").body(body);
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    server.enqueue(b.build());
  }

  void replyOk() {
    reply(200, resource("chat-text.json"));
  }

  /** Enqueues an event stream written {@code bytesPerMillisecond} bytes at a time. */
  void replyStream(String body, long bytesPerMillisecond) {
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "text/event-stream; charset=utf-8")
        .addHeader("x-request-id", "req_stream_1")
        .throttleBody(bytesPerMillisecond, 1, TimeUnit.MILLISECONDS)
        .body(body).build());
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

  /** The body of the next request, as a JSON tree. */
  Map<String, Object> sentBody() {
    return json(taken().getBody().utf8());
  }

  /** Sends the request against a canned answer and returns the body the server received. */
  Map<String, Object> sent(ChatRequest request) {
    return sent(request, GPT_41);
  }

  Map<String, Object> sent(ChatRequest request, Endpoint endpoint) {
    replyOk();
    adapter.chat(call(request, endpoint));
    return sentBody();
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

  static Map<String, Object> at(Object list, int i) {
    return map(list(list).get(i));
  }

  static String resource(String name) {
    try (InputStream in = OpenAiFixture.class.getResourceAsStream("/openai/" + name)) {
      assertThat(in).as("resource openai/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records a stream; fails a test that sees a chunk after the end or two ends. */
  static final class Collector implements ChunkListener {
    final List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
    final CompletableFuture<RouterException> done = new CompletableFuture<>();
    final CompletableFuture<ChatChunk> first = new CompletableFuture<>();
    final AtomicInteger terminals = new AtomicInteger();

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

    /** Waits for the end: null for a clean finish, else the error. */
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

  /** What a client assembles from a stream: text, reasoning, tool calls by index, the end. */
  record Assembled(String text, String reasoning, String refusal, Map<Integer, String[]> tools,
      FinishReason finish, String nativeFinish, Usage usage) {

    static Assembled of(List<ChatChunk> chunks) {
      StringBuilder text = new StringBuilder();
      StringBuilder reasoning = new StringBuilder();
      StringBuilder refusal = new StringBuilder();
      Map<Integer, String[]> tools = new TreeMap<>();
      FinishReason finish = null;
      String nativeFinish = null;
      Usage usage = null;
      for (ChatChunk c : chunks) {
        if (c.usage() != null) {
          usage = c.usage();
        }
        for (ChunkChoice choice : c.choices()) {
          Delta d = choice.delta();
          if (d.content() != null) {
            text.append(d.content());
          }
          if (d.reasoning() != null) {
            reasoning.append(d.reasoning());
          }
          if (d.refusal() != null) {
            refusal.append(d.refusal());
          }
          for (ToolCallDelta t : d.toolCalls()) {
            String[] call = tools.computeIfAbsent(t.index(), k -> new String[] {null, null, ""});
            if (t.id() != null) {
              call[0] = t.id();
            }
            if (t.name() != null) {
              call[1] = t.name();
            }
            if (t.arguments() != null) {
              call[2] += t.arguments();
            }
          }
          if (choice.finishReason() != null) {
            finish = choice.finishReason();
            nativeFinish = choice.nativeFinishReason();
          }
        }
      }
      return new Assembled(text.toString(), reasoning.toString(), refusal.toString(), tools,
          finish, nativeFinish, usage);
    }
  }
}
