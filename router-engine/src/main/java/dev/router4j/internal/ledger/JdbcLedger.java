package dev.router4j.internal.ledger;

import dev.router4j.api.cost.Cost;
import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.ledger.GroupBy;
import dev.router4j.ledger.Ledger;
import dev.router4j.ledger.LedgerException;
import dev.router4j.ledger.LedgerOptions;
import dev.router4j.ledger.LedgerStats;
import dev.router4j.ledger.UsageFilter;
import dev.router4j.ledger.UsageRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable ledger over JDBC ({@code java.sql} only): SQLite or PostgreSQL.
 *
 * <p><b>Writing.</b> {@link #record} puts the record in a bounded queue (waiting at most the
 * enqueue timeout for room, then dropping it). One writer thread per ledger drains the queue in
 * batches of up to {@link LedgerOptions#batchSize()} and commits each batch in one transaction:
 * the generation rows with {@code INSERT ... ON CONFLICT (id) DO NOTHING}, then the tag rows of
 * the rows actually inserted. A batch that fails is rolled back and retried with backoff
 * (about three seconds in all, reconnecting); if it still fails and the connection is sound,
 * its records are tried one by one and those that still fail are counted as failed and logged.
 * {@link #flush()} puts a marker in the queue and waits until the writer has committed
 * everything before it. A crash loses at most what was queued and not committed; what was
 * committed stays, and replaying records never doubles them (ids are unique).
 *
 * <p><b>Reading.</b> Lookups and queries run on a second connection, one at a time. Totals and
 * series are computed in SQL ({@code GROUP BY}); see {@link SqlDialect} for exact sums.
 * Exports page through the records in (creation time, id) order, so memory stays bounded.
 *
 * <p>The writer is a daemon thread: {@link #close()} the ledger before the JVM exits, or what is
 * still queued is lost.
 */
public final class JdbcLedger implements Ledger {
  private static final Logger LOG = LoggerFactory.getLogger("dev.router4j.ledger");
  private static final Object STOP = new Object();
  private static final int PAGE = 500;
  private static final int WRITE_RETRIES = 5;
  private static final long DAY_NANOS = 86_400_000_000_000L;
  private static final long HOUR_NANOS = 3_600_000_000_000L;

  /** Opens a connection to the store, configured for use. */
  @FunctionalInterface
  public interface ConnectionSource {
    /** A new connection. */
    Connection open() throws SQLException;
  }

  /** A flush marker: counted down once everything queued before it is committed. */
  private static final class Flush {
    final CountDownLatch done = new CountDownLatch(1);
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private final SqlDialect dialect;
  private final ConnectionSource source;
  private final String name;
  private final LedgerOptions options;
  private final ArrayBlockingQueue<Object> queue;
  private final Thread writer;
  private final List<String> columns;
  private final String insertSql;
  private final String insertTagSql;
  private final String selectList;

  private final Object readLock = new Object();
  private Connection reader; // guarded by readLock
  private boolean readerClosed; // guarded by readLock
  private Connection writeConnection; // writer thread only

  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean closed;
  private volatile boolean halted;
  private final AtomicLong recorded = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private final DropLog drops = new DropLog();

  /**
   * Opens a ledger: connects, migrates the schema to the last of the dialect's migrations and
   * starts the writer.
   *
   * @param dialect the store
   * @param source opens connections
   * @param name how to name the store in messages (no secrets)
   * @param options queue and batch settings
   * @throws LedgerException when the store cannot be reached or migrated
   */
  public static JdbcLedger open(SqlDialect dialect, ConnectionSource source, String name,
      LedgerOptions options) {
    return open(dialect, source, name, options, dialect.migrations());
  }

  /** As {@link #open(SqlDialect, ConnectionSource, String, LedgerOptions)}, with given migrations. */
  static JdbcLedger open(SqlDialect dialect, ConnectionSource source, String name,
      LedgerOptions options, List<SchemaMigrator.Migration> migrations) {
    Connection c = connect(dialect, source, name);
    try {
      SchemaMigrator.migrate(c, dialect, migrations);
      c.setAutoCommit(false);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      if (e instanceof LedgerException le) {
        throw le;
      }
      throw new LedgerException("could not prepare the ledger schema in " + name + ": "
          + e.getMessage(), e);
    }
    return new JdbcLedger(dialect, source, name, options, c);
  }

  /** The SQLite ledger of {@link Ledger#sqlite(Path, LedgerOptions)}. */
  public static JdbcLedger sqlite(Path file, LedgerOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    Path absolute = file.toAbsolutePath();
    try {
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
    } catch (IOException e) {
      throw new LedgerException("could not create the folder of " + absolute, e);
    }
    String url = "jdbc:sqlite:" + absolute;
    ConnectionSource source = () -> {
      Connection c = DriverManager.getConnection(url);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 10000");
        walMode(s);
        s.execute("PRAGMA synchronous = FULL");
        s.execute("PRAGMA foreign_keys = ON");
      } catch (SQLException e) {
        closeQuietly(c);
        throw e;
      }
      return c;
    };
    return open(SqlDialect.SQLITE, source, "sqlite:" + absolute, options);
  }

  /**
   * Switches the file to write-ahead logging. On a fresh file that another connection is
   * opening at the same moment, SQLite may answer SQLITE_BUSY at once instead of waiting out
   * the busy timeout, so the switch is tried again for up to that timeout.
   */
  private static void walMode(Statement s) throws SQLException {
    long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    for (int pause = 1; ; pause = Math.min(pause * 2, 50)) {
      try {
        s.execute("PRAGMA journal_mode = WAL");
        return;
      } catch (SQLException e) {
        boolean busy = String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
        if (!busy || System.nanoTime() - giveUp > 0) {
          throw e;
        }
        try {
          Thread.sleep(pause);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The PostgreSQL ledger of {@link Ledger#postgres(String, String, String, LedgerOptions)}. */
  public static JdbcLedger postgres(String jdbcUrl, String user, String password,
      LedgerOptions options) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(options, "options");
    int q = jdbcUrl.indexOf('?');
    String shown = q < 0 ? jdbcUrl : jdbcUrl.substring(0, q); // parameters may hold secrets
    ConnectionSource source = () -> DriverManager.getConnection(jdbcUrl, user, password);
    return open(SqlDialect.POSTGRES, source, shown, options);
  }

  private JdbcLedger(SqlDialect dialect, ConnectionSource source, String name,
      LedgerOptions options, Connection writeConnection) {
    this.dialect = dialect;
    this.source = source;
    this.name = name;
    this.options = options;
    this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
    this.writeConnection = writeConnection;
    this.columns = columns(dialect);
    this.insertSql = "INSERT INTO router4j_generation (" + String.join(", ", columns)
        + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?) ON CONFLICT (id) DO NOTHING";
    this.insertTagSql = "INSERT INTO router4j_generation_tag (generation_id, tag_key, tag_value)"
        + " VALUES (?, ?, ?) ON CONFLICT (generation_id, tag_key) DO NOTHING";
    StringBuilder sb = new StringBuilder();
    for (String col : columns) {
      sb.append(sb.length() == 0 ? "" : ", ").append("g.").append(col);
    }
    this.selectList = sb.toString();
    this.writer = new Thread(this::runWriter, "router4j-ledger-writer[" + name + "]");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  private static List<String> columns(SqlDialect dialect) {
    List<String> c = new ArrayList<>(List.of("id", "created_ns", "model", "provider", "endpoint",
        "workspace", "key_label", "user_id", "tags_json", "streamed", "cancelled",
        "finish_reason", "native_finish_reason", "prompt_tokens", "completion_tokens",
        "reasoning_tokens", "cached_tokens", "cache_write_tokens", "tokens_estimated",
        "cost_total"));
    if (dialect.splitsCosts()) {
      c.addAll(List.of("cost_nanos", "cost_attos", "cost_exotic"));
    }
    c.addAll(List.of("cost_prompt", "cost_completion", "cost_reasoning", "cost_cache_read",
        "cost_cache_write", "cost_request", "cost_image", "cost_web_search", "cost_platform_fee",
        "cost_estimated", "latency_ns", "ttft_ns", "generation_ns", "throughput",
        "failed_attempts", "attempts_json", "prompt_text", "completion_text"));
    return List.copyOf(c);
  }

  private static Connection connect(SqlDialect dialect, ConnectionSource source, String name) {
    try {
      return source.open();
    } catch (SQLException e) {
      String msg = String.valueOf(e.getMessage());
      if (msg.contains("No suitable driver")) {
        throw new LedgerException("no JDBC driver for " + name + ": add "
            + dialect.driverArtifact() + " to the class path", e);
      }
      throw new LedgerException("could not connect to the ledger " + name + ": " + msg, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Recording

  @Override
  public void record(GenerationRecord record) {
    Objects.requireNonNull(record, "record");
    if (closed) {
      drop(record, "the ledger is closed");
      return;
    }
    pending.incrementAndGet();
    boolean queued = queue.offer(record);
    if (!queued && !options.enqueueTimeout().isZero()) {
      try {
        queued = queue.offer(record, options.enqueueTimeout().toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!queued) {
      pending.decrementAndGet();
      drop(record, "the write queue (" + options.queueCapacity() + ") stayed full for "
          + options.enqueueTimeout().toMillis() + " ms");
      return;
    }
    if (closed && queue.remove(record)) {
      pending.decrementAndGet();
      drop(record, "the ledger is closed");
      return;
    }
    recorded.incrementAndGet();
  }

  private void drop(GenerationRecord r, String why) {
    dropped.incrementAndGet();
    drops.dropped(r, why);
  }

  @Override
  public void flush() {
    if (closed && !writer.isAlive()) {
      return;
    }
    Flush marker = new Flush();
    try {
      while (!queue.offer(marker, 100, TimeUnit.MILLISECONDS)) {
        if (!writer.isAlive()) {
          return;
        }
      }
      while (!marker.done.await(100, TimeUnit.MILLISECONDS)) {
        if (!writer.isAlive()) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException("interrupted while flushing the ledger", e);
    }
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      joinUninterruptibly(writer);
      return;
    }
    closed = true;
    if (writer.isAlive()) {
      boolean interrupted = false;
      while (writer.isAlive()) {
        try {
          if (queue.offer(STOP, 100, TimeUnit.MILLISECONDS)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      joinUninterruptibly(writer);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    List<Object> rest = new ArrayList<>();
    queue.drainTo(rest);
    for (Object o : rest) {
      if (o instanceof GenerationRecord r) {
        pending.decrementAndGet();
        recorded.decrementAndGet();
        drop(r, "the ledger closed before it was written");
      } else if (o instanceof Flush f) {
        f.done.countDown();
      }
    }
    synchronized (readLock) {
      readerClosed = true;
      closeQuietly(reader);
      reader = null;
    }
  }

  /**
   * Stops at once, as a crash would: the writer abandons its queue and rolls back the batch it
   * is writing, nothing more is committed, and the connections are closed. For tests of crash
   * safety; {@link #close()} is the orderly way.
   */
  public void halt() {
    halted = true;
    closed = true;
    closing.set(true);
    writer.interrupt();
    joinUninterruptibly(writer);
    synchronized (readLock) {
      readerClosed = true;
      closeQuietly(reader);
      reader = null;
    }
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (t.isAlive() && t != Thread.currentThread()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The writer

  private void runWriter() {
    List<Object> batch = new ArrayList<>(options.batchSize());
    try {
      while (true) {
        Object first;
        try {
          first = queue.take();
        } catch (InterruptedException e) {
          if (halted) {
            return;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, options.batchSize() - 1);
        List<GenerationRecord> records = new ArrayList<>(batch.size());
        List<Flush> flushes = new ArrayList<>(1);
        boolean stop = false;
        for (Object o : batch) {
          if (o instanceof GenerationRecord r) {
            records.add(r);
          } else if (o instanceof Flush f) {
            flushes.add(f);
          } else if (o == STOP) {
            stop = true;
          }
        }
        batch.clear();
        if (!records.isEmpty()) {
          write(records);
        }
        if (halted) {
          return;
        }
        for (Flush f : flushes) {
          f.done.countDown();
        }
        if (stop) {
          return;
        }
      }
    } catch (RuntimeException | Error e) {
      LOG.error("router4j ledger writer for {} stopped unexpectedly", name, e);
      throw e;
    } finally {
      closeQuietly(writeConnection);
      writeConnection = null;
    }
  }

  private void write(List<GenerationRecord> records) {
    Exception last = null;
    for (int attempt = 0; attempt <= WRITE_RETRIES; attempt++) {
      if (halted) {
        return;
      }
      if (attempt > 0) {
        long backoff = Math.min(2_000L, 100L << (attempt - 1));
        if (attempt == 1) {
          LOG.warn("router4j ledger {}: writing {} record(s) failed, retrying: {}", name,
              records.size(), last.toString());
        }
        if (!sleep(backoff)) {
          return;
        }
      }
      try {
        commit(records);
        return;
      } catch (SQLException | RuntimeException e) {
        last = e;
        rollbackAndForget();
      }
    }
    // Still failing: try each record alone when the store answers, to keep all but the bad ones.
    boolean reachable = false;
    try {
      Connection c = writeConnection();
      reachable = c.isValid(2);
    } catch (SQLException | RuntimeException e) {
      rollbackAndForget();
    }
    if (reachable && records.size() > 1) {
      for (GenerationRecord r : records) {
        if (halted) {
          return;
        }
        try {
          commit(List.of(r));
        } catch (SQLException | RuntimeException e) {
          rollbackAndForget();
          giveUp(List.of(r), e);
        }
      }
    } else {
      giveUp(records, last);
    }
  }

  private void giveUp(List<GenerationRecord> records, Exception why) {
    failed.addAndGet(records.size());
    pending.addAndGet(-records.size());
    LOG.error("router4j ledger {}: could not write {} record(s) (first id {}), dropping them",
        name, records.size(), records.get(0).id(), why);
  }

  /** Inserts and commits one batch; rolls back and returns if halted meanwhile. */
  private void commit(List<GenerationRecord> records) throws SQLException {
    Connection c = writeConnection();
    int dups = 0;
    List<GenerationRecord> inserted = new ArrayList<>(records.size());
    try (PreparedStatement ps = c.prepareStatement(insertSql)) {
      for (GenerationRecord r : records) {
        bind(ps, r);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      for (int i = 0; i < records.size(); i++) {
        if (i < counts.length && counts[i] == 0) {
          dups++;
        } else {
          inserted.add(records.get(i));
        }
      }
    }
    boolean tags = false;
    for (GenerationRecord r : inserted) {
      tags |= !r.tags().isEmpty();
    }
    if (tags) {
      try (PreparedStatement ts = c.prepareStatement(insertTagSql)) {
        for (GenerationRecord r : inserted) {
          for (Map.Entry<String, String> e : r.tags().entrySet()) {
            ts.setString(1, r.id());
            ts.setString(2, e.getKey());
            ts.setString(3, e.getValue());
            ts.addBatch();
          }
        }
        ts.executeBatch();
      }
    }
    if (halted) {
      c.rollback();
      return;
    }
    c.commit();
    duplicates.addAndGet(dups);
    pending.addAndGet(-records.size());
  }

  private Connection writeConnection() throws SQLException {
    if (writeConnection == null) {
      Connection c = source.open();
      c.setAutoCommit(false);
      writeConnection = c;
    }
    return writeConnection;
  }

  private void rollbackAndForget() {
    Connection c = writeConnection;
    writeConnection = null;
    if (c != null) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // closing anyway
      }
      closeQuietly(c);
    }
  }

  private boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      return !halted;
    }
  }

  private void bind(PreparedStatement ps, GenerationRecord r) throws SQLException {
    int i = 1;
    ps.setString(i++, r.id());
    ps.setLong(i++, epochNanos(r.createdAt()));
    ps.setString(i++, r.model());
    ps.setString(i++, r.provider());
    ps.setString(i++, r.endpoint());
    ps.setString(i++, r.workspace());
    ps.setString(i++, r.keyLabel());
    ps.setString(i++, r.user());
    ps.setString(i++, RecordJson.tagsToJson(r.tags()));
    ps.setBoolean(i++, r.streamed());
    ps.setBoolean(i++, r.cancelled());
    ps.setString(i++, r.finishReason() == null ? null : r.finishReason().wireName());
    ps.setString(i++, r.nativeFinishReason());
    ps.setInt(i++, r.promptTokens());
    ps.setInt(i++, r.completionTokens());
    ps.setInt(i++, r.reasoningTokens());
    ps.setInt(i++, r.cachedTokens());
    ps.setInt(i++, r.cacheWriteTokens());
    ps.setBoolean(i++, r.tokensEstimated());
    Cost c = r.cost();
    BigDecimal total = c.total();
    dialect.setDecimal(ps, i++, total);
    if (dialect.splitsCosts()) {
      long[] split = ExactCost.split(total);
      ps.setLong(i++, split == null ? 0 : split[0]);
      ps.setLong(i++, split == null ? 0 : split[1]);
      ps.setInt(i++, split == null ? 1 : 0);
    }
    dialect.setDecimal(ps, i++, c.prompt());
    dialect.setDecimal(ps, i++, c.completion());
    dialect.setDecimal(ps, i++, c.reasoning());
    dialect.setDecimal(ps, i++, c.cacheRead());
    dialect.setDecimal(ps, i++, c.cacheWrite());
    dialect.setDecimal(ps, i++, c.request());
    dialect.setDecimal(ps, i++, c.image());
    dialect.setDecimal(ps, i++, c.webSearch());
    dialect.setDecimal(ps, i++, c.platformFee());
    ps.setBoolean(i++, c.estimated());
    ps.setLong(i++, r.latency().toNanos());
    setNanos(ps, i++, r.timeToFirstToken());
    setNanos(ps, i++, r.generationTime());
    ps.setDouble(i++, r.throughput());
    ps.setInt(i++, r.failedAttempts());
    ps.setString(i++, RecordJson.attemptsToJson(r.attempts()));
    ps.setString(i++, r.promptText());
    ps.setString(i, r.completionText());
  }

  private static void setNanos(PreparedStatement ps, int i, Duration d) throws SQLException {
    if (d == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, d.toNanos());
    }
  }

  /** Epoch nanoseconds; exact for every instant a record may hold (wrap-around cancels out). */
  static long epochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  static Instant fromEpochNanos(long ns) {
    return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L),
        Math.floorMod(ns, 1_000_000_000L));
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  private <T> T read(SqlWork<T> work) {
    synchronized (readLock) {
      if (readerClosed) {
        throw new LedgerException("the ledger " + name + " is closed");
      }
      try {
        if (reader == null) {
          reader = source.open();
        }
        return work.run(reader);
      } catch (SQLException e) {
        closeQuietly(reader);
        reader = null;
        throw new LedgerException("reading the ledger " + name + " failed: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public Optional<GenerationRecord> generation(String id) {
    Objects.requireNonNull(id, "id");
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + selectList + " FROM router4j_generation g WHERE g.id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(readRecord(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void forEach(UsageFilter filter, Consumer<? super GenerationRecord> action) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(action, "action");
    long lastNs = 0;
    String lastId = null;
    while (true) {
      final long afterNs = lastNs;
      final String afterId = lastId;
      List<GenerationRecord> page = read(c -> page(c, filter, afterNs, afterId));
      for (GenerationRecord r : page) {
        action.accept(r);
      }
      if (page.size() < PAGE) {
        return;
      }
      GenerationRecord tail = page.get(page.size() - 1);
      lastNs = epochNanos(tail.createdAt());
      lastId = tail.id();
    }
  }

  private List<GenerationRecord> page(Connection c, UsageFilter filter, long afterNs,
      String afterId) throws SQLException {
    List<Object> params = new ArrayList<>();
    List<String> where = conditions(filter, params);
    if (afterId != null) {
      where.add("(g.created_ns > ? OR (g.created_ns = ? AND g.id > ?))");
      params.add(afterNs);
      params.add(afterNs);
      params.add(afterId);
    }
    String sql = "SELECT " + selectList + " FROM router4j_generation g" + whereClause(where)
        + " ORDER BY g.created_ns, g.id LIMIT " + PAGE;
    List<GenerationRecord> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindAll(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(readRecord(rs));
        }
      }
    }
    return out;
  }

  @Override
  public List<UsageRow> rows(UsageFilter filter, List<GroupBy> groupBy) {
    Objects.requireNonNull(filter, "filter");
    List<GroupBy> groups = List.copyOf(groupBy);
    return read(c -> aggregate(c, filter, groups));
  }

  private List<UsageRow> aggregate(Connection c, UsageFilter filter, List<GroupBy> groupBy)
      throws SQLException {
    List<Object> params = new ArrayList<>();
    StringBuilder from = new StringBuilder(" FROM router4j_generation g");
    List<String> keys = groupExpressions(groupBy, from, params);
    List<String> where = conditions(filter, params);
    StringBuilder select = new StringBuilder("SELECT ");
    for (String k : keys) {
      select.append(k).append(", ");
    }
    select.append("COUNT(*), ")
        .append(dialect.sumLong("g.prompt_tokens")).append(", ")
        .append(dialect.sumLong("g.completion_tokens")).append(", ")
        .append(dialect.sumLong("g.reasoning_tokens")).append(", ")
        .append(dialect.sumLong("g.cached_tokens")).append(", ")
        .append(dialect.sumLong("g.cache_write_tokens")).append(", ")
        .append(dialect.sumLong("CASE WHEN g.finish_reason = 'error' THEN 1 ELSE 0 END"))
        .append(", ").append(dialect.sumLong("g.failed_attempts")).append(", ");
    if (dialect.splitsCosts()) {
      select.append(dialect.sumLong("g.cost_nanos")).append(", ")
          .append(dialect.sumLong("g.cost_attos")).append(", ")
          .append(dialect.sumLong("g.cost_exotic"));
    } else {
      select.append("COALESCE(SUM(g.cost_total), 0)");
    }
    String groupClause = keys.isEmpty() ? "" : " GROUP BY " + String.join(", ", keys);
    String sql = select + from.toString() + whereClause(where) + groupClause;

    Map<List<String>, long[]> counts = new HashMap<>();
    Map<List<String>, BigDecimal> costs = new HashMap<>();
    boolean exotic = false;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindAll(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<String> key = readKey(rs, groupBy);
          int col = groupBy.size() + 1;
          long[] n = new long[8];
          for (int j = 0; j < n.length; j++) {
            n[j] = rs.getLong(col++);
          }
          BigDecimal cost;
          if (dialect.splitsCosts()) {
            cost = ExactCost.join(rs.getLong(col), rs.getLong(col + 1));
            exotic |= rs.getLong(col + 2) > 0;
          } else {
            cost = rs.getBigDecimal(col);
            cost = cost == null ? BigDecimal.ZERO : cost;
          }
          counts.put(key, n);
          costs.put(key, cost);
        }
      }
    }
    if (exotic) {
      addExoticCosts(c, filter, groupBy, costs);
    }
    List<List<String>> order = new ArrayList<>(counts.keySet());
    order.sort(Aggregator.KEY_ORDER);
    List<UsageRow> rows = new ArrayList<>(order.size());
    for (List<String> key : order) {
      long[] n = counts.get(key);
      rows.add(new UsageRow(groupBy, key, n[0], n[1], n[2], n[3], n[4], n[5], costs.get(key),
          n[6], n[7]));
    }
    return rows;
  }

  /** Adds, in Java, the costs too fine for the integer split (SQLite only). */
  private void addExoticCosts(Connection c, UsageFilter filter, List<GroupBy> groupBy,
      Map<List<String>, BigDecimal> costs) throws SQLException {
    List<Object> params = new ArrayList<>();
    StringBuilder from = new StringBuilder(" FROM router4j_generation g");
    List<String> keys = groupExpressions(groupBy, from, params);
    List<String> where = conditions(filter, params);
    where.add("g.cost_exotic = 1");
    StringBuilder select = new StringBuilder("SELECT ");
    for (String k : keys) {
      select.append(k).append(", ");
    }
    select.append("g.cost_total");
    try (PreparedStatement ps = c.prepareStatement(select + from.toString()
        + whereClause(where))) {
      bindAll(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<String> key = readKey(rs, groupBy);
          BigDecimal v = new BigDecimal(rs.getString(groupBy.size() + 1));
          costs.merge(key, v, BigDecimal::add);
        }
      }
    }
  }

  private List<String> groupExpressions(List<GroupBy> groupBy, StringBuilder from,
      List<Object> params) {
    List<String> keys = new ArrayList<>(groupBy.size());
    for (int k = 0; k < groupBy.size(); k++) {
      GroupBy g = groupBy.get(k);
      switch (g.dimension()) {
        case MODEL -> keys.add("g.model");
        case PROVIDER -> keys.add("g.provider");
        case WORKSPACE -> keys.add("g.workspace");
        case KEY -> keys.add("g.key_label");
        case USER -> keys.add("g.user_id");
        case TAG -> {
          String alias = "gt" + k;
          from.append(" LEFT JOIN router4j_generation_tag ").append(alias).append(" ON ")
              .append(alias).append(".generation_id = g.id AND ").append(alias)
              .append(".tag_key = ?");
          params.add(g.tagKey());
          keys.add(alias + ".tag_value");
        }
        case DAY -> keys.add(floorDiv("g.created_ns", DAY_NANOS));
        case HOUR -> keys.add(floorDiv("g.created_ns", HOUR_NANOS));
        default -> throw new AssertionError(g);
      }
    }
    return keys;
  }

  /** Floor division in SQL, where integer division truncates toward zero. */
  private static String floorDiv(String expr, long divisor) {
    return "(CASE WHEN " + expr + " >= 0 THEN " + expr + " / " + divisor + " ELSE -((-" + expr
        + " - 1) / " + divisor + ") - 1 END)";
  }

  private static List<String> readKey(ResultSet rs, List<GroupBy> groupBy) throws SQLException {
    List<String> key = new ArrayList<>(groupBy.size());
    for (int k = 0; k < groupBy.size(); k++) {
      GroupBy g = groupBy.get(k);
      if (g.dimension() == GroupBy.Dimension.DAY || g.dimension() == GroupBy.Dimension.HOUR) {
        long bucket = rs.getLong(k + 1);
        key.add(g.dimension() == GroupBy.Dimension.DAY ? GroupBy.dayKey(bucket)
            : GroupBy.hourKey(bucket));
      } else {
        key.add(rs.getString(k + 1));
      }
    }
    return key;
  }

  private static List<String> conditions(UsageFilter f, List<Object> params) {
    List<String> where = new ArrayList<>();
    if (f.from() != null) {
      where.add("g.created_ns >= ?");
      params.add(clampNanos(f.from()));
    }
    if (f.to() != null) {
      where.add("g.created_ns < ?");
      params.add(clampNanos(f.to()));
    }
    equal(where, params, "g.model", f.model());
    equal(where, params, "g.provider", f.provider());
    equal(where, params, "g.workspace", f.workspace());
    equal(where, params, "g.key_label", f.keyLabel());
    equal(where, params, "g.user_id", f.user());
    for (Map.Entry<String, String> e : f.tags().entrySet()) {
      where.add("EXISTS (SELECT 1 FROM router4j_generation_tag ft WHERE ft.generation_id = g.id"
          + " AND ft.tag_key = ? AND ft.tag_value = ?)");
      params.add(e.getKey());
      params.add(e.getValue());
    }
    return where;
  }

  private static void equal(List<String> where, List<Object> params, String column,
      String value) {
    if (value != null) {
      where.add(column + " = ?");
      params.add(value);
    }
  }

  private static long clampNanos(Instant t) {
    if (t.getEpochSecond() >= Long.MAX_VALUE / 1_000_000_000L - 1) {
      return Long.MAX_VALUE;
    }
    if (t.getEpochSecond() <= Long.MIN_VALUE / 1_000_000_000L + 1) {
      return Long.MIN_VALUE;
    }
    return epochNanos(t);
  }

  private static String whereClause(List<String> where) {
    return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
  }

  private static void bindAll(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      Object p = params.get(i);
      if (p instanceof Long l) {
        ps.setLong(i + 1, l);
      } else {
        ps.setString(i + 1, (String) p);
      }
    }
  }

  private GenerationRecord readRecord(ResultSet rs) throws SQLException {
    GenerationRecord.Builder b = GenerationRecord.builder()
        .id(rs.getString("id"))
        .createdAt(fromEpochNanos(rs.getLong("created_ns")))
        .model(rs.getString("model"))
        .provider(rs.getString("provider"))
        .endpoint(rs.getString("endpoint"))
        .workspace(rs.getString("workspace"))
        .keyLabel(rs.getString("key_label"))
        .user(rs.getString("user_id"))
        .tags(RecordJson.tagsFromJson(rs.getString("tags_json")))
        .streamed(rs.getBoolean("streamed"))
        .cancelled(rs.getBoolean("cancelled"))
        .finishReason(RecordJson.finishReason(rs.getString("finish_reason")))
        .nativeFinishReason(rs.getString("native_finish_reason"))
        .promptTokens(rs.getInt("prompt_tokens"))
        .completionTokens(rs.getInt("completion_tokens"))
        .reasoningTokens(rs.getInt("reasoning_tokens"))
        .cachedTokens(rs.getInt("cached_tokens"))
        .cacheWriteTokens(rs.getInt("cache_write_tokens"))
        .tokensEstimated(rs.getBoolean("tokens_estimated"))
        .cost(new Cost(dialect.getDecimal(rs, "cost_prompt"),
            dialect.getDecimal(rs, "cost_completion"), dialect.getDecimal(rs, "cost_reasoning"),
            dialect.getDecimal(rs, "cost_cache_read"), dialect.getDecimal(rs, "cost_cache_write"),
            dialect.getDecimal(rs, "cost_request"), dialect.getDecimal(rs, "cost_image"),
            dialect.getDecimal(rs, "cost_web_search"), dialect.getDecimal(rs, "cost_platform_fee"),
            rs.getBoolean("cost_estimated")))
        .latency(Duration.ofNanos(rs.getLong("latency_ns")))
        .throughput(rs.getDouble("throughput"))
        .attempts(RecordJson.attemptsFromJson(rs.getString("attempts_json")))
        .promptText(rs.getString("prompt_text"))
        .completionText(rs.getString("completion_text"));
    long ttft = rs.getLong("ttft_ns");
    if (!rs.wasNull()) {
      b.timeToFirstToken(Duration.ofNanos(ttft));
    }
    long gen = rs.getLong("generation_ns");
    if (!rs.wasNull()) {
      b.generationTime(Duration.ofNanos(gen));
    }
    return b.build();
  }

  // ---------------------------------------------------------------------------------------------

  @Override
  public LedgerStats stats() {
    return new LedgerStats(Math.max(0, recorded.get()), duplicates.get(), dropped.get(), 0,
        failed.get(), Math.max(0, pending.get()));
  }

  /** How many records and flush markers wait in the queue now (the writer's batch excluded). */
  public int queued() {
    return queue.size();
  }

  /** The store's dialect. */
  public SqlDialect dialect() {
    return dialect;
  }

  /** Runs work on the reading connection; for tests and tools that inspect the store. */
  public <T> T inspect(SqlFunction<T> work) {
    return read(work::apply);
  }

  /** Work on a connection. */
  @FunctionalInterface
  public interface SqlFunction<T> {
    /** Runs on the connection. */
    T apply(Connection c) throws SQLException;
  }

  @Override
  public String toString() {
    return "Ledger." + (dialect == SqlDialect.SQLITE ? "sqlite" : "postgres") + "(" + name + ")";
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing to do
      }
    }
  }
}
