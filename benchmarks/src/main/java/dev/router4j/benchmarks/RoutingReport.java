package dev.router4j.benchmarks;

import dev.router4j.healing.PartialJsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH result file ({@code -rf json}) of the routing benchmarks into the README's
 * markdown table: each result with its ratio to the {@code raw} method of the same class,
 * parameters and mode in the same file (time, allocation, and for {@code sample} mode the
 * median and p99; for throughput, calls per second), and for streams the mean time to the first
 * chunk with content and what it adds to the raw one. {@link PairedBenchmark}'s results go in a
 * second table: the mean time of each half of a pair and their ratio.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.router4j.benchmarks.RoutingReport routing.json
 * </pre>
 */
public final class RoutingReport {
  private RoutingReport() {}

  /**
   * Prints the table.
   *
   * @param args the JMH result file
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: RoutingReport JMH_RESULT.json");
      System.exit(2);
    }
    System.out.print(table(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)));
  }

  private record Row(String clazz, String method, String params, String mode, double score,
      double error, String unit, double p50, double p99, double alloc, double firstChunkMicros) {
    String key() {
      return clazz + "|" + params + "|" + mode;
    }
  }

  /** The markdown table for a JMH result (JSON text). */
  static String table(String jmhJson) {
    List<Row> rows = new ArrayList<>();
    StringBuilder paired = new StringBuilder();
    for (Object o : (List<?>) read(jmhJson)) {
      Map<?, ?> run = (Map<?, ?>) o;
      String name = (String) run.get("benchmark");
      String method = name.substring(name.lastIndexOf('.') + 1);
      String clazz = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1,
          name.lastIndexOf('.'));
      StringBuilder params = new StringBuilder();
      Object p = run.get("params");
      if (p instanceof Map) {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) p).entrySet()) {
          params.append(params.length() == 0 ? "" : ", ").append(e.getKey()).append('=')
              .append(e.getValue());
        }
      }
      Map<?, ?> primary = (Map<?, ?>) run.get("primaryMetric");
      double p50 = Double.NaN;
      double p99 = Double.NaN;
      Object pct = primary.get("scorePercentiles");
      if (pct instanceof Map && "sample".equals(run.get("mode"))) {
        p50 = number(((Map<?, ?>) pct).get("50.0"));
        p99 = number(((Map<?, ?>) pct).get("99.0"));
      }
      Map<?, ?> secondary = run.get("secondaryMetrics") instanceof Map
          ? (Map<?, ?>) run.get("secondaryMetrics") : Map.of();
      double pairs = metric(secondary, "pairs");
      if (pairs > 0) {
        paired.append(pairRow(clazz, method, run.get("threads"), secondary, pairs));
        continue;
      }
      double alloc = metric(secondary, "gc.alloc.rate.norm");
      double firstNanos = metric(secondary, "firstChunkNanos");
      double streams = metric(secondary, "streams");
      rows.add(new Row(clazz, method, params.toString(), (String) run.get("mode"),
          number(primary.get("score")), number(primary.get("scoreError")),
          (String) primary.get("scoreUnit"), p50, p99, alloc,
          streams > 0 ? firstNanos / streams / 1000 : Double.NaN));
    }
    Map<String, Row> raw = new HashMap<>();
    for (Row r : rows) {
      if (r.method().equals("raw")) {
        raw.put(r.key(), r);
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("| class | method | params | mode | score | ± 99.9% | unit | × raw | p50 | × raw p50 |"
        + " p99 | × raw p99 | alloc B/op | × raw alloc | first chunk µs | added µs |\n");
    sb.append("|---|---|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      Row base = raw.get(r.key());
      boolean compared = base != null && base != r;
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s"
              + " | %s | %s | %s | %s | %s |\n",
          r.clazz(), r.method(), r.params(), r.mode(), fmt(r.score()), fmt(r.error()), r.unit(),
          compared ? ratio(r.score(), base.score()) : "",
          fmt(r.p50()), compared ? ratio(r.p50(), base.p50()) : "",
          fmt(r.p99()), compared ? ratio(r.p99(), base.p99()) : "",
          Double.isNaN(r.alloc()) ? "" : String.format(Locale.ROOT, "%,.0f", r.alloc()),
          compared ? ratio(r.alloc(), base.alloc()) : "",
          fmt(r.firstChunkMicros()),
          compared && !Double.isNaN(r.firstChunkMicros())
              ? String.format(Locale.ROOT, "%+.1f", r.firstChunkMicros() - base.firstChunkMicros())
              : ""));
    }
    if (paired.length() > 0) {
      sb.append("\n| class | method | threads | pairs | raw µs | router µs | × raw"
          + " | raw first chunk µs | router first chunk µs | added µs | added µs, median of"
          + " iterations |\n");
      sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      sb.append(paired);
    }
    return sb.toString();
  }

  /** A row of the paired table: each half's mean time, their ratio, and first chunks. */
  private static String pairRow(String clazz, String method, Object threads, Map<?, ?> secondary,
      double pairs) {
    double raw = metric(secondary, "rawNanos") / pairs / 1000;
    double router = metric(secondary, "routerNanos") / pairs / 1000;
    double rawFirst = metric(secondary, "rawFirstNanos") / pairs / 1000;
    double routerFirst = metric(secondary, "routerFirstNanos") / pairs / 1000;
    boolean streamed = rawFirst > 0;
    return String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %s | %s | %s | %s | %s | %s | %s |\n",
        clazz, method, threads instanceof BigDecimal ? ((BigDecimal) threads).intValue() : "",
        pairs, fmt(raw), fmt(router), ratio(router, raw), streamed ? fmt(rawFirst) : "",
        streamed ? fmt(routerFirst) : "",
        streamed ? String.format(Locale.ROOT, "%+.1f", routerFirst - rawFirst) : "",
        streamed ? signed(medianIterationGap(secondary) / 1000) : "");
  }

  /**
   * The median, over the measured iterations of every fork, of each iteration's mean added
   * time to the first chunk: one stall on a shared machine moves an iteration's mean by tens
   * of microseconds, and the median of iterations is not moved by a few such iterations.
   */
  static double medianIterationGap(Map<?, ?> secondary) {
    List<Double> gaps = new ArrayList<>();
    List<?> raw = rawData(secondary, "rawFirstNanos");
    List<?> router = rawData(secondary, "routerFirstNanos");
    List<?> pairs = rawData(secondary, "pairs");
    for (int fork = 0; fork < pairs.size(); fork++) {
      List<?> r = (List<?>) raw.get(fork);
      List<?> q = (List<?>) router.get(fork);
      List<?> n = (List<?>) pairs.get(fork);
      for (int i = 0; i < n.size(); i++) {
        double count = number(n.get(i));
        if (count > 0) {
          gaps.add((number(q.get(i)) - number(r.get(i))) / count);
        }
      }
    }
    if (gaps.isEmpty()) {
      return Double.NaN;
    }
    java.util.Collections.sort(gaps);
    int m = gaps.size() / 2;
    return gaps.size() % 2 == 1 ? gaps.get(m) : (gaps.get(m - 1) + gaps.get(m)) / 2;
  }

  private static String signed(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%+.1f", v);
  }

  private static List<?> rawData(Map<?, ?> secondary, String name) {
    Object m = secondary.get(name);
    Object data = m instanceof Map ? ((Map<?, ?>) m).get("rawData") : null;
    return data instanceof List ? (List<?>) data : List.of();
  }

  private static double metric(Map<?, ?> secondary, String name) {
    Object m = secondary.get(name);
    return m instanceof Map ? number(((Map<?, ?>) m).get("score")) : Double.NaN;
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.1f" : Math.abs(v) >= 1 ? "%.2f"
        : "%.3f", v);
  }

  private static String ratio(double v, double base) {
    if (Double.isNaN(v) || Double.isNaN(base) || base == 0) {
      return "";
    }
    return String.format(Locale.ROOT, "%.2f×", v / base);
  }

  private static Object read(String json) {
    PartialJsonReader r = new PartialJsonReader();
    r.feed(json);
    r.finishedJson(); // JMH may write NaN: the healer makes it null
    return r.value();
  }

  private static double number(Object o) {
    return o instanceof BigDecimal ? ((BigDecimal) o).doubleValue() : Double.NaN;
  }
}
