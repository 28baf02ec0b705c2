package dev.router4j.ledger;

import static dev.router4j.ledger.LedgerFixtures.T0;
import static dev.router4j.ledger.LedgerFixtures.dataset;
import static dev.router4j.ledger.LedgerFixtures.full;
import static dev.router4j.ledger.LedgerFixtures.simple;
import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.cost.GenerationRecord;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Ledger#postgres(String, String, String)} against a real server: the
 * JDBC URL comes from {@code ROUTER4J_PG_URL} (with {@code ROUTER4J_PG_USER} and
 * {@code ROUTER4J_PG_PASSWORD}). Each test runs in a fresh schema, dropped afterwards. Without
 * the variable every test is skipped, visibly, with the reason.
 */
class PostgresLedgerTest extends LedgerContractTest {
  static final String URL = System.getenv("ROUTER4J_PG_URL");
  static final String USER = System.getenv("ROUTER4J_PG_USER");
  static final String PASSWORD = System.getenv("ROUTER4J_PG_PASSWORD");

  private String schema;

  @BeforeAll
  static void sayWhetherAServerIsThere() {
    if (URL == null || URL.isBlank()) {
      System.err.println("PostgresLedgerTest: ROUTER4J_PG_URL is not set, so every PostgreSQL"
          + " ledger test is SKIPPED (see the skip reason in the surefire report)");
    }
  }

  static void assumeServer() {
    Assumptions.assumeTrue(URL != null && !URL.isBlank(),
        "PostgreSQL ledger tests skipped: set ROUTER4J_PG_URL (for example "
            + "jdbc:postgresql://localhost:5433/router4j_test) and ROUTER4J_PG_USER / "
            + "ROUTER4J_PG_PASSWORD to run them against a real server");
  }

  private String schemaUrl() {
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @Override
  protected Ledger open() throws SQLException {
    assumeServer();
    schema = "r4j_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return Ledger.postgres(schemaUrl(), USER, PASSWORD);
  }

  @Override
  protected Ledger reopen(Ledger closed) {
    return Ledger.postgres(schemaUrl(), USER, PASSWORD);
  }

  @AfterEach
  void dropSchema() throws SQLException {
    if (ledger != null) {
      ledger.close();
      ledger = null;
    }
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  void everythingIsThereAfterReconnectingAndTheSchemaIsVersionOne() throws SQLException {
    List<GenerationRecord> data = new ArrayList<>(dataset());
    data.add(full("gen-pg"));
    data.forEach(ledger::record);
    ledger.close();
    ledger = Ledger.postgres(schemaUrl(), USER, PASSWORD);
    assertThat(ledger.query().records()).isEqualTo(sorted(data));
    assertThat(ledger.generation("gen-pg")).contains(full("gen-pg"));
    try (Connection c = DriverManager.getConnection(schemaUrl(), USER, PASSWORD);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT version FROM router4j_schema_version")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs = s.executeQuery("SELECT data_type FROM information_schema.columns"
          + " WHERE table_schema = '" + schema + "' AND table_name = 'router4j_generation'"
          + " AND column_name LIKE 'cost%' AND column_name <> 'cost_estimated'")) {
        int n = 0;
        while (rs.next()) {
          n++;
          assertThat(rs.getString(1)).isEqualTo("numeric");
        }
        assertThat(n).isEqualTo(10);
      }
    }
  }

  @Test
  void severalLedgersOpeningAFreshSchemaAtOnceMigrateItOnce() throws Exception {
    ledger.close();
    ledger = null;
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Ledger>> opened = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        opened.add(pool.submit(() -> {
          go.await();
          return Ledger.postgres(schemaUrl(), USER, PASSWORD);
        }));
      }
      go.countDown();
      for (Future<Ledger> f : opened) {
        f.get(60, TimeUnit.SECONDS).close();
      }
    } finally {
      pool.shutdown();
    }
    try (Connection c = DriverManager.getConnection(schemaUrl(), USER, PASSWORD);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM router4j_schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getInt(2)).isEqualTo(1);
    }
  }

  @Test
  void replayingAfterACrashDoesNotDouble() {
    for (int i = 0; i < 200; i++) {
      ledger.record(simple(String.format("r-%03d", i), T0.plusMillis(i), "m", "0.001"));
    }
    ledger.flush();
    for (int i = 0; i < 300; i++) {
      ledger.record(simple(String.format("r-%03d", i), T0.plusMillis(i), "m", "0.001"));
    }
    ledger.flush();
    assertThat(ledger.query().totals().requests()).isEqualTo(300);
    assertThat(ledger.query().totals().cost()).isEqualByComparingTo("0.3");
    assertThat(ledger.stats().duplicates()).isEqualTo(200);
  }
}
