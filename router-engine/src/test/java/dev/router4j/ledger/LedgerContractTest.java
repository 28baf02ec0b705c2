package dev.router4j.ledger;

import static dev.router4j.ledger.LedgerFixtures.T0;
import static dev.router4j.ledger.LedgerFixtures.dataset;
import static dev.router4j.ledger.LedgerFixtures.full;
import static dev.router4j.ledger.LedgerFixtures.simple;
import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.FinishReason;
import dev.router4j.api.cost.GenerationRecord;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Ledger} must have. Each implementation's test extends this class
 * and says how to open a fresh ledger and how to reopen one after {@link Ledger#close()}.
 */
public abstract class LedgerContractTest {
  /** The ledger under test, fresh for each test. */
  protected Ledger ledger;

  /** A fresh, empty ledger (holding at least 10,000 records). */
  protected abstract Ledger open() throws Exception;

  /**
   * The same store after {@code closed} was closed: a durable ledger opened again on the same
   * database; the in-memory ledger returns {@code closed} itself (it stays readable).
   */
  protected abstract Ledger reopen(Ledger closed) throws Exception;

  @BeforeEach
  void openLedger() throws Exception {
    ledger = open();
  }

  @AfterEach
  void closeLedger() {
    if (ledger != null) {
      ledger.close();
    }
  }

  private void recordAll(List<GenerationRecord> records) {
    records.forEach(ledger::record);
    ledger.flush();
  }

  // ---------------------------------------------------------------------------------------------
  // Lookup

  @Test
  void aRecordReadsBackEqualFieldByField() {
    GenerationRecord r = full("gen-full-1");
    ledger.record(r);
    ledger.flush();
    GenerationRecord back = ledger.generation("gen-full-1").orElseThrow();
    assertThat(back).isEqualTo(r);
    assertThat(back.createdAt()).isEqualTo(T0);
    assertThat(back.cost().total()).isEqualTo(new BigDecimal("0.0122769289012"));
    assertThat(back.promptText()).isEqualTo(r.promptText());
    assertThat(back.completionText()).isEmpty();
    assertThat(back.attempts()).hasSize(2);
  }

  @Test
  void nullsAndDefaultsReadBackAsNullsAndDefaults() {
    GenerationRecord r = GenerationRecord.builder().id("gen-min").createdAt(T0).model("m").build();
    ledger.record(r);
    ledger.flush();
    GenerationRecord back = ledger.generation("gen-min").orElseThrow();
    assertThat(back).isEqualTo(r);
    assertThat(back.provider()).isNull();
    assertThat(back.timeToFirstToken()).isNull();
    assertThat(back.promptText()).isNull();
    assertThat(back.tags()).isEmpty();
    assertThat(back.cost().isZero()).isTrue();
  }

  @Test
  void anUnknownIdIsEmpty() {
    recordAll(dataset());
    assertThat(ledger.generation("no-such-id")).isEmpty();
  }

  @Test
  void aRepeatedIdIsIgnoredAndCounted() {
    ledger.record(simple("dup", T0, "m/first", "0.5"));
    ledger.record(simple("dup", T0, "m/second", "0.7"));
    ledger.flush();
    ledger.record(simple("dup", T0, "m/third", "0.9"));
    ledger.flush();
    assertThat(ledger.generation("dup").orElseThrow().model()).isEqualTo("m/first");
    UsageRow totals = ledger.query().totals();
    assertThat(totals.requests()).isEqualTo(1);
    assertThat(totals.cost()).isEqualTo(new BigDecimal("0.5"));
    assertThat(ledger.stats().duplicates()).isEqualTo(2);
    assertThat(ledger.stats().recorded()).isEqualTo(3);
  }

  // ---------------------------------------------------------------------------------------------
  // Totals and series

  @Test
  void totalsSumEveryCounterExactly() {
    List<GenerationRecord> data = dataset();
    recordAll(data);
    UsageRow t = ledger.query().totals();
    assertThat(t.groupBy()).isEmpty();
    assertThat(t.requests()).isEqualTo(12);
    assertThat(t.promptTokens()).isEqualTo(7800);
    assertThat(t.completionTokens()).isEqualTo(740);
    assertThat(t.reasoningTokens()).isEqualTo(data.stream().mapToLong(GenerationRecord::reasoningTokens).sum());
    assertThat(t.cachedTokens()).isEqualTo(data.stream().mapToLong(GenerationRecord::cachedTokens).sum());
    assertThat(t.cacheWriteTokens()).isEqualTo(data.stream().mapToLong(GenerationRecord::cacheWriteTokens).sum());
    assertThat(t.cost()).isEqualTo(new BigDecimal("12345680.0632911223123456781"));
    assertThat(t.errors()).isEqualTo(2);
    assertThat(t.failedAttempts()).isEqualTo(9);
    assertThat(t.totalTokens()).isEqualTo(8540);
  }

  @Test
  void totalsOfNothingAreZero() {
    UsageRow t = ledger.query().totals();
    assertThat(t.requests()).isZero();
    assertThat(t.cost()).isEqualTo(BigDecimal.ZERO);
    recordAll(dataset());
    UsageRow none = ledger.query().model("no/such-model").totals();
    assertThat(none.requests()).isZero();
    assertThat(none.promptTokens()).isZero();
    assertThat(none.cost()).isEqualTo(BigDecimal.ZERO);
    assertThat(ledger.query().model("no/such-model").series(GroupBy.MODEL)).isEmpty();
  }

  @Test
  void seriesByDayIsInTimeOrder() {
    recordAll(dataset());
    List<UsageRow> days = ledger.query().series(GroupBy.DAY);
    assertThat(days).extracting(r -> r.key(GroupBy.DAY)).containsExactly("2025-03-14", "2025-03-15");
    assertThat(days.get(0).requests()).isEqualTo(4);
    assertThat(days.get(0).cost()).isEqualTo(new BigDecimal("0.0065"));
    assertThat(days.get(0).errors()).isEqualTo(1);
    assertThat(days.get(1).requests()).isEqualTo(8);
    assertThat(GroupBy.DAY.startOf(days.get(1).key(GroupBy.DAY)))
        .isEqualTo(Instant.parse("2025-03-15T00:00:00Z"));
  }

  @Test
  void seriesByHourUsesUtcHourKeys() {
    recordAll(dataset());
    List<UsageRow> hours = ledger.query().series(GroupBy.HOUR);
    assertThat(hours).extracting(r -> r.key(GroupBy.HOUR)).containsExactly(
        "2025-03-14T00:00Z", "2025-03-14T02:00Z", "2025-03-14T23:00Z", "2025-03-15T00:00Z",
        "2025-03-15T05:00Z", "2025-03-15T13:00Z", "2025-03-15T23:00Z");
    assertThat(hours.get(1).requests()).isEqualTo(2);
    assertThat(hours.get(1).cost()).isEqualTo(new BigDecimal("0.0055"));
  }

  @Test
  void everyGroupingAgreesWithAPlainComputation() {
    List<GenerationRecord> data = dataset();
    recordAll(data);
    List<GroupBy> all = List.of(GroupBy.MODEL, GroupBy.PROVIDER, GroupBy.WORKSPACE, GroupBy.KEY,
        GroupBy.USER, GroupBy.tag("team"), GroupBy.tag("env"), GroupBy.DAY, GroupBy.HOUR);
    for (GroupBy g : all) {
      assertThat(ledger.query().series(g)).as("by " + g).isEqualTo(expected(data, List.of(g)));
    }
    List<GroupBy> two = List.of(GroupBy.tag("team"), GroupBy.MODEL);
    assertThat(ledger.query().series(two)).isEqualTo(expected(data, two));
    List<GroupBy> three = List.of(GroupBy.DAY, GroupBy.PROVIDER, GroupBy.USER);
    assertThat(ledger.query().series(three)).isEqualTo(expected(data, three));
  }

  @Test
  void recordsWithoutAValueFallInTheNullGroupWhichSortsFirst() {
    recordAll(dataset());
    List<UsageRow> byProvider = ledger.query().series(GroupBy.PROVIDER);
    assertThat(byProvider).extracting(r -> r.key(GroupBy.PROVIDER)).containsExactly(null, "p1", "p2");
    assertThat(byProvider.get(0).requests()).isEqualTo(1);
    List<UsageRow> byTeam = ledger.query().series(GroupBy.tag("team"));
    assertThat(byTeam).extracting(r -> r.key(GroupBy.tag("team")))
        .containsExactly(null, "blue", "green", "red");
    assertThat(byTeam.get(0).requests()).isEqualTo(4);
    assertThat(byTeam.get(1).requests()).isEqualTo(2);
    assertThat(byTeam.get(3).requests()).isEqualTo(5);
    assertThat(byTeam.get(3).cost()).isEqualTo(new BigDecimal("12345678.461291122312345678"));
  }

  @Test
  void groupingByTwoDimensionsKeysEachRowByBoth() {
    recordAll(dataset());
    List<UsageRow> rows = ledger.query().series(GroupBy.MODEL, GroupBy.KEY);
    UsageRow aK1 = rows.stream().filter(r -> "m/a".equals(r.key(GroupBy.MODEL))
        && "k1".equals(r.key(GroupBy.KEY))).findFirst().orElseThrow();
    assertThat(aK1.requests()).isEqualTo(3);
    assertThat(aK1.key()).containsExactly("m/a", "k1");
    assertThat(rows.stream().mapToLong(UsageRow::requests).sum()).isEqualTo(12);
  }

  @Test
  void recordsBeforeTheEpochFallInTheRightDay() {
    ledger.record(simple("old-1", Instant.parse("1969-12-31T23:30:00Z"), "m", "1"));
    ledger.record(simple("old-2", Instant.parse("1970-01-01T00:00:00Z"), "m", "2"));
    ledger.record(simple("old-3", Instant.parse("1969-12-31T00:00:00Z"), "m", "4"));
    ledger.flush();
    assertThat(ledger.query().series(GroupBy.DAY)).extracting(r -> r.key(GroupBy.DAY))
        .containsExactly("1969-12-31", "1970-01-01");
    assertThat(ledger.query().series(GroupBy.HOUR)).extracting(r -> r.key(GroupBy.HOUR))
        .containsExactly("1969-12-31T00:00Z", "1969-12-31T23:00Z", "1970-01-01T00:00Z");
  }

  // ---------------------------------------------------------------------------------------------
  // Filters

  @Test
  void filtersNarrowTotalsSeriesAndRecords() {
    List<GenerationRecord> data = dataset();
    recordAll(data);
    Map<String, Function<UsageQuery, UsageQuery>> filters = new LinkedHashMap<>();
    filters.put("model", q -> q.model("m/b"));
    filters.put("provider", q -> q.provider("p2"));
    filters.put("workspace", q -> q.workspace("w1"));
    filters.put("key", q -> q.keyLabel("k1"));
    filters.put("user", q -> q.user("u1"));
    filters.put("tag", q -> q.tag("team", "red"));
    filters.put("two tags", q -> q.tag("team", "red").tag("env", "prod"));
    filters.put("from", q -> q.from(Instant.parse("2025-03-15T00:00:00Z")));
    filters.put("to", q -> q.to(Instant.parse("2025-03-15T00:00:00Z")));
    filters.put("between", q -> q.between(Instant.parse("2025-03-14T02:00:05Z"),
        Instant.parse("2025-03-15T05:00:00.000000001Z")));
    filters.put("everything", q -> q.model("m/a").provider("p1").workspace("w1")
        .keyLabel("k1").user("u1").tag("team", "red").between(Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z")));
    for (Map.Entry<String, Function<UsageQuery, UsageQuery>> f : filters.entrySet()) {
      UsageQuery q = f.getValue().apply(ledger.query());
      List<GenerationRecord> want = data.stream().filter(q.filter()::matches)
          .sorted(Comparator.comparing(GenerationRecord::createdAt).thenComparing(GenerationRecord::id))
          .collect(Collectors.toList());
      assertThat(want).as(f.getKey()).isNotEmpty();
      assertThat(q.records()).as(f.getKey()).isEqualTo(want);
      assertThat(q.totals()).as(f.getKey()).isEqualTo(expected(want, List.of()).get(0));
      assertThat(q.series(GroupBy.MODEL)).as(f.getKey()).isEqualTo(expected(want, List.of(GroupBy.MODEL)));
    }
  }

  @Test
  void theTimeRangeIsFromInclusiveToExclusive() {
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    ledger.record(simple("a", t.minusNanos(1), "m", "1"));
    ledger.record(simple("b", t, "m", "2"));
    ledger.record(simple("c", t.plusSeconds(10), "m", "4"));
    ledger.flush();
    assertThat(ledger.query().between(t, t.plusSeconds(10)).records())
        .extracting(GenerationRecord::id).containsExactly("b");
    assertThat(ledger.query().from(t).totals().cost()).isEqualTo(new BigDecimal("6"));
    assertThat(ledger.query().to(t).totals().cost()).isEqualTo(new BigDecimal("1"));
  }

  // ---------------------------------------------------------------------------------------------
  // Exact money

  @Test
  void aThousandMillionthsSumToExactlyOneThousandth() {
    for (int i = 0; i < 1000; i++) {
      ledger.record(simple(String.format("micro-%04d", i), T0.plusMillis(i), "m", "0.000001"));
    }
    ledger.flush();
    UsageRow t = ledger.query().totals();
    assertThat(t.requests()).isEqualTo(1000);
    assertThat(t.cost()).isEqualTo(new BigDecimal("0.001"));
    assertThat(t.cost().toPlainString()).isEqualTo("0.001");
    assertThat(ledger.query().series(GroupBy.MODEL).get(0).cost()).isEqualTo(new BigDecimal("0.001"));
  }

  @Test
  void sumsThatFloatingPointGetsWrongAreExact() {
    ledger.record(simple("x1", T0, "m", "0.1"));
    ledger.record(simple("x2", T0, "m", "0.2"));
    ledger.record(simple("x3", T0, "m", "0.000000000000000000000000001")); // 1e-27
    ledger.record(simple("x4", T0, "n", "0.000000000000000000000000002"));
    ledger.record(simple("x5", T0, "n", "9999999.999999999999999999"));
    ledger.flush();
    assertThat(ledger.query().totals().cost())
        .isEqualTo(new BigDecimal("10000000.299999999999999999000000003"));
    List<UsageRow> byModel = ledger.query().series(GroupBy.MODEL);
    assertThat(byModel.get(0).cost()).isEqualTo(new BigDecimal("0.300000000000000000000000001"));
    assertThat(byModel.get(1).cost()).isEqualTo(new BigDecimal("9999999.999999999999999999000000002"));
  }

  // ---------------------------------------------------------------------------------------------
  // Exports

  @Test
  void csvExportReadsBackToTheSameRecords() {
    List<GenerationRecord> data = new ArrayList<>(dataset());
    data.add(full("gen-full-csv"));
    data.add(GenerationRecord.builder().id("gen-empty-strings").createdAt(T0).model("m")
        .workspace("").user("").promptText("").completionText("line1\nline2\r\n\"end\"").build());
    recordAll(data);
    StringWriter out = new StringWriter();
    ledger.query().exportCsv(out);
    String csv = out.toString();
    assertThat(csv).startsWith(String.join(",", LedgerExport.csvColumns()) + "\r\n");
    assertThat(csv.split("\r\n(?=gen-|d\\d)", -1)).hasSize(data.size() + 1);
    List<GenerationRecord> back = LedgerExport.readCsv(new StringReader(csv));
    assertThat(back).isEqualTo(sorted(data));
    GenerationRecord empties = back.stream().filter(r -> r.id().equals("gen-empty-strings"))
        .findFirst().orElseThrow();
    assertThat(empties.workspace()).isEmpty();
    assertThat(empties.provider()).isNull();
  }

  @Test
  void jsonLinesExportReadsBackToTheSameRecords() {
    List<GenerationRecord> data = new ArrayList<>(dataset());
    data.add(full("gen-full-jsonl"));
    recordAll(data);
    StringWriter out = new StringWriter();
    ledger.query().exportJsonLines(out);
    String jsonl = out.toString();
    assertThat(jsonl.split("\n")).hasSize(data.size());
    assertThat(jsonl).contains("\"total_cost\":\"0.0122769289012\"");
    assertThat(LedgerExport.readJsonLines(new StringReader(jsonl))).isEqualTo(sorted(data));
  }

  @Test
  void exportsHonourTheFilter() {
    recordAll(dataset());
    StringWriter csv = new StringWriter();
    ledger.query().tag("env", "prod").exportCsv(csv);
    assertThat(LedgerExport.readCsv(new StringReader(csv.toString())))
        .extracting(GenerationRecord::id).containsExactly("d03", "d05", "d11", "d12");
    StringWriter jsonl = new StringWriter();
    ledger.query().model("no/such").exportJsonLines(jsonl);
    assertThat(jsonl.toString()).isEmpty();
  }

  @Test
  void recordsComeOldestFirstThenById() {
    Instant t = T0;
    ledger.record(simple("b", t, "m", "1"));
    ledger.record(simple("a", t, "m", "1"));
    ledger.record(simple("c", t.minusNanos(1), "m", "1"));
    ledger.flush();
    assertThat(ledger.query().records()).extracting(GenerationRecord::id)
        .containsExactly("c", "a", "b");
  }

  @Test
  void exportsPageThroughManyRecords() {
    List<GenerationRecord> data = new ArrayList<>();
    for (int i = 0; i < 1234; i++) {
      data.add(simple(String.format("p-%05d", i), T0.plusSeconds(i % 7), "m" + (i % 3), "0.01"));
    }
    recordAll(data);
    List<GenerationRecord> seen = new ArrayList<>();
    ledger.query().forEach(seen::add);
    assertThat(seen).isEqualTo(sorted(data));
  }

  // ---------------------------------------------------------------------------------------------
  // Concurrency, flush and close

  @Test
  void sixteenThreadsRecordingAtOnceLoseNothing() throws Exception {
    int threads = 16;
    int each = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < each; i++) {
          ledger.record(simple("c-" + thread + "-" + i, T0.plusMillis(i), "m" + thread % 4,
              "0.000001"));
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    ledger.flush();
    UsageRow t = ledger.query().totals();
    assertThat(t.requests()).isEqualTo(threads * each);
    assertThat(t.cost()).isEqualTo(new BigDecimal("0.008"));
    assertThat(t.promptTokens()).isEqualTo(10L * threads * each);
    assertThat(ledger.stats().recorded()).isEqualTo(threads * each);
    assertThat(ledger.stats().dropped()).isZero();
    Set<String> ids = new HashSet<>();
    ledger.query().forEach(r -> ids.add(r.id()));
    assertThat(ids).hasSize(threads * each);
    assertThat(ledger.generation("c-15-499")).isPresent();
    assertThat(ledger.query().series(GroupBy.MODEL)).extracting(UsageRow::cost)
        .containsOnly(new BigDecimal("0.002"));
  }

  @Test
  void closeFlushesWhatWasQueued() throws Exception {
    for (int i = 0; i < 300; i++) {
      ledger.record(simple(String.format("q-%03d", i), T0, "m", "0.001"));
    }
    ledger.close();
    Ledger again = reopen(ledger);
    ledger = again;
    assertThat(again.query().totals().requests()).isEqualTo(300);
    assertThat(again.query().totals().cost()).isEqualTo(new BigDecimal("0.3"));
    assertThat(again.generation("q-299")).isPresent();
  }

  @Test
  void aRecordGivenAfterCloseIsDroppedNotThrown() throws Exception {
    ledger.close();
    ledger.record(simple("late", T0, "m", "1"));
    assertThat(ledger.stats().dropped()).isEqualTo(1);
    ledger.close(); // idempotent
    Ledger again = reopen(ledger);
    ledger = again;
    assertThat(again.generation("late")).isEmpty();
  }

  @Test
  void flushWithNothingQueuedReturns() {
    ledger.flush();
    ledger.flush();
    assertThat(ledger.stats().pending()).isZero();
  }

  @Test
  void statsCountWhatWasRecorded() {
    recordAll(dataset());
    LedgerStats s = ledger.stats();
    assertThat(s.recorded()).isEqualTo(12);
    assertThat(s.pending()).isZero();
    assertThat(s.failed()).isZero();
  }

  // ---------------------------------------------------------------------------------------------

  /** The rows a plain Java computation gives, for comparison. */
  static List<UsageRow> expected(List<GenerationRecord> records, List<GroupBy> groupBy) {
    Map<List<String>, List<GenerationRecord>> groups = new LinkedHashMap<>();
    for (GenerationRecord r : records) {
      List<String> key = new ArrayList<>();
      for (GroupBy g : groupBy) {
        key.add(g.keyOf(r));
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    if (groupBy.isEmpty() && groups.isEmpty()) {
      groups.put(List.of(), List.of());
    }
    Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
    List<List<String>> keys = new ArrayList<>(groups.keySet());
    keys.sort((a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        int c = nullsFirst.compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    List<UsageRow> rows = new ArrayList<>();
    for (List<String> k : keys) {
      List<GenerationRecord> g = groups.get(k);
      rows.add(new UsageRow(groupBy, k, g.size(),
          g.stream().mapToLong(GenerationRecord::promptTokens).sum(),
          g.stream().mapToLong(GenerationRecord::completionTokens).sum(),
          g.stream().mapToLong(GenerationRecord::reasoningTokens).sum(),
          g.stream().mapToLong(GenerationRecord::cachedTokens).sum(),
          g.stream().mapToLong(GenerationRecord::cacheWriteTokens).sum(),
          g.stream().map(GenerationRecord::totalCost).reduce(BigDecimal.ZERO, BigDecimal::add),
          g.stream().filter(r -> r.finishReason() == FinishReason.ERROR).count(),
          g.stream().mapToLong(GenerationRecord::failedAttempts).sum()));
    }
    return rows;
  }

  static List<GenerationRecord> sorted(List<GenerationRecord> records) {
    List<GenerationRecord> out = new ArrayList<>(records);
    out.sort(Comparator.comparing(GenerationRecord::createdAt).thenComparing(GenerationRecord::id));
    return out;
  }
}
