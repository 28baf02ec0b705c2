package dev.router4j.healing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.internal.healing.HealEngine;
import dev.router4j.internal.healing.ParseFailure;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Linear time, checked with the engine's work counter (characters examined by every attempt
 * and look-ahead) rather than wall time, which JMH measures elsewhere.
 */
class LinearTimeTest {
  private static final HealEngine ENGINE = new HealEngine(JsonHealer.DEFAULT_MAX_DEPTH);
  private static final JsonHealer HEALER = JsonHealer.create();

  /** Work per character of the healed text, or of the attempt when healing fails. */
  private static double workPerChar(String text) {
    try {
      return ENGINE.repair(text, false).work / (double) text.length();
    } catch (ParseFailure e) {
      return e.work() / (double) text.length();
    }
  }

  private static void assertLinear(IntFunction<String> document) {
    String small = document.apply(200);
    String large = document.apply(6400);
    double a = workPerChar(small);
    double b = workPerChar(large);
    assertThat(b).as("work per char, large document").isLessThan(6.0);
    assertThat(b).as("large vs small work per char").isLessThanOrEqualTo(a * 1.25 + 0.5);
  }

  private static String repeat(int n, IntFunction<String> unit, String open, String close) {
    StringBuilder sb = new StringBuilder(open);
    for (int i = 0; i < n; i++) {
      sb.append(unit.apply(i));
    }
    return sb.append(close).toString();
  }

  @Test
  void manyTrailingCommas() {
    assertLinear(n -> repeat(n, i -> "{\"id\": " + i + ", \"tags\": [\"a\", \"b\",],},\n", "[", "]"));
  }

  @Test
  void manyRepairsOfEveryKind() {
    assertLinear(
        n ->
            repeat(
                n,
                i -> "'k" + i + "': {a: True, b: 'It's', c: +.5, d: 007, \"e\": \"say \"hi\"\" // c\n},\n",
                "{",
                "}"));
  }

  @Test
  void theRepairCountGrowsWithTheDocumentAndIsAllCounted() {
    String doc = repeat(20_000, i -> "[1,],", "[", "]");
    HealResult r = HEALER.heal(doc);
    assertThat(r.repairCount()).isGreaterThanOrEqualTo(20_000);
    assertThat(r.repairs()).hasSizeLessThanOrEqualTo(10_000);
    assertThat(StrictJson.isValid(r.json())).isTrue();
  }

  @Test
  void adversarialTextStaysLinear() {
    assertLinear(n -> "\"".repeat(n * 10));
    assertLinear(n -> "{\"a\": \"" + "\" ".repeat(n * 10));
    assertLinear(n -> "{\"a\": \"x" + "\", \"b and more ".repeat(n));
    assertLinear(n -> "[" + ",".repeat(n * 10) + "]");
    assertLinear(n -> "x {a} [b] ".repeat(n));
    assertLinear(n -> "{\"a\": 1}\n".repeat(n) + "prose {\"b\": 2}");
    assertLinear(n -> "{'a': '" + "it's ".repeat(n * 4) + "'}");
    assertLinear(n -> "{\"t\": \"" + "line\n".repeat(n * 4) + "\"}");
    assertLinear(n -> "[\"a\"" + ", \"b\"\n".repeat(n * 4) + "]");
    assertLinear(n -> "{" + " ".repeat(n * 20) + "\"a\": \"x\"" + " ".repeat(n * 20) + ", \"b\": 1}");
  }
}
