package dev.router4j.benchmarks;

import dev.router4j.healing.PartialJsonReader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The incremental partial-JSON reader on a streamed document: the valid 2 KB and 200 KB inputs
 * of {@link HealingBenchmark} cut into 16-character deltas (about what a model streams per
 * token group), with the value looked at after every delta, and the final JSON at the end.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class HealingStreamBenchmark {
  /** Characters per delta. */
  public static final int DELTA = 16;

  /** Which document is streamed. */
  @Param({"valid-2k", "valid-200k"})
  public String input;

  private String[] deltas;

  /** Cuts the document into deltas. */
  @Setup
  public void setup() {
    String doc = HealingInputs.texts(input)[0];
    deltas = new String[(doc.length() + DELTA - 1) / DELTA];
    for (int i = 0; i < deltas.length; i++) {
      deltas[i] = doc.substring(i * DELTA, Math.min(doc.length(), (i + 1) * DELTA));
    }
  }

  /**
   * Streams the document through a new reader, looking at the value after every delta.
   *
   * @return a checksum of what was seen (consumed by JMH)
   */
  @Benchmark
  public int stream() {
    PartialJsonReader reader = new PartialJsonReader();
    int seen = 0;
    for (String d : deltas) {
      reader.feed(d);
      Object v = reader.value();
      seen += v == null ? 0 : 1;
    }
    return seen + reader.finishedJson().length() + reader.completedPaths().size();
  }
}
