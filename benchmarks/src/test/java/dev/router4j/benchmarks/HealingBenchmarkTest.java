package dev.router4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.healing.JsonHealer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every healing benchmark once on every input, so that none rots between JMH runs. */
class HealingBenchmarkTest {

  @Test
  void healsEveryInputOnce() {
    for (String input : HealingInputs.NAMES) {
      HealingBenchmark b = new HealingBenchmark();
      b.input = input;
      b.setup();
      assertThat(b.heal()).as(input).isPositive();
    }
  }

  @Test
  void streamsEveryDocumentOnce() {
    for (String input : new String[] {"valid-2k", "valid-200k"}) {
      HealingStreamBenchmark b = new HealingStreamBenchmark();
      b.input = input;
      b.setup();
      assertThat(b.stream()).as(input).isGreaterThan(HealingInputs.texts(input)[0].length() / 2);
    }
  }

  @Test
  void theInputsHaveTheAdvertisedShape() {
    assertThat(HealingInputs.texts("sample")).hasSize(84);
    for (String name : new String[] {"repairs-2k", "valid-2k"}) {
      assertThat(HealingInputs.texts(name)[0].length()).isBetween(2_000, 2_200);
    }
    for (String name : new String[] {"repairs-200k", "valid-200k"}) {
      assertThat(HealingInputs.texts(name)[0].length()).isBetween(200_000, 200_200);
    }
    JsonHealer healer = JsonHealer.create();
    // The repaired document holds the same records as the valid one (fewer of them: the
    // repairs make each record longer).
    String repaired = healer.heal(HealingInputs.repairs(2_000)).json().replace(" ", "");
    String valid = HealingInputs.valid(2_000).replace(" ", "").replace("\n", "");
    assertThat(repaired).endsWith("}]").hasSizeGreaterThan(1_000);
    assertThat(valid).startsWith(repaired.substring(0, repaired.length() - 1));
  }

  @Test
  void writesTheInputsForTheJsonrepairScript(@TempDir Path dir) throws Exception {
    HealingInputs.main(new String[] {dir.toString()});
    for (String name : HealingInputs.NAMES) {
      assertThat(dir.resolve(name + ".json")).isRegularFile();
      assertThat(dir.resolve(name + ".healed.json")).isRegularFile();
    }
    assertThat(Files.readString(dir.resolve("valid-2k.json"))).startsWith("[\n\"[\\n  {\\\"id\\\": 0,");
  }

  @Test
  void reportsMegabytesPerSecondFromAJmhResult() {
    String jmh =
        "[{\"benchmark\": \"dev.router4j.benchmarks.HealingBenchmark.heal\", \"mode\": \"avgt\","
            + " \"params\": {\"input\": \"valid-2k\"},"
            + " \"primaryMetric\": {\"score\": 1.0, \"scoreError\": NaN, \"scoreUnit\": \"us/op\"},"
            + " \"secondaryMetrics\": {\"gc.alloc.rate.norm\": {\"score\": 0.5, \"scoreUnit\": \"B/op\"}}}]";
    String jr = "{\"node\": \"v20\", \"results\": [{\"input\": \"valid-2k\", \"mbps\": 2.0}]}";
    long bytes = HealingInputs.utf8Bytes(HealingInputs.texts("valid-2k"));
    String table = HealingReport.table(jmh, jr);
    assertThat(table)
        .contains("| HealingBenchmark.heal | valid-2k | " + String.format("%,d", bytes) + " | 1.0 ± ")
        .contains(String.format(java.util.Locale.ROOT, "| %,.1f |", (double) bytes))
        .contains("× |");
  }
}
