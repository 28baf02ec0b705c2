package dev.router4j.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.FinishReason;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.ToolCall;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.Usage;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.providers.Gemini;
import dev.router4j.providers.testing.MockProviderFixture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A Gemini provider pointed at a MockWebServer, and helpers to read what it was sent. */
abstract class GeminiTestSupport {
  static final String KEY = "AIza" + "SyTest-0123456789abcdefghijklmnop";

  MockWebServer server;
  Provider provider;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(0);
    provider = Gemini.builder().baseUrl(server.url("/v1beta").toString()).apiKey(KEY).build();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  static Endpoint endpoint(String upstream) {
    return Endpoint.builder(Gemini.SLUG, "google/" + upstream).pricing(Pricing.FREE).build();
  }

  ProviderCall call(ChatRequest request, String upstream) {
    return new ProviderCall(request, endpoint(upstream), provider.credentials().get(0),
        Duration.ofSeconds(20));
  }

  ProviderCall call(ChatRequest request) {
    return call(request, "gemini-2.5-flash");
  }

  static String resource(String name) {
    return MockProviderFixture.resource("gemini", name);
  }

  static String crlf(String lf) {
    return lf.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  void enqueueJson(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json; charset=UTF-8").body(body).build());
  }

  /** An SSE reply delivered a few bytes at a time, so chunk boundaries fall everywhere. */
  void enqueueSse(String body, long bytesPerMillisecond) {
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "text/event-stream")
        .throttleBody(bytesPerMillisecond, 1, TimeUnit.MILLISECONDS)
        .body(body).build());
  }

  ChatResponse chat(ChatRequest request) {
    return provider.adapter().chat(call(request));
  }

  /** Sends a request against a canned reply and returns the JSON body Gemini received. */
  Map<String, Object> sent(ChatRequest request, String upstream) throws InterruptedException {
    enqueueJson(200, resource("generate-text.json"));
    provider.adapter().chat(call(request, upstream));
    return json(server.takeRequest());
  }

  Map<String, Object> sent(ChatRequest request) throws InterruptedException {
    return sent(request, "gemini-2.5-flash");
  }

  static Map<String, Object> json(RecordedRequest r) {
    return MockProviderFixture.json(r.getBody().utf8());
  }

  static Map<String, Object> obj(Object o) {
    return MockProviderFixture.map(o);
  }

  static List<Object> arr(Object o) {
    return MockProviderFixture.list(o);
  }

  /** Follows a path of member names and array indexes through a JSON tree. */
  static Object at(Object tree, Object... path) {
    Object node = tree;
    for (Object step : path) {
      if (step instanceof Integer i) {
        node = arr(node).get(i);
      } else {
        node = obj(node).get((String) step);
      }
    }
    return node;
  }

  /** Collects a stream's chunks and its one terminal event. */
  static final class Collector implements ChunkListener {
    final List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
    final List<RouterException> errors = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);
    final CountDownLatch first = new CountDownLatch(1);
    volatile int terminals;
    volatile boolean completed;

    @Override
    public void onChunk(ChatChunk chunk) {
      chunks.add(chunk);
      first.countDown();
    }

    @Override
    public void onComplete() {
      terminals++;
      completed = true;
      done.countDown();
    }

    @Override
    public void onError(RouterException error) {
      terminals++;
      errors.add(error);
      done.countDown();
    }

    void await() throws InterruptedException {
      assertThat(done.await(20, TimeUnit.SECONDS)).as("stream ended").isTrue();
      Thread.sleep(50); // a second terminal callback would show now
      assertThat(terminals).as("terminal callbacks").isEqualTo(1);
    }

    String text() {
      StringBuilder b = new StringBuilder();
      chunks.forEach(c -> b.append(c.text()));
      return b.toString();
    }

    /** The answer the chunks add up to, assembled as the router's assembler does. */
    Assembled assemble() {
      Assembled a = new Assembled();
      Map<Integer, String[]> tools = new TreeMap<>();
      StringBuilder content = null;
      StringBuilder reasoning = null;
      for (ChatChunk c : chunks) {
        if (c.usage() != null) {
          a.usage = c.usage();
        }
        for (ChunkChoice ch : c.choices()) {
          if (ch.delta().content() != null) {
            (content == null ? content = new StringBuilder() : content)
                .append(ch.delta().content());
          }
          if (ch.delta().reasoning() != null) {
            (reasoning == null ? reasoning = new StringBuilder() : reasoning)
                .append(ch.delta().reasoning());
          }
          a.details.addAll(ch.delta().reasoningDetails());
          for (ToolCallDelta t : ch.delta().toolCalls()) {
            String[] s = tools.computeIfAbsent(t.index(), k -> new String[] {null, null, ""});
            if (t.id() != null) {
              s[0] = t.id();
            }
            if (t.name() != null) {
              s[1] = t.name();
            }
            if (t.arguments() != null) {
              s[2] += t.arguments();
            }
          }
          if (ch.finishReason() != null) {
            a.finish = ch.finishReason();
            a.nativeFinish = ch.nativeFinishReason();
          }
        }
      }
      for (String[] s : tools.values()) {
        a.toolCalls.add(new ToolCall(s[0], s[1], s[2]));
      }
      a.content = content == null ? (a.toolCalls.isEmpty() ? "" : null) : content.toString();
      a.reasoning = reasoning == null ? null : reasoning.toString();
      return a;
    }
  }

  static final class Assembled {
    String content;
    String reasoning;
    final List<ReasoningDetail> details = new ArrayList<>();
    final List<ToolCall> toolCalls = new ArrayList<>();
    FinishReason finish;
    String nativeFinish;
    Usage usage;
  }

  StreamHandle stream(ChatRequest request, String upstream, Collector collector) {
    return provider.adapter().stream(call(request, upstream), collector);
  }
}
