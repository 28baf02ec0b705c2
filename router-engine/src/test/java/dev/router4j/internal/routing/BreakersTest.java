package dev.router4j.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.error.ErrorCategory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BreakersTest {
  private static final String ID = "p:m";
  private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
  private final List<String> events = new ArrayList<>();
  private final Breakers breakers = new Breakers(3, Duration.ofSeconds(30),
      new Breakers.Observer() {
        @Override
        public void opened(String endpointId, String reason) {
          events.add("opened " + endpointId + " " + reason);
        }

        @Override
        public void closed(String endpointId) {
          events.add("closed " + endpointId);
        }
      }, now::get);

  private void fail() {
    breakers.failure(ID, ErrorCategory.PROVIDER_ERROR, "boom");
  }

  @Test
  void sequentialFailuresInARowOpenTheCircuit() {
    for (int i = 0; i < 2; i++) {
      assertThat(breakers.permit(ID)).isTrue();
      fail();
    }
    assertThat(breakers.isOpen(ID)).isFalse();
    assertThat(breakers.permit(ID)).isTrue();
    fail();
    assertThat(breakers.isOpen(ID)).isTrue();
    assertThat(breakers.permit(ID)).isFalse();
    assertThat(events).containsExactly("opened p:m PROVIDER_ERROR: boom");
    assertThat(breakers.states()).singleElement().satisfies(s -> {
      assertThat(s.state()).isEqualTo("OPEN");
      assertThat(s.consecutiveFailures()).isEqualTo(3);
      assertThat(s.lastFailure()).isEqualTo("PROVIDER_ERROR: boom");
    });
  }

  @Test
  void aSuccessBreaksTheRun() {
    for (int i = 0; i < 10; i++) {
      breakers.permit(ID);
      fail();
      breakers.permit(ID);
      fail();
      breakers.permit(ID);
      breakers.success(ID);
    }
    assertThat(breakers.isOpen(ID)).isFalse();
  }

  @Test
  void failuresRacingAheadOfManyCallsInFlightDoNotOpenIt() {
    for (int i = 0; i < 100; i++) {
      assertThat(breakers.permit(ID)).isTrue(); // a hundred calls in flight
    }
    for (int i = 0; i < 10; i++) {
      fail(); // ten of them fail fast, before any answer
    }
    assertThat(breakers.isOpen(ID)).isFalse();
    for (int i = 0; i < 40; i++) {
      fail(); // half of what was started has failed: the endpoint is unwell
    }
    assertThat(breakers.isOpen(ID)).isTrue();
  }

  @Test
  void callsStartedLongAgoDoNotDiluteTodaysFailures() {
    for (int i = 0; i < 100; i++) {
      breakers.permit(ID);
      breakers.success(ID);
    }
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    for (int i = 0; i < 3; i++) {
      breakers.permit(ID);
      fail();
    }
    assertThat(breakers.isOpen(ID)).isTrue();
  }

  @Test
  void halfOpenLetsThreeTrialsThroughAndClosesWhenAllSucceed() throws Exception {
    Breakers quick = quick();
    openAndWait(quick);
    assertThat(quick.permit(ID)).isTrue();
    assertThat(quick.permit(ID)).isTrue();
    assertThat(quick.permit(ID)).isTrue();
    assertThat(quick.permit(ID)).as("a fourth concurrent trial").isFalse();
    quick.success(ID);
    quick.success(ID);
    assertThat(quick.states().get(0).state()).isEqualTo("HALF_OPEN");
    quick.success(ID);
    assertThat(quick.states().get(0).state()).isEqualTo("CLOSED");
    assertThat(events).last().isEqualTo("closed p:m");
  }

  @Test
  void oneFailedTrialOpensItAgain() throws Exception {
    Breakers quick = quick();
    openAndWait(quick);
    assertThat(quick.permit(ID)).isTrue();
    quick.success(ID);
    assertThat(quick.permit(ID)).isTrue();
    quick.failure(ID, ErrorCategory.TIMEOUT, null);
    assertThat(quick.isOpen(ID)).isTrue();
    assertThat(events).filteredOn(e -> e.startsWith("opened")).hasSize(2);
  }

  @Test
  void requestProblemsCountAsAnswers() {
    for (int i = 0; i < 5; i++) {
      breakers.permit(ID);
      breakers.failure(ID, ErrorCategory.INVALID_REQUEST, "bad");
    }
    assertThat(breakers.isOpen(ID)).isFalse();
  }

  /** Breakers whose circuits stay open for 40 ms (Failsafe times the delay on the system clock). */
  private Breakers quick() {
    return new Breakers(3, Duration.ofMillis(40), new Breakers.Observer() {
      @Override
      public void opened(String endpointId, String reason) {
        events.add("opened " + endpointId);
      }

      @Override
      public void closed(String endpointId) {
        events.add("closed " + endpointId);
      }
    }, now::get);
  }

  private static void openAndWait(Breakers b) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      b.permit(ID);
      b.failure(ID, ErrorCategory.PROVIDER_OVERLOADED, "503");
    }
    assertThat(b.isOpen(ID)).isTrue();
    assertThat(b.permit(ID)).isFalse();
    Thread.sleep(80);
  }
}
