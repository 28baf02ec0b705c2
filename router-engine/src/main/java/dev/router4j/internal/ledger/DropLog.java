package dev.router4j.internal.ledger;

import dev.router4j.api.cost.GenerationRecord;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs dropped records without flooding the log: the first drop at once, then at most one
 * warning every {@value #INTERVAL_SECONDS} seconds, each with the count since the last one.
 * Thread-safe.
 */
final class DropLog {
  static final long INTERVAL_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger("dev.router4j.ledger");
  private static final long INTERVAL_NANOS = INTERVAL_SECONDS * 1_000_000_000L;

  private final AtomicLong sinceWarning = new AtomicLong();
  private final AtomicLong lastWarning = new AtomicLong();
  private volatile boolean warned;

  /** Notes one dropped record and warns when the interval allows. */
  void dropped(GenerationRecord r, String why) {
    sinceWarning.incrementAndGet();
    long now = System.nanoTime();
    long last = lastWarning.get();
    if ((!warned || now - last >= INTERVAL_NANOS) && lastWarning.compareAndSet(last, now)) {
      warned = true;
      long n = sinceWarning.getAndSet(0);
      LOG.warn("router4j ledger dropped {} record(s), the latest {}: {}", n, r.id(), why);
    }
  }
}
