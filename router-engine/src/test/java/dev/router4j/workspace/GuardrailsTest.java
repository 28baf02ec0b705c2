package dev.router4j.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.catalog.DataPolicy;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.routing.DataCollection;
import dev.router4j.api.routing.ProviderPreferences;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GuardrailsTest {
  private static Endpoint endpoint(String tag, String model) {
    int slash = tag.indexOf('/');
    return Endpoint.builder(slash < 0 ? tag : tag.substring(0, slash), model).tag(tag).build();
  }

  @Test
  void noGuardrailsAllowEverything() {
    assertThat(Guardrails.NONE.isEmpty()).isTrue();
    assertThat(Guardrails.NONE.check(null, endpoint("openai", "openai/gpt-4o"))).isNull();
    assertThat(Guardrails.NONE.checkModel("anything/at:all")).isNull();
  }

  @Test
  void modelGlobsMatchTheSlugAndTheSlugWithoutItsVariant() {
    Guardrails g = Guardrails.builder().allowedModels("openai/*", "anthropic/claude-?-*")
        .blockedModels("openai/gpt-4o", "*:free").build();
    assertThat(g.checkModel("openai/gpt-4.1-mini")).isNull();
    assertThat(g.checkModel("OpenAI/GPT-4.1")).isNull(); // ASCII case is ignored
    assertThat(g.checkModel("anthropic/claude-3-haiku")).isNull();
    assertThat(g.checkModel("anthropic/claude-sonnet-4"))
        .isEqualTo("guardrail: model anthropic/claude-sonnet-4 is not in the allowed models "
            + "[openai/*, anthropic/claude-?-*]");
    assertThat(g.checkModel("openai/gpt-4o"))
        .isEqualTo("guardrail: model openai/gpt-4o is blocked by 'openai/gpt-4o'");
    // A pattern without a suffix covers the model's variants too; a suffix pattern only variants.
    assertThat(g.checkModel("openai/gpt-4o:nitro"))
        .isEqualTo("guardrail: model openai/gpt-4o:nitro is blocked by 'openai/gpt-4o'");
    assertThat(g.checkModel("openai/gpt-4.1:free"))
        .isEqualTo("guardrail: model openai/gpt-4.1:free is blocked by '*:free'");
    assertThat(g.checkModel("openai/gpt-4o-mini")).isNull();
    assertThat(g.checkModel("openai/gpt-4.1:nitro")).isNull();
  }

  @Test
  void blockedWinsOverAllowed() {
    Guardrails g = Guardrails.builder().allowedModels("*").blockedModels("x/*").build();
    assertThat(g.checkModel("x/y")).contains("blocked by 'x/*'");
    assertThat(g.checkModel("y/x")).isNull();
  }

  @Test
  void providerGlobsMatchTheProviderOrTheFullTag() {
    Guardrails g = Guardrails.builder().blockedProviders("deepinfra/turbo", "bad*").build();
    assertThat(g.check(null, endpoint("deepinfra", "m/x"))).isNull();
    assertThat(g.check(null, endpoint("deepinfra/turbo", "m/x")))
        .isEqualTo("guardrail: provider deepinfra/turbo is blocked by 'deepinfra/turbo'");
    assertThat(g.check(null, endpoint("badco/fast", "m/x")))
        .isEqualTo("guardrail: provider badco/fast is blocked by 'bad*'");

    Guardrails only = Guardrails.builder().allowedProviders("deepinfra", "together").build();
    assertThat(only.check(null, endpoint("deepinfra/turbo", "m/x"))).isNull();
    assertThat(only.check(null, endpoint("together", "m/x"))).isNull();
    assertThat(only.check(null, endpoint("fireworks", "m/x")))
        .isEqualTo("guardrail: provider fireworks is not in the allowed providers "
            + "[deepinfra, together]");
  }

  @Test
  void checkUsesTheRequestedModelAndTheEndpointsModel() {
    Guardrails g = Guardrails.builder().blockedModels("*:free").build();
    Endpoint free = endpoint("openrouter", "meta/llama:free");
    assertThat(g.check(null, free)).contains("blocked by '*:free'");
    assertThat(g.check("meta/llama:free", free)).contains("blocked by '*:free'");
    // An alias the caller asked for cannot hide the endpoint's own slug.
    assertThat(g.check("my-alias", free)).contains("meta/llama:free is blocked");
    Guardrails allowed = Guardrails.builder().allowedModels("openai/*").build();
    assertThat(allowed.check("openai/gpt-4o:nitro", endpoint("openai", "openai/gpt-4o"))).isNull();
  }

  @Test
  void dataPoliciesAreEnforced() {
    Endpoint retains = Endpoint.builder("p", "m/x").dataPolicy(DataPolicy.UNKNOWN).build();
    Endpoint zdr = Endpoint.builder("q", "m/x").dataPolicy(DataPolicy.ZDR).build();
    Endpoint noTrain = Endpoint.builder("r", "m/x")
        .dataPolicy(new DataPolicy(false, null, false, false)).build();
    Guardrails mustZdr = Guardrails.builder().zdrRequired(true).build();
    assertThat(mustZdr.check(null, retains))
        .isEqualTo("guardrail: the workspace requires zero data retention");
    assertThat(mustZdr.check(null, zdr)).isNull();
    Guardrails deny = Guardrails.builder().dataCollectionDeny(true).build();
    assertThat(deny.check(null, retains)).startsWith("guardrail: the workspace denies data collection");
    assertThat(deny.check(null, noTrain)).isNull();
  }

  @Test
  void enforceForcesDataPoliciesOntoPreferences() {
    Guardrails g = Guardrails.builder().zdrRequired(true).dataCollectionDeny(true).build();
    ProviderPreferences p = g.enforce(ProviderPreferences.builder().zdr(false)
        .dataCollection(DataCollection.ALLOW).only("x").build());
    assertThat(p.zdr()).isTrue();
    assertThat(p.dataCollection()).isEqualTo(DataCollection.DENY);
    assertThat(p.only()).containsExactly("x");
    assertThat(g.enforce(null).zdr()).isTrue();
    ProviderPreferences already = ProviderPreferences.builder().zdr(true).build();
    assertThat(Guardrails.builder().zdrRequired(true).build().enforce(already)).isSameAs(already);
  }

  @Test
  void validationNamesTheListAndIndex() {
    assertThatThrownBy(() -> Guardrails.builder().blockedModels(Arrays.asList("a", null)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Guardrails.blockedModels[1] is required");
    assertThatThrownBy(() -> Guardrails.builder().allowedProviders(" ").build())
        .hasMessage("Guardrails.allowedProviders[0] must not be blank");
    assertThatThrownBy(() -> Guardrails.builder().allowedModels("openai/* ").build())
        .hasMessage("Guardrails.allowedModels[0] must not start or end with spaces, was 'openai/* '");
    Guardrails g = Guardrails.builder().blockedProviders("x").build();
    assertThat(g.toBuilder().build()).isEqualTo(g);
  }
}
