package dev.router4j.internal.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.cost.Cost;
import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.ledger.Ledger;
import dev.router4j.ledger.LedgerOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the durable ledger: what was flushed before an abrupt stop is there exactly
 * once, nothing half-written appears, and replaying every record afterwards doubles nothing.
 */
class JdbcLedgerCrashTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

  @TempDir
  Path dir;

  static GenerationRecord record(int i) {
    BigDecimal z = BigDecimal.ZERO;
    return GenerationRecord.builder().id(String.format("crash-%04d", i))
        .createdAt(T0.plusMillis(i)).model("m").promptTokens(7).completionTokens(3)
        .tag("batch", i % 2 == 0 ? "even" : "odd")
        .cost(new Cost(new BigDecimal("0.000001"), z, z, z, z, z, z, z, z, false)).build();
  }

  @Test
  void recordsFlushedBeforeAHaltAreThereExactlyOnceAndReplayDoesNotDouble() {
    Path file = dir.resolve("halt.db");
    JdbcLedger ledger = JdbcLedger.sqlite(file, LedgerOptions.defaults().withBatchSize(50));
    for (int i = 0; i < 300; i++) {
      ledger.record(record(i));
    }
    ledger.flush();
    for (int i = 300; i < 600; i++) {
      ledger.record(record(i));
    }
    ledger.halt();

    try (Ledger again = Ledger.sqlite(file)) {
      List<GenerationRecord> there = again.query().records();
      Set<String> ids = new HashSet<>();
      there.forEach(r -> ids.add(r.id()));
      assertThat(ids).hasSameSizeAs(there);
      for (int i = 0; i < 300; i++) {
        assertThat(ids).contains(record(i).id());
      }
      assertThat(there.size()).isBetween(300, 600);
      assertThat(there).allSatisfy(r -> assertThat(r).isEqualTo(record(index(r))));
      int survived = there.size();

      for (int i = 0; i < 600; i++) {
        again.record(record(i));
      }
      again.flush();
      assertThat(again.query().totals().requests()).isEqualTo(600);
      assertThat(again.query().totals().cost()).isEqualTo(new BigDecimal("0.0006"));
      assertThat(again.query().tag("batch", "even").totals().requests()).isEqualTo(300);
      assertThat(again.stats().duplicates()).isEqualTo(survived);
    }
  }

  @Test
  void aKilledProcessKeepsWhatItFlushedAndNothingHalfWritten() throws Exception {
    Path file = dir.resolve("killed.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashingWriter.class.getName(), file.toString(), "400", "600")
        .redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        output.add(line);
      }
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join("\n", output)).isEqualTo(77);
    assertThat(output).contains("flushed 400");

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id),"
            + " (SELECT COUNT(*) FROM router4j_generation_tag) FROM router4j_generation")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(rs.getInt(2)).isBetween(400, 1000);
      assertThat(rs.getInt(3)).as("one tag row per committed record").isEqualTo(rs.getInt(1));
    }
    try (Ledger again = Ledger.sqlite(file)) {
      for (int i = 0; i < 400; i++) {
        assertThat(again.generation(record(i).id())).contains(record(i));
      }
      for (int i = 0; i < 1000; i++) {
        again.record(record(i));
      }
      again.flush();
      assertThat(again.query().totals().requests()).isEqualTo(1000);
      assertThat(again.query().totals().cost()).isEqualTo(new BigDecimal("0.001"));
    }
  }

  @Test
  void aHaltedLedgerDropsLaterRecordsWithoutThrowing() {
    JdbcLedger ledger = JdbcLedger.sqlite(dir.resolve("h.db"), LedgerOptions.defaults()
        .withEnqueueTimeout(Duration.ZERO));
    ledger.halt();
    ledger.record(record(1));
    ledger.flush();
    ledger.close();
    assertThat(ledger.stats().dropped()).isEqualTo(1);
  }

  private static int index(GenerationRecord r) {
    return Integer.parseInt(r.id().substring("crash-".length()));
  }
}
