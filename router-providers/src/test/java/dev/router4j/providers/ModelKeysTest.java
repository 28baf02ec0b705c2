package dev.router4j.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.Provider;
import org.junit.jupiter.api.Test;

/** Keys restricted to some models, added through the provider builders. */
class ModelKeysTest {
  private static final String ORG = "sk-" + "org-key-0123456789";
  private static final String CHEAP = "sk-" + "cheap-key-0123456789";

  @Test
  void apiKeyWithModelsAddsARestrictedKeyLabelledInOrder() {
    Provider p = OpenAi.builder()
        .apiKey(ORG, 3, "openai/gpt-4o*", "openai/o3*")
        .apiKey(CHEAP, 1, "*-mini")
        .apiKey("sk-" + "any-key-0123456789")
        .build();
    assertThat(p.credentials()).extracting(c -> c.label() + "/" + c.weight() + "/" + c.models())
        .containsExactly("openai-key-1/3/[openai/gpt-4o*, openai/o3*]",
            "openai-key-2/1/[*-mini]", "openai-key-3/1/[]");
    Credential org = p.credentials().get(0);
    assertThat(org.secret()).isEqualTo(ORG);
    assertThat(org.servesModel("openai/gpt-4o-mini")).isTrue();
    assertThat(org.servesModel("openai/gpt-4.1")).isFalse();
    assertThat(p.credentials().get(1).servesModel("openai/gpt-4.1-mini")).isTrue();
    assertThat(p.credentials().get(2).servesEveryModel()).isTrue();
  }

  @Test
  void aRestrictedCredentialCanBeAddedWithItsOwnLabel() {
    Provider p = Anthropic.builder()
        .credential(new Credential("anthropic-haiku", CHEAP).withModels("anthropic/*haiku*"))
        .build();
    assertThat(p.credentials()).singleElement().satisfies(c -> {
      assertThat(c.label()).isEqualTo("anthropic-haiku");
      assertThat(c.servesModel("anthropic/claude-3.5-haiku")).isTrue();
      assertThat(c.servesModel("anthropic/claude-sonnet-4")).isFalse();
    });
  }

  @Test
  void aBadPatternIsRejectedNamingTheLabelNeverTheKey() {
    assertThatThrownBy(() -> OpenAi.builder().apiKey(ORG, 1, "openai/gpt-4o", " "))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("models: pattern 2 is blank for credential 'openai-key-1'");
    assertThatThrownBy(() -> OpenAi.builder().apiKey(ORG, 1, new String[0]))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("needs at least one pattern for credential 'openai-key-1'")
        .hasMessageNotContaining(ORG);
    assertThatThrownBy(() -> OpenAi.builder().apiKey(ORG, 0, "openai/*"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("weight: must be at least 1, was 0 for credential 'openai-key-1'");
  }
}
