package dev.router4j.api.spi;

import java.time.Duration;

/** Waits between retries; injected so that tests can record waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps for the duration. */
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep}. */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
  }
}
