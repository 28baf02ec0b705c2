package dev.router4j.reliability;

import static dev.router4j.reliability.Rig.circuit;
import static dev.router4j.reliability.Rig.records;
import static dev.router4j.reliability.Rig.trace;
import static dev.router4j.reliability.Wire.CHEAP;
import static dev.router4j.reliability.Wire.DEAR;
import static dev.router4j.reliability.Wire.MODEL;
import static dev.router4j.reliability.Wire.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.ChatStream;
import dev.router4j.Router;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.api.error.AllRoutesFailedException;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.Provider;
import dev.router4j.examples.simulator.Fault;
import dev.router4j.examples.simulator.LoopbackSimulator;
import dev.router4j.examples.simulator.Protocol;
import dev.router4j.providers.OpenAiCompatible;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * The fault cases of the reliability suite. Each builds its hosts in a {@link Rig}, sends the
 * same request through a router and asserts the five things the issue asks of every fault: the
 * outcome (answer from the right endpoint, or the right typed error), the route trace, the
 * ledger (exactly one record, or none, charging only the attempt that answered), the circuit
 * breakers afterwards, and — in {@link Rig#close()} — no leaked call, connection or thread.
 *
 * <p>The cases are data so that {@link FaultMatrixTest} runs them one by one and
 * {@link SecretLeakTest} runs all of them again with canary keys under a log capture.
 *
 * <p>Two hosts serve {@value Wire#MODEL}: {@code primary} (cheaper, asked first) and
 * {@code backup}. Routers open a circuit after two consecutive failures, retry once, and
 * record their backoffs instead of sleeping.
 */
final class FaultSuite {
  private FaultSuite() {}

  /** One named fault case. */
  record Case(String name, Consumer<Rig> body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> all() {
    return List.of(
        new Case("connection refused", FaultSuite::connectionRefused),
        new Case("connection refused (stream)", FaultSuite::connectionRefusedStream),
        new Case("reset before headers", FaultSuite::resetBeforeHeaders),
        new Case("reset in the middle of a JSON body", FaultSuite::resetMidJsonBody),
        new Case("reset mid-stream before the first token", FaultSuite::resetMidStreamBeforeFirstToken),
        new Case("reset mid-stream after the first token", FaultSuite::resetMidStreamAfterFirstToken),
        new Case("headers never come (attempt timeout)", FaultSuite::headersNeverCome),
        new Case("headers never come (stream)", FaultSuite::headersNeverComeStream),
        new Case("stream trickles: no first token in time", FaultSuite::noFirstTokenInTime),
        new Case("body trickles past the deadline", FaultSuite::bodyTricklesPastTheDeadline),
        new Case("stream stalls after some tokens", FaultSuite::streamStallsAfterTokens),
        new Case("truncated SSE event before output", FaultSuite::truncatedEventBeforeOutput),
        new Case("truncated SSE event after output", FaultSuite::truncatedEventAfterOutput),
        new Case("malformed JSON in a 200 reply", FaultSuite::malformedJson),
        new Case("malformed JSON in a stream chunk", FaultSuite::malformedChunk),
        new Case("HTML error page from a proxy (502)", FaultSuite::htmlErrorPage),
        new Case("HTML page with status 200 from a proxy", FaultSuite::htmlPageWithStatus200),
        new Case("429 with a short Retry-After", FaultSuite::rateLimitedShortRetryAfter),
        new Case("429 without Retry-After", FaultSuite::rateLimitedNoRetryAfter),
        new Case("429 with a Retry-After of an hour", FaultSuite::rateLimitedRetryAfterAnHour),
        new Case("429 storm on every endpoint", FaultSuite::rateLimitStormEverywhere),
        new Case("503 burst opens the circuit", FaultSuite::overloadBurst503),
        new Case("529 burst (Anthropic protocol)", FaultSuite::overloadBurst529),
        new Case("401 on one of several keys", FaultSuite::badKeyAmongSeveral),
        new Case("a provider answering with another model's name", FaultSuite::otherModelName));
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static Provider primary(Rig rig, String url) {
    return rig.openAi("primary", url, MODEL, CHEAP);
  }

  private static Provider backup(Rig rig, MockWebServer host) {
    return rig.openAi("backup", host.url("/v1").toString(), MODEL, DEAR);
  }

  private static String url(MockWebServer host) {
    return host.url("/v1").toString();
  }

  /** What a blocking call ended with. */
  record Result(ChatResponse answer, RouterException error, long millis) {}

  static Result call(Rig rig, Router router, ChatRequest request) {
    long t0 = System.nanoTime();
    try {
      ChatResponse a = rig.observe(router.chat(request));
      return new Result(a, null, (System.nanoTime() - t0) / 1_000_000);
    } catch (RouterException e) {
      return new Result(null, rig.observe(e), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  /** What a stream delivered and how it ended. */
  record Streamed(String text, ChatResponse answer, RouterException error, long millis) {}

  static Streamed stream(Rig rig, Router router, ChatRequest request) {
    long t0 = System.nanoTime();
    StringBuilder text = new StringBuilder();
    try (ChatStream s = router.stream(request)) {
      for (ChatChunk c : s) {
        if (c.text() != null) {
          text.append(c.text());
        }
      }
      return new Streamed(text.toString(), rig.observe(s.response()), null,
          (System.nanoTime() - t0) / 1_000_000);
    } catch (RouterException e) {
      return new Streamed(text.toString(), null, rig.observe(e), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  /**
   * Exactly one ledger record, for this answer: same id, same exact cost, charged to the
   * answering attempt only.
   */
  static GenerationRecord oneRecordFor(Rig rig, Router router, ChatResponse answer) {
    List<GenerationRecord> records = records(router);
    assertThat(records).as("ledger records").hasSize(1);
    GenerationRecord r = rig.observe(records.get(0));
    assertThat(r.id()).isEqualTo(answer.id());
    assertThat(r.totalCost()).isEqualByComparingTo(answer.cost().total());
    assertThat(r.provider()).isEqualTo(answer.provider());
    List<BigDecimal> charged = r.attempts().stream()
        .filter(a -> a.outcome() == RouteAttempt.Outcome.SUCCESS).map(a -> a.cost()).toList();
    assertThat(charged).as("only the answering attempt is charged").hasSize(1);
    assertThat(charged.get(0)).isEqualByComparingTo(answer.cost().total());
    return r;
  }

  static void noRecord(Router router) {
    assertThat(records(router)).as("a failed call leaves no ledger record").isEmpty();
  }

  /** No record for a failed blocking call; at most one (what it produced) for a broken stream. */
  static void noRecordUnlessBilled(Router router, boolean streamed) {
    List<GenerationRecord> records = records(router);
    if (streamed) {
      assertThat(records).hasSizeLessThanOrEqualTo(1);
    } else {
      assertThat(records).isEmpty();
    }
  }

  /** One record for a stream that broke after output: charged for what it produced. */
  static GenerationRecord oneInterruptedRecord(Rig rig, Router router) {
    List<GenerationRecord> records = records(router);
    assertThat(records).as("ledger records").hasSize(1);
    GenerationRecord r = rig.observe(records.get(0));
    assertThat(r.streamed()).isTrue();
    assertThat(r.cancelled()).isFalse();
    assertThat(r.attempts()).extracting(a -> a.outcome()).as("the broken attempt ends the trace")
        .last().isEqualTo(RouteAttempt.Outcome.FAILED);
    assertThat(r.tokensEstimated()).as("a broken stream's usage is estimated").isTrue();
    assertThat(r.completionTokens()).isPositive();
    assertThat(r.totalCost()).as("the provider billed what it generated").isPositive();
    return r;
  }

  /** The breaker closed, having counted the last failure (the health entry names it). */
  static void closedAfter(Router router, String endpointId, ErrorCategory category) {
    assertThat(circuit(router, endpointId)).isEqualTo("CLOSED");
    assertThat(router.health()).filteredOn(h -> h.endpointId().equals(endpointId)).singleElement()
        .satisfies(h -> assertThat(h.lastFailure()).startsWith(category.name()));
  }

  private static void observeHealth(Rig rig, Router router) {
    rig.observe(router.health());
    rig.observe(router.metrics());
  }

  /** Always answers the same thing. */
  static Dispatcher always(MockResponse response) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return response;
      }
    };
  }

  // ---- transport --------------------------------------------------------------------------

  /** Refused twice (one retry), then the backup answers; the primary's circuit opens. */
  static void connectionRefused(Rig rig) {
    MockWebServer b = rig.mock();
    b.enqueue(Wire.ok());
    Router router = rig.router(primary(rig, Rig.refusingUrl()), backup(rig, b));
    Result r = call(rig, router, ask());
    assertThat(r.error()).isNull();
    assertThat(r.answer().provider()).isEqualTo("backup");
    assertThat(trace(r.answer().route())).containsExactly(
        "primary RETRIED TRANSPORT", "primary FELL_BACK TRANSPORT", "backup SUCCESS");
    assertThat(rig.waits).hasSize(1);
    oneRecordFor(rig, router, r.answer());
    assertThat(r.answer().cost().total()).isEqualByComparingTo("0.0004");
    assertThat(circuit(router, "primary:" + MODEL)).isEqualTo("OPEN");
    assertThat(circuit(router, "backup:" + MODEL)).isEqualTo("CLOSED");
    observeHealth(rig, router);
  }

  /**
   * A stream is retried on the same endpoint like a blocking call while nothing has reached
   * the caller: refused twice (one retry), then the backup streams; the primary's circuit opens.
   */
  static void connectionRefusedStream(Rig rig) {
    MockWebServer b = rig.mock();
    b.enqueue(Wire.sse(Wire.STREAM));
    Router router = rig.router(primary(rig, Rig.refusingUrl()), backup(rig, b));
    Streamed s = stream(rig, router, ask());
    assertThat(s.error()).isNull();
    assertThat(s.text()).isEqualTo("Seine, Loire.");
    assertThat(trace(s.answer().route())).containsExactly(
        "primary RETRIED TRANSPORT", "primary FELL_BACK TRANSPORT", "backup SUCCESS");
    oneRecordFor(rig, router, s.answer());
    assertThat(circuit(router, "primary:" + MODEL)).isEqualTo("OPEN");
    observeHealth(rig, router);
  }

  /** The connection closes before any response byte: retried on the same endpoint, which answers. */
  static void resetBeforeHeaders(Rig rig) {
    MockWebServer p = rig.mock();
    p.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    p.enqueue(Wire.ok());
    MockWebServer b = rig.mock();
    Router router = rig.router(primary(rig, url(p)), backup(rig, b));
    Result r = call(rig, router, ask());
    assertThat(r.error()).isNull();
    assertThat(trace(r.answer().route())).containsExactly(
        "primary RETRIED TRANSPORT", "primary SUCCESS");
    assertThat(p.getRequestCount()).isEqualTo(2);
    assertThat(b.getRequestCount()).isZero();
    oneRecordFor(rig, router, r.answer());
    assertThat(r.answer().cost().total()).isEqualByComparingTo("0.0003");
    assertThat(circuit(router, "primary:" + MODEL)).isEqualTo("CLOSED");
    observeHealth(rig, router);
  }

  /** Headers and half of a JSON body, then the connection closes: a transport failure, retried. */
  static void resetMidJsonBody(Rig rig) {
    MockWebServer p = rig.mock();
    String padded = Wire.REPLY.replace("Seine, Loire, Rhone.", "Seine, Loire, Rhone.".repeat(200));
    p.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(padded).onResponseBody(new SocketEffect.CloseSocket()).build());
    p.enqueue(Wire.ok());
    MockWebServer b = rig.mock();
    Router router = rig.router(primary(rig, url(p)), backup(rig, b));
    Result r = call(rig, router, ask());
    assertThat(r.error()).isNull();
    assertThat(trace(r.answer().route())).containsExactly(
        "primary RETRIED TRANSPORT", "primary SUCCESS");
    assertThat(r.answer().text()).isEqualTo("Seine, Loire, Rhone.");
    oneRecordFor(rig, router, r.answer());
    assertThat(circuit(router, "primary:" + MODEL)).isEqualTo("CLOSED");
    observeHealth(rig, router);
  }

  private static LoopbackSimulator twoSimulatedHosts(Rig rig, Fault primaryFault) {
    return rig.simulator(s -> s
        .provider(dev.router4j.examples.simulator.ProviderSpec.builder("primary", Protocol.OPENAI)
            .apiKey(rig.keys.of("primary").get(0))
            .model(MODEL, m -> m.pricePerMillion("1", "4").reply("Seine, Loire, Rhone and Garonne.")
                .faults(primaryFault)).build())
        .provider(dev.router4j.examples.simulator.ProviderSpec.builder("backup", Protocol.OPENAI)
            .apiKey(rig.keys.of("backup").get(0))
            .model(MODEL, m -> m.pricePerMillion("2", "4").reply("Seine and Loire.")).build()));
  }

  /**
   * The stream breaks after its role chunk: nothing reached the caller, so the same endpoint
   * is asked again (the chunk held back is dropped), and its second stream answers.
   */
  static void resetMidStreamBeforeFirstToken(Rig rig) {
    LoopbackSimulator sim = twoSimulatedHosts(rig, Fault.dropMidStream(1));
    Router router = rig.router(rig.openAi(sim, "primary"), rig.openAi(sim, "backup"));
    Streamed s = stream(rig, router, ask());
    assertThat(s.error()).isNull();
    assertThat(s.text()).as("no role or text from the broken stream is repeated")
        .isEqualTo("Seine, Loire, Rhone and Garonne.");
    assertThat(s.answer().route()).extracting(RouteAttempt::provider, RouteAttempt::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("primary", RouteAttempt.Outcome.RETRIED),
            org.assertj.core.groups.Tuple.tuple("primary", RouteAttempt.Outcome.SUCCESS));
    assertThat(sim.requests("primary")).isEqualTo(2);
    assertThat(sim.requests("backup")).isZero();
    GenerationRecord r = oneRecordFor(rig, router, s.answer());
    assertThat(r.provider()).isEqualTo("primary");
    assertThat(circuit(router, "primary:" + MODEL)).isEqualTo("CLOSED");
    observeHealth(rig, router);
  }

  /** The stream breaks after two tokens: the caller keeps them and gets a typed interruption. */
  static void resetMidStreamAfterFirstToken(Rig rig) {
    LoopbackSimulator sim = twoSimulatedHosts(rig, Fault.dropMidStream(3));
    Router router = rig.router(rig.openAi(sim, "primary"), rig.openAi(sim, "backup"));
    Streamed s = stream(rig, router, ask());
    assertThat(s.error()).isInstanceOf(StreamInterruptedException.class);
    StreamInterruptedException e = (StreamInterruptedException) s.error();
    assertThat(s.text()).isNotEmpty();
    assertThat(e.partialText()).isEqualTo(s.text());
    assertThat("Seine, Loire, Rhone and Garonne.").startsWith(s.text());
    assertThat(sim.requests("backup")).as("no fallback after the first token").isZero();
    GenerationRecord r = oneInterruptedRecord(rig, router);
    assertThat(r.provider()).isEqualTo("primary");
    assertThat(circuit(router, "primary:" + MODEL)).isEqualTo("CLOSED");
    closedAfter(router, "primary:" + MODEL, ErrorCategory.STREAM_INTERRUPTED);
    observeHealth(rig, router);
  }

  // ---- time -------------------------------------------------------------------------------------

  /** No headers within the attempt timeout: a timeout, not retried, then the backup. */
  static void headersNeverCome(Rig rig) {
    MockWebServer p = rig.mock();
    p.setDispatcher(always(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE)
        .build()));
    MockWebServer b = rig.mock();
    b.enqueue(Wire.ok());
    Router router = rig.router(x -> x.attemptTimeout(Duration.ofMillis(300)),
        primary(rig, url(p)), backup(rig, b));
    Result r = call(rig, router, ask());
    assertThat(r.error()).isNull();
    assertThat(trace(r.answer().route())).containsExactly(
        "primary FELL_BACK TIMEOUT", "backup SUCCESS");
    assertThat(r.millis()).isBetween(250L, 3000L);
    oneRecordFor(rig, router, r.answer());
    assertThat(circuit(router, "primary:" + MODEL)).isEqualTo("CLOSED");
    closedAfter(router, "primary:" + MODEL, ErrorCategory.TIMEOUT);
    observeHealth(rig, router);
  }

  /** A stream whose headers never come: the first-token watchdog moves on to the backup. */
  static void headersNeverComeStream(Rig rig) {
    MockWebServer p = rig.mock();
    p.setDispatcher(always(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE)
        .build()));
    MockWebServer b = rig.mock();
    b.enqueue(Wire.sse(Wire.STREAM));
    Router router = rig.router(x -> x.firstTokenTimeout(Duration.ofMillis(300)),
        primary(rig, url(p)), backup(rig, b));
    Streamed s = stream(rig, router, ask());
    assertThat(s.error()).isNull();
    assertThat(s.text()).isEqualTo("Seine, Loire.");
    assertThat(trace(s.answer().route())).containsExactly(
        "primary FELL_BACK TIMEOUT", "backup SUCCESS");
    assertThat(s.millis()).isBetween(250L, 3000L);
    oneRecordFor(rig, router, s.answer());
    closedAfter(router, "primary:" + MODEL, ErrorCategory.TIMEOUT);
    observeHealth(rig, router);
  }

  /** Headers arrive, then nothing for 5 s: past the first-token timeout, the backup streams. */
  static void noFirstTokenInTime(Rig rig) {
    LoopbackSimulator sim = twoSimulatedHosts(rig, Fault.stall(Duration.ofSeconds(5)));
    Router router = rig.router(x -> x.firstTokenTimeout(Duration.ofMillis(300)),
        rig.openAi(sim, "primary"), rig.openAi(sim, "backup"));
    Streamed s = stream(rig, router, ask());
    assertThat(s.error()).isNull();
    assertThat(s.text()).isEqualTo("Seine and Loire.");
    assertThat(trace(s.answer().route())).containsExactly(
        "primary FELL_BACK TIMEOUT", "backup SUCCESS");
    assertThat(s.millis()).isBetween(250L, 3000L);
    oneRecordFor(rig, router, s.answer());
    closedAfter(router, "primary:" + MODEL, ErrorCategory.TIMEOUT);
    observeHealth(rig, router);
  }

  /**
   * A body that trickles (40 bytes every 100 ms, about 1.4 s in all) under a 700 ms deadline:
   * the attempt's timeout is cut to what is left of the deadline, so the call ends with a typed
   * timeout at the deadline and the backup is never asked.
   */
  static void bodyTricklesPastTheDeadline(Rig rig) {
    MockWebServer p = rig.mock();
    p.enqueue(Wire.trickle(Wire.REPLY + " ".repeat(300), 40, 100));
    MockWebServer b = rig.mock();
    b.enqueue(Wire.ok());
    Router router = rig.router(x -> x.deadline(Duration.ofMillis(700))
        .attemptTimeout(Duration.ofSeconds(10)), primary(rig, url(p)), backup(rig, b));
    Result r = call(rig, router, ask());
    assertThat(r.error()).isNotNull();
    assertThat(r.error().category()).isEqualTo(ErrorCategory.TIMEOUT);
    assertThat(r.millis()).isBetween(600L, 2500L);
    assertThat(b.getRequestCount()).isZero();
    noRecord(router);
    assertThat(circuit(router, "primary:" + MODEL)).isEqualTo("CLOSED");
    closedAfter(router, "primary:" + MODEL, ErrorCategory.TIMEOUT);
    observeHealth(rig, router);
  }

  /** Tokens, then silence: the attempt timeout bounds the whole stream; the caller keeps the tokens. */
  static void streamStallsAfterTokens(Rig rig) {
    LoopbackSimulator sim = twoSimulatedHosts(rig, Fault.stallMidStream(3, Duration.ofSeconds(10)));
    Router router = rig.router(x -> x.attemptTimeout(Duration.ofMillis(800)),
        rig.openAi(sim, "primary"), rig.openAi(sim, "backup"));
    Streamed s = stream(rig, router, ask());
    assertThat(s.error()).isInstanceOf(StreamInterruptedException.class);
    StreamInterruptedException e = (StreamInterruptedException) s.error();
    assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.TIMEOUT);
    assertThat(s.text()).isNotEmpty();
    assertThat(e.partialText()).isEqualTo(s.text());
    assertThat(s.millis()).isBetween(600L, 3000L);
    assertThat(sim.requests("backup")).isZero();
    oneInterruptedRecord(rig, router);
    closedAfter(router, "primary:" + MODEL, ErrorCategory.STREAM_INTERRUPTED);
    observeHealth(rig, router);
  }

  // ---- malformed replies -------------------------------------------------------------------------

  /** The body ends inside an event, before any output: the cut event is not used; fall back. */
  static void truncatedEventBeforeOutput(Rig rig) {
    MockWebServer p = rig.mock();
    p.enqueue(Wire.sse(Wire.ROLE + "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"cont"));
    MockWebServer b = rig.mock();
    b.enqueue(Wire.sse(Wire.STREAM));
    Router router = rig.router(primary(rig, url(p)), backup(rig, b));
    Streamed s = stream(rig, router, ask());
    assertThat(s.error()).isNull();
    assertThat(s.text()).isEqualTo("Seine, Loire.");
    assertThat(trace(s.answer().route())).containsExactly(
        "primary FELL_BACK STREAM_INTERRUPTED", "backup SUCCESS");
    oneRecordFor(rig, router, s.answer());
    closedAfter(router, "primary:" + MODEL, ErrorCategory.STREAM_INTERRUPTED);
    observeHealth(rig, router);
  }

  /** The body ends inside an event after output: typed interruption with exactly the text sent. */
  static void truncatedEventAfterOutput(Rig rig) {
    MockWebServer p = rig.mock();
    p.enqueue(Wire.sse(Wire.ROLE + Wire.content("Seine, ") + Wire.content("Loire, ")
        + "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Rh"));
    MockWebServer b = rig.mock();
    Router router = rig.router(primary(rig, url(p)), backup(rig, b));
    Streamed s = stream(rig, router, ask());
    assertThat(s.error()).isInstanceOf(StreamInterruptedException.class);
    assertThat(s.error().category()).isEqualTo(ErrorCategory.STREAM_INTERRUPTED);
    assertThat(((StreamInterruptedException) s.error()).partialText()).isEqualTo("Seine, Loire, ");
    assertThat(s.text()).isEqualTo("Seine, Loire, ");
    assertThat(b.getRequestCount()).isZero();
    oneInterruptedRecord(rig, router);
    closedAfter(router, "primary:" + MODEL, ErrorCategory.STREAM_INTERRUPTED);
    observeHealth(rig, router);
  }

  /** A 200 whose JSON is cut: a malformed reply (not retried on the same host), then the backup. */
  static void malformedJson(Rig rig) {
    MockWebServer p = rig.mock();
    p.enqueue(Wire.json(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\""));
    MockWebServer b = rig.mock();
    b.enqueue(Wire.ok());
    Router router = rig.router(primary(rig, url(p)), backup(rig, b));
    Result r = call(rig, router, ask());
    assertThat(r.error()).isNull();
    assertThat(trace(r.answer().route())).containsExactly(
        "primary FELL_BACK PROVIDER_ERROR", "backup SUCCESS");
    assertThat(r.answer().route().get(0).detail()).contains("chat completion");
    assertThat(p.getRequestCount()).isEqualTo(1);
    oneRecordFor(rig, router, r.answer());
    assertThat(circuit(router, "primary:" + MODEL)).isEqualTo("CLOSED");
    closedAfter(router, "primary:" + MODEL, ErrorCategory.PROVIDER_ERROR);
    observeHealth(rig, router);
  }

  /** A stream whose first data event is not JSON: nothing was shown, so it falls back. */
  static void malformedChunk(Rig rig) {
    MockWebServer p = rig.mock();
    p.enqueue(Wire.sse("data: {this is not json}\n\n" + Wire.END));
    MockWebServer b = rig.mock();
    b.enqueue(Wire.sse(Wire.STREAM));
    Router router = rig.router(primary(rig, url(p)), backup(rig, b));
    Streamed s = stream(rig, router, ask());
    assertThat(s.error()).isNull();
    assertThat(trace(s.answer().route())).containsExactly(
        "primary FELL_BACK PROVIDER_ERROR", "backup SUCCESS");
    oneRecordFor(rig, router, s.answer());
    closedAfter(router, "primary:" + MODEL, ErrorCategory.PROVIDER_ERROR);
    observeHealth(rig, router);
  }

  /** nginx's 502 page: a provider error keeping the page's text without its markup. */
  static void htmlErrorPage(Rig rig) {
    MockWebServer p = rig.mock();
    p.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
        .body(Wire.NGINX_502).build());
    MockWebServer b = rig.mock();
    b.enqueue(Wire.ok());
    Router router = rig.router(primary(rig, url(p)), backup(rig, b));
    Result r = call(rig, router, ask());
    assertThat(r.error()).isNull();
    assertThat(trace(r.answer().route())).containsExactly(
        "primary FELL_BACK PROVIDER_ERROR 502", "backup SUCCESS");
    assertThat(r.answer().route().get(0).detail()).contains("502 Bad Gateway")
        .doesNotContain("<", ">");
    oneRecordFor(rig, router, r.answer());
    closedAfter(router, "primary:" + MODEL, ErrorCategory.PROVIDER_ERROR);
    observeHealth(rig, router);
  }

  /** A captive proxy answering 200 with an HTML page: malformed, fall back. */
  static void htmlPageWithStatus200(Rig rig) {
    MockWebServer p = rig.mock();
    p.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
        .body("<!DOCTYPE html><html><body><h1>Please sign in to the network</h1></body></html>")
        .build());
    MockWebServer b = rig.mock();
    b.enqueue(Wire.ok());
    Router router = rig.router(primary(rig, url(p)), backup(rig, b));
    Result r = call(rig, router, ask());
    assertThat(r.error()).isNull();
    assertThat(trace(r.answer().route())).containsExactly(
        "primary FELL_BACK PROVIDER_ERROR", "backup SUCCESS");
    oneRecordFor(rig, router, r.answer());
    closedAfter(router, "primary:" + MODEL, ErrorCategory.PROVIDER_ERROR);
    observeHealth(rig, router);
  }

  // ---- rate limits and overload -----------------------------------------------------------------

  /** 429 "Retry-After: 1": waited for once (recorded, not slept), then the backup. */
  static void rateLimitedShortRetryAfter(Rig rig) {
    MockWebServer p = rig.mock();
    p.setDispatcher(always(Wire.tooMany("1")));
    MockWebServer b = rig.mock();
    b.enqueue(Wire.ok());
    Router router = rig.router(primary(rig, url(p)), backup(rig, b));
    Result r = call(rig, router, ask());
    assertThat(r.error()).isNull();
    assertThat(trace(r.answer().route())).containsExactly(
        "primary RETRIED RATE_LIMITED 429", "primary FELL_BACK RATE_LIMITED 429", "backup SUCCESS");
    assertThat(rig.waits).containsExactly(Duration.ofSeconds(1));
    oneRecordFor(rig, router, r.answer());
    assertThat(circuit(router, "primary:" + MODEL)).isEqualTo("OPEN");
    observeHealth(rig, router);
  }

  /** 429 without a hint: another endpoint is the better bet, at once. */
  static void rateLimitedNoRetryAfter(Rig rig) {
    MockWebServer p = rig.mock();
    p.enqueue(Wire.tooMany(null));
    MockWebServer b = rig.mock();
    b.enqueue(Wire.ok());
    Router router = rig.router(primary(rig, url(p)), backup(rig, b));
    Result r = call(rig, router, ask());
    assertThat(r.error()).isNull();
    assertThat(trace(r.answer().route())).containsExactly(
        "primary FELL_BACK RATE_LIMITED 429", "backup SUCCESS");
    assertThat(rig.waits).isEmpty();
    oneRecordFor(rig, router, r.answer());
    assertThat(circuit(router, "primary:" + MODEL)).isEqualTo("CLOSED");
    closedAfter(router, "primary:" + MODEL, ErrorCategory.RATE_LIMITED);
    observeHealth(rig, router);
  }

  /** "Retry-After: 3600" is longer than the router will wait: move on at once, never sleep an hour. */
  static void rateLimitedRetryAfterAnHour(Rig rig) {
    MockWebServer p = rig.mock();
    p.enqueue(Wire.tooMany("3600"));
    MockWebServer b = rig.mock();
    b.enqueue(Wire.ok());
    Router router = rig.router(primary(rig, url(p)), backup(rig, b));
    Result r = call(rig, router, ask());
    assertThat(r.error()).isNull();
    assertThat(trace(r.answer().route())).containsExactly(
        "primary FELL_BACK RATE_LIMITED 429", "backup SUCCESS");
    assertThat(rig.waits).isEmpty();
    assertThat(r.millis()).isLessThan(3000L);
    oneRecordFor(rig, router, r.answer());
    closedAfter(router, "primary:" + MODEL, ErrorCategory.RATE_LIMITED);
    observeHealth(rig, router);
  }

  /**
   * Every endpoint says 429 with an hour's Retry-After: the call fails at once with a typed
   * rate-limit error carrying the hint, listing both failures; nothing is recorded.
   */
  static void rateLimitStormEverywhere(Rig rig) {
    MockWebServer p = rig.mock();
    p.setDispatcher(always(Wire.tooMany("3600")));
    MockWebServer b = rig.mock();
    b.setDispatcher(always(Wire.tooMany("3600")));
    Router router = rig.router(primary(rig, url(p)), backup(rig, b));
    Result r = call(rig, router, ask());
    assertThat(r.error()).isInstanceOf(AllRoutesFailedException.class);
    assertThat(r.error().category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(r.error().retryAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(((AllRoutesFailedException) r.error()).failures()).hasSize(2);
    assertThat(rig.waits).isEmpty();
    assertThat(r.millis()).isLessThan(3000L);
    noRecord(router);
    // A second storm opens both circuits; a third call is refused without a request.
    call(rig, router, ask());
    assertThat(circuit(router, "primary:" + MODEL)).isEqualTo("OPEN");
    assertThat(circuit(router, "backup:" + MODEL)).isEqualTo("OPEN");
    int before = p.getRequestCount() + b.getRequestCount();
    Result third = call(rig, router, ask());
    assertThat(third.error()).isNotNull();
    assertThat(p.getRequestCount() + b.getRequestCount()).isEqualTo(before);
    noRecord(router);
    observeHealth(rig, router);
  }

  /**
   * The primary answers 503 to everything: retried once with a jittered backoff, then the
   * backup; the primary's circuit opens, so the next calls skip it without a request.
   */
  static void overloadBurst503(Rig rig) {
    MockWebServer p = rig.mock();
    p.setDispatcher(always(Wire.status(503)));
    MockWebServer b = rig.mock();
    b.setDispatcher(always(Wire.ok()));
    Router router = rig.router(primary(rig, url(p)), backup(rig, b));
    Result first = call(rig, router, ask());
    assertThat(trace(first.answer().route())).containsExactly(
        "primary RETRIED PROVIDER_OVERLOADED 503", "primary FELL_BACK PROVIDER_OVERLOADED 503",
        "backup SUCCESS");
    assertThat(rig.waits).singleElement()
        .satisfies(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofMillis(100)));
    assertThat(circuit(router, "primary:" + MODEL)).isEqualTo("OPEN");
    Result second = call(rig, router, ask());
    assertThat(second.answer().route()).extracting(RouteAttempt::outcome).containsExactly(
        RouteAttempt.Outcome.SKIPPED, RouteAttempt.Outcome.SUCCESS);
    assertThat(second.answer().route().get(0).detail()).isEqualTo("circuit open");
    assertThat(p.getRequestCount()).isEqualTo(2);
    List<GenerationRecord> records = records(router);
    assertThat(records).hasSize(2);
    assertThat(records.stream().map(GenerationRecord::totalCost).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(first.answer().cost().total().add(second.answer().cost().total()));
    assertThat(router.health()).filteredOn(h -> h.endpointId().equals("primary:" + MODEL))
        .singleElement().satisfies(h -> assertThat(h.reopensIn()).isPositive());
    observeHealth(rig, router);
  }

  /** Anthropic's 529 overloaded_error, the same way, through the Anthropic adapter. */
  static void overloadBurst529(Rig rig) {
    LoopbackSimulator sim = rig.simulator(s -> s
        .provider(dev.router4j.examples.simulator.ProviderSpec.builder("anthropic", Protocol.ANTHROPIC)
            .apiKey(rig.keys.of("anthropic").get(0))
            .model(MODEL, m -> m.pricePerMillion("1", "4").reply("Loire.")
                .faults(Fault.overloaded(), Fault.overloaded(), Fault.overloaded())).build())
        .provider(dev.router4j.examples.simulator.ProviderSpec.builder("backup", Protocol.OPENAI)
            .apiKey(rig.keys.of("backup").get(0))
            .model(MODEL, m -> m.pricePerMillion("2", "4").reply("Seine.")).build()));
    Router router = rig.router(rig.anthropic(sim), rig.openAi(sim, "backup"));
    Result first = call(rig, router, ask());
    assertThat(trace(first.answer().route())).containsExactly(
        "anthropic RETRIED PROVIDER_OVERLOADED 529", "anthropic FELL_BACK PROVIDER_OVERLOADED 529",
        "backup SUCCESS");
    assertThat(circuit(router, "anthropic:" + MODEL)).isEqualTo("OPEN");
    Result second = call(rig, router, ask());
    assertThat(trace(second.answer().route())).containsExactly("anthropic SKIPPED", "backup SUCCESS");
    assertThat(sim.requests("anthropic")).isEqualTo(2);
    assertThat(records(router)).hasSize(2);
    observeHealth(rig, router);
  }

  // ---- keys and models ----------------------------------------------------------------------------

  /**
   * The provider has two keys and the first is revoked: the first call gets 401 once and goes
   * on at once with the other key; the revoked key rests, so later calls use the good one only.
   * An authentication failure says nothing about the endpoint: its circuit stays closed.
   */
  static void badKeyAmongSeveral(Rig rig) {
    String good = rig.keys.of("primary").get(0);
    String revoked = good + "-revoked";
    LoopbackSimulator sim = rig.simulator(s -> s
        .provider(dev.router4j.examples.simulator.ProviderSpec.builder("primary", Protocol.OPENAI)
            .apiKey(good).model(MODEL, m -> m.pricePerMillion("1", "4").reply("Seine.")).build()));
    OpenAiCompatible.Builder builder = OpenAiCompatible.builder("primary")
        .baseUrl(sim.baseUrl("primary")).client(rig.client).apiKey(revoked).apiKey(good);
    sim.endpoints("primary").forEach(builder::endpoint);
    Provider twoKeys = builder.build();
    Router router = rig.router(twoKeys);
    Result first = call(rig, router, ask());
    assertThat(first.error()).isNull();
    assertThat(trace(first.answer().route())).containsExactly(
        "primary RETRIED AUTHENTICATION 401", "primary SUCCESS");
    assertThat(rig.waits).isEmpty();
    for (int i = 0; i < 3; i++) {
      Result again = call(rig, router, ask());
      assertThat(trace(again.answer().route())).containsExactly("primary SUCCESS");
    }
    assertThat(sim.requests("primary")).isEqualTo(5);
    List<GenerationRecord> records = records(router);
    assertThat(records).hasSize(4);
    assertThat(records).extracting(GenerationRecord::keyLabel).containsOnly("primary-key-2");
    assertThat(circuit(router, "primary:" + MODEL)).isEqualTo("CLOSED");
    records.forEach(rig::observe);
    observeHealth(rig, router);
  }

  /**
   * The host answers with another model's name: the answer is still the routed model's, priced
   * at the routed endpoint's prices, and recorded under it.
   */
  static void otherModelName(Rig rig) {
    MockWebServer p = rig.mock();
    p.enqueue(Wire.json(200, Wire.reply("gpt-3.5-turbo-0301")));
    MockWebServer b = rig.mock();
    Router router = rig.router(primary(rig, url(p)), backup(rig, b));
    Result r = call(rig, router, ask());
    assertThat(r.error()).isNull();
    assertThat(r.answer().model()).isEqualTo(MODEL);
    assertThat(r.answer().provider()).isEqualTo("primary");
    assertThat(r.answer().cost().total()).isEqualByComparingTo("0.0003");
    GenerationRecord rec = oneRecordFor(rig, router, r.answer());
    assertThat(rec.model()).isEqualTo(MODEL);
    observeHealth(rig, router);
  }
}
