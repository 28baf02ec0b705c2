package dev.router4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * The distribution of the time that router4j adds to a stream's first chunk, pair by pair,
 * outside JMH: {@link PairedBenchmark} gives means per iteration, and on a shared 2-core
 * machine one stall of a few milliseconds moves such a mean by tens of microseconds. Here each
 * pair is a raw stream and a router stream back to back (raw first in even pairs), after the
 * same warm-up as the JMH method ({@link StreamingBenchmark#warmPerStreamCode} and a few
 * seconds of pairs), and the per-pair differences are summarised by their median and a
 * trimmed mean, which stalls barely move.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.router4j.benchmarks.FirstChunkPairs [chunks]
 * [pairs]}, by default 1,000 chunks and 3,000 pairs (about a minute on two cores).
 */
public final class FirstChunkPairs {
  private static final long WARM_UP_NANOS = 8_000_000_000L;

  private FirstChunkPairs() {}

  /** Runs the pairs and prints the distributions. */
  public static void main(String[] args) {
    int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    StreamingBenchmark streams = new StreamingBenchmark();
    streams.chunks = chunks;
    streams.setup();
    try {
      Runnable pair = () -> {
        streams.raw(new StreamingBenchmark.FirstChunk());
        streams.router(new StreamingBenchmark.FirstChunk());
      };
      streams.warmPerStreamCode(pair);
      long end = System.nanoTime() + WARM_UP_NANOS;
      while (System.nanoTime() < end) {
        pair.run();
      }
      long[] raw = new long[n];
      long[] router = new long[n];
      long[] added = new long[n];
      for (int i = 0; i < n; i++) {
        StreamingBenchmark.FirstChunk r = new StreamingBenchmark.FirstChunk();
        StreamingBenchmark.FirstChunk q = new StreamingBenchmark.FirstChunk();
        if ((i & 1) == 0) {
          streams.raw(r);
          streams.router(q);
        } else {
          streams.router(q);
          streams.raw(r);
        }
        raw[i] = r.firstChunkNanos;
        router[i] = q.firstChunkNanos;
        added[i] = router[i] - raw[i];
      }
      System.out.printf(Locale.ROOT, "first chunk of a %,d-chunk stream, %,d pairs, µs%n",
          chunks, n);
      System.out.println(summary("raw", raw));
      System.out.println(summary("router", router));
      System.out.println(summary("added", added));
    } finally {
      streams.tearDown();
    }
  }

  /** Mean, percentiles and the mean of the middle 90%, in microseconds. */
  static String summary(String name, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    int n = s.length;
    double trimmed = Arrays.stream(s, n / 20, n - n / 20).average().orElse(Double.NaN);
    return String.format(Locale.ROOT, "%-7s mean %7.1f | p10 %7.1f | p25 %7.1f | median %7.1f"
            + " | p75 %7.1f | p90 %7.1f | p99 %8.1f | mean of the middle 90%% %7.1f", name,
        Arrays.stream(s).average().orElse(Double.NaN) / 1e3, s[n / 10] / 1e3, s[n / 4] / 1e3,
        median(s) / 1e3, s[3 * n / 4] / 1e3, s[9 * n / 10] / 1e3, s[n * 99 / 100] / 1e3,
        trimmed / 1e3);
  }

  private static double median(long[] sorted) {
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
  }
}
