package dev.router4j.internal.ledger;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between the SQL stores: the schema scripts, how exact decimals are stored and
 * summed, and a few statements. Everything else in {@link JdbcLedger} is plain, shared SQL.
 *
 * <p><b>Money.</b> PostgreSQL stores costs as {@code NUMERIC} and sums them exactly in SQL.
 * SQLite has no exact decimal type, so costs are stored as decimal text (exact, for reading
 * back) and each total also as integer nano-dollars plus a remainder in atto-dollars
 * ({@link ExactCost}); SQLite sums those integers exactly (its {@code SUM} raises an error
 * rather than overflow). A total finer than 10⁻¹⁸ dollars is flagged {@code cost_exotic} and
 * summed from its text in Java. No cost is ever stored as floating point.
 */
public enum SqlDialect {
  /** SQLite 3.24 or later (for {@code ON CONFLICT DO NOTHING}), through sqlite-jdbc. */
  SQLITE("org.xerial:sqlite-jdbc"),
  /** PostgreSQL 9.5 or later, through pgjdbc. */
  POSTGRES("org.postgresql:postgresql");

  private final String driverArtifact;

  SqlDialect(String driverArtifact) {
    this.driverArtifact = driverArtifact;
  }

  /** The Maven coordinates of the JDBC driver to add, for error messages. */
  public String driverArtifact() {
    return driverArtifact;
  }

  /** Whether totals are also stored split into integers for exact sums ({@link ExactCost}). */
  public boolean splitsCosts() {
    return this == SQLITE;
  }

  /**
   * The schema migrations, oldest first: version 1 creates the tables. A later version is
   * appended as one more script; a database is brought up to the last version on open.
   */
  public List<SchemaMigrator.Migration> migrations() {
    return this == SQLITE ? List.of(new SchemaMigrator.Migration(1, "generations and tags",
        SQLITE_V1)) : List.of(new SchemaMigrator.Migration(1, "generations and tags", POSTGRES_V1));
  }

  /** Binds an exact decimal. */
  void setDecimal(PreparedStatement ps, int index, BigDecimal v) throws SQLException {
    if (this == SQLITE) {
      ps.setString(index, RecordJson.decimal(v));
    } else {
      ps.setBigDecimal(index, v);
    }
  }

  /** Reads an exact decimal. */
  BigDecimal getDecimal(ResultSet rs, String column) throws SQLException {
    if (this == SQLITE) {
      String s = rs.getString(column);
      return s == null ? BigDecimal.ZERO : new BigDecimal(s);
    }
    BigDecimal v = rs.getBigDecimal(column);
    return v == null ? BigDecimal.ZERO : v;
  }

  /** A {@code SUM} of an integer column as a non-null {@code BIGINT}. */
  String sumLong(String expr) {
    return this == SQLITE ? "COALESCE(SUM(" + expr + "), 0)"
        : "CAST(COALESCE(SUM(" + expr + "), 0) AS BIGINT)";
  }

  /** The key of the PostgreSQL advisory lock that serializes migrations ("r4j-schm"). */
  static final long MIGRATION_LOCK = 0x72346a2d7363686dL;

  /**
   * The statement that makes concurrent migrations (several processes opening one database)
   * wait for each other, held until {@link #migrationUnlock()}; null where the store serializes
   * writers itself (SQLite).
   */
  String migrationLock() {
    return this == POSTGRES ? "SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")" : null;
  }

  /** Releases {@link #migrationLock()}; null where there is none. */
  String migrationUnlock() {
    return this == POSTGRES ? "SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")" : null;
  }

  /** The version table, created before any migration. */
  static final String VERSION_TABLE = "CREATE TABLE IF NOT EXISTS router4j_schema_version (\n"
      + "  version INTEGER NOT NULL PRIMARY KEY,\n"
      + "  description TEXT NOT NULL,\n"
      + "  applied_at TEXT NOT NULL\n"
      + ")";

  private static final String SQLITE_V1 = ""
      + "CREATE TABLE router4j_generation (\n"
      + "  id TEXT NOT NULL PRIMARY KEY,\n"
      + "  created_ns INTEGER NOT NULL,\n"
      + "  model TEXT NOT NULL,\n"
      + "  provider TEXT,\n"
      + "  endpoint TEXT,\n"
      + "  workspace TEXT,\n"
      + "  key_label TEXT,\n"
      + "  user_id TEXT,\n"
      + "  tags_json TEXT NOT NULL,\n"
      + "  streamed INTEGER NOT NULL,\n"
      + "  cancelled INTEGER NOT NULL,\n"
      + "  finish_reason TEXT,\n"
      + "  native_finish_reason TEXT,\n"
      + "  prompt_tokens INTEGER NOT NULL,\n"
      + "  completion_tokens INTEGER NOT NULL,\n"
      + "  reasoning_tokens INTEGER NOT NULL,\n"
      + "  cached_tokens INTEGER NOT NULL,\n"
      + "  cache_write_tokens INTEGER NOT NULL,\n"
      + "  tokens_estimated INTEGER NOT NULL,\n"
      + "  cost_total TEXT NOT NULL,\n"
      + "  cost_nanos INTEGER NOT NULL,\n"
      + "  cost_attos INTEGER NOT NULL,\n"
      + "  cost_exotic INTEGER NOT NULL,\n"
      + "  cost_prompt TEXT NOT NULL,\n"
      + "  cost_completion TEXT NOT NULL,\n"
      + "  cost_reasoning TEXT NOT NULL,\n"
      + "  cost_cache_read TEXT NOT NULL,\n"
      + "  cost_cache_write TEXT NOT NULL,\n"
      + "  cost_request TEXT NOT NULL,\n"
      + "  cost_image TEXT NOT NULL,\n"
      + "  cost_web_search TEXT NOT NULL,\n"
      + "  cost_platform_fee TEXT NOT NULL,\n"
      + "  cost_estimated INTEGER NOT NULL,\n"
      + "  latency_ns INTEGER NOT NULL,\n"
      + "  ttft_ns INTEGER,\n"
      + "  generation_ns INTEGER,\n"
      + "  throughput REAL NOT NULL,\n" // tokens per second, not money
      + "  failed_attempts INTEGER NOT NULL,\n"
      + "  attempts_json TEXT NOT NULL,\n"
      + "  prompt_text TEXT,\n"
      + "  completion_text TEXT\n"
      + ");\n"
      + "CREATE INDEX router4j_generation_created ON router4j_generation (created_ns);\n"
      + "CREATE INDEX router4j_generation_model ON router4j_generation (model, created_ns);\n"
      + "CREATE INDEX router4j_generation_workspace ON router4j_generation (workspace, created_ns);\n"
      + "CREATE INDEX router4j_generation_key ON router4j_generation (key_label, created_ns);\n"
      + "CREATE INDEX router4j_generation_user ON router4j_generation (user_id, created_ns);\n"
      + "CREATE TABLE router4j_generation_tag (\n"
      + "  generation_id TEXT NOT NULL REFERENCES router4j_generation (id) ON DELETE CASCADE,\n"
      + "  tag_key TEXT NOT NULL,\n"
      + "  tag_value TEXT NOT NULL,\n"
      + "  PRIMARY KEY (generation_id, tag_key)\n"
      + ");\n"
      + "CREATE INDEX router4j_generation_tag_kv ON router4j_generation_tag (tag_key, tag_value);\n";

  private static final String POSTGRES_V1 = ""
      + "CREATE TABLE router4j_generation (\n"
      + "  id TEXT COLLATE \"C\" NOT NULL PRIMARY KEY,\n"
      + "  created_ns BIGINT NOT NULL,\n"
      + "  model TEXT NOT NULL,\n"
      + "  provider TEXT,\n"
      + "  endpoint TEXT,\n"
      + "  workspace TEXT,\n"
      + "  key_label TEXT,\n"
      + "  user_id TEXT,\n"
      + "  tags_json TEXT NOT NULL,\n"
      + "  streamed BOOLEAN NOT NULL,\n"
      + "  cancelled BOOLEAN NOT NULL,\n"
      + "  finish_reason TEXT,\n"
      + "  native_finish_reason TEXT,\n"
      + "  prompt_tokens INTEGER NOT NULL,\n"
      + "  completion_tokens INTEGER NOT NULL,\n"
      + "  reasoning_tokens INTEGER NOT NULL,\n"
      + "  cached_tokens INTEGER NOT NULL,\n"
      + "  cache_write_tokens INTEGER NOT NULL,\n"
      + "  tokens_estimated BOOLEAN NOT NULL,\n"
      + "  cost_total NUMERIC NOT NULL,\n"
      + "  cost_prompt NUMERIC NOT NULL,\n"
      + "  cost_completion NUMERIC NOT NULL,\n"
      + "  cost_reasoning NUMERIC NOT NULL,\n"
      + "  cost_cache_read NUMERIC NOT NULL,\n"
      + "  cost_cache_write NUMERIC NOT NULL,\n"
      + "  cost_request NUMERIC NOT NULL,\n"
      + "  cost_image NUMERIC NOT NULL,\n"
      + "  cost_web_search NUMERIC NOT NULL,\n"
      + "  cost_platform_fee NUMERIC NOT NULL,\n"
      + "  cost_estimated BOOLEAN NOT NULL,\n"
      + "  latency_ns BIGINT NOT NULL,\n"
      + "  ttft_ns BIGINT,\n"
      + "  generation_ns BIGINT,\n"
      + "  throughput DOUBLE PRECISION NOT NULL,\n" // tokens per second, not money
      + "  failed_attempts INTEGER NOT NULL,\n"
      + "  attempts_json TEXT NOT NULL,\n"
      + "  prompt_text TEXT,\n"
      + "  completion_text TEXT\n"
      + ");\n"
      + "CREATE INDEX router4j_generation_created ON router4j_generation (created_ns);\n"
      + "CREATE INDEX router4j_generation_model ON router4j_generation (model, created_ns);\n"
      + "CREATE INDEX router4j_generation_workspace ON router4j_generation (workspace, created_ns);\n"
      + "CREATE INDEX router4j_generation_key ON router4j_generation (key_label, created_ns);\n"
      + "CREATE INDEX router4j_generation_user ON router4j_generation (user_id, created_ns);\n"
      + "CREATE TABLE router4j_generation_tag (\n"
      + "  generation_id TEXT COLLATE \"C\" NOT NULL\n"
      + "    REFERENCES router4j_generation (id) ON DELETE CASCADE,\n"
      + "  tag_key TEXT NOT NULL,\n"
      + "  tag_value TEXT NOT NULL,\n"
      + "  PRIMARY KEY (generation_id, tag_key)\n"
      + ");\n"
      + "CREATE INDEX router4j_generation_tag_kv ON router4j_generation_tag (tag_key, tag_value);\n";
}
