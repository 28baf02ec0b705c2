package dev.router4j.ledger;

import static dev.router4j.ledger.LedgerFixtures.T0;
import static dev.router4j.ledger.LedgerFixtures.dataset;
import static dev.router4j.ledger.LedgerFixtures.full;
import static dev.router4j.ledger.LedgerFixtures.simple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.internal.ledger.JdbcLedger;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract of {@link Ledger#sqlite(Path)}, and what only a file on disk can show. */
class SqliteLedgerTest extends LedgerContractTest {
  private static final AtomicInteger FILES = new AtomicInteger();

  @TempDir
  Path dir;

  private Path file;

  @Override
  protected Ledger open() {
    file = dir.resolve("ledgers").resolve("usage-" + FILES.incrementAndGet() + ".db");
    return Ledger.sqlite(file);
  }

  @Override
  protected Ledger reopen(Ledger closed) {
    return Ledger.sqlite(file);
  }

  @Test
  void everythingIsThereAfterARestart() throws Exception {
    List<GenerationRecord> data = new ArrayList<>(dataset());
    data.add(full("gen-restart"));
    data.forEach(ledger::record);
    ledger.close();
    ledger = Ledger.sqlite(file);
    assertThat(ledger.query().records()).isEqualTo(sorted(data));
    assertThat(ledger.query().totals()).isEqualTo(expected(data, List.of()).get(0));
    assertThat(ledger.generation("gen-restart")).contains(full("gen-restart"));
    ledger.close();
    ledger = Ledger.sqlite(file); // a second reopen migrates nothing
    assertThat(ledger.query().totals().requests()).isEqualTo(data.size());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, description FROM router4j_schema_version")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.next()).as("exactly one version row").isFalse();
    }
  }

  @Test
  void theFileIsInWriteAheadLogModeAndCostsAreNeverFloatingPoint() throws Exception {
    ledger.record(simple("wal", T0, "m", "0.1"));
    ledger.flush();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
      }
      try (ResultSet rs = s.executeQuery("SELECT name, type FROM pragma_table_info('router4j_generation')"
          + " WHERE name LIKE 'cost%'")) {
        int n = 0;
        while (rs.next()) {
          n++;
          assertThat(rs.getString(2)).as(rs.getString(1)).isIn("TEXT", "INTEGER");
        }
        assertThat(n).isEqualTo(14);
      }
      try (ResultSet rs = s.executeQuery(
          "SELECT typeof(cost_total), cost_total, cost_nanos, cost_attos FROM router4j_generation")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("text");
        assertThat(rs.getString(2)).isEqualTo("0.1");
        assertThat(rs.getLong(3)).isEqualTo(100_000_000L);
        assertThat(rs.getLong(4)).isZero();
      }
    }
  }

  @Test
  void aFullQueueMakesTheCallerWaitBrieflyThenDrops() throws Exception {
    ledger.close();
    Path blocked = dir.resolve("blocked.db");
    ledger = Ledger.sqlite(blocked,
        LedgerOptions.defaults().withQueueCapacity(2).withEnqueueTimeout(Duration.ofMillis(20)));
    try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + blocked);
        Statement s = lock.createStatement()) {
      s.execute("BEGIN IMMEDIATE"); // the writer now waits on the lock
      ledger.record(simple("bp-first", T0, "m", "1"));
      JdbcLedger jdbc = (JdbcLedger) ledger;
      for (int i = 0; i < 500 && jdbc.queued() > 0; i++) {
        Thread.sleep(10); // until the writer has taken it (it then blocks on the lock)
      }
      assertThat(jdbc.queued()).isZero();
      long started = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        ledger.record(simple("bp-" + i, T0, "m", "1"));
      }
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      assertThat(tookMs).as("ten records, each waiting at most 20 ms").isLessThan(2_000);
      LedgerStats stats = ledger.stats();
      // the queue takes two, the other eight wait 20 ms each and are dropped
      assertThat(stats.dropped()).isEqualTo(8);
      assertThat(stats.recorded()).isEqualTo(3);
      assertThat(stats.pending()).isEqualTo(3);
      s.execute("ROLLBACK");
    }
    ledger.flush();
    LedgerStats stats = ledger.stats();
    assertThat(ledger.query().totals().requests()).isEqualTo(stats.recorded());
    assertThat(stats.pending()).isZero();
  }

  @Test
  void aMissingFolderIsCreated() {
    Path deep = dir.resolve("a/b/c/usage.db");
    try (Ledger l = Ledger.sqlite(deep)) {
      l.record(simple("deep", T0, "m", "1"));
    }
    assertThat(Files.exists(deep)).isTrue();
  }

  @Test
  void readingAClosedDurableLedgerFailsClearly() {
    ledger.close();
    assertThatThrownBy(() -> ledger.generation("x")).isInstanceOf(LedgerException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void costsFinerThanAnAttoDollarStillSumExactly() {
    for (int i = 0; i < 10; i++) {
      ledger.record(simple("fine-" + i, T0, i % 2 == 0 ? "even" : "odd",
          "0.0000000000000000000123"));
    }
    ledger.record(simple("coarse", T0, "even", "1.5"));
    ledger.flush();
    assertThat(ledger.query().totals().cost()).isEqualTo(new BigDecimal("1.500000000000000000123"));
    assertThat(ledger.query().series(GroupBy.MODEL)).extracting(UsageRow::cost).containsExactly(
        new BigDecimal("1.5000000000000000000615"), new BigDecimal("0.0000000000000000000615"));
  }
}
