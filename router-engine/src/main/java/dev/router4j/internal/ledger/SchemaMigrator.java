package dev.router4j.internal.ledger;

import dev.router4j.ledger.LedgerException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Creates and upgrades a ledger's schema. The table {@code router4j_schema_version} holds one
 * row per applied version; the migrations are an ordered list of SQL scripts, version 1, 2, ...
 * Each missing version is applied in its own transaction together with its version row, so a
 * failure leaves the database at the last complete version. Two processes opening the same
 * database at once are serialized (a session advisory lock in PostgreSQL, SQLite's single
 * writer) and the second sees the first one's work. A database newer than the library is
 * refused.
 */
public final class SchemaMigrator {

  /**
   * One schema version.
   *
   * @param version its number, counting from 1
   * @param description what it changes
   * @param script SQL statements, each ended by a semicolon at the end of a line
   */
  public record Migration(int version, String description, String script) {
    /** Checks the fields. */
    public Migration {
      if (version < 1) {
        throw new IllegalArgumentException("versions count from 1: " + version);
      }
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(script, "script");
    }

    /** The script's statements. */
    public List<String> statements() {
      List<String> out = new ArrayList<>();
      StringBuilder sb = new StringBuilder();
      for (String line : script.split("\n", -1)) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("--")) {
          continue;
        }
        sb.append(line).append('\n');
        if (t.endsWith(";")) {
          String stmt = sb.toString().strip();
          out.add(stmt.substring(0, stmt.length() - 1));
          sb.setLength(0);
        }
      }
      if (!sb.toString().isBlank()) {
        out.add(sb.toString().strip());
      }
      return out;
    }
  }

  private SchemaMigrator() {}

  /**
   * Brings the database up to the last migration's version.
   *
   * @param c a connection; its auto-commit mode is restored afterwards
   * @param dialect the store
   * @param migrations versions 1..n in order
   * @return the version the database is at now
   * @throws LedgerException when the database is newer than the migrations, or a script fails
   */
  public static int migrate(Connection c, SqlDialect dialect, List<Migration> migrations)
      throws SQLException {
    for (int i = 0; i < migrations.size(); i++) {
      if (migrations.get(i).version() != i + 1) {
        throw new IllegalArgumentException("migrations must be versions 1.." + migrations.size()
            + " in order; found " + migrations.get(i).version() + " at position " + (i + 1));
      }
    }
    boolean autoCommit = c.getAutoCommit();
    boolean locked = false;
    try {
      c.setAutoCommit(true);
      if (dialect.migrationLock() != null) {
        execute(c, dialect.migrationLock());
        locked = true;
      }
      execute(c, SqlDialect.VERSION_TABLE);
      int latest = migrations.size();
      for (int attempt = 0; ; attempt++) {
        try {
          int current = apply(c, dialect, migrations);
          if (current > latest) {
            throw new LedgerException("the ledger's schema is at version " + current
                + ", newer than this router4j knows (" + latest + "); upgrade router4j");
          }
          return current;
        } catch (SQLException e) {
          // Another process may have migrated at the same moment: look again once.
          if (attempt >= 1) {
            throw e;
          }
        }
      }
    } finally {
      c.setAutoCommit(true);
      if (locked) {
        execute(c, dialect.migrationUnlock());
      }
      c.setAutoCommit(autoCommit);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The version the database is at (0 when no migration was applied). */
  public static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(version) FROM router4j_schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Applies the missing migrations, each in its own transaction; returns the version now. */
  private static int apply(Connection c, SqlDialect dialect, List<Migration> migrations)
      throws SQLException {
    while (true) {
      begin(c, dialect);
      try {
        int current = currentVersion(c);
        if (current >= migrations.size()) {
          commit(c, dialect);
          return current;
        }
        Migration m = migrations.get(current);
        try (Statement s = c.createStatement()) {
          for (String sql : m.statements()) {
            s.execute(sql);
          }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO router4j_schema_version"
            + " (version, description, applied_at) VALUES (?, ?, ?)")) {
          ps.setInt(1, m.version());
          ps.setString(2, m.description());
          ps.setString(3, Instant.now().toString());
          ps.executeUpdate();
        }
        commit(c, dialect);
      } catch (SQLException | RuntimeException e) {
        rollback(c, dialect);
        throw e;
      }
    }
  }

  /**
   * Starts a migration transaction. SQLite takes the write lock at once ({@code BEGIN
   * IMMEDIATE}, waiting out the busy timeout), so that two processes migrating a fresh file do
   * not both read version 0 and then fail to upgrade their read locks.
   */
  private static void begin(Connection c, SqlDialect dialect) throws SQLException {
    if (dialect == SqlDialect.SQLITE) {
      c.setAutoCommit(true);
      execute(c, "BEGIN IMMEDIATE");
    } else {
      c.setAutoCommit(false);
    }
  }

  private static void commit(Connection c, SqlDialect dialect) throws SQLException {
    if (dialect == SqlDialect.SQLITE) {
      execute(c, "COMMIT");
    } else {
      c.commit();
    }
  }

  private static void rollback(Connection c, SqlDialect dialect) {
    try {
      if (dialect == SqlDialect.SQLITE) {
        execute(c, "ROLLBACK");
      } else {
        c.rollback();
      }
    } catch (SQLException ignored) {
      // the original failure is what matters
    }
  }
}
