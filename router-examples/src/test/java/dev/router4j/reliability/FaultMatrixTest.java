package dev.router4j.reliability;

import static dev.router4j.reliability.FaultSuite.always;
import static dev.router4j.reliability.FaultSuite.call;
import static dev.router4j.reliability.FaultSuite.stream;
import static dev.router4j.reliability.Rig.trace;
import static dev.router4j.reliability.Wire.MODEL;
import static dev.router4j.reliability.Wire.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.Router;
import dev.router4j.RouterMetrics;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.Provider;
import dev.router4j.examples.simulator.LoopbackSimulator;
import dev.router4j.examples.simulator.ProviderSpec;
import dev.router4j.examples.simulator.Protocol;
import dev.router4j.providers.OpenAiCompatible;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault of the issue, one case each (see {@link FaultSuite}): the right retry, fallback
 * or typed error; the route trace; one ledger record or none, charging only the attempt that
 * answered; the circuit breakers afterwards; and no leaked call, connection or thread.
 *
 * <p>The disabled tests are faults the router handles wrongly today; each names the bug.
 */
class FaultMatrixTest {

  static List<FaultSuite.Case> cases() {
    return FaultSuite.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fault(FaultSuite.Case c) {
    try (Rig rig = new Rig()) {
      c.body().accept(rig);
    }
  }

  // ---- streams: the rules blocking calls follow ---------------------------------------------------

  /**
   * The router's deadline ("how long a whole call may take, every retry and fallback
   * included") should bound a stream too: a stream that trickles one token every 250 ms for
   * five seconds, under a one-second deadline, should end at about one second with a typed
   * timeout.
   */
  @Test
  void aTricklingStreamEndsAtTheDeadline() {
    try (Rig rig = new Rig()) {
      MockWebServer p = rig.mock();
      StringBuilder body = new StringBuilder(Wire.ROLE);
      for (int i = 0; i < 20; i++) {
        body.append(Wire.content("tok" + i + " "));
      }
      body.append(Wire.END);
      p.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
          .body(body.toString()).throttleBody(230, 250, TimeUnit.MILLISECONDS).build());
      Router router = rig.router(x -> x.deadline(Duration.ofSeconds(1))
          .attemptTimeout(Duration.ofSeconds(30)), rig.openAi("primary", p.url("/v1").toString(),
          MODEL, Wire.CHEAP));
      FaultSuite.Streamed s = stream(rig, router, ask());
      assertThat(s.millis()).as("the stream ends at the deadline").isLessThan(2500L);
      assertThat(s.error()).isNotNull();
      assertThat(s.error() instanceof StreamInterruptedException e
          ? e.underlyingCategory() : s.error().category()).isEqualTo(ErrorCategory.TIMEOUT);
    }
  }

  /**
   * Three endpoints whose headers never come, a one-second deadline and a two-second attempt
   * timeout: the call (blocking or streamed) must give up at about one second, not after
   * trying every endpoint for two seconds each.
   */
  @Test
  void streamFallbacksStopAtTheDeadline() {
    try (Rig rig = new Rig()) {
      Provider[] hosts = new Provider[3];
      for (int i = 0; i < 3; i++) {
        MockWebServer m = rig.mock();
        m.setDispatcher(always(new MockResponse.Builder()
            .onResponseStart(SocketEffect.Stall.INSTANCE).build()));
        hosts[i] = rig.openAi("host" + i, m.url("/v1").toString(), MODEL,
            dev.router4j.api.catalog.Pricing.perMillion(String.valueOf(i + 1), "1"));
      }
      Router router = rig.router(x -> x.deadline(Duration.ofSeconds(1))
          .attemptTimeout(Duration.ofSeconds(2)).firstTokenTimeout(Duration.ofSeconds(2)), hosts);
      FaultSuite.Result blocking = call(rig, router, ask());
      assertThat(blocking.millis()).as("blocking call").isLessThan(2000L);
      FaultSuite.Streamed s = stream(rig, router, ask());
      assertThat(s.error()).isNotNull();
      assertThat(s.millis()).as("stream").isLessThan(2000L);
    }
  }

  /**
   * A provider with two keys, the first revoked, and a single endpoint: a blocking call goes
   * on with the other key (see {@link FaultSuite#badKeyAmongSeveral}); a stream should too.
   */
  @Test
  void aStreamGoesOnWithTheNextKeyAfter401() {
    try (Rig rig = new Rig()) {
      String good = rig.keys.of("primary").get(0);
      LoopbackSimulator sim = rig.simulator(s -> s.provider(ProviderSpec.builder("primary",
          Protocol.OPENAI).apiKey(good).model(MODEL, m -> m.reply("Seine.")).build()));
      OpenAiCompatible.Builder b = OpenAiCompatible.builder("primary").baseUrl(sim.baseUrl("primary"))
          .client(rig.client).apiKey(good + "-revoked").apiKey(good);
      sim.endpoints("primary").forEach(b::endpoint);
      Router router = rig.router(b.build());
      FaultSuite.Streamed s = stream(rig, router, ask());
      assertThat(s.error()).isNull();
      assertThat(s.text()).isEqualTo("Seine.");
      assertThat(trace(s.answer().route())).containsExactly(
          "primary RETRIED AUTHENTICATION 401", "primary SUCCESS");
    }
  }

  /**
   * AttemptPolicy is "shared by blocking calls and streams so both follow one rule book", and
   * Router.Builder#retries promises a retry on the same endpoint after a 503: a stream whose
   * only endpoint answers 503 once (before any byte of the stream) should be retried.
   */
  @Test
  void aStreamIsRetriedAfterA503BeforeItStarts() {
    try (Rig rig = new Rig()) {
      MockWebServer p = rig.mock();
      p.enqueue(Wire.status(503));
      p.enqueue(Wire.sse(Wire.STREAM));
      Router router = rig.router(rig.openAi("primary", p.url("/v1").toString(), MODEL, Wire.CHEAP));
      FaultSuite.Streamed s = stream(rig, router, ask());
      assertThat(s.error()).isNull();
      assertThat(trace(s.answer().route())).containsExactly(
          "primary RETRIED PROVIDER_OVERLOADED 503", "primary SUCCESS");
    }
  }

  /** The metrics count a stream that failed after it started as failed (calls = succeeded + failed). */
  @Test
  void aFailedStreamIsCountedAsFailed() {
    try (Rig rig = new Rig()) {
      MockWebServer p = rig.mock();
      p.enqueue(Wire.sse(Wire.ROLE + Wire.content("Seine, ")));
      Router router = rig.router(rig.openAi("primary", p.url("/v1").toString(), MODEL, Wire.CHEAP));
      FaultSuite.Streamed s = stream(rig, router, ask());
      assertThat(s.error()).isInstanceOf(StreamInterruptedException.class);
      RouterMetrics m = router.metrics();
      assertThat(m.calls()).isEqualTo(1);
      assertThat(m.failed()).isEqualTo(1);
      assertThat(m.succeeded()).isZero();
    }
  }
}
