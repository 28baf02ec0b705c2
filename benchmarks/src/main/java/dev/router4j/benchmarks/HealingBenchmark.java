package dev.router4j.benchmarks;

import dev.router4j.healing.HealResult;
import dev.router4j.healing.JsonHealer;
import dev.router4j.healing.UnrecoverableOutputException;
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
 * The JSON healer's speed: the time to heal one input, from which the README derives MB/s
 * (bytes per operation, printed by {@link HealingInputs#main}, over the time per operation).
 *
 * <ul>
 *   <li>{@code sample}: all 84 inputs of the healing sample, each healed on its own (refusals
 *       included), per operation;
 *   <li>{@code repairs-2k}, {@code repairs-200k}: one document full of repairs (trailing commas,
 *       single quotes, unquoted keys, comments);
 *   <li>{@code valid-2k}, {@code valid-200k}: the same records as strict JSON: the fast path,
 *       a validating scan that returns the input itself.
 * </ul>
 *
 * Run with {@code -prof gc} for the allocation per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class HealingBenchmark {
  /** Which input one operation heals. */
  @Param({"sample", "repairs-2k", "repairs-200k", "valid-2k", "valid-200k"})
  public String input;

  private JsonHealer healer;
  private String[] texts;

  /** Builds the input and checks that the healer does the expected work on it. */
  @Setup
  public void setup() {
    healer = JsonHealer.create();
    texts = HealingInputs.texts(input);
    if (input.startsWith("valid")) {
      if (healer.heal(texts[0]).json() != texts[0]) {
        throw new IllegalStateException(input + " did not take the valid fast path");
      }
    } else if (input.startsWith("repairs")) {
      HealResult r = healer.heal(texts[0]);
      if (r.repairCount() < texts[0].length() / 20) {
        throw new IllegalStateException(input + " needed only " + r.repairCount() + " repairs");
      }
    }
  }

  /**
   * Heals every text of the input once.
   *
   * @return the total length of the healed JSON, refusals counting one (consumed by JMH)
   */
  @Benchmark
  public long heal() {
    long n = 0;
    for (String t : texts) {
      try {
        n += healer.heal(t).json().length();
      } catch (UnrecoverableOutputException e) {
        n++;
      }
    }
    return n;
  }
}
