package dev.router4j.internal.ledger;

import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.ledger.GroupBy;
import dev.router4j.ledger.Ledger;
import dev.router4j.ledger.LedgerStats;
import dev.router4j.ledger.UsageFilter;
import dev.router4j.ledger.UsageRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The bounded in-memory ledger: records in insertion order, the oldest evicted once
 * {@code maxRecords} are held. A record is stored at once under a short write lock (no I/O, no
 * queue); queries scan under a read lock, and exports copy the matching records first so that
 * the caller's I/O runs without the lock.
 */
public final class InMemoryLedger implements Ledger {
  /** Creation time, then id: the order of {@link #forEach}. */
  static final Comparator<GenerationRecord> ORDER =
      Comparator.comparing(GenerationRecord::createdAt).thenComparing(GenerationRecord::id);

  private final int maxRecords;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final LinkedHashMap<String, GenerationRecord> records = new LinkedHashMap<>();
  private long recorded;
  private long duplicates;
  private long dropped;
  private long evicted;
  private boolean closed;
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
    lock.writeLock().lock();
    try {
      if (closed) {
        dropped++;
        drops.dropped(record, "the ledger is closed");
        return;
      }
      recorded++;
      if (records.putIfAbsent(record.id(), record) != null) {
        duplicates++;
        return;
      }
      if (records.size() > maxRecords) {
        var eldest = records.entrySet().iterator();
        eldest.next();
        eldest.remove();
        evicted++;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<GenerationRecord> generation(String id) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(records.get(id));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<UsageRow> rows(UsageFilter filter, List<GroupBy> groupBy) {
    Aggregator agg = new Aggregator(groupBy);
    lock.readLock().lock();
    try {
      for (GenerationRecord r : records.values()) {
        if (filter.matches(r)) {
          agg.add(r);
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    return agg.rows();
  }

  @Override
  public void forEach(UsageFilter filter, Consumer<? super GenerationRecord> action) {
    List<GenerationRecord> matching = new ArrayList<>();
    lock.readLock().lock();
    try {
      for (GenerationRecord r : records.values()) {
        if (filter.matches(r)) {
          matching.add(r);
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    matching.sort(ORDER);
    matching.forEach(action);
  }

  @Override
  public LedgerStats stats() {
    lock.readLock().lock();
    try {
      return new LedgerStats(recorded, duplicates, dropped, evicted, 0, 0);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many records are held now. */
  public int size() {
    lock.readLock().lock();
    try {
      return records.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void flush() {
    // Nothing is queued.
  }

  /** Stops accepting records (later ones are dropped); what is held stays readable. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "Ledger.inMemory(" + maxRecords + ")";
  }
}
