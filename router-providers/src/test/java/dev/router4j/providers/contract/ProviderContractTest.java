package dev.router4j.providers.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Message;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolCall;
import dev.router4j.api.Usage;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.PulledStream;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.providers.testing.EndlessStream;
import dev.router4j.providers.testing.StreamCollector;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every adapter promises, whatever its protocol: the same scripted conversation runs
 * against OpenAI, an OpenAI-compatible preset, Anthropic and Gemini, each answered in its own
 * wire format by a mock server.
 */
class ProviderContractTest {
  private static final String ANSWER = "The Seine, the Loire and the Rhône — all three.";
  private static final List<String> PIECES =
      List.of("The Seine,", " the Loire", " and the Rhône", " — all three.");
  private static final Tool WEATHER = Tool.function("get_weather", "Current weather in a city",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");

  private MockWebServer server;

  static Stream<AdapterFixture> adapters() {
    return Stream.of(OpenAiProtocol.openAi(), OpenAiProtocol.groq(), new AnthropicProtocol(),
        new GeminiProtocol());
  }

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Provider provider(AdapterFixture fx) {
    return fx.provider(server.url("/").toString());
  }

  private ProviderCall call(AdapterFixture fx, Provider p, ChatRequest request) {
    return new ProviderCall(request, fx.endpoint(), p.credentials().get(0), Duration.ofSeconds(10));
  }

  private static ChatRequest.Builder request(AdapterFixture fx) {
    return ChatRequest.builder().model(fx.endpoint().model()).maxTokens(256);
  }

  private void json(int code, String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").body(body);
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    server.enqueue(b.build());
  }

  private void sse(String body) {
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "text/event-stream")
        .throttleBody(16, 1, TimeUnit.MILLISECONDS).body(body).build());
  }

  private Map<String, Object> sentBody() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).as("a request reached the server").isNotNull();
    return Json.map(Json.read(r.getBody().utf8()));
  }

  private static String everything(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void aPlainChatAnswersWithTextStopAndUsage(AdapterFixture fx) throws Exception {
    Provider p = provider(fx);
    json(200, fx.chatReply(ANSWER, 31, 12));

    ChatResponse r = p.adapter().chat(call(fx, p,
        request(fx).system("You are terse.").user("Name three French rivers.").build()));

    assertThat(r.text()).isEqualTo(ANSWER);
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.choices().get(0).nativeFinishReason()).isNotBlank();
    assertThat(r.provider()).isEqualTo(p.slug());
    Usage u = r.usage();
    assertThat(u).isNotNull();
    assertThat(u.promptTokens()).isEqualTo(31);
    assertThat(u.completionTokens()).isEqualTo(12);
    assertThat(u.total()).isEqualTo(43);
    assertThat(sentBody()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void aStreamSaysWhatTheNonStreamedAnswerSaysWithUsage(AdapterFixture fx) {
    Provider p = provider(fx);
    ChatRequest request = request(fx).user("Name three French rivers.").build();
    json(200, fx.chatReply(ANSWER, 31, 12));
    ChatResponse whole = p.adapter().chat(call(fx, p, request));

    sse(fx.stream(PIECES, 31, 12));
    StreamCollector c = new StreamCollector();
    p.adapter().stream(call(fx, p, request.toBuilder().stream(true).build()), c);

    assertThat(c.await()).isNull();
    assertThat(c.terminals.get()).isEqualTo(1);
    assertThat(c.text()).isEqualTo(whole.text()).isEqualTo(ANSWER);
    assertThat(c.finish()).isEqualTo(FinishReason.STOP);
    Usage u = c.usage();
    assertThat(u).as("usage arrives with the stream").isNotNull();
    assertThat(u.promptTokens()).isEqualTo(31);
    assertThat(u.completionTokens()).isEqualTo(12);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void aToolRoundTripCallsTheToolAndHearsItsResult(AdapterFixture fx) throws Exception {
    Provider p = provider(fx);
    json(200, fx.toolCallReply("call_contract_1", "get_weather", "{\"city\":\"Paris\"}"));

    ChatRequest ask = request(fx).user("What is the weather in Paris?").tools(WEATHER).build();
    ChatResponse first = p.adapter().chat(call(fx, p, ask));

    assertThat(fx.toolNames(sentBody())).containsExactly("get_weather");
    assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(first.toolCalls()).hasSize(1);
    ToolCall called = first.toolCalls().get(0);
    assertThat(called.id()).isNotBlank();
    assertThat(called.name()).isEqualTo("get_weather");
    assertThat(Json.read(called.arguments())).isEqualTo(Map.of("city", "Paris"));

    json(200, fx.chatReply("It is 21 °C in Paris.", 60, 9));
    String result = "{\"celsius\":21}";
    ChatResponse answer = p.adapter().chat(call(fx, p, ask.toBuilder()
        .message(first.message())
        .message(Message.tool(called.id(), result))
        .build()));

    assertThat(fx.carriesToolResult(sentBody(), called.id(), called.name(), result))
        .as("the second request carries the tool's result").isTrue();
    assertThat(answer.text()).isEqualTo("It is 21 °C in Paris.");
    assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void errorsAreClassifiedKeepTheStatusAndNeverTheKey(AdapterFixture fx) {
    Provider p = provider(fx);
    record Case(int status, ErrorCategory category, boolean retryable) {}
    List<Case> cases = List.of(
        new Case(400, ErrorCategory.INVALID_REQUEST, false),
        new Case(401, ErrorCategory.AUTHENTICATION, false),
        new Case(429, ErrorCategory.RATE_LIMITED, true),
        new Case(500, ErrorCategory.PROVIDER_ERROR, true),
        new Case(503, ErrorCategory.PROVIDER_OVERLOADED, true));
    for (Case k : cases) {
      String message = "Request failed for key " + fx.key() + " (test " + k.status() + ")";
      if (k.status() == 429) {
        json(429, fx.errorBody(429, message), "retry-after", "7");
      } else {
        json(k.status(), fx.errorBody(k.status(), message));
      }
      ProviderException e = catchThrowableOfType(ProviderException.class,
          () -> p.adapter().chat(call(fx, p, request(fx).user("Hi").build())));

      assertThat(e).as("HTTP %s", k.status()).isNotNull();
      assertThat(e.category()).as("HTTP %s", k.status()).isEqualTo(k.category());
      assertThat(e.httpStatus()).isEqualTo(k.status());
      assertThat(e.retryable()).as("HTTP %s retryable", k.status()).isEqualTo(k.retryable());
      assertThat(e.provider()).isEqualTo(p.slug());
      assertThat(e.providerMessage()).contains("test " + k.status());
      assertThat(everything(e)).as("no key in any message").doesNotContain(fx.key());
      if (k.status() == 429) {
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void anErrorBeforeTheStreamIsClassifiedLikeAnyOther(AdapterFixture fx) {
    Provider p = provider(fx);
    json(429, fx.errorBody(429, "slow down"), "retry-after", "2");
    StreamCollector c = new StreamCollector();
    p.adapter().stream(call(fx, p, request(fx).user("Hi").stream(true).build()), c);

    assertThat(c.await()).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
      assertThat(e.httpStatus()).isEqualTo(429);
      assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    });
    assertThat(c.chunks).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void aStreamCutMidwayEndsInterruptedWithThePartialText(AdapterFixture fx) {
    Provider p = provider(fx);
    sse(fx.streamHead(PIECES.subList(0, 2)));
    StreamCollector c = new StreamCollector();
    p.adapter().stream(call(fx, p, request(fx).user("Rivers?").stream(true).build()), c);

    assertThat(c.await()).isInstanceOfSatisfying(StreamInterruptedException.class, e -> {
      assertThat(e.partialText()).isEqualTo("The Seine, the Loire");
      assertThat(e.category()).isEqualTo(ErrorCategory.STREAM_INTERRUPTED);
    });
    assertThat(c.text()).isEqualTo("The Seine, the Loire");
    assertThat(c.finish()).isNull();
    assertThat(c.terminals.get()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void cancellingAStreamClosesTheConnection(AdapterFixture fx) throws Exception {
    Provider p = provider(fx);
    String opening = fx.streamHead(List.of("Once"));
    EndlessStream endless = new EndlessStream(opening, ": ping\n\n");
    server.enqueue(endless.response());
    StreamCollector c = new StreamCollector();
    StreamHandle handle =
        p.adapter().stream(call(fx, p, request(fx).user("A story").stream(true).build()), c);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!c.text().equals("Once") && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(c.text()).isEqualTo("Once");

    handle.cancel();
    RouterException error = c.await();
    assertThat(error.category()).isEqualTo(ErrorCategory.CANCELLED);
    assertThat(endless.closedByClient().await(5, TimeUnit.SECONDS))
        .as("the server sees the socket closed").isTrue();
    handle.cancel();
    Thread.sleep(100);
    assertThat(c.terminals.get()).isEqualTo(1);
  }

  // ---- pulled streams: the same rules, read on the caller's thread ---------------------------

  /** Pumps a pulled stream on this thread to its end, at most 10,000 times. */
  private static int pumpToTheEnd(StreamHandle handle) {
    assertThat(handle).isInstanceOf(PulledStream.class);
    int pumps = 0;
    while (((PulledStream) handle).pump()) {
      assertThat(++pumps).as("pumps").isLessThan(10_000);
    }
    return pumps;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void aPulledStreamSaysTheSameOnTheCallersThreadAndSendsNothingBeforeItsFirstPump(
      AdapterFixture fx) throws Exception {
    Provider p = provider(fx);
    sse(fx.stream(PIECES, 31, 12));
    List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    StreamCollector c = new StreamCollector() {
      @Override
      public void onChunk(dev.router4j.api.ChatChunk chunk) {
        threads.add(Thread.currentThread().getName());
        super.onChunk(chunk);
      }
    };
    StreamHandle handle = p.adapter().openStream(
        call(fx, p, request(fx).user("Name three French rivers.").stream(true).build()), c);
    Thread.sleep(50);
    assertThat(server.getRequestCount()).as("nothing sent before the first pump").isZero();

    int pumps = pumpToTheEnd(handle);

    assertThat(c.done).as("ended within the pumps").isDone();
    assertThat(c.await()).isNull();
    assertThat(c.terminals.get()).isEqualTo(1);
    assertThat(c.text()).isEqualTo(ANSWER);
    assertThat(c.finish()).isEqualTo(FinishReason.STOP);
    assertThat(c.usage().completionTokens()).isEqualTo(12);
    assertThat(threads).containsOnly(Thread.currentThread().getName());
    assertThat(pumps).as("one pump per chunk-bearing event, the last one ends it")
        .isLessThanOrEqualTo(c.chunks.size());
    assertThat(((PulledStream) handle).pump()).as("pumping an ended stream").isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void aPulledStreamReportsErrorsAndCutsLikeAPushedOne(AdapterFixture fx) {
    Provider p = provider(fx);
    json(429, fx.errorBody(429, "slow down"), "retry-after", "2");
    StreamCollector refused = new StreamCollector();
    pumpToTheEnd(p.adapter().openStream(
        call(fx, p, request(fx).user("Hi").stream(true).build()), refused));
    assertThat(refused.done).isDone();
    assertThat(refused.await()).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
      assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    });

    sse(fx.streamHead(PIECES.subList(0, 2)));
    StreamCollector cut = new StreamCollector();
    pumpToTheEnd(p.adapter().openStream(
        call(fx, p, request(fx).user("Rivers?").stream(true).build()), cut));
    assertThat(cut.done).isDone();
    assertThat(cut.await()).isInstanceOfSatisfying(StreamInterruptedException.class,
        e -> assertThat(e.partialText()).isEqualTo("The Seine, the Loire"));
    assertThat(cut.terminals.get()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void cancellingAPulledStreamFromAnotherThreadStopsItsPumpAndClosesTheConnection(
      AdapterFixture fx) throws Exception {
    Provider p = provider(fx);
    EndlessStream endless = new EndlessStream(fx.streamHead(List.of("Once")), ": ping\n\n");
    server.enqueue(endless.response());
    StreamCollector c = new StreamCollector();
    StreamHandle handle = p.adapter().openStream(
        call(fx, p, request(fx).user("A story").stream(true).build()), c);
    for (int i = 0; i < 10 && !c.text().equals("Once"); i++) {
      assertThat(((PulledStream) handle).pump()).isTrue(); // a role-only chunk may come first
    }
    assertThat(c.text()).isEqualTo("Once");
    Thread canceller = new Thread(() -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      handle.cancel();
    });
    canceller.start();
    long start = System.nanoTime();
    assertThat(((PulledStream) handle).pump()).as("the pump waiting on pings ends").isFalse();
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    canceller.join();
    assertThat(c.await().category()).isEqualTo(ErrorCategory.CANCELLED);
    assertThat(endless.closedByClient().await(5, TimeUnit.SECONDS))
        .as("the server sees the socket closed").isTrue();
    assertThat(c.terminals.get()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void aPushedStreamEndsAtTheAttemptsTimeoutWhileAPulledOneLeavesTheTimeToItsReader(
      AdapterFixture fx) throws Exception {
    Provider p = provider(fx);
    ChatRequest story = request(fx).user("A story").stream(true).build();
    Duration timeout = Duration.ofMillis(300);

    server.enqueue(new EndlessStream(fx.streamHead(List.of("Once")), ": ping\n\n").response());
    StreamCollector pushed = new StreamCollector();
    long start = System.nanoTime();
    p.adapter().stream(new ProviderCall(story, fx.endpoint(), p.credentials().get(0), timeout),
        pushed);
    assertThat(pushed.await()).as("the call's timeout ends a pushed stream")
        .isInstanceOfSatisfying(StreamInterruptedException.class,
            e -> assertThat(e.partialText()).isEqualTo("Once"));
    assertThat(System.nanoTime() - start).isBetween(timeout.toNanos(), TimeUnit.SECONDS.toNanos(5));

    server.enqueue(new EndlessStream(fx.streamHead(List.of("Once")), ": ping\n\n").response());
    StreamCollector pulled = new StreamCollector();
    StreamHandle handle = p.adapter().openStream(
        new ProviderCall(story, fx.endpoint(), p.credentials().get(0), timeout), pulled);
    for (int i = 0; i < 10 && !pulled.text().equals("Once"); i++) {
      assertThat(((PulledStream) handle).pump()).isTrue();
    }
    Thread canceller = new Thread(() -> {
      try {
        Thread.sleep(3 * timeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      handle.cancel();
    });
    canceller.start();
    assertThat(((PulledStream) handle).pump()).isFalse();
    canceller.join();
    assertThat(pulled.await().category()).as("still open past the timeout, until its reader cancels")
        .isEqualTo(ErrorCategory.CANCELLED);
    assertThat(pulled.terminals.get()).isEqualTo(1);
  }
}
