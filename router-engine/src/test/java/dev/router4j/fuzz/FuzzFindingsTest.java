package dev.router4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.healing.HealResult;
import dev.router4j.healing.JsonHealer;
import org.junit.jupiter.api.Test;

/** What the engine's fuzzers found, reduced to plain regression tests. */
class FuzzFindingsTest {
  private static final JsonHealer HEALER = JsonHealer.create();

  /**
   * Found by {@code JsonHealerFuzzTest#healWithSchema} (healing a healed document changed it).
   * A model's answer that is already valid JSON and satisfies the schema must come back
   * unchanged, even when one of its strings mentions {@code </think>}.
   */
  @Test
  void aValidAnswerMentioningAThinkTagIsLeftAlone() {
    String answer = "\"thinking done</think> {\\\"a\\\": 2}\"";
    HealResult asString = HEALER.heal(answer, "{\"type\":\"string\"}");
    assertThat(asString.json()).isEqualTo(answer);
    HealResult either = HEALER.heal(answer,
        "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"object\"}]}");
    assertThat(either.json()).isEqualTo(answer);
    assertThat(either.changed()).isFalse();
  }

  /**
   * Found by {@code JsonHealerFuzzTest#healWithSchema}: a healed document — a JSON string that
   * satisfies {@code anyOf[string, object]} — is changed when healed again (a broken code fence
   * inside the string is taken for a wrapper). The input is kept as the fuzzer wrote it: the
   * first byte chose the schema, the rest is the model's text.
   */
  @Test
  void healingAHealedDocumentChangesNothing() throws Exception {
    byte[] input;
    try (var in = FuzzFindingsTest.class.getResourceAsStream("findings/heal-twice-fence-in-string")) {
      input = in.readAllBytes();
    }
    String schema = "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"object\",\"properties\":"
        + "{\"x\":{\"$ref\":\"#\"}}}]}";
    String text = new String(input, 1, input.length - 1, java.nio.charset.StandardCharsets.UTF_8);
    JsonHealer healer = JsonHealer.builder().maxDepth(256).build();
    String once = healer.heal(text, schema).json();
    assertThat(healer.heal(once, schema).json()).isEqualTo(once);
  }

  /** The same answer without a schema is left alone (it is valid JSON). */
  @Test
  void withoutASchemaTheAnswerIsLeftAlone() {
    String answer = "\"thinking done</think> {\\\"a\\\": 2}\"";
    assertThat(HEALER.heal(answer).json()).isEqualTo(answer);
  }
}
