package dev.router4j.ledger;

/**
 * A ledger's counters since it was opened.
 *
 * @param recorded records accepted by {@link Ledger#record} (queued, or stored in memory)
 * @param duplicates accepted records ignored because their id was already in the ledger
 * @param dropped records refused because the queue stayed full past the enqueue timeout, or
 *     because the ledger was closed
 * @param evicted records the in-memory ledger evicted to stay within its bound
 * @param failed queued records the writer could not commit even after retries
 * @param pending records queued and not yet committed
 */
public record LedgerStats(
    long recorded, long duplicates, long dropped, long evicted, long failed, long pending) {

  /** Checks that every counter is not negative. */
  public LedgerStats {
    if (recorded < 0 || duplicates < 0 || dropped < 0 || evicted < 0 || failed < 0
        || pending < 0) {
      throw new IllegalArgumentException("counters must not be negative");
    }
  }
}
