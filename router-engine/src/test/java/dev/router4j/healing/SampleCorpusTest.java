package dev.router4j.healing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of the shared healing sample, judged as the corpus README says. */
class SampleCorpusTest {
  private static final JsonHealer HEALER = JsonHealer.create();

  static List<HealingCorpus.Case> sample() {
    return HealingCorpus.load("/healing/sample.jsonl");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sample")
  void healsAsTheCorpusExpects(HealingCorpus.Case c) {
    assertThat(CaseJudge.judge(HEALER, c)).as(c.id + " input " + c.input).isNull();
  }

  @Test
  void sampleIsComplete() {
    assertThat(sample()).hasSize(84);
  }
}
