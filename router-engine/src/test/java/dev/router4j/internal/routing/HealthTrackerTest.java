package dev.router4j.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.error.ErrorCategory;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {
  private final Fixtures.ManualTicker ticker = new Fixtures.ManualTicker();
  private final HealthTracker health = new HealthTracker(ticker);

  @Test
  void everythingIsStableUntilAFailureAndAgainThirtySecondsAfterTheLatestOne() {
    assertThat(health.allStable()).isTrue();
    health.success("a:m", 1_000_000L, 10, 1_000_000L);
    assertThat(health.allStable()).isTrue();

    ticker.advanceSeconds(1);
    health.failure("a:m", ErrorCategory.PROVIDER_ERROR);
    assertThat(health.allStable()).isFalse();
    assertThat(health.isStable("a:m")).isFalse();
    assertThat(health.isStable("b:m")).isTrue();

    ticker.advanceSeconds(20);
    health.failure("b:m", ErrorCategory.TIMEOUT);
    ticker.advanceSeconds(20); // a's failure is 40 s old, b's 20 s
    assertThat(health.isStable("a:m")).isTrue();
    assertThat(health.isStable("b:m")).isFalse();
    assertThat(health.allStable()).isFalse();

    ticker.advanceSeconds(10.001);
    assertThat(health.allStable()).isTrue();
    assertThat(health.isStable("b:m")).isTrue();
  }

  @Test
  void failuresThatSayNothingAboutTheEndpointLeaveItStable() {
    health.failure("a:m", ErrorCategory.INVALID_REQUEST);
    assertThat(health.allStable()).isTrue();
    assertThat(health.isStable("a:m")).isTrue();
  }

  @Test
  void aFailureOnTheEdgeOfTheWindowStillCounts() {
    health.failure("a:m", ErrorCategory.PROVIDER_OVERLOADED);
    ticker.now.addAndGet(HealthTracker.OUTAGE_WINDOW_NANOS);
    assertThat(health.allStable()).isFalse();
    assertThat(health.isStable("a:m")).isFalse();
    ticker.now.incrementAndGet();
    assertThat(health.allStable()).isTrue();
    assertThat(health.isStable("a:m")).isTrue();
  }

  @Test
  void aFailureReportedLateDoesNotMoveTheLatestFailureBack() {
    ticker.advanceSeconds(100);
    health.failure("a:m", ErrorCategory.TIMEOUT);
    ticker.advanceSeconds(-10); // another thread read the clock earlier and reports now
    health.failure("b:m", ErrorCategory.TIMEOUT);
    ticker.advanceSeconds(35); // 25 s after the latest failure, 35 s after the late one
    assertThat(health.allStable()).isFalse();
    ticker.advanceSeconds(5.001);
    assertThat(health.allStable()).isTrue();
  }

  @Test
  void concurrentOutcomesOfOneEndpointAreAllKept() throws Exception {
    for (int round = 0; round < 20; round++) {
      HealthTracker h = new HealthTracker(ticker);
      int threads = 8;
      int each = 256 / threads; // exactly one ring: a lost or doubled write changes the share
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.List<Thread> started = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        boolean good = t % 4 != 0; // two threads of eight report failures
        Thread thread = new Thread(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          for (int i = 0; i < each; i++) {
            if (good) {
              h.success("a:m", 2_000_000L, 10, 1_000_000_000L);
            } else {
              h.failure("a:m", ErrorCategory.PROVIDER_ERROR);
            }
          }
        });
        thread.start();
        started.add(thread);
      }
      go.countDown();
      for (Thread thread : started) {
        thread.join();
      }
      long window = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
      assertThat(h.uptime("a:m", window)).isEqualTo(0.75);
      assertThat(h.latency("a:m", 50, window)).isEqualTo(0.002);
      assertThat(h.throughput("a:m", 99, window)).isEqualTo(10.0);
      assertThat(h.allStable()).isFalse();
    }
  }

  @Test
  void theRingKeepsTheLatestSamplesOnly() {
    for (int i = 0; i < 256; i++) {
      health.failure("a:m", ErrorCategory.PROVIDER_ERROR);
    }
    long window = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
    assertThat(health.uptime("a:m", window)).isZero();
    assertThat(health.latency("a:m", 50, window)).isNaN();
    ticker.advanceSeconds(1);
    for (int i = 0; i < 250; i++) {
      health.success("a:m", 1_000_000L, 0, 0);
    }
    assertThat(health.uptime("a:m", window)).isEqualTo(250 / 256.0);
    assertThat(health.isStable("a:m")).as("latest is a success, failures outnumbered").isTrue();
    for (int i = 0; i < 6; i++) {
      health.success("a:m", 3_000_000L, 0, 0);
    }
    assertThat(health.uptime("a:m", window)).isEqualTo(1.0);
    assertThat(health.latency("a:m", 50, window)).isEqualTo(0.001);
    assertThat(health.latency("a:m", 99, window)).isEqualTo(0.003);
    assertThat(health.throughput("a:m", 50, window)).as("no token counts").isNaN();
    assertThat(health.uptime("b:m", window)).isEqualTo(1.0);
  }
}
