package dev.router4j.fuzz;

import dev.router4j.api.testing.FuzzGuard;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.router4j.healing.HealResult;
import dev.router4j.healing.JsonHealer;
import dev.router4j.json.ChatJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the JSON healer with and without a schema. The outcome is a healed document that is
 * strict JSON (the codec reads it) and that healing again, under the same schema or none,
 * leaves unchanged; or the healer's typed {@code UnrecoverableOutputException} — which must not
 * be a catch-all around a programming error (the healer wraps unexpected runtime exceptions
 * and stack overflows; the guard unwraps and reports them).
 */
class JsonHealerFuzzTest {
  private static final JsonHealer HEALER = JsonHealer.builder().maxDepth(256).build();
  /** The schemas {@link #healWithSchema} picks from with its first byte. */
  static final List<String> SCHEMAS = List.of(
      "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\"},"
          + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},\"required\":[\"name\"],"
          + "\"additionalProperties\":false}",
      "{\"type\":\"array\",\"items\":{\"type\":\"number\"},\"maxItems\":5}",
      "{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"},\"score\":{\"type\":\"number\","
          + "\"minimum\":0,\"maximum\":1},\"kind\":{\"enum\":[\"a\",\"b\",null]}}}",
      "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"object\",\"properties\":{\"x\":{\"$ref\":\"#\"}}}]}");

  @FuzzTest(maxDuration = "5m")
  void heal(byte[] data) {
    FuzzGuard.run(data, () -> {
      String text = new String(data, StandardCharsets.UTF_8);
      HealResult r = HEALER.heal(text);
      ChatJson.readTree(r.json());
      HealResult again = HEALER.heal(r.json());
      assertThat(again.json()).as("healing a healed document changes nothing").isEqualTo(r.json());
      assertThat(again.changed()).isFalse();
      assertThat(r.repairCount()).isGreaterThanOrEqualTo(0);
      assertThat(r.toString()).isNotNull();
    });
  }

  /** First byte: which schema; the rest: the model's text. */
  @FuzzTest(maxDuration = "5m")
  void healWithSchema(byte[] data) {
    FuzzGuard.run(data, () -> {
      if (data.length == 0) {
        return;
      }
      String schema = SCHEMAS.get((data[0] & 0xFF) % SCHEMAS.size());
      String text = new String(Arrays.copyOfRange(data, 1, data.length), StandardCharsets.UTF_8);
      HealResult r = HEALER.heal(text, schema);
      ChatJson.readTree(r.json());
      HealResult again = HEALER.heal(r.json(), schema);
      assertThat(again.json()).as("healing a healed document changes nothing").isEqualTo(r.json());
      assertThat(again.changed()).isFalse();
    });
  }
}
