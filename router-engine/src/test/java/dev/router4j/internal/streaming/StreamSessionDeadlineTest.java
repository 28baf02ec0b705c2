package dev.router4j.internal.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.api.spi.Ticker;
import dev.router4j.internal.routing.AttemptGate;
import dev.router4j.internal.routing.Breakers;
import dev.router4j.internal.routing.HealthTracker;
import dev.router4j.internal.routing.KeyRing;
import dev.router4j.internal.routing.Route;
import dev.router4j.internal.routing.RoutePlan;
import dev.router4j.internal.routing.Step;
import dev.router4j.streaming.ScriptedAdapter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session's deadline counts every wait of the stream, the gate's included. */
class StreamSessionDeadlineTest {
  private static final String MODEL = ScriptedAdapter.MODEL;
  private final WatchTimer timer = new WatchTimer();

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void aWaitAtTheGateCountsAgainstTheDeadline() {
    // The gate holds the attempt 600 ms (a rate limit's wait); the stream's deadline is 1 s from
    // the start, so the stalled stream must end about 400 ms after its first chunk, not 1 s.
    Endpoint endpoint = Endpoint.builder("acme", MODEL).pricing(Pricing.perMillion("1", "1"))
        .contextLength(8_000).build();
    Provider provider = new Provider("acme", new ScriptedAdapter("Hi", "block"), List.of(),
        List.of(), List.of(endpoint));
    ChatRequest request = ChatRequest.builder().model(MODEL).user("hi").build();
    RoutePlan plan = new RoutePlan(List.of(new Step(new Route(endpoint, provider), request)),
        List.of());
    AttemptGate slowGate = (step, key, maxWaitNanos) -> {
      assertThat(maxWaitNanos).as("the gate may wait until the deadline at most")
          .isLessThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
      try {
        Thread.sleep(600);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return AttemptGate.Ticket.NONE;
    };
    Ticker ticker = Ticker.system();
    StreamSession session = session(plan, ticker, new Breakers(3, Duration.ofSeconds(30)),
        slowGate).deadline(Duration.ofSeconds(1));

    long start = System.nanoTime();
    session.start();
    assertThat(session.next().text()).isEqualTo("Hi");
    long firstChunk = System.nanoTime() - start;
    assertThatThrownBy(session::next).isInstanceOfSatisfying(StreamInterruptedException.class,
        e -> {
          assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.TIMEOUT);
          assertThat(e.getMessage()).contains("deadline of 1000 ms");
          assertThat(e.partialText()).isEqualTo("Hi");
        });
    long end = System.nanoTime() - start;
    assertThat(firstChunk).as("ns until the first chunk, after the gate's wait")
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(600));
    assertThat(end).as("ns until the deadline ended the stream")
        .isBetween(TimeUnit.MILLISECONDS.toNanos(1_000), TimeUnit.MILLISECONDS.toNanos(1_500));
  }

  @Test
  void aPushedCallsOwnTimeoutAtTheDeadlineEndsTheStreamAsTheDeadlineNotAgainstTheEndpoint() {
    // A pushed call carries the attempt's time as its own timeout, so at the deadline its error
    // may come before the session's watch fires: it is still the deadline's error, and it is
    // not held against the endpoint (no breaker count, no fallback).
    AtomicLong now = new AtomicLong(1_000_000_000L);
    Ticker ticker = now::get;
    AtomicReference<ChunkListener> pushed = new AtomicReference<>();
    ProviderAdapter adapter = new ScriptedAdapter("Hi", "block") {
      @Override
      public StreamHandle openStream(ProviderCall call, ChunkListener listener) {
        pushed.set(listener);
        listener.onChunk(ScriptedAdapter.chunk("Hi", null, null));
        return () -> { };
      }
    };
    Endpoint endpoint = Endpoint.builder("acme", MODEL).pricing(Pricing.perMillion("1", "1"))
        .contextLength(8_000).build();
    Endpoint backup = Endpoint.builder("backup", MODEL).pricing(Pricing.perMillion("2", "2"))
        .contextLength(8_000).build();
    ChatRequest request = ChatRequest.builder().model(MODEL).user("hi").build();
    Provider acme = new Provider("acme", adapter, List.of(), List.of(), List.of(endpoint));
    Provider other = new Provider("backup", new ScriptedAdapter("Hi", "block"), List.of(),
        List.of(), List.of(backup));
    Breakers breakers = new Breakers(1, Duration.ofSeconds(30));
    StreamSession session = session(new RoutePlan(List.of(
        new Step(new Route(endpoint, acme), request), new Step(new Route(backup, other), request)),
        List.of()), ticker, breakers, AttemptGate.OPEN).deadline(Duration.ofSeconds(1));

    session.start();
    assertThat(session.next().text()).isEqualTo("Hi");
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_001));
    pushed.get().onError(new RouterException(ErrorCategory.TIMEOUT, "timeout (the call's own)"));
    assertThatThrownBy(session::next).isInstanceOfSatisfying(StreamInterruptedException.class,
        e -> {
          assertThat(e.getMessage()).contains("deadline of 1000 ms");
          assertThat(e.partialText()).isEqualTo("Hi");
        });
    assertThat(breakers.states()).allSatisfy(b -> assertThat(b.consecutiveFailures()).isZero());
  }

  private StreamSession session(RoutePlan plan, Ticker ticker, Breakers breakers,
      AttemptGate gate) {
    return new StreamSession(plan, ticker, Duration.ofSeconds(30), breakers,
        new HealthTracker(ticker), new KeyRing(ticker), timer.forStreams(),
        Duration.ofSeconds(30), attempt -> { }, gate, new StreamSession.Finisher() {
          @Override
          public ChatResponse finish(ChatResponse assembled, Step step, List<RouteAttempt> trace,
              AttemptGate.Ticket ticket, long firstTokenNanos) {
            return assembled;
          }

          @Override
          public void interrupted(ChatResponse partial, Step step, List<RouteAttempt> trace,
              AttemptGate.Ticket ticket, long firstTokenNanos, boolean cancelled) {}

          @Override
          public void failed(RouterException error) {}
        });
  }
}
