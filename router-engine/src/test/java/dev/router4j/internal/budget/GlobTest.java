package dev.router4j.internal.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {
  @Test
  void starMatchesAnyRunIncludingSlashes() {
    assertThat(Glob.matches("openai/*", "openai/gpt-4o")).isTrue();
    assertThat(Glob.matches("openai/*", "openai/")).isTrue();
    assertThat(Glob.matches("openai/*", "openaix/gpt")).isFalse();
    assertThat(Glob.matches("*:free", "meta-llama/llama-3.3-70b-instruct:free")).isTrue();
    assertThat(Glob.matches("*:free", "meta-llama/llama:freebie")).isFalse();
    assertThat(Glob.matches("*", "")).isTrue();
    assertThat(Glob.matches("*/*", "a/b/c")).isTrue();
    assertThat(Glob.matches("a*b*c", "aXbYbZc")).isTrue();
    assertThat(Glob.matches("a*b*c", "aXbYbZ")).isFalse();
    assertThat(Glob.matches("**x", "yyx")).isTrue();
  }

  @Test
  void questionMarkMatchesOneCharacter() {
    assertThat(Glob.matches("claude-?-haiku", "claude-3-haiku")).isTrue();
    assertThat(Glob.matches("claude-?-haiku", "claude-35-haiku")).isFalse();
    assertThat(Glob.matches("?", "")).isFalse();
  }

  @Test
  void asciiCaseIsIgnoredAndLiteralsAreRecognised() {
    assertThat(Glob.matches("OpenAI/GPT-*", "openai/gpt-4o")).isTrue();
    assertThat(Glob.matches("openai", "OPENAI")).isTrue();
    assertThat(Glob.matches("openai", "openai2")).isFalse();
    assertThat(Glob.isLiteral("openai")).isTrue();
    assertThat(Glob.isLiteral("openai/*")).isFalse();
    assertThat(Glob.isLiteral("gpt-?")).isFalse();
  }
}
