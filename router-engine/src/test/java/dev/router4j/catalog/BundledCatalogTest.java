package dev.router4j.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import dev.router4j.api.catalog.DataPolicy;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.catalog.PriceOverride;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.routing.Quantization;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Okio;
import org.junit.jupiter.api.Test;

class BundledCatalogTest {
  private final Catalog catalog = Catalog.bundled();

  private static BigDecimal perMillion(String dollars) {
    return new BigDecimal(dollars).movePointLeft(6);
  }

  private Endpoint endpoint(String id) {
    Endpoint e = catalog.endpoint(id);
    assertThat(e).as(id).isNotNull();
    return e;
  }

  @Test
  void bundledIsCachedAndHasTheDateThePricesWereTaken() {
    assertThat(Catalog.bundled()).isSameAs(catalog);
    assertThat(catalog.pricesTaken()).contains(LocalDate.of(2025, 11, 30));
    assertThat(catalog.toString()).startsWith("Catalog[").contains("models").contains("2025-11-30");
  }

  @Test
  void hasAtLeastSixtyModelsFromEveryNamedFamily() {
    assertThat(catalog.size()).isGreaterThanOrEqualTo(60);
    for (String author : List.of("openai", "anthropic", "google", "mistralai", "deepseek",
        "meta-llama", "qwen", "moonshotai", "minimax", "z-ai", "x-ai")) {
      assertThat(catalog.query().author(author).count()).as(author).isGreaterThanOrEqualTo(1);
    }
    for (String slug : List.of("openai/gpt-4.1", "openai/gpt-4.1-mini", "openai/gpt-4.1-nano",
        "openai/gpt-4o", "openai/gpt-4o-mini", "openai/o3", "openai/o4-mini", "openai/gpt-5",
        "openai/gpt-5-mini", "openai/gpt-5-nano", "anthropic/claude-opus-4.1",
        "anthropic/claude-sonnet-4.5", "anthropic/claude-sonnet-4", "anthropic/claude-haiku-4.5",
        "anthropic/claude-3.5-haiku", "google/gemini-2.5-pro", "google/gemini-2.5-flash",
        "google/gemini-2.5-flash-lite", "google/gemini-2.0-flash-001",
        "deepseek/deepseek-chat-v3.1", "deepseek/deepseek-r1", "deepseek/deepseek-chat-v3-0324:free",
        "meta-llama/llama-3.1-8b-instruct", "meta-llama/llama-3.1-70b-instruct",
        "meta-llama/llama-3.1-405b-instruct", "meta-llama/llama-3.3-70b-instruct",
        "meta-llama/llama-3.3-70b-instruct:free", "meta-llama/llama-4-scout",
        "meta-llama/llama-4-maverick", "qwen/qwen3-32b", "qwen/qwen3-coder",
        "qwen/qwen-2.5-coder-32b-instruct", "moonshotai/kimi-k2", "minimax/minimax-m2",
        "z-ai/glm-4.5", "z-ai/glm-4.6", "x-ai/grok-3", "x-ai/grok-4", "x-ai/grok-code-fast-1")) {
      assertThat(catalog.model(slug)).as(slug).isPresent();
      assertThat(catalog.endpoints(slug)).as(slug).isNotEmpty();
    }
  }

  @Test
  void hasTheNamedHosts() {
    assertThat(catalog.providers()).contains("openai", "anthropic", "google-ai-studio", "mistral",
        "deepseek", "xai", "moonshotai", "minimax", "z-ai", "groq", "together", "fireworks",
        "deepinfra", "azure", "google-vertex", "amazon-bedrock", "cerebras");
    assertThat(catalog.endpoints("meta-llama/llama-3.3-70b-instruct"))
        .extracting(Endpoint::tag)
        .contains("groq", "cerebras", "together", "fireworks", "deepinfra", "deepinfra/turbo",
            "amazon-bedrock");
    assertThat(catalog.endpoints("anthropic/claude-sonnet-4.5"))
        .extracting(Endpoint::tag)
        .containsExactly("anthropic", "amazon-bedrock", "google-vertex", "google-vertex/europe");
  }

  @Test
  void everyPriceInTheFileIsADecimalStringReadExactly() throws IOException {
    int checked = 0;
    try (InputStream in = Catalog.class.getResourceAsStream("catalog.json");
        JsonReader r = JsonReader.of(Okio.buffer(Okio.source(in)))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> doc = (Map<String, Object>) r.readJsonValue();
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> models = (List<Map<String, Object>>) doc.get("data");
      assertThat(models).hasSize(catalog.size());
      for (Map<String, Object> m : models) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> eps = (List<Map<String, Object>>) m.get("endpoints");
        for (Map<String, Object> raw : eps) {
          String id = raw.get("tag") + ":" + m.get("id");
          @SuppressWarnings("unchecked")
          Map<String, Object> pricing = (Map<String, Object>) raw.get("pricing");
          Pricing p = endpoint(id).pricing();
          for (Map.Entry<String, Object> price : pricing.entrySet()) {
            if (price.getKey().equals("overrides")) {
              continue;
            }
            assertThat(price.getValue()).as(id + " " + price.getKey()).isInstanceOf(String.class);
            BigDecimal exact = new BigDecimal((String) price.getValue());
            assertThat(exact.signum()).as(id).isGreaterThanOrEqualTo(0);
            assertThat(exact).as(id + " " + price.getKey() + " under $100/M")
                .isLessThan(perMillion("100"));
            BigDecimal parsed = switch (price.getKey()) {
              case "prompt" -> p.prompt();
              case "completion" -> p.completion();
              case "internal_reasoning" -> p.internalReasoning();
              case "input_cache_read" -> p.inputCacheRead();
              case "input_cache_write" -> p.inputCacheWrite();
              case "input_cache_write_1h" -> p.inputCacheWrite1h();
              default -> throw new AssertionError("unexpected price " + price.getKey());
            };
            assertThat(parsed).as(id + " " + price.getKey()).isEqualTo(exact); // same scale too
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(400);
  }

  @Test
  void wellKnownListPrices() {
    Pricing gpt41 = endpoint("openai:openai/gpt-4.1").pricing();
    assertThat(gpt41.prompt()).isEqualTo(new BigDecimal("0.000002"));
    assertThat(gpt41.completion()).isEqualTo(new BigDecimal("0.000008"));
    assertThat(gpt41.inputCacheRead()).isEqualTo(new BigDecimal("0.0000005"));

    Pricing mini = endpoint("openai:openai/gpt-4o-mini").pricing();
    assertThat(mini.prompt()).isEqualByComparingTo(perMillion("0.15"));
    assertThat(mini.completion()).isEqualByComparingTo(perMillion("0.60"));

    Pricing gpt5 = endpoint("openai:openai/gpt-5").pricing();
    assertThat(gpt5.prompt()).isEqualByComparingTo(perMillion("1.25"));
    assertThat(gpt5.completion()).isEqualByComparingTo(perMillion("10"));
    assertThat(gpt5.inputCacheRead()).isEqualByComparingTo(perMillion("0.125"));

    Pricing sonnet = endpoint("anthropic:anthropic/claude-sonnet-4.5").pricing();
    assertThat(sonnet.prompt()).isEqualByComparingTo(perMillion("3"));
    assertThat(sonnet.completion()).isEqualByComparingTo(perMillion("15"));
    assertThat(sonnet.inputCacheWrite()).isEqualByComparingTo(perMillion("3.75"));
    assertThat(sonnet.inputCacheRead()).isEqualByComparingTo(perMillion("0.30"));
    assertThat(sonnet.inputCacheWrite1h()).isEqualByComparingTo(perMillion("6"));

    Pricing haiku = endpoint("anthropic:anthropic/claude-haiku-4.5").pricing();
    assertThat(haiku.prompt()).isEqualByComparingTo(perMillion("1"));
    assertThat(haiku.completion()).isEqualByComparingTo(perMillion("5"));

    Pricing flash = endpoint("google-ai-studio:google/gemini-2.5-flash").pricing();
    assertThat(flash.prompt()).isEqualByComparingTo(perMillion("0.30"));
    assertThat(flash.completion()).isEqualByComparingTo(perMillion("2.50"));

    Pricing groq = endpoint("groq:meta-llama/llama-3.3-70b-instruct").pricing();
    assertThat(groq.prompt()).isEqualByComparingTo(perMillion("0.59"));
    assertThat(groq.completion()).isEqualByComparingTo(perMillion("0.79"));
  }

  @Test
  void anthropicCachePricesAreOneAndAQuarterAndATenthOfInput() {
    for (Endpoint e : catalog.query().author("anthropic").endpoints()) {
      Pricing p = e.pricing();
      assertThat(p.inputCacheWrite()).as(e.id()).isEqualByComparingTo(
          p.prompt().multiply(new BigDecimal("1.25")));
      assertThat(p.inputCacheRead()).as(e.id()).isEqualByComparingTo(
          p.prompt().multiply(new BigDecimal("0.1")));
    }
  }

  @Test
  void tieredPricesExistAboveTwoHundredThousandTokensForGemini25Pro() {
    for (Endpoint e : catalog.endpoints("google/gemini-2.5-pro")) {
      List<PriceOverride> tiers = e.pricing().overrides();
      assertThat(tiers).as(e.id()).hasSize(1);
      PriceOverride tier = tiers.get(0);
      assertThat(tier.minPromptTokens()).isEqualTo(200_000);
      assertThat(tier.prompt()).isEqualByComparingTo(perMillion("2.50"));
      assertThat(tier.completion()).isEqualByComparingTo(perMillion("15"));
      assertThat(e.pricing().prompt()).isEqualByComparingTo(perMillion("1.25"));
    }
    assertThat(endpoint("anthropic:anthropic/claude-sonnet-4.5").pricing().overrides())
        .extracting(PriceOverride::minPromptTokens).containsExactly(200_000);
    assertThat(endpoint("alibaba:qwen/qwen3-max").pricing().overrides())
        .extracting(PriceOverride::minPromptTokens).containsExactly(32_768, 131_072);
  }

  @Test
  void freeVariantsAreFreeSeparateModels() {
    List<String> free = catalog.query().free().slugs();
    assertThat(free).contains("deepseek/deepseek-chat-v3-0324:free",
        "meta-llama/llama-3.3-70b-instruct:free");
    for (String slug : free) {
      assertThat(slug).endsWith(":free");
      for (Endpoint e : catalog.endpoints(slug)) {
        assertThat(e.pricing().prompt()).isEqualTo(BigDecimal.ZERO);
        assertThat(e.pricing().isFree()).isTrue();
      }
    }
  }

  @Test
  void dataIsConsistent() {
    Set<String> ids = new HashSet<>();
    for (Model m : catalog.models()) {
      assertThat(ids.add(m.id())).as("duplicate " + m.id()).isTrue();
      List<Endpoint> eps = catalog.endpoints(m.id());
      assertThat(eps).as(m.id()).isNotEmpty();
      int maxContext = 0;
      for (Endpoint e : eps) {
        maxContext = Math.max(maxContext, e.contextLength());
        assertThat(m.supportedParameters()).as(m.id()).containsAll(e.supportedParameters());
        assertThat(e.quantization()).as(e.id()).isNotNull();
        if (e.dataPolicy().zeroDataRetention()) {
          assertThat(e.dataPolicy().collectsData()).as(e.id()).isFalse();
        }
        assertThat(e.upstreamModel()).as(e.id()).isNotBlank();
        assertThat(e.providerName()).as(e.id()).isNotEqualTo(e.provider());
        if (e.maxCompletionTokens() != null) {
          assertThat(e.maxCompletionTokens()).as(e.id()).isLessThanOrEqualTo(e.contextLength());
        }
        if (e.pricing().internalReasoning() != null) {
          assertThat(e.supports("reasoning")).as(e.id()).isTrue();
        }
        EndpointStats s = catalog.priors(e);
        assertThat(s.throughputP50()).as(e.id()).isPositive();
        assertThat(s.latencyP50()).as(e.id()).isPositive();
        assertThat(s.uptimeLast30m()).as(e.id()).isBetween(90.0, 100.0);
      }
      assertThat(m.contextLength()).as(m.id()).isEqualTo(maxContext);
    }
    // The same model's endpoints really differ.
    List<Endpoint> llama = catalog.endpoints("meta-llama/llama-3.3-70b-instruct");
    assertThat(llama.stream().map(e -> e.pricing().prompt()).distinct().count()).isGreaterThan(4);
    assertThat(llama).extracting(Endpoint::quantization)
        .contains(Quantization.FP8, Quantization.BF16, Quantization.UNKNOWN);
    assertThat(endpoint("groq:meta-llama/llama-3.3-70b-instruct").upstreamModel())
        .isEqualTo("llama-3.3-70b-versatile");
    assertThat(endpoint("deepseek:deepseek/deepseek-v3.2-exp").dataPolicy().trainsOnData()).isTrue();
    assertThat(endpoint("amazon-bedrock:anthropic/claude-sonnet-4.5").dataPolicy())
        .isEqualTo(DataPolicy.ZDR);
    assertThat(endpoint("openai:openai/gpt-5").maxPromptTokens()).isEqualTo(272_000);
    assertThat(catalog.model("openai/gpt-4.1").orElseThrow().acceptsImages()).isTrue();
  }

  @Test
  void buildingTheBundledCatalogIsFast() {
    for (int i = 0; i < 20; i++) { // warm up
      loadBundled();
    }
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 20; i++) {
      long t0 = System.nanoTime();
      loadBundled();
      best = Math.min(best, System.nanoTime() - t0);
    }
    // A few milliseconds warm; the bound is loose so that slow CI machines pass.
    assertThat(best / 1_000_000.0).isLessThan(100.0);
  }

  private static Catalog loadBundled() {
    return Catalog.load(Catalog.class.getResourceAsStream("catalog.json"), "bundled");
  }

  @Test
  void endpointOrderIsCatalogOrderAndListsAreImmutable() {
    List<Endpoint> all = new ArrayList<>();
    for (Model m : catalog.models()) {
      all.addAll(catalog.endpoints(m.id()));
    }
    assertThat(catalog.endpoints()).containsExactlyElementsOf(all);
    assertThat(catalog.endpointCount()).isEqualTo(all.size());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.endpoints().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.models().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.providers().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
