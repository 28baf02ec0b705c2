package dev.router4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.internal.routing.EndpointRegistry;
import dev.router4j.internal.routing.RoutePlan;
import java.math.BigDecimal;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every routing benchmark method once (state created, {@code @Setup}, the method,
 * {@code @TearDown}), so that none rots between JMH runs. The loopback server runs on this
 * JVM's threads here to keep the test quick; {@link #theServerRunsInItsOwnJvm} checks the
 * child-JVM server that JMH runs use.
 */
class RoutingBenchmarksTest {
  private static String previous;

  @BeforeAll
  static void inProcess() {
    previous = System.setProperty(BenchFleet.SERVER_PROPERTY, "inprocess");
  }

  @AfterAll
  static void restore() {
    if (previous == null) {
      System.clearProperty(BenchFleet.SERVER_PROPERTY);
    } else {
      System.setProperty(BenchFleet.SERVER_PROPERTY, previous);
    }
  }

  @Test
  void pairedRunsEachPairOnceAndTimesBothHalves() {
    PairedBenchmark b = new PairedBenchmark();
    b.setup();
    try {
      PairedBenchmark.Pair p = new PairedBenchmark.Pair();
      p.reset();
      assertThat(b.chat(p)).isEqualTo(2 * BenchFleet.ANSWER.length());
      assertThat(b.chat8(p)).isEqualTo(2 * BenchFleet.ANSWER.length());
      assertThat(p.pairs).isEqualTo(2);
      assertThat(p.rawNanos).isPositive();
      assertThat(p.routerNanos).isPositive();
      p.reset();
      assertThat(b.stream20(p)).isEqualTo(2 * BenchFleet.streamAnswer(20).length());
      assertThat(p.rawFirstNanos).isPositive().isLessThanOrEqualTo(p.rawNanos);
      assertThat(p.routerFirstNanos).isPositive().isLessThanOrEqualTo(p.routerNanos);
      assertThat(b.stream1000(p)).isEqualTo(2 * BenchFleet.streamAnswer(1000).length());
      assertThat(b.failover(p)).isEqualTo(2 * BenchFleet.ANSWER.length());
      assertThat(p.pairs).isEqualTo(3);
    } finally {
      b.tearDown();
    }
  }

  @Test
  void overheadRunsEachClientOnce() {
    OverheadBenchmark b = new OverheadBenchmark();
    b.setup();
    try {
      assertThat(b.raw()).isEqualTo(BenchFleet.ANSWER);
      assertThat(b.router()).isEqualTo(BenchFleet.ANSWER);
      assertThat(b.openAiJava()).isEqualTo(BenchFleet.ANSWER);
      assertThat(b.langChain4j()).isEqualTo(BenchFleet.ANSWER);
    } finally {
      b.tearDown();
    }
  }

  @Test
  void streamingRunsEachClientOnceAtBothLengths() {
    for (int chunks : new int[] {20, 1000}) {
      StreamingBenchmark b = new StreamingBenchmark();
      b.chunks = chunks;
      b.setup();
      try {
        StreamingBenchmark.FirstChunk first = new StreamingBenchmark.FirstChunk();
        first.reset();
        int length = BenchFleet.streamAnswer(chunks).length();
        assertThat(b.raw(first)).isEqualTo(length);
        assertThat(b.router(first)).isEqualTo(length);
        assertThat(b.openAiJava(first)).isEqualTo(length);
        assertThat(b.langChain4j(first)).isEqualTo(length);
        assertThat(first.streams).isEqualTo(4);
        assertThat(first.firstChunkNanos).isPositive();
      } finally {
        b.tearDown();
      }
    }
  }

  @Test
  void failoverRunsOnce() {
    FailoverBenchmark b = new FailoverBenchmark();
    b.setup();
    try {
      assertThat(b.raw()).isEqualTo(BenchFleet.ANSWER);
      assertThat(b.rawFailover()).isEqualTo(BenchFleet.ANSWER);
      assertThat(b.router()).isEqualTo(BenchFleet.ANSWER);
    } finally {
      b.tearDown();
    }
  }

  @Test
  void throughputRunsOnce() {
    ThroughputBenchmark b = new ThroughputBenchmark();
    b.setup();
    try {
      assertThat(b.raw()).isEqualTo(BenchFleet.ANSWER);
      assertThat(b.router()).isEqualTo(BenchFleet.ANSWER);
    } finally {
      b.tearDown();
    }
  }

  @Test
  void planningRunsOnEveryShape() {
    for (String shape : new String[] {"sparse", "dense"}) {
      for (String request : new String[] {"exact", "full"}) {
        PlanningBenchmark b = new PlanningBenchmark();
        b.shape = shape;
        b.request = request;
        b.setup();
        RoutePlan plan = b.plan();
        assertThat(plan.steps()).as(shape + "/" + request).isNotEmpty();
        if (request.equals("exact")) {
          assertThat(plan.steps()).hasSize(PlanningCatalogs.providersPerModel(shape));
        }
      }
      CatalogBuildBenchmark c = new CatalogBuildBenchmark();
      c.shape = shape;
      c.setup();
      EndpointRegistry registry = c.build();
      assertThat(registry.models()).hasSize(PlanningCatalogs.MODELS);
      assertThat(registry.routes(PlanningCatalogs.model(7)))
          .hasSize(PlanningCatalogs.providersPerModel(shape));
    }
  }

  @Test
  void componentsRunOnce() {
    ComponentsBenchmark b = new ComponentsBenchmark();
    b.setup();
    assertThat(b.sseParse()).isEqualTo(24);
    assertThat(b.sseParseAndDecode()).isEqualTo(5 + 19 * 6);
    assertThat(b.healValid()).isPositive();
    assertThat(b.healFenced()).isBetween(100, b.healValid()); // repaired, written compactly
    // 176 uncached x $0.40/M + 1024 cached x $0.10/M + 150 x $1.60/M
    assertThat(b.cost().isZero()).isFalse();
    // scale 8, that of $0.40/M (0.00000040), as BigDecimal arithmetic gives
    assertThat(b.cost().total()).isEqualTo(new BigDecimal("0.00041280"));
    assertThat(b.costTotal().total()).isEqualTo(new BigDecimal("0.00041280"));
    assertThat(b.gate()).isZero();
    assertThat(b.gateLimited()).isZero();
  }

  @Test
  void theServerRunsInItsOwnJvm() {
    try (BenchFleet fleet = BenchFleet.startProcess()) {
      assertThat(fleet.outOfProcess()).isTrue();
      RawClient raw = new RawClient(new OkHttpClient(), fleet.baseUrl("primary"), BenchFleet.KEY);
      assertThat(raw.chat("chat-1", BenchFleet.PROMPT)).isEqualTo(BenchFleet.ANSWER);
      RawClient down = new RawClient(new OkHttpClient(), fleet.baseUrl("down"), BenchFleet.KEY);
      assertThat(down.status("chat-1", BenchFleet.PROMPT)).isEqualTo(503);
    }
  }

  @Test
  void theReportDividesByTheRawBaselineOfTheSameRun() {
    String jmh = "[" + result("OverheadBenchmark.raw", "avgt", "", 100.0, 10_000)
        + "," + result("OverheadBenchmark.router", "avgt", "", 105.0, 14_000)
        + "," + result("StreamingBenchmark.raw", "avgt", "\"chunks\": \"20\"", 200.0, 20_000)
        + "," + result("StreamingBenchmark.router", "avgt", "\"chunks\": \"20\"", 230.0, 26_000)
        + "]";
    String table = RoutingReport.table(jmh);
    assertThat(table).contains("| OverheadBenchmark | router |  | avgt | 105.0 |")
        .contains("1.05×").contains("1.40×").contains("1.15×").contains("1.30×");
  }

  @Test
  void theReportGivesEachHalfOfAPairItsMeanAndTheirRatio() {
    String jmh = "[{\"benchmark\": \"dev.router4j.benchmarks.PairedBenchmark.stream20\","
        + " \"mode\": \"avgt\", \"threads\": 1, \"params\": {}, \"primaryMetric\":"
        + " {\"score\": 500.0, \"scoreError\": 1.0, \"scoreUnit\": \"us/op\"},"
        + " \"secondaryMetrics\": {\"pairs\": {\"score\": 1000},"
        + " \"rawNanos\": {\"score\": 200000000}, \"routerNanos\": {\"score\": 210000000},"
        + " \"rawFirstNanos\": {\"score\": 100000000},"
        + " \"routerFirstNanos\": {\"score\": 108000000}}}]";
    String table = RoutingReport.table(jmh);
    assertThat(table).contains("| PairedBenchmark | stream20 | 1 | 1,000 | 200.0 | 210.0 | 1.05×"
        + " | 100.0 | 108.0 | +8.0 |  |");
  }

  @Test
  void theReportGivesTheMedianOfTheIterationsAddedTimeNotMovedByOneStall() {
    // Three iterations over two forks add 8, 200 (a stall) and 5 µs: the mean says 71, the
    // median of the iterations 8.
    String jmh = "[{\"benchmark\": \"dev.router4j.benchmarks.PairedBenchmark.stream1000\","
        + " \"mode\": \"avgt\", \"threads\": 1, \"params\": {}, \"primaryMetric\":"
        + " {\"score\": 500.0, \"scoreError\": 1.0, \"scoreUnit\": \"us/op\"},"
        + " \"secondaryMetrics\": {\"pairs\": {\"score\": 300, \"rawData\": [[100, 100], [100]]},"
        + " \"rawNanos\": {\"score\": 300000000}, \"routerNanos\": {\"score\": 303000000},"
        + " \"rawFirstNanos\": {\"score\": 30000000,"
        + " \"rawData\": [[10000000, 10000000], [10000000]]},"
        + " \"routerFirstNanos\": {\"score\": 51300000,"
        + " \"rawData\": [[10800000, 30000000], [10500000]]}}}]";
    String table = RoutingReport.table(jmh);
    assertThat(table).contains("| 100.0 | 171.0 | +71.0 | +8.0 |");
  }

  @Test
  void thePairsSummaryIsNotMovedByAFewStalls() {
    // 20 pairs adding 10 µs, one adding 5 ms: the mean moves, the median and the trimmed mean
    // do not.
    long[] added = new long[21];
    java.util.Arrays.fill(added, 10_000);
    added[7] = 5_000_000;
    assertThat(FirstChunkPairs.summary("added", added)).contains("median    10.0")
        .contains("mean of the middle 90%    10.0").contains("mean   247.6");
  }

  private static String result(String name, String mode, String params, double score,
      double alloc) {
    return "{\"benchmark\": \"dev.router4j.benchmarks." + name + "\", \"mode\": \"" + mode
        + "\", \"params\": {" + params + "}, \"primaryMetric\": {\"score\": " + score
        + ", \"scoreError\": 1.0, \"scoreUnit\": \"us/op\"}, \"secondaryMetrics\": "
        + "{\"gc.alloc.rate.norm\": {\"score\": " + alloc + ", \"scoreUnit\": \"B/op\"}}}";
  }
}
