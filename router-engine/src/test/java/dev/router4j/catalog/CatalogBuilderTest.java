package dev.router4j.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.catalog.DataPolicy;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.routing.Quantization;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class CatalogBuilderTest {
  private static final String GPT41 = "openai/gpt-4.1";
  private static final String LLAMA = "meta-llama/llama-3.1-8b-instruct";

  @Test
  void aNegotiatedPriceReplacesOneEndpointInPlace() {
    Catalog bundled = Catalog.bundled();
    Catalog mine = bundled.toBuilder()
        .pricing("openai:" + GPT41, Pricing.perMillion("1.60", "6.40"))
        .build();

    assertThat(mine.endpoint("openai:" + GPT41).pricing().prompt())
        .isEqualByComparingTo("0.0000016");
    assertThat(mine.endpoints(GPT41)).extracting(Endpoint::tag)
        .containsExactlyElementsOf(bundled.endpoints(GPT41).stream().map(Endpoint::tag).toList());
    assertThat(mine.endpoint("azure:" + GPT41)).isEqualTo(bundled.endpoint("azure:" + GPT41));
    // The bundled catalog is untouched.
    assertThat(bundled.endpoint("openai:" + GPT41).pricing().prompt())
        .isEqualByComparingTo("0.000002");
    assertThat(mine.size()).isEqualTo(bundled.size());
    assertThat(mine.priors("openai:" + GPT41)).isEqualTo(bundled.priors("openai:" + GPT41));
  }

  @Test
  void anEndpointWithTheSameIdReplacesAndANewOneIsAdded() {
    Endpoint vllm = Endpoint.builder("vllm", LLAMA)
        .upstreamModel("meta-llama/Llama-3.1-8B-Instruct")
        .providerName("Local vLLM")
        .pricing(Pricing.FREE)
        .contextLength(32_768)
        .quantization(Quantization.BF16)
        .supportedParameters("tools", "tool_choice", "temperature", "max_tokens")
        .dataPolicy(DataPolicy.ZDR)
        .build();
    Endpoint cheaperGroq = Catalog.bundled().endpoint("groq:" + LLAMA).toBuilder()
        .pricing(Pricing.perMillion("0.04", "0.06")).build();

    Catalog c = Catalog.bundled().toBuilder()
        .endpoint(vllm, EndpointStats.of(100.0, 900.0, 0.05))
        .endpoint(cheaperGroq)
        .build();

    List<Endpoint> eps = c.endpoints(LLAMA);
    assertThat(eps.get(eps.size() - 1)).isEqualTo(vllm);
    assertThat(eps).hasSize(Catalog.bundled().endpoints(LLAMA).size() + 1);
    assertThat(c.endpoint("groq:" + LLAMA)).isEqualTo(cheaperGroq);
    assertThat(eps.indexOf(cheaperGroq)).isEqualTo(0); // replaced in place
    assertThat(c.providers()).contains("vllm");
    assertThat(c.providerEndpoints("vllm")).containsExactly(vllm);
    assertThat(c.priors(vllm).throughputP50()).isEqualTo(900.0);
    assertThat(c.query().free().provider("vllm").slugs()).containsExactly(LLAMA);
  }

  @Test
  void aCustomModelWithASelfHostedEndpoint() {
    Model custom = new Model("acme/support-bot-7b", null, "Acme Support Bot 7B", 0, "Fine-tuned",
        16_384, List.of("text"), null, null, null, null, false);
    Endpoint ep = Endpoint.builder("acme-vllm", custom.id()).pricing(Pricing.FREE)
        .contextLength(16_384).build();
    Catalog c = Catalog.builder().model(custom).endpoint(ep).build();

    assertThat(c.model("acme/support-bot-7b")).contains(custom);
    assertThat(c.endpoints(custom.id())).containsExactly(ep);
    assertThat(c.endpoint("acme-vllm:acme/support-bot-7b")).isEqualTo(ep);
    assertThat(ep.upstreamModel()).isEqualTo("support-bot-7b");
    assertThat(c.priors(ep)).isEqualTo(EndpointStats.NONE);
  }

  @Test
  void anEndpointForAnUnknownModelMakesAPlainModel() {
    Catalog c = Catalog.builder()
        .endpoint(Endpoint.builder("a", "x/y").contextLength(8_000).supportedParameters("tools")
            .build())
        .endpoint(Endpoint.builder("b", "x/y").contextLength(32_000).supportedParameters("seed")
            .build())
        .build();
    Model m = c.model("x/y").orElseThrow();
    assertThat(m.contextLength()).isEqualTo(32_000);
    assertThat(m.supportedParameters()).containsExactlyInAnyOrder("tools", "seed");

    // After toBuilder the made-up model follows its endpoints again.
    Catalog more = c.toBuilder()
        .endpoint(Endpoint.builder("c", "x/y").contextLength(128_000).build()).build();
    assertThat(more.model("x/y").orElseThrow().contextLength()).isEqualTo(128_000);
  }

  @Test
  void removals() {
    Catalog bundled = Catalog.bundled();
    Catalog c = bundled.toBuilder()
        .removeModel("openai/gpt-4o")
        .removeEndpoint("azure:" + GPT41)
        .removeProvider("deepinfra")
        .removeModel("no/such-model")
        .removeEndpoint("no:such/endpoint")
        .build();

    assertThat(c.model("openai/gpt-4o")).isEmpty();
    assertThat(c.endpoints("openai/gpt-4o")).isEmpty();
    assertThat(c.endpoint("openai:openai/gpt-4o")).isNull();
    assertThat(c.endpoints(GPT41)).extracting(Endpoint::tag).containsExactly("openai");
    assertThat(c.providers()).doesNotContain("deepinfra");
    assertThat(c.providerEndpoints("deepinfra")).isEmpty();
    assertThat(c.endpoint("deepinfra/turbo:meta-llama/llama-3.3-70b-instruct")).isNull();
    assertThat(c.priors("deepinfra/turbo:meta-llama/llama-3.3-70b-instruct"))
        .isEqualTo(EndpointStats.NONE);
    assertThat(c.size()).isEqualTo(bundled.size() - 1);
    assertThat(c.endpointCount()).isEqualTo(bundled.endpointCount()
        - bundled.endpoints("openai/gpt-4o").size() - 1 - bundled.providerEndpoints("deepinfra").size());
  }

  @Test
  void aBuiltCatalogIsUnaffectedByLaterBuilderChanges() {
    Catalog.Builder b = Catalog.builder()
        .endpoint(Endpoint.builder("p", "m/one").pricing(Pricing.perMillion("1", "2")).build());
    Catalog first = b.build();

    b.pricing("p:m/one", Pricing.perMillion("9", "9"))
        .endpoint(Endpoint.builder("q", "m/one").build())
        .endpoint(Endpoint.builder("p", "m/two").build())
        .removeModel("m/one");
    Catalog second = b.build();

    assertThat(first.models()).extracting(Model::id).containsExactly("m/one");
    assertThat(first.endpoints("m/one")).singleElement()
        .satisfies(e -> assertThat(e.pricing().prompt()).isEqualByComparingTo("0.000001"));
    assertThat(first.providers()).containsExactly("p");
    assertThat(second.models()).extracting(Model::id).containsExactly("m/two");
  }

  @Test
  void editEndpointKeepsTheIdAndRefusesUnknownIds() {
    Catalog c = Catalog.bundled().toBuilder()
        .editEndpoint("together:deepseek/deepseek-r1", e -> e.contextLength(65_536).status(-1))
        .build();
    assertThat(c.endpoint("together:deepseek/deepseek-r1").contextLength()).isEqualTo(65_536);
    assertThat(c.endpoint("together:deepseek/deepseek-r1").status()).isEqualTo(-1);

    assertThatThrownBy(() -> Catalog.bundled().toBuilder()
        .editEndpoint("together:deepseek/deepseek-r1", e -> e.tag("together/fast")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("together:deepseek/deepseek-r1 became together/fast:deepseek/deepseek-r1");
    assertThatThrownBy(() -> Catalog.builder().pricing("nope:x/y", Pricing.FREE))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("no endpoint 'nope:x/y'");
    assertThatThrownBy(() -> Catalog.builder().priors("nope:x/y", EndpointStats.NONE))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void addAllMergesAnotherCatalogOverThisOne() {
    Catalog extra = Catalog.builder()
        .endpoint(Endpoint.builder("openai", GPT41).pricing(Pricing.perMillion("1", "4"))
            .contextLength(1_047_576).build())
        .build();
    Catalog c = Catalog.bundled().toBuilder().addAll(extra).build();
    assertThat(c.endpoint("openai:" + GPT41).pricing().completion())
        .isEqualByComparingTo(new BigDecimal("0.000004"));
    // The bundled model description stays: the extra catalog only made up a plain model.
    assertThat(c.model(GPT41)).isEqualTo(Catalog.bundled().model(GPT41));
  }

  @Test
  void lookupsOfUnknownKeys() {
    Catalog c = Catalog.bundled();
    assertThat(c.model("nobody/nothing")).isEmpty();
    assertThat(c.contains("nobody/nothing")).isFalse();
    assertThat(c.endpoints("nobody/nothing")).isEmpty();
    assertThat(c.endpoint("nobody:nobody/nothing")).isNull();
    assertThat(c.priors("nobody:nobody/nothing")).isEqualTo(EndpointStats.NONE);
    assertThatThrownBy(() -> c.compare("nobody/nothing"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageStartingWith("unknown model 'nobody/nothing'");
  }

  @Test
  void aLargeCatalogBuildsQuicklyAndLooksUpWithoutScanning() {
    int models = 400;
    int providers = 60;
    List<Endpoint> endpoints = new ArrayList<>(models * providers);
    Pricing price = Pricing.perMillion("0.50", "1.50");
    for (int m = 0; m < models; m++) {
      String slug = "author" + (m % 20) + "/model-" + m;
      for (int p = 0; p < providers; p++) {
        endpoints.add(Endpoint.builder("provider-" + p, slug).pricing(price)
            .contextLength(8_192 << (p % 5)).supportedParameters("tools", "temperature").build());
      }
    }
    long t0 = System.nanoTime();
    Catalog c = Catalog.builder().endpoints(endpoints).build();
    long built = System.nanoTime() - t0;

    assertThat(c.size()).isEqualTo(models);
    assertThat(c.endpointCount()).isEqualTo(models * providers);
    assertThat(c.providers()).hasSize(providers);
    assertThat(c.endpoints("author7/model-7")).hasSize(providers);
    assertThat(c.endpoint("provider-59:author19/model-399")).isNotNull();
    assertThat(c.providerEndpoints("provider-3")).hasSize(models);
    assertThat(built / 1_000_000).as("build ms").isLessThan(2_000);

    long t1 = System.nanoTime();
    Catalog copy = c.toBuilder().removeProvider("provider-0").build();
    assertThat(copy.endpointCount()).isEqualTo(models * (providers - 1));
    assertThat((System.nanoTime() - t1) / 1_000_000).as("copy ms").isLessThan(2_000);
  }
}
