package dev.router4j.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.routing.Quantization;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogLoadTest {

  static Path resource(String name) {
    try {
      return Path.of(CatalogLoadTest.class.getResource("/catalog/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aModelsDumpGivesOneEndpointPerModelFromItsTopProvider() {
    Catalog c = Catalog.load(resource("models.json"));

    assertThat(c.models()).extracting(Model::id).containsExactly("openai/gpt-4.1",
        "google/gemini-2.5-pro", "meta-llama/llama-3.3-70b-instruct:free",
        "meta-llama/llama-3.3-70b-instruct");
    assertThat(c.pricesTaken()).isEmpty();

    Endpoint gpt = c.endpoint("openai:openai/gpt-4.1");
    assertThat(gpt).isNotNull();
    assertThat(gpt.provider()).isEqualTo("openai");
    assertThat(gpt.upstreamModel()).isEqualTo("gpt-4.1");
    assertThat(gpt.contextLength()).isEqualTo(1_047_576);
    assertThat(gpt.maxCompletionTokens()).isEqualTo(32_768);
    assertThat(gpt.moderated()).isTrue();
    assertThat(gpt.quantization()).isEqualTo(Quantization.UNKNOWN);
    assertThat(gpt.supports("structured_outputs")).isTrue();
    Pricing p = gpt.pricing();
    assertThat(p.prompt()).isEqualTo(new BigDecimal("0.000002"));
    assertThat(p.completion()).isEqualTo(new BigDecimal("0.000008"));
    assertThat(p.webSearch()).isEqualTo(new BigDecimal("0.01"));
    assertThat(p.inputCacheRead()).isEqualTo(new BigDecimal("0.0000005"));
    // OpenRouter's "internal_reasoning": "0" means "billed as completion", not "free".
    assertThat(p.internalReasoning()).isNull();

    Model gemini = c.model("google/gemini-2.5-pro").orElseThrow();
    assertThat(gemini.inputModalities()).containsExactly("file", "image", "text", "audio");
    assertThat(gemini.tokenizer()).isEqualTo("Gemini");
    assertThat(c.endpoints("google/gemini-2.5-pro")).singleElement().satisfies(e -> {
      assertThat(e.provider()).isEqualTo("google-ai-studio");
      assertThat(e.pricing().overrides()).singleElement().satisfies(o -> {
        assertThat(o.minPromptTokens()).isEqualTo(200_000);
        assertThat(o.prompt()).isEqualTo(new BigDecimal("0.0000025"));
        assertThat(o.inputCacheRead()).isNull();
      });
    });

    Endpoint free = c.endpoints("meta-llama/llama-3.3-70b-instruct:free").get(0);
    assertThat(free.pricing().isFree()).isTrue();
    assertThat(free.upstreamModel()).isEqualTo("llama-3.3-70b-instruct");
    assertThat(free.maxCompletionTokens()).isNull();
    assertThat(c.model("meta-llama/llama-3.3-70b-instruct").orElseThrow().defaultParameters())
        .isEqualTo(Map.of("temperature", new BigDecimal("0.6")));
  }

  @Test
  void variablePriceRouterModelsAreSkipped() {
    Catalog c = Catalog.load(resource("models.json"));
    assertThat(c.model("openrouter/auto")).isEmpty();
    assertThat(c.size()).isEqualTo(4);
  }

  @Test
  void endpointsDumpsReplaceTheSynthesizedEndpoints() {
    Catalog c = Catalog.builder()
        .loadModels(resource("models.json"))
        .loadEndpoints(resource("endpoints"))
        .build();

    assertThat(c.endpoints("openai/gpt-4.1")).extracting(Endpoint::tag)
        .containsExactly("openai", "azure");
    assertThat(c.endpoints("meta-llama/llama-3.3-70b-instruct")).extracting(Endpoint::tag)
        .containsExactly("deepinfra/bf16", "deepinfra/turbo", "groq", "hyperbolic");
    // The models dump's richer metadata stays.
    assertThat(c.model("openai/gpt-4.1").orElseThrow().description()).startsWith(
        "GPT-4.1 is a flagship large language model optimized");
    assertThat(c.model("openai/gpt-4.1").orElseThrow().canonicalSlug())
        .isEqualTo("openai/gpt-4.1-2025-04-14");
    // Models without an endpoints dump keep their synthesized endpoint.
    assertThat(c.endpoints("google/gemini-2.5-pro")).hasSize(1);

    Endpoint turbo = c.endpoint("deepinfra/turbo:meta-llama/llama-3.3-70b-instruct");
    assertThat(turbo.provider()).isEqualTo("deepinfra");
    assertThat(turbo.providerName()).isEqualTo("DeepInfra");
    assertThat(turbo.quantization()).isEqualTo(Quantization.FP8);
    assertThat(turbo.pricing().prompt()).isEqualTo(new BigDecimal("0.0000001"));
    assertThat(c.providerEndpoints("deepinfra")).hasSize(2);

    Endpoint groq = c.endpoint("groq:meta-llama/llama-3.3-70b-instruct");
    assertThat(groq.quantization()).isEqualTo(Quantization.UNKNOWN); // null in the dump
    assertThat(c.priors(groq)).isEqualTo(EndpointStats.of(100.0, 285.0, 0.19));

    Endpoint hyperbolic = c.endpoint("hyperbolic:meta-llama/llama-3.3-70b-instruct");
    assertThat(hyperbolic.quantization()).isEqualTo(Quantization.UNKNOWN); // "fp6_e3m2"
    assertThat(hyperbolic.status()).isEqualTo(-2);
    assertThat(c.priors(hyperbolic)).isEqualTo(EndpointStats.NONE);

    EndpointStats bf16 = c.priors("deepinfra/bf16:meta-llama/llama-3.3-70b-instruct");
    assertThat(bf16.uptimeLast30m()).isEqualTo(99.81);
    assertThat(bf16.latency()).isEqualTo(new EndpointStats.Percentiles(0.41, 0.52, 0.8, 2.3));
    assertThat(bf16.throughput().p99()).isEqualTo(12.2);
  }

  @Test
  void loadOrderDoesNotMatter() {
    Catalog modelsFirst = Catalog.builder()
        .loadModels(resource("models.json"))
        .loadEndpoints(resource("endpoints/openai--gpt-4.1.json"))
        .build();
    Catalog endpointsFirst = Catalog.builder()
        .loadEndpoints(resource("endpoints/openai--gpt-4.1.json"))
        .loadModels(resource("models.json"))
        .build();
    assertThat(endpointsFirst.endpoints("openai/gpt-4.1"))
        .isEqualTo(modelsFirst.endpoints("openai/gpt-4.1"));
    assertThat(endpointsFirst.model("openai/gpt-4.1"))
        .isEqualTo(modelsFirst.model("openai/gpt-4.1"));
  }

  @Test
  void anEndpointsDumpAloneDescribesItsModel() {
    Catalog c = Catalog.load(resource("endpoints/openai--gpt-4.1.json"));
    Model m = c.model("openai/gpt-4.1").orElseThrow();
    assertThat(m.name()).isEqualTo("OpenAI: GPT-4.1");
    assertThat(m.contextLength()).isEqualTo(1_047_576);
    assertThat(m.acceptsImages()).isTrue();
    assertThat(c.endpoints("openai/gpt-4.1")).hasSize(2);
  }

  @Test
  void loadsFromAStream() {
    String json = """
        {"data": [{"id": "acme/tiny", "context_length": 8192,
                   "pricing": {"prompt": 0.0000001, "completion": "2E-7"}}]}
        """;
    Catalog c = Catalog.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    Endpoint e = c.endpoints("acme/tiny").get(0);
    assertThat(e.provider()).isEqualTo("acme");
    assertThat(e.contextLength()).isEqualTo(8192);
    assertThat(e.pricing().prompt()).isEqualTo(new BigDecimal("0.0000001"));
    assertThat(e.pricing().completion()).isEqualByComparingTo("0.0000002");
  }

  @Test
  void loadModelsRefusesAnEndpointsDumpAndViceVersa() {
    assertThatThrownBy(() -> Catalog.builder().loadModels(resource("endpoints/openai--gpt-4.1.json")))
        .isInstanceOf(CatalogFormatException.class)
        .hasMessageContaining("openai--gpt-4.1.json: $.data: expected a models list");
    assertThatThrownBy(() -> Catalog.builder().loadEndpoints(resource("models.json")))
        .isInstanceOf(CatalogFormatException.class)
        .hasMessageContaining("models.json: $.data: expected an endpoints dump");
  }

  @Test
  void theBundledFileReadsThroughThePublicLoader() {
    Catalog c = Catalog.load(Catalog.class.getResourceAsStream("catalog.json"), "catalog.json");
    assertThat(c.models()).isEqualTo(Catalog.bundled().models());
    assertThat(c.endpoints()).isEqualTo(Catalog.bundled().endpoints());
    assertThat(c.pricesTaken()).isEqualTo(Catalog.bundled().pricesTaken());
  }
}
