package dev.router4j.healing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's own cases, in the corpus format and judged the same way: several per
 * category beyond the shared sample, including the traps the README lists.
 */
class ExtraCorpusTest {
  private static final JsonHealer HEALER = JsonHealer.create();

  static List<HealingCorpus.Case> extra() {
    return HealingCorpus.load("/healing/extra.jsonl");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("extra")
  void healsAsExpected(HealingCorpus.Case c) {
    assertThat(CaseJudge.judge(HEALER, c)).as(c.id + " input " + c.input).isNull();
  }
}
