package dev.router4j.ledger;

import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.internal.ledger.InMemoryLedger;
import dev.router4j.internal.ledger.JdbcLedger;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the router keeps what every generation used and cost: the SPI behind spend reports,
 * generation lookups and exports.
 *
 * <pre>{@code
 * try (Ledger ledger = Ledger.sqlite(Path.of("usage.db"))) {
 *   ledger.record(record);                                   // cheap, never does I/O inline
 *   ledger.generation("gen-123");                            // after flush(), or later
 *   UsageRow today = ledger.query().between(midnight, now).workspace("search").totals();
 *   List<UsageRow> perModelPerDay = ledger.query().series(GroupBy.MODEL, GroupBy.DAY);
 *   ledger.query().tag("team", "growth").exportCsv(writer);
 * }
 * }</pre>
 *
 * <h2>Recording never blocks the request path</h2>
 * {@link #record} is called on the request path, so it must not do I/O. The durable ledgers
 * put the record in a bounded queue that one writer thread per ledger drains in batches, each
 * batch in one transaction. When the queue is full the caller waits at most
 * {@link LedgerOptions#enqueueTimeout()} (back-pressure); if there is still no room, the record
 * is <em>dropped</em>: it is counted in {@link LedgerStats#dropped()} and a warning is logged
 * (at most once every ten seconds, with the count since the last warning). A record given to a
 * closed ledger is dropped the same way. The in-memory ledger stores the record at once under a
 * short lock.
 *
 * <h2>Reads, flush and close</h2>
 * Lookups and queries see what has been committed; {@link #flush()} waits until every record
 * queued before the call is committed, so call it first to read your own writes.
 * {@link #close()} flushes, stops the writer and releases the database. Ids are unique within a
 * ledger: recording an id that is already there is ignored (counted in
 * {@link LedgerStats#duplicates()}), so replaying records after a crash never doubles them.
 *
 * <h2>Implementing</h2>
 * An implementation provides {@link #record}, {@link #generation}, {@link #rows},
 * {@link #forEach}, {@link #stats}, {@link #flush} and {@link #close}; {@link #query()} builds on
 * {@code rows} and {@code forEach}. Every method must be thread-safe.
 */
public interface Ledger extends AutoCloseable {

  /**
   * Records a generation without blocking on I/O (see the class comment for back-pressure
   * and drops). A record whose id is already in the ledger is ignored.
   *
   * @param record the generation
   */
  void record(GenerationRecord record);

  /**
   * The committed record with the given id.
   *
   * @param id the generation id
   * @return the record, or empty when none was committed (or it was evicted)
   * @throws LedgerException when the store cannot be read
   */
  Optional<GenerationRecord> generation(String id);

  /** A query over every committed record: narrow it, then ask for totals, series or exports. */
  default UsageQuery query() {
    return new UsageQuery(this, UsageFilter.ALL);
  }

  /**
   * The aggregated rows of the matching records, one per distinct combination of the group
   * keys (one row, possibly of zeros, when {@code groupBy} is empty), sorted by their keys with
   * null (no value) first. What {@link UsageQuery#totals()} and {@link UsageQuery#series}
   * run.
   *
   * @param filter which records count
   * @param groupBy the grouping, possibly empty
   * @throws LedgerException when the store cannot be read
   */
  List<UsageRow> rows(UsageFilter filter, List<GroupBy> groupBy);

  /**
   * Passes every matching committed record to the action, oldest first (by creation time,
   * then id). What {@link UsageQuery#records()} and the exports run. The action runs on the
   * calling thread.
   *
   * @param filter which records
   * @param action what to do with each
   * @throws LedgerException when the store cannot be read
   */
  void forEach(UsageFilter filter, Consumer<? super GenerationRecord> action);

  /** Counters: records accepted, duplicates ignored, dropped, evicted, failed, pending. */
  LedgerStats stats();

  /**
   * Waits until every record queued before this call is committed (or has failed for good,
   * see {@link LedgerStats#failed()}). Returns at once for the in-memory ledger.
   *
   * @throws LedgerException when interrupted
   */
  void flush();

  /**
   * Flushes, stops the writer and releases the store. Idempotent. Records given afterwards are
   * dropped (counted, not thrown). A durable ledger cannot be read once closed (reads fail with
   * {@link LedgerException}; open it again); the in-memory ledger stays readable.
   */
  @Override
  void close();

  /**
   * The bound of {@link #inMemory()}: some 5–7 MB of records. Every record held is live data
   * that the garbage collector copies and keeps, so a larger default would cost every call of
   * an application that never looks at old records; a longer history belongs in a durable
   * ledger ({@link #sqlite}, {@link #postgres}) or in {@link #inMemory(int)} with a bound chosen.
   */
  int DEFAULT_IN_MEMORY_RECORDS = 10_000;

  /** A ledger in memory holding the {@value #DEFAULT_IN_MEMORY_RECORDS} most recent records. */
  static Ledger inMemory() {
    return inMemory(DEFAULT_IN_MEMORY_RECORDS);
  }

  /**
   * A ledger in memory holding at most {@code maxRecords} records: when full, the oldest
   * recorded is evicted to make room (counted in {@link LedgerStats#evicted()}), so totals
   * cover the most recent records only. Lost when the JVM exits. The default ledger.
   *
   * @param maxRecords the bound, at least 1
   */
  static Ledger inMemory(int maxRecords) {
    return new InMemoryLedger(maxRecords);
  }

  /**
   * A durable ledger in one SQLite file (created with its parent folders when missing), in
   * write-ahead-log mode with full synchronous commits: a committed record survives a crash
   * and a restart. Needs {@code org.xerial:sqlite-jdbc} on the class path.
   *
   * <p>Costs are stored as exact decimal text; for sums in SQL each total is also stored as
   * integer nano-dollars plus a remainder in atto-dollars (10<sup>-18</sup>), both summed
   * exactly by SQLite's integer {@code SUM} (which fails rather than overflow, beyond about
   * nine billion dollars). A cost finer than 10<sup>-18</sup> dollars is summed from its
   * decimal text in Java instead. Either way the sum is exact.
   *
   * @param file the database file
   * @throws LedgerException when the database cannot be opened or migrated
   */
  static Ledger sqlite(Path file) {
    return sqlite(file, LedgerOptions.defaults());
  }

  /**
   * A durable SQLite ledger with the given queue and batch options; see {@link #sqlite(Path)}.
   *
   * @param file the database file
   * @param options queue capacity, enqueue timeout and batch size
   * @throws LedgerException when the database cannot be opened or migrated
   */
  static Ledger sqlite(Path file, LedgerOptions options) {
    return JdbcLedger.sqlite(file, options);
  }

  /**
   * A durable ledger in PostgreSQL (9.5 or later). Costs are {@code NUMERIC} and summed by
   * PostgreSQL exactly. The tables ({@code router4j_generation}, {@code router4j_generation_tag},
   * {@code router4j_schema_version}) are created in the connection's current schema; choose one
   * with {@code ?currentSchema=...} in the URL. Needs {@code org.postgresql:postgresql} on the
   * class path.
   *
   * @param jdbcUrl for example {@code jdbc:postgresql://localhost:5432/app}
   * @param user the database user
   * @param password the password
   * @throws LedgerException when the database cannot be reached or migrated
   */
  static Ledger postgres(String jdbcUrl, String user, String password) {
    return postgres(jdbcUrl, user, password, LedgerOptions.defaults());
  }

  /**
   * A durable PostgreSQL ledger with the given queue and batch options; see
   * {@link #postgres(String, String, String)}.
   *
   * @param jdbcUrl the JDBC URL
   * @param user the database user
   * @param password the password
   * @param options queue capacity, enqueue timeout and batch size
   * @throws LedgerException when the database cannot be reached or migrated
   */
  static Ledger postgres(String jdbcUrl, String user, String password, LedgerOptions options) {
    return JdbcLedger.postgres(jdbcUrl, user, password, options);
  }
}
