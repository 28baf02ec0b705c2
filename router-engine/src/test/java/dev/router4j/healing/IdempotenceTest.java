package dev.router4j.healing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Healing is idempotent: for every corpus case that heals, healing the healed document again
 * (under the same schema, or none) returns it unchanged, with no repair. Checked without a
 * schema for every case and, where the case carries one, under its schema too.
 */
class IdempotenceTest {
  private static final JsonHealer HEALER = JsonHealer.create();

  static List<HealingCorpus.Case> sample() {
    return HealingCorpus.load("/healing/sample.jsonl");
  }

  static List<HealingCorpus.Case> extra() {
    return HealingCorpus.load("/healing/extra.jsonl");
  }

  /** Heals {@code text} and then the result; returns whether the first heal succeeded. */
  private static boolean healsToAFixedPoint(String id, String text, String schema) {
    HealResult once;
    try {
      once = HEALER.heal(text, schema);
    } catch (UnrecoverableOutputException e) {
      return false;
    }
    String label = id + (schema == null ? " without a schema" : " under " + schema) + ": " + text;
    assertThat(StrictJson.isValid(once.json())).as("strict output for %s", label).isTrue();
    HealResult twice = HEALER.heal(once.json(), schema);
    assertThat(twice.json()).as("healing the healed %s", label).isEqualTo(once.json());
    assertThat(twice.changed()).as("changed flag for %s", label).isFalse();
    assertThat(twice.repairCount()).as("repairs for %s", label).isZero();
    return true;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"sample", "extra"})
  void healingTheHealedDocumentChangesNothing(HealingCorpus.Case c) {
    boolean healed = healsToAFixedPoint(c.id, c.input, null);
    if (c.schema != null) {
      healed |= healsToAFixedPoint(c.id, c.input, c.schema);
    }
    if (!c.unrecoverable) {
      // A repairable case heals at least one way (the corpus tests say which value it gives).
      assertThat(healed).as(c.id).isTrue();
    }
  }

  @Test
  void everyTruncationOfASampleInputHealsToAFixedPoint() {
    // Prefixes exercise the cut-short paths (strings, keys, escapes, fences, tags) where
    // a healed document could still look like it needs healing.
    int healed = 0;
    for (HealingCorpus.Case c : sample()) {
      for (int cut = 1; cut < c.input.length(); cut++) {
        String prefix = c.input.substring(0, cut);
        if (healsToAFixedPoint(c.id + "[0," + cut + ")", prefix, null)) {
          healed++;
        }
        if (c.schema != null) {
          healsToAFixedPoint(c.id + "[0," + cut + ")", prefix, c.schema);
        }
      }
    }
    assertThat(healed).isGreaterThan(1000);
  }

  /** Wrapping markers the healer peels off around a document, and must never find inside one. */
  private static final String[] MARKERS = {
    "```", "```json\n", "\n```", "~~~", "<think>", "</think>", "<think>x</think>", "</thinking>",
    "<|im_start|>", "<|python_tag|>", "<json>", "</output>", "<answer>", "// ", "/* ", "{{", "}}"
  };

  private static final String[] SCHEMAS = {
    "{\"type\":\"string\"}",
    "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"object\"}]}",
    "{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\"}}}"
  };

  @Test
  void markersInsideTheStringsOfAValidDocumentAreContent() {
    // Every healed sample document, put inside a string next to a wrapping marker: valid JSON
    // that satisfies the schema, so it comes back as written with or without the schema, and,
    // behind a BOM or NBSP, as the same document without them.
    int checked = 0;
    for (HealingCorpus.Case c : sample()) {
      String doc;
      try {
        doc = HEALER.heal(c.input).json();
      } catch (UnrecoverableOutputException e) {
        continue;
      }
      for (String marker : MARKERS) {
        for (String text : new String[] {marker + doc, doc + marker, "a" + marker + doc + marker}) {
          String str = quote(text);
          String obj = "{\"s\": " + str + "}";
          for (String valid : new String[] {str, obj}) {
            assertThat(HEALER.heal(valid).json()).as(valid).isSameAs(valid);
            // The string satisfies the first two schemas, the object the last two.
            int from = valid == str ? 0 : 1;
            for (String schema : List.of(SCHEMAS).subList(from, from + 2)) {
              HealResult r = HEALER.heal(valid, schema);
              assertThat(r.json()).as("%s under %s", valid, schema).isSameAs(valid);
              assertThat(r.changed()).isFalse();
            }
            HealResult bom = HEALER.heal("\uFEFF" + valid + "\u00A0\n");
            assertThat(bom.json()).as("BOM and NBSP around %s", valid).isEqualTo(valid);
            assertThat(bom.repairs())
                .extracting(Repair::kind)
                .containsExactly(RepairKind.REMOVED_WHITESPACE);
            assertThat(HEALER.heal("\uFEFF" + valid, SCHEMAS[1]).json()).isEqualTo(valid);
            healsToAFixedPoint(c.id, "\uFEFF" + valid, SCHEMAS[1]);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(3000);
  }

  /** {@code text} as a JSON string literal. */
  private static String quote(String text) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"' || ch == '\\') {
        sb.append('\\').append(ch);
      } else if (ch < 0x20) {
        sb.append(String.format("\\u%04x", (int) ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.append('"').toString();
  }

  @Test
  void theSampleIsNotVacuous() {
    List<String> healed = new ArrayList<>();
    for (HealingCorpus.Case c : sample()) {
      if (healsToAFixedPoint(c.id, c.input, c.schema)) {
        healed.add(c.id);
      }
    }
    assertThat(healed).hasSizeGreaterThan(60);
  }
}
