package dev.router4j.api.spi;

/**
 * A source of monotonic nanoseconds, injected so that timeouts, cooldowns and statistics can
 * be tested without sleeping.
 */
@FunctionalInterface
public interface Ticker {
  /** Nanoseconds from an arbitrary origin; only differences mean anything. */
  long read();

  /** The system's monotonic clock. */
  static Ticker system() {
    return System::nanoTime;
  }
}
