package dev.router4j.fuzz;

import dev.router4j.api.testing.FuzzGuard;
import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.healing.HealResult;
import dev.router4j.healing.JsonHealer;
import dev.router4j.healing.UnrecoverableOutputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Healing is idempotent on the healer fuzzers' seed corpus and findings: for every input that
 * heals, without a schema and under each of the fuzzer's schemas, healing the healed document
 * returns it unchanged.
 */
class FuzzCorpusIdempotenceTest {
  private static final JsonHealer HEALER = JsonHealer.builder().maxDepth(256).build();

  private static List<byte[]> corpus() throws IOException, URISyntaxException {
    List<byte[]> inputs = new ArrayList<>();
    List<String> dirs = List.of(
        "JsonHealerFuzzTestInputs/heal", "JsonHealerFuzzTestInputs/healWithSchema", "findings");
    for (String dir : dirs) {
      Path root = Path.of(FuzzCorpusIdempotenceTest.class.getResource(dir).toURI());
      try (Stream<Path> files = Files.list(root)) {
        for (Path f : files.sorted().toList()) {
          inputs.add(Files.readAllBytes(f));
        }
      }
    }
    return inputs;
  }

  /** Whether {@code text} heals; when it does, asserts that the healed document is a fixed point. */
  private static boolean fixedPoint(String text, String schema) {
    HealResult once;
    try {
      once = HEALER.heal(text, schema);
    } catch (UnrecoverableOutputException e) {
      return false;
    }
    HealResult twice = HEALER.heal(once.json(), schema);
    assertThat(twice.json())
        .as("healing the healed %s under %s",
            FuzzGuard.base64(text.getBytes(StandardCharsets.UTF_8)), schema)
        .isEqualTo(once.json());
    assertThat(twice.changed()).isFalse();
    return true;
  }

  @Test
  void healingTheHealedSeedChangesNothing() throws Exception {
    List<byte[]> inputs = corpus();
    assertThat(inputs).hasSizeGreaterThan(100);
    int healed = 0;
    for (byte[] data : inputs) {
      String whole = new String(data, StandardCharsets.UTF_8);
      healed += fixedPoint(whole, null) ? 1 : 0;
      if (data.length == 0) {
        continue;
      }
      // As the schema fuzzer reads it: the first byte picks the schema, the rest is the text.
      String rest = new String(Arrays.copyOfRange(data, 1, data.length), StandardCharsets.UTF_8);
      List<String> schemas = JsonHealerFuzzTest.SCHEMAS;
      String chosen = schemas.get((data[0] & 0xFF) % schemas.size());
      fixedPoint(rest, chosen);
      for (String schema : schemas) {
        fixedPoint(whole, schema);
      }
    }
    assertThat(healed).isGreaterThan(50);
  }
}
