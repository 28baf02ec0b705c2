package dev.router4j.internal.budget;

import dev.router4j.api.spi.Sleeper;
import dev.router4j.api.spi.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Hand-driven clocks for the budget tests: nothing here sleeps. */
final class TestTime {
  private TestTime() {}

  /** A wall clock that moves only when told. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(String instant) {
      this.now = Instant.parse(instant);
    }

    void set(String instant) {
      now = Instant.parse(instant);
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public long millis() {
      return now.toEpochMilli();
    }
  }

  /** A monotonic clock that moves only when told; starts far from zero, as nanoTime may. */
  static final class ManualTicker implements Ticker {
    final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - 90_000_000_000L);

    @Override
    public long read() {
      return nanos.get();
    }

    void advance(Duration d) {
      nanos.addAndGet(d.toNanos());
    }

    void advanceNanos(long n) {
      nanos.addAndGet(n);
    }
  }

  /** Records each wait and moves the ticker by it instead of sleeping. */
  static final class AdvancingSleeper implements Sleeper {
    final ManualTicker ticker;
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    AdvancingSleeper(ManualTicker ticker) {
      this.ticker = ticker;
    }

    @Override
    public void sleep(Duration d) {
      waits.add(d);
      ticker.advance(d);
    }
  }
}
