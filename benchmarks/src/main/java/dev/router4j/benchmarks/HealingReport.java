package dev.router4j.benchmarks;

import dev.router4j.healing.PartialJsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH result file ({@code -rf json}) of the healing benchmarks, and optionally the
 * jsonrepair script's result file, into the README's markdown table: time per operation,
 * MB/s (bytes per operation over time per operation, MB = 10^6 bytes), allocation per
 * operation and per input byte, and the ratio to jsonrepair.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.router4j.benchmarks.HealingReport jmh.json [jsonrepair.json]
 * </pre>
 */
public final class HealingReport {
  private HealingReport() {}

  /**
   * Prints the table.
   *
   * @param args the JMH result file, then optionally the jsonrepair result file
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: HealingReport JMH_RESULT.json [JSONREPAIR_RESULT.json]");
      System.exit(2);
    }
    System.out.print(table(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8),
        args.length > 1 ? Files.readString(Path.of(args[1]), StandardCharsets.UTF_8) : null));
  }

  /** The markdown table for a JMH result and an optional jsonrepair result (both JSON text). */
  static String table(String jmhJson, String jsonrepairJson) {
    Map<String, Double> jr = new HashMap<>();
    if (jsonrepairJson != null) {
      Map<?, ?> root = (Map<?, ?>) read(jsonrepairJson);
      for (Object o : (List<?>) root.get("results")) {
        Map<?, ?> r = (Map<?, ?>) o;
        jr.put((String) r.get("input"), ((BigDecimal) r.get("mbps")).doubleValue());
      }
    }
    Map<String, Long> bytes = new HashMap<>();
    StringBuilder sb = new StringBuilder();
    sb.append("| benchmark | input | bytes/op | µs/op (± 99.9%) | MB/s | alloc B/op | alloc B/input byte |")
        .append(jr.isEmpty() ? "" : " jsonrepair MB/s | × jsonrepair |")
        .append('\n')
        .append("|---|---|---:|---:|---:|---:|---:|")
        .append(jr.isEmpty() ? "" : "---:|---:|")
        .append('\n');
    for (Object o : (List<?>) read(jmhJson)) {
      Map<?, ?> run = (Map<?, ?>) o;
      String benchmark = (String) run.get("benchmark");
      benchmark = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      String input = (String) ((Map<?, ?>) run.get("params")).get("input");
      Map<?, ?> primary = (Map<?, ?>) run.get("primaryMetric");
      double us = toMicros(number(primary.get("score")), (String) primary.get("scoreUnit"));
      double err = toMicros(number(primary.get("scoreError")), (String) primary.get("scoreUnit"));
      long b = bytes.computeIfAbsent(input, k -> HealingInputs.utf8Bytes(HealingInputs.texts(k)));
      double mbps = b / us;
      Map<?, ?> secondary = (Map<?, ?>) run.get("secondaryMetrics");
      Object alloc = secondary == null ? null : secondary.get("gc.alloc.rate.norm");
      double allocPerOp = alloc == null ? Double.NaN : number(((Map<?, ?>) alloc).get("score"));
      sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,.1f ± %,.1f | %,.1f | %s | %s |",
          benchmark, input, b, us, err, mbps,
          Double.isNaN(allocPerOp) ? "–" : String.format(Locale.ROOT, "%,.0f", allocPerOp),
          Double.isNaN(allocPerOp) ? "–" : String.format(Locale.ROOT, "%.2f", allocPerOp / b)));
      if (!jr.isEmpty()) {
        Double other = benchmark.startsWith("HealingBenchmark") ? jr.get(input) : null;
        sb.append(other == null
            ? " | |"
            : String.format(Locale.ROOT, " %,.2f | %,.0f× |", other, mbps / other));
      }
      sb.append('\n');
    }
    return sb.toString();
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

  private static double toMicros(double v, String unit) {
    switch (unit) {
      case "ns/op":
        return v / 1000;
      case "us/op":
        return v;
      case "ms/op":
        return v * 1000;
      case "s/op":
        return v * 1_000_000;
      default:
        throw new IllegalArgumentException("run the benchmarks in avgt mode, not " + unit);
    }
  }
}
