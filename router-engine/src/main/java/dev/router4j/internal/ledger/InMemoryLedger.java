package dev.router4j.internal.ledger;

import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.ledger.GroupBy;
import dev.router4j.ledger.Ledger;
import dev.router4j.ledger.LedgerStats;
import dev.router4j.ledger.UsageFilter;
import dev.router4j.ledger.UsageRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The bounded in-memory ledger: the oldest recorded is evicted once {@code maxRecords} are
 * held. Recording takes no lock, so that many threads recording at once do not queue behind
 * one another: a record goes into a concurrent map by id (which also settles duplicates) and
 * onto a lock-free queue in recording order, from which the oldest is evicted. Past the bound,
 * each new record evicts one old one, so the map holds at most {@code maxRecords} plus the
 * number of records being added at that moment. Queries and exports read the map as it is
 * while they run (records recorded meanwhile may or may not be seen); exports copy the
 * matching records first so that the caller's I/O holds nothing.
 */
public final class InMemoryLedger implements Ledger {
  /** Creation time, then id: the order of {@link #forEach}. */
  static final Comparator<GenerationRecord> ORDER =
      Comparator.comparing(GenerationRecord::createdAt).thenComparing(GenerationRecord::id);

  private final int maxRecords;
  private final ConcurrentHashMap<String, GenerationRecord> records = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<GenerationRecord> order = new ConcurrentLinkedQueue<>();
  private final AtomicInteger held = new AtomicInteger();
  private final LongAdder recorded = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder evicted = new LongAdder();
  private volatile boolean closed;
  private final DropLog drops = new DropLog();

  /**
   * A ledger holding at most {@code maxRecords} records.
   *
   * @throws IllegalArgumentException when {@code maxRecords} is below 1
   */
  public InMemoryLedger(int maxRecords) {
    if (maxRecords < 1) {
      throw new IllegalArgumentException("maxRecords must be at least 1: " + maxRecords);
    }
    this.maxRecords = maxRecords;
  }

  @Override
  public void record(GenerationRecord record) {
    Objects.requireNonNull(record, "record");
    if (closed) {
      dropped.increment();
      drops.dropped(record, "the ledger is closed");
      return;
    }
    recorded.increment();
    if (records.putIfAbsent(record.id(), record) != null) {
      duplicates.increment();
      return;
    }
    // Queued before it is counted, and an eviction is counted off before the eldest is taken
    // from the queue: the queue never holds fewer records than the count, so whoever claims an
    // eviction (one per record that took the count past the bound) finds a record to evict.
    order.offer(record);
    int count = held.incrementAndGet();
    while (count > maxRecords) {
      if (held.compareAndSet(count, count - 1)) {
        GenerationRecord eldest = order.poll();
        if (eldest != null) {
          records.remove(eldest.id(), eldest);
          evicted.increment();
        }
        return;
      }
      count = held.get();
    }
  }

  @Override
  public Optional<GenerationRecord> generation(String id) {
    return Optional.ofNullable(records.get(id));
  }

  @Override
  public List<UsageRow> rows(UsageFilter filter, List<GroupBy> groupBy) {
    Aggregator agg = new Aggregator(groupBy);
    for (GenerationRecord r : records.values()) {
      if (filter.matches(r)) {
        agg.add(r);
      }
    }
    return agg.rows();
  }

  @Override
  public void forEach(UsageFilter filter, Consumer<? super GenerationRecord> action) {
    List<GenerationRecord> matching = new ArrayList<>();
    for (GenerationRecord r : records.values()) {
      if (filter.matches(r)) {
        matching.add(r);
      }
    }
    matching.sort(ORDER);
    matching.forEach(action);
  }

  @Override
  public LedgerStats stats() {
    return new LedgerStats(recorded.sum(), duplicates.sum(), dropped.sum(), evicted.sum(), 0, 0);
  }

  /** How many records are held now. */
  public int size() {
    return records.size();
  }

  @Override
  public void flush() {
    // Nothing is queued.
  }

  /** Stops accepting records (later ones are dropped); what is held stays readable. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "Ledger.inMemory(" + maxRecords + ")";
  }
}
