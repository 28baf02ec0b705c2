package dev.router4j.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialTest {

  private static final String SECRET = "sk-" + "proj-abcdefghijklmnop1234";

  @Test
  void toStringNeverContainsTheSecret() {
    Credential c = Credential.apiKey("openai", SECRET);
    assertThat(c.toString()).isEqualTo("Credential[openai-key, secret=<redacted>]");
    assertThat(c.toString()).doesNotContain(SECRET).doesNotContain("1234");
    assertThat(String.valueOf(java.util.List.of(c))).doesNotContain(SECRET);
  }

  @Test
  void hintShowsOnlyTheLastFourCharactersOfALongSecret() {
    assertThat(Credential.apiKey("openai", SECRET).hint()).isEqualTo("…1234");
    assertThat(Credential.apiKey("x", "short123").hint()).isEqualTo("…");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void aBlankSecretIsRejectedNamingTheLabelButNotTheSecret(String secret) {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> new Credential("openai-main", secret));
    assertThat(e.field()).isEqualTo("apiKey");
    assertThat(e.getMessage()).isEqualTo("apiKey: is blank for credential 'openai-main'");
  }

  @Test
  void labelAndSecretAreRequired() {
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> new Credential(null, SECRET)).field()).isEqualTo("label");
    InvalidRequestException noSecret = catchThrowableOfType(InvalidRequestException.class,
        () -> new Credential("l", null));
    assertThat(noSecret.field()).isEqualTo("secret");
    assertThat(noSecret.getMessage()).isEqualTo("secret: is required");
  }

  @Test
  void theTwoArgumentConstructorAndApiKeyGiveTheDefaultWeight() {
    assertThat(new Credential("openai-main", SECRET).weight()).isEqualTo(1);
    assertThat(Credential.apiKey("openai", SECRET).weight()).isEqualTo(Credential.DEFAULT_WEIGHT);
    assertThat(new Credential("openai-main", SECRET))
        .isEqualTo(new Credential("openai-main", SECRET, 1));
  }

  @Test
  void withWeightCopiesTheKeyWithTheNewWeight() {
    Credential c = new Credential("openai-main", SECRET).withWeight(3);
    assertThat(c.weight()).isEqualTo(3);
    assertThat(c.label()).isEqualTo("openai-main");
    assertThat(c.secret()).isEqualTo(SECRET);
    assertThat(c.withWeight(3)).isSameAs(c);
    assertThat(c).isNotEqualTo(new Credential("openai-main", SECRET));
  }

  @Test
  void toStringShowsAWeightOtherThanTheDefaultButNeverTheSecret() {
    Credential c = new Credential("openai-main", SECRET, 5);
    assertThat(c.toString()).isEqualTo("Credential[openai-main, weight=5, secret=<redacted>]");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void aWeightBelowOneIsRejectedNamingTheLabelButNotTheSecret(int weight) {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> new Credential("openai-main", SECRET, weight));
    assertThat(e.field()).isEqualTo("weight");
    assertThat(e.getMessage()).isEqualTo(
        "weight: must be at least 1, was " + weight + " for credential 'openai-main'");
    assertThat(e.getMessage()).doesNotContain(SECRET);
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> Credential.apiKey("openai", SECRET).withWeight(weight)).field()).isEqualTo("weight");
  }

  // ---- model patterns -------------------------------------------------------------------

  @Test
  void aKeyWithoutPatternsServesEveryModel() {
    Credential c = new Credential("openai-main", SECRET, 2);
    assertThat(c.models()).isEmpty();
    assertThat(c.servesEveryModel()).isTrue();
    assertThat(c.servesModel("openai/gpt-4o")).isTrue();
    assertThat(c.servesModel("anything at all")).isTrue();
    // The older constructors are the four-argument one with no patterns.
    assertThat(c).isEqualTo(new Credential("openai-main", SECRET, 2, List.of()));
    assertThat(new Credential("openai-main", SECRET, 2, null)).isEqualTo(c);
  }

  @Test
  void patternsAreSlugGlobsComparedWithoutRegardToCase() {
    Credential c = new Credential("org", SECRET).withModels("openai/gpt-4o*", "*-mini",
        "anthropic/claude-?-haiku");
    assertThat(c.servesEveryModel()).isFalse();
    assertThat(c.servesModel("openai/gpt-4o")).isTrue();
    assertThat(c.servesModel("openai/gpt-4o-2024-08-06")).isTrue();
    assertThat(c.servesModel("OpenAI/GPT-4o")).isTrue();
    assertThat(c.servesModel("openai/o4-mini")).isTrue();
    assertThat(c.servesModel("anthropic/claude-3-haiku")).isTrue();
    assertThat(c.servesModel("openai/gpt-4.1")).isFalse();
    assertThat(c.servesModel("openai/o4-mini-high")).isFalse(); // a pattern matches as a whole
    assertThat(c.servesModel("anthropic/claude-3.5-haiku")).isFalse(); // ? is one character
    assertThatThrownBy(() -> c.servesModel(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void withModelsKeepsLabelSecretAndWeightAndWithWeightKeepsTheModels() {
    Credential c = new Credential("org", SECRET, 3).withModels("openai/*");
    assertThat(c).isEqualTo(new Credential("org", SECRET, 3, List.of("openai/*")));
    assertThat(c.withWeight(5).models()).containsExactly("openai/*");
    assertThat(c.withModels("a/*", "b/*").models()).containsExactly("a/*", "b/*");
    assertThat(c).isNotEqualTo(new Credential("org", SECRET, 3));
  }

  @Test
  void thePatternsAreCopied() {
    List<String> patterns = new ArrayList<>(List.of("openai/*"));
    Credential c = new Credential("org", SECRET, 1, patterns);
    patterns.set(0, "anthropic/*");
    assertThat(c.servesModel("openai/gpt-4o")).isTrue();
    assertThat(c.servesModel("anthropic/claude-sonnet-4")).isFalse();
    assertThatThrownBy(() -> c.models().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toStringShowsThePatternsButNeverTheSecret() {
    Credential c = new Credential("org", SECRET, 2).withModels("openai/gpt-4o*", "*-mini");
    assertThat(c.toString())
        .isEqualTo("Credential[org, weight=2, models=[openai/gpt-4o*, *-mini], secret=<redacted>]");
    assertThat(c.toString()).doesNotContain(SECRET);
  }

  @Test
  void withModelsNeedsAtLeastOnePattern() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> new Credential("org", SECRET).withModels());
    assertThat(e.field()).isEqualTo("models");
    assertThat(e.getMessage()).isEqualTo("models: needs at least one pattern for credential"
        + " 'org' (a key without patterns serves every model)");
  }

  @Test
  void aMissingBlankOrSpacedPatternIsRejectedNamingTheLabelButNotTheSecret() {
    InvalidRequestException missing = catchThrowableOfType(InvalidRequestException.class,
        () -> new Credential("org", SECRET).withModels("openai/*", null));
    assertThat(missing.getMessage())
        .isEqualTo("models: pattern 2 is missing for credential 'org'");
    InvalidRequestException blank = catchThrowableOfType(InvalidRequestException.class,
        () -> new Credential("org", SECRET, 1, List.of(" ")));
    assertThat(blank.getMessage()).isEqualTo("models: pattern 1 is blank for credential 'org'");
    InvalidRequestException spaced = catchThrowableOfType(InvalidRequestException.class,
        () -> new Credential("org", SECRET).withModels("openai/gpt-4o, openai/o3"));
    assertThat(spaced.field()).isEqualTo("models");
    assertThat(spaced.getMessage()).isEqualTo("models: pattern 'openai/gpt-4o, openai/o3' holds"
        + " whitespace for credential 'org' (give each pattern as its own argument)");
    for (InvalidRequestException e : List.of(missing, blank, spaced)) {
      assertThat(e.getMessage()).doesNotContain(SECRET);
    }
  }
}
