package dev.router4j.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Only typed exceptions escape, and every healed text is strict JSON, whatever the input. */
class RobustnessTest {
  private static final JsonHealer HEALER = JsonHealer.create();
  private static final String[] TOKENS = {
    "{", "}", "[", "]", ",", ":", "\"", "'", "`", "\u201C", "\u201D", "\u2018", "\u2019", "\\", "\\\"",
    "\\u00", "\n", "\r\n", " ", "\t", "a", "key", "1", "-", ".", "e", "+", "0", "07", "true", "tr",
    "None", "NaN", "-Infinity", "undefined", "//", "/*", "*/", "#", "```", "```json\n", "~~~", "<think>",
    "</think>", "<|im_end|>", "</output>", "<output>", "<name>", "...", "\u2026", "\u00A0", "\uFEFF",
    "\u200B", "{{", "}}", "$", "\u00E9", "\uD83D", "\uDE00", "\u0000", "\u001F"
  };

  private static List<HealingCorpus.Case> corpus() {
    List<HealingCorpus.Case> all = new ArrayList<>(HealingCorpus.load("/healing/sample.jsonl"));
    all.addAll(HealingCorpus.load("/healing/extra.jsonl"));
    return all;
  }

  private static void check(String input, String schema) {
    HealResult r;
    try {
      r = schema == null ? HEALER.heal(input) : HEALER.heal(input, schema);
    } catch (UnrecoverableOutputException e) {
      assertThat(e.getCause()).as("unexpected internal failure on %s", input).isNull();
      return;
    } catch (RuntimeException | Error e) {
      fail("untyped " + e + " on input " + input, e);
      return;
    }
    if (!StrictJson.isValid(r.json())) {
      fail("not strict JSON: " + r.json() + " from input " + input);
    }
  }

  @Test
  void randomTokenSoup() {
    Random random = new Random(20240611);
    for (int it = 0; it < 20_000; it++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(40);
      for (int i = 0; i < len; i++) {
        sb.append(TOKENS[random.nextInt(TOKENS.length)]);
      }
      check(sb.toString(), null);
    }
  }

  @Test
  void mutatedCorpusInputs() {
    List<HealingCorpus.Case> cases = corpus();
    Random random = new Random(7);
    for (int it = 0; it < 20_000; it++) {
      HealingCorpus.Case c = cases.get(random.nextInt(cases.size()));
      StringBuilder sb = new StringBuilder(c.input);
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int p = sb.length() == 0 ? 0 : random.nextInt(sb.length());
        if (random.nextBoolean() && sb.length() > 0) {
          sb.deleteCharAt(p);
        } else {
          sb.insert(p, TOKENS[random.nextInt(TOKENS.length)]);
        }
      }
      check(sb.toString(), random.nextInt(4) == 0 ? c.schema : null);
    }
  }

  @Test
  void everyPrefixOfEveryCorpusInput() {
    for (HealingCorpus.Case c : corpus()) {
      for (int cut = 0; cut <= c.input.length(); cut++) {
        check(c.input.substring(0, cut), c.schema);
      }
    }
  }

  @Test
  void prefixesOfValidDocumentsCloseAtTheCut() {
    for (HealingCorpus.Case c : corpus()) {
      if (c.schema != null || !StrictJson.isValid(c.input) || c.input.strip().length() < 2) {
        continue;
      }
      String doc = c.input.strip();
      char first = doc.charAt(0);
      if (first != '{' && first != '[') {
        continue;
      }
      for (int cut = 1; cut < doc.length(); cut++) {
        String prefix = doc.substring(0, cut);
        if (StrictJson.isValid(prefix)) {
          continue;
        }
        HealResult r;
        try {
          r = HEALER.heal(prefix);
        } catch (UnrecoverableOutputException e) {
          continue;
        }
        assertThat(StrictJson.isValid(r.json())).as("%s -> %s", prefix, r.json()).isTrue();
        assertThat(r.truncated()).as("truncated flag for %s", prefix).isTrue();
      }
    }
  }
}
