package dev.router4j.internal.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchTimerTest {

  @Test
  void aLongWatchIsQueuedBehindThePaceSoThatItWakesNoOne() {
    WatchTimer timer = new WatchTimer();
    try {
      assertThat(timer.paced()).isFalse();
      ScheduledExecutorService s = timer.forStreams();
      assertThat(timer.paced()).isTrue();
      assertThat(timer.forStreams()).isSameAs(s);
      assertThat(timer.queued()).as("one pace task, however often asked").isEqualTo(1);

      ScheduledFuture<?> watch = s.schedule(() -> { }, 60, TimeUnit.SECONDS);
      // The earliest task is still the pace, due within PACE_SECONDS: the watch did not take
      // its place at the head, which is what would wake the timer thread.
      assertThat(timer.earliestDelayNanos())
          .isLessThanOrEqualTo(TimeUnit.SECONDS.toNanos(WatchTimer.PACE_SECONDS));
      watch.cancel(false);
      assertThat(timer.queued()).as("a cancelled watch is removed").isEqualTo(1);
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void aShortWatchStillFiresOnTime() throws InterruptedException {
    WatchTimer timer = new WatchTimer();
    try {
      CountDownLatch fired = new CountDownLatch(1);
      long start = System.nanoTime();
      timer.forStreams().schedule(fired::countDown, 30, TimeUnit.MILLISECONDS);
      assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(took).isBetween(25L, 2_000L);
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void shutdownStopsTheThreadAndItsWatches() throws InterruptedException {
    WatchTimer timer = new WatchTimer();
    CountDownLatch fired = new CountDownLatch(1);
    timer.forStreams().schedule(fired::countDown, 50, TimeUnit.MILLISECONDS);
    timer.shutdownNow();
    assertThat(fired.await(200, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(timer.forStreams().isShutdown()).isTrue();
  }
}
