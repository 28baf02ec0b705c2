package dev.router4j.ledger;

import java.time.Duration;
import java.util.Objects;

/**
 * How a durable ledger queues and writes: the bound of its queue, how long
 * {@link Ledger#record} may wait for room, and how many records one transaction commits.
 * Immutable; the {@code with...} methods return a changed copy.
 *
 * @param queueCapacity the most records waiting for the writer, at least 1 (default 10,000)
 * @param enqueueTimeout how long {@code record} waits for room in a full queue before it drops
 *     the record, zero for not at all (default 50 ms)
 * @param batchSize the most records committed in one transaction, at least 1 (default 500)
 */
public record LedgerOptions(int queueCapacity, Duration enqueueTimeout, int batchSize) {

  /** Checks the bounds. */
  public LedgerOptions {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1: " + queueCapacity);
    }
    Objects.requireNonNull(enqueueTimeout, "enqueueTimeout");
    if (enqueueTimeout.isNegative()) {
      throw new IllegalArgumentException("enqueueTimeout must not be negative: " + enqueueTimeout);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
    }
  }

  /** Queue of 10,000, 50 ms enqueue timeout, batches of 500. */
  public static LedgerOptions defaults() {
    return new LedgerOptions(10_000, Duration.ofMillis(50), 500);
  }

  /** A copy with the given queue capacity. */
  public LedgerOptions withQueueCapacity(int queueCapacity) {
    return new LedgerOptions(queueCapacity, enqueueTimeout, batchSize);
  }

  /** A copy with the given enqueue timeout. */
  public LedgerOptions withEnqueueTimeout(Duration enqueueTimeout) {
    return new LedgerOptions(queueCapacity, enqueueTimeout, batchSize);
  }

  /** A copy with the given batch size. */
  public LedgerOptions withBatchSize(int batchSize) {
    return new LedgerOptions(queueCapacity, enqueueTimeout, batchSize);
  }
}
