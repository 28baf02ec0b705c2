package dev.router4j.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.ChatStream;
import dev.router4j.Router;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Delta;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Role;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.Usage;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.PulledStream;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.api.routing.Sort;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Streams whose adapter is read on the consumer's thread ({@link PulledStream}). */
class PulledStreamTest {
  private static final String MODEL = ScriptedAdapter.MODEL;

  private static Provider provider(String slug, String price, ProviderAdapter adapter) {
    return new Provider(slug, adapter, List.of(), List.of(), List.of(Endpoint.builder(slug, MODEL)
        .pricing(Pricing.perMillion(price, price)).contextLength(8_000).build()));
  }

  private static ChatRequest ask() {
    return ChatRequest.builder().model(MODEL).user("hi").provider(p -> p.sort(Sort.PRICE)).build();
  }

  @Test
  void chunksAreReadOnTheConsumersThreadAfterAFallback() {
    ScriptedAdapter down = new ScriptedAdapter("fail:503");
    ScriptedAdapter up = new ScriptedAdapter("Hello", " world", "end");
    try (Router router = Router.builder().provider(provider("down", "1", down))
        .provider(provider("up", "2", up)).retries(0, java.time.Duration.ofMillis(1),
            java.time.Duration.ofMillis(1), java.time.Duration.ofSeconds(1)).build();
        ChatStream stream = router.stream(ask())) {
      StringBuilder text = new StringBuilder();
      stream.forEach(c -> text.append(c.text() == null ? "" : c.text()));
      assertThat(text).hasToString("Hello world");
      String me = Thread.currentThread().getName();
      assertThat(down.pumpThreads).containsOnly(me);
      assertThat(up.pumpThreads).hasSize(3).containsOnly(me);
      assertThat(stream.response().route()).extracting(RouteAttempt::outcome)
          .containsExactly(RouteAttempt.Outcome.FELL_BACK, RouteAttempt.Outcome.SUCCESS);
      assertThat(stream.response().usage().completion()).isEqualTo(2);
    }
  }

  @Test
  void chunksOfOneReadArriveInOrderAndATimerErrorComesAfterThem() {
    // One pump hands over three chunks, the next waits until the deadline's timer ends the
    // attempt from its own thread: the caller gets the three chunks, then the timeout.
    ScriptedAdapter slow = new ScriptedAdapter("burst:A,B,C", "block");
    try (Router router = Router.builder().provider(provider("slow", "1", slow))
        .deadline(java.time.Duration.ofMillis(300)).build();
        ChatStream stream = router.stream(ask())) {
      List<String> seen = new ArrayList<>();
      assertThatThrownBy(() -> stream.forEach(c -> seen.add(c.text())))
          .isInstanceOfSatisfying(dev.router4j.api.error.StreamInterruptedException.class, e -> {
            assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.TIMEOUT);
            assertThat(e.partialText()).isEqualTo("ABC");
          });
      assertThat(seen).containsExactly("A", "B", "C");
      assertThat(slow.pumpThreads).containsOnly(Thread.currentThread().getName());
    }
  }

  @Test
  void closingDropsChunksAlreadyReadAndEndsWithTheCancellation() {
    ScriptedAdapter burst = new ScriptedAdapter("burst:A,B,C", "end");
    try (Router router = Router.builder().provider(provider("burst", "1", burst)).build()) {
      ChatStream stream = router.stream(ask());
      var it = stream.iterator();
      assertThat(it.next().text()).isEqualTo("A"); // B and C are read too, not yet taken
      stream.close();
      assertThatThrownBy(it::hasNext).isInstanceOf(RouterException.class)
          .extracting(e -> ((RouterException) e).category()).isEqualTo(ErrorCategory.CANCELLED);
      assertThat(burst.pumpThreads).hasSize(1);
    }
  }

  @Test
  void closingFromAnotherThreadStopsAPumpThatWaitsOnTheConnection() throws Exception {
    ScriptedAdapter slow = new ScriptedAdapter("Hi", "block");
    try (Router router = Router.builder().provider(provider("slow", "1", slow)).build()) {
      ChatStream stream = router.stream(ask());
      Thread closer = new Thread(() -> {
        try {
          slow.blocked.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        stream.close();
      });
      closer.start();
      var it = stream.iterator();
      assertThat(it.next().text()).isEqualTo("Hi");
      long start = System.nanoTime();
      assertThatThrownBy(it::hasNext).isInstanceOf(RouterException.class)
          .extracting(e -> ((RouterException) e).category()).isEqualTo(ErrorCategory.CANCELLED);
      assertThat(System.nanoTime() - start).as("ns until the pump stopped")
          .isLessThan(TimeUnit.SECONDS.toNanos(3));
      closer.join(5_000);
    }
  }

  @Test
  void theSessionEndsAPulledStreamAtTheAttemptsTimeoutAndKeepsItsText() {
    // The adapter arms no timeout of its own on a pulled stream: the session's watch must end
    // a stream that goes silent after its first tokens, with the text so far.
    ScriptedAdapter stalls = new ScriptedAdapter("burst:A,B", "block");
    long start = System.nanoTime();
    try (Router router = Router.builder().provider(provider("stalls", "1", stalls))
        .attemptTimeout(java.time.Duration.ofMillis(300)).build();
        ChatStream stream = router.stream(ask())) {
      List<String> seen = new ArrayList<>();
      assertThatThrownBy(() -> stream.forEach(c -> seen.add(c.text())))
          .isInstanceOfSatisfying(dev.router4j.api.error.StreamInterruptedException.class, e -> {
            assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.TIMEOUT);
            assertThat(e.partialText()).isEqualTo("AB");
            assertThat(e.getMessage()).contains("timeout of 300 ms", "stalls:acme/m");
          });
      assertThat(System.nanoTime() - start).as("ns until the stream ended")
          .isBetween(TimeUnit.MILLISECONDS.toNanos(300), TimeUnit.SECONDS.toNanos(3));
      assertThat(seen).containsExactly("A", "B");
    }
  }

  @Test
  void anAttemptTimeoutShorterThanTheFirstTokenTimeoutMovesOnBeforeOutput() {
    // Nothing comes within the attempt's 300 ms (the first-token timeout is 60 s): the attempt
    // times out, and the next endpoint answers.
    ScriptedAdapter silent = new ScriptedAdapter("block");
    ScriptedAdapter up = new ScriptedAdapter("Hello", "end");
    long start = System.nanoTime();
    try (Router router = Router.builder().provider(provider("silent", "1", silent))
        .provider(provider("up", "2", up)).attemptTimeout(java.time.Duration.ofMillis(300))
        .firstTokenTimeout(java.time.Duration.ofSeconds(60)).build();
        ChatStream stream = router.stream(ask())) {
      StringBuilder text = new StringBuilder();
      stream.forEach(c -> text.append(c.text() == null ? "" : c.text()));
      assertThat(text).hasToString("Hello");
      assertThat(System.nanoTime() - start).as("ns until the answer")
          .isBetween(TimeUnit.MILLISECONDS.toNanos(300), TimeUnit.SECONDS.toNanos(3));
      RouteAttempt first = stream.response().route().get(0);
      assertThat(first.outcome()).isEqualTo(RouteAttempt.Outcome.FELL_BACK);
      assertThat(first.errorCategory()).isEqualTo(ErrorCategory.TIMEOUT);
      assertThat(first.detail()).contains("no first token from silent:acme/m within 300 ms");
    }
  }

  @Test
  void aStreamWithOutputOutlivesTheFirstTokenTimeoutAndEndsCleanly() {
    // The one watch fires at the first-token timeout, finds output, and waits again for the
    // attempt's timeout: a stream slower than the first-token timeout but within its attempt's
    // timeout completes.
    ScriptedAdapter slow = new ScriptedAdapter("Hi", "wait:400", " there", "end");
    try (Router router = Router.builder().provider(provider("slow", "1", slow))
        .firstTokenTimeout(java.time.Duration.ofMillis(100))
        .attemptTimeout(java.time.Duration.ofSeconds(10)).build();
        ChatStream stream = router.stream(ask())) {
      StringBuilder text = new StringBuilder();
      stream.forEach(c -> text.append(c.text() == null ? "" : c.text()));
      assertThat(text).hasToString("Hi there");
      assertThat(stream.response().route()).extracting(RouteAttempt::outcome)
          .containsExactly(RouteAttempt.Outcome.SUCCESS);
    }
  }
}
