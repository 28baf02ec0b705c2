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
}
