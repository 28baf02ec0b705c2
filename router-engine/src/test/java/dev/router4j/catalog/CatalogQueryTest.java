package dev.router4j.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.catalog.DataPolicy;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.routing.Quantization;
import dev.router4j.catalog.CatalogQuery.SortKey;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogQueryTest {
  private static final DataPolicy KEEPS = new DataPolicy(true, 30, false, false);
  private static final DataPolicy TRAINS = new DataPolicy(true, null, true, false);

  /** A small catalog whose every answer is known. */
  private static final Catalog C = Catalog.builder()
      .model(new Model("acme/vision", null, "Acme Vision", 300, null, 200_000,
          List.of("text", "image"), null, null, null, null, false))
      .endpoint(Endpoint.builder("acme", "acme/vision").pricing(Pricing.perMillion("3", "15"))
          .contextLength(200_000).maxCompletionTokens(8_000)
          .supportedParameters("tools", "structured_outputs", "reasoning")
          .quantization(Quantization.UNKNOWN).dataPolicy(KEEPS).build(),
          EndpointStats.of(99.0, 50.0, 1.0))
      .model(new Model("acme/text", null, "Acme Text", 200, null, 32_000, null, null, null, null,
          null, false))
      .endpoint(Endpoint.builder("acme", "acme/text").pricing(Pricing.perMillion("0.50", "1.50"))
          .contextLength(32_000).supportedParameters("tools").dataPolicy(KEEPS).build())
      .endpoint(Endpoint.builder("fast", "acme/text").tag("fast/turbo")
          .pricing(Pricing.perMillion("0.20", "0.60")).contextLength(16_000)
          .supportedParameters("tools", "structured_outputs").quantization(Quantization.FP8)
          .dataPolicy(DataPolicy.ZDR).build(), EndpointStats.of(99.0, 800.0, 0.2))
      .model(new Model("other/free", null, "Zeta Free", 100, null, 8_000, null, null, null,
          null, null, false))
      .endpoint(Endpoint.builder("fast", "other/free").pricing(Pricing.FREE).contextLength(8_000)
          .supportedParameters("temperature").quantization(Quantization.FP8).dataPolicy(TRAINS)
          .build())
      .model(Model.of("other/unserved", 1_000_000))
      .build();

  @Test
  void noFiltersListsServedModelsInCatalogOrder() {
    assertThat(C.query().slugs()).containsExactly("acme/vision", "acme/text", "other/free");
    assertThat(C.query().count()).isEqualTo(3);
  }

  @Test
  void endpointFilters() {
    assertThat(C.query().supports("tools").slugs()).containsExactly("acme/vision", "acme/text");
    assertThat(C.query().tools().slugs()).containsExactly("acme/vision", "acme/text");
    assertThat(C.query().supports("tools", "structured_outputs").slugs())
        .containsExactly("acme/vision", "acme/text");
    assertThat(C.query().reasoning().slugs()).containsExactly("acme/vision");
    assertThat(C.query().minContext(100_000).slugs()).containsExactly("acme/vision");
    assertThat(C.query().minCompletionTokens(10_000).slugs()).containsExactly("acme/text");
    assertThat(C.query().maxPromptPrice(new BigDecimal("0.50")).slugs())
        .containsExactly("acme/text", "other/free");
    assertThat(C.query().maxPromptPrice(new BigDecimal("0.49")).slugs())
        .containsExactly("acme/text", "other/free"); // via fast/turbo at 0.20
    assertThat(C.query().maxCompletionPrice(new BigDecimal("1")).slugs())
        .containsExactly("acme/text", "other/free");
    assertThat(C.query().provider("fast").slugs()).containsExactly("acme/text", "other/free");
    assertThat(C.query().provider("fast/turbo").slugs()).containsExactly("acme/text");
    assertThat(C.query().ignoreProvider("fast").slugs()).containsExactly("acme/vision", "acme/text");
    assertThat(C.query().free().slugs()).containsExactly("other/free");
    assertThat(C.query().paid().slugs()).containsExactly("acme/vision", "acme/text");
    assertThat(C.query().quantization(Quantization.FP8).slugs())
        .containsExactly("acme/text", "other/free");
    assertThat(C.query().quantization(Quantization.UNKNOWN).slugs())
        .containsExactly("acme/vision", "acme/text"); // a null quantization counts as unknown
    assertThat(C.query().zdr().slugs()).containsExactly("acme/text");
    assertThat(C.query().noDataCollection().slugs()).containsExactly("acme/text");
    assertThat(C.query().where(e -> e.contextLength() == 8_000).slugs())
        .containsExactly("other/free");
    assertThatThrownBy(() -> C.query().maxPromptPrice(new BigDecimal("-1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void endpointFiltersMustHoldForTheSameEndpoint() {
    // acme/text: the cheap endpoint lacks 32k context, the 32k endpoint is not cheap.
    assertThat(C.query().minContext(32_000).maxPromptPrice(new BigDecimal("0.30")).slugs())
        .isEmpty();
    assertThat(C.query().supports("structured_outputs").matches())
        .filteredOn(m -> m.model().id().equals("acme/text"))
        .singleElement()
        .satisfies(m -> assertThat(m.endpoints()).extracting(Endpoint::tag)
            .containsExactly("fast/turbo"));
    assertThat(C.query().provider("acme").endpoints()).extracting(Endpoint::id)
        .containsExactly("acme:acme/vision", "acme:acme/text");
    assertThat(C.query().supports("tools").providers()).containsExactlyInAnyOrder("acme", "fast");
  }

  @Test
  void modelFilters() {
    assertThat(C.query().vision().slugs()).containsExactly("acme/vision");
    assertThat(C.query().inputModality("text").slugs()).hasSize(3);
    assertThat(C.query().outputModality("image").slugs()).isEmpty();
    assertThat(C.query().author("other").slugs()).containsExactly("other/free");
    assertThat(C.query().author("acm").slugs()).isEmpty();
    assertThat(C.query().search("VISION").slugs()).containsExactly("acme/vision");
    assertThat(C.query().search("zeta").slugs()).containsExactly("other/free");
    assertThat(C.query().whereModel(m -> m.created() >= 200).slugs())
        .containsExactly("acme/vision", "acme/text");
  }

  @Test
  void sorting() {
    assertThat(C.query().sortBy(SortKey.PRICE).slugs())
        .containsExactly("other/free", "acme/text", "acme/vision");
    assertThat(C.query().sortBy(SortKey.PRICE).reverse().slugs())
        .containsExactly("acme/vision", "acme/text", "other/free");
    assertThat(C.query().sortBy(SortKey.CONTEXT).slugs())
        .containsExactly("acme/vision", "acme/text", "other/free");
    assertThat(C.query().sortBy(SortKey.NAME).slugs())
        .containsExactly("acme/text", "acme/vision", "other/free");
    assertThat(C.query().sortBy(SortKey.CREATED).slugs())
        .containsExactly("acme/vision", "acme/text", "other/free");
    assertThat(C.query().sortBy(SortKey.THROUGHPUT).slugs())
        .containsExactly("acme/text", "acme/vision", "other/free");
    assertThat(C.query().reverse().slugs())
        .containsExactly("other/free", "acme/text", "acme/vision");
    // The sort key looks at matching endpoints only.
    assertThat(C.query().provider("acme").sortBy(SortKey.PRICE).slugs())
        .containsExactly("acme/text", "acme/vision");
  }

  @Test
  void limitAndFirst() {
    CatalogQuery q = C.query().sortBy(SortKey.PRICE).limit(2);
    assertThat(q.slugs()).containsExactly("other/free", "acme/text");
    assertThat(q.count()).isEqualTo(3);
    assertThat(q.first().map(Model::id)).contains("other/free");
    assertThat(C.query().limit(0).list()).isEmpty();
    assertThat(C.query().free().vision().first()).isEmpty();
    assertThatThrownBy(() -> C.query().limit(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBriefsExampleOnTheBundledCatalog() {
    List<Model> cheapVisionReasoners = Catalog.bundled().query()
        .supports("tools").supports("structured_outputs").vision().reasoning()
        .minContext(100_000).maxPromptPrice(new BigDecimal("1.00"))
        .sortBy(SortKey.PRICE).list();
    assertThat(cheapVisionReasoners).extracting(Model::id)
        .contains("openai/gpt-5-mini", "google/gemini-2.5-flash")
        .doesNotContain("anthropic/claude-sonnet-4.5", "openai/gpt-4.1");
    assertThat(cheapVisionReasoners.get(0).id()).isEqualTo("openai/gpt-5-nano");

    assertThat(Catalog.bundled().query().provider("groq").free().list()).isEmpty();
    assertThat(Catalog.bundled().query().provider("groq").author("meta-llama").slugs())
        .contains("meta-llama/llama-3.3-70b-instruct", "meta-llama/llama-4-scout");
    assertThat(Catalog.bundled().query().free().list()).hasSizeGreaterThanOrEqualTo(3);
  }
}
