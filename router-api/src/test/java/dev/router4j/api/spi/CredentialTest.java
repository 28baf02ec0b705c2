package dev.router4j.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
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
}
