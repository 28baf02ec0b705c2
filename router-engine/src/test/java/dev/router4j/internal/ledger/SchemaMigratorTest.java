package dev.router4j.internal.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.ledger.LedgerException;
import dev.router4j.ledger.LedgerOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema creation and upgrades: the version table, ordered scripts, version 2 on top of 1. */
class SchemaMigratorTest {
  private static final SchemaMigrator.Migration V2 = new SchemaMigrator.Migration(2,
      "a note per generation", "ALTER TABLE router4j_generation ADD COLUMN note TEXT;\n"
          + "CREATE INDEX router4j_generation_note ON router4j_generation (note);\n");

  @TempDir
  Path dir;

  private JdbcLedger.ConnectionSource sqlite(Path file) {
    return () -> DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  private static List<Integer> versions(Connection c) throws SQLException {
    List<Integer> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM router4j_schema_version ORDER BY version")) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }

  @Test
  void scriptsSplitIntoStatementsAtLineEndSemicolons() {
    SchemaMigrator.Migration m = new SchemaMigrator.Migration(1, "x",
        "-- a comment\nCREATE TABLE a (\n  x TEXT DEFAULT ';'\n);\n\nCREATE INDEX i ON a (x);\nSELECT 1");
    assertThat(m.statements()).containsExactly("CREATE TABLE a (\n  x TEXT DEFAULT ';'\n)",
        "CREATE INDEX i ON a (x)", "SELECT 1");
    assertThat(SqlDialect.SQLITE.migrations().get(0).statements()).hasSize(8);
    assertThat(SqlDialect.POSTGRES.migrations().get(0).statements()).hasSize(8);
  }

  @Test
  void aFreshDatabaseIsAtVersionOneAndMigratingAgainChangesNothing() throws SQLException {
    Path file = dir.resolve("v1.db");
    try (Connection c = sqlite(file).open()) {
      assertThat(SchemaMigrator.migrate(c, SqlDialect.SQLITE, SqlDialect.SQLITE.migrations()))
          .isEqualTo(1);
      assertThat(SchemaMigrator.migrate(c, SqlDialect.SQLITE, SqlDialect.SQLITE.migrations()))
          .isEqualTo(1);
      assertThat(versions(c)).containsExactly(1);
      assertThat(c.getAutoCommit()).isTrue();
    }
  }

  @Test
  void versionTwoIsAppliedOnTopOfVersionOneAndKeepsTheData() throws SQLException {
    Path file = dir.resolve("v2.db");
    GenerationRecord r = GenerationRecord.builder().id("before-v2")
        .createdAt(Instant.parse("2025-01-01T00:00:00Z")).model("m").build();
    JdbcLedger v1 = JdbcLedger.sqlite(file, LedgerOptions.defaults());
    v1.record(r);
    v1.close();

    List<SchemaMigrator.Migration> upgraded = new ArrayList<>(SqlDialect.SQLITE.migrations());
    upgraded.add(V2);
    JdbcLedger v2 = JdbcLedger.open(SqlDialect.SQLITE, sqlite(file), "v2", LedgerOptions.defaults(),
        upgraded);
    try {
      assertThat(v2.generation("before-v2")).contains(r);
      v2.inspect(c -> {
        assertThat(versions(c)).containsExactly(1, 2);
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT note FROM router4j_generation")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isNull();
        }
        return null;
      });
    } finally {
      v2.close();
    }

    assertThatThrownBy(() -> JdbcLedger.sqlite(file, LedgerOptions.defaults()))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("version 2, newer than this router4j knows (1)");
  }

  @Test
  void aFailingScriptLeavesTheLastCompleteVersion() throws SQLException {
    Path file = dir.resolve("bad.db");
    List<SchemaMigrator.Migration> broken = new ArrayList<>(SqlDialect.SQLITE.migrations());
    broken.add(new SchemaMigrator.Migration(2, "broken",
        "ALTER TABLE router4j_generation ADD COLUMN fine TEXT;\nTHIS IS NOT SQL;\n"));
    try (Connection c = sqlite(file).open()) {
      assertThatThrownBy(() -> SchemaMigrator.migrate(c, SqlDialect.SQLITE, broken))
          .isInstanceOf(SQLException.class);
      assertThat(versions(c)).containsExactly(1);
      try (Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.executeQuery("SELECT fine FROM router4j_generation"))
            .as("the half-applied script was rolled back").isInstanceOf(SQLException.class);
      }
    }
    JdbcLedger.sqlite(file, LedgerOptions.defaults()).close();
  }

  @Test
  void twoLedgersOpeningAFreshFileAtOnceMigrateItOnce() throws Exception {
    Path file = dir.resolve("race.db");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<JdbcLedger>> opened = new ArrayList<>();
      CountDownLatch go = new CountDownLatch(1);
      for (int i = 0; i < 4; i++) {
        opened.add(pool.submit(() -> {
          go.await();
          return JdbcLedger.sqlite(file, LedgerOptions.defaults());
        }));
      }
      go.countDown();
      for (Future<JdbcLedger> f : opened) {
        f.get(30, TimeUnit.SECONDS).close();
      }
    } finally {
      pool.shutdown();
    }
    try (Connection c = sqlite(file).open()) {
      assertThat(versions(c)).containsExactly(1);
    }
  }

  @Test
  void migrationsMustBeNumberedInOrder() throws SQLException {
    try (Connection c = sqlite(dir.resolve("order.db")).open()) {
      assertThatThrownBy(() -> SchemaMigrator.migrate(c, SqlDialect.SQLITE, List.of(V2)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in order");
    }
  }

  @Test
  void aMissingDriverIsNamed() {
    JdbcLedger.ConnectionSource none =
        () -> DriverManager.getConnection("jdbc:nosuchdb:whatever");
    assertThatThrownBy(() -> JdbcLedger.open(SqlDialect.POSTGRES, none, "nosuchdb",
        LedgerOptions.defaults()))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("org.postgresql:postgresql");
  }
}
