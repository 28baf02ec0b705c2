package dev.router4j.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.catalog.DataPolicy;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.catalog.PriceOverride;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.routing.Quantization;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  private static BigDecimal m(String perMillion) {
    return new BigDecimal(perMillion).movePointLeft(6);
  }

  private static final Catalog C = Catalog.builder()
      .model(new Model("acme/chat", null, "Acme Chat", 0, null, 1_000_000, null, null, null, null,
          null, false))
      .endpoint(Endpoint.builder("acme", "acme/chat").providerName("Acme")
          .pricing(new Pricing(m("2"), m("8"), null, null, null, null, m("0.5"), m("2.5"), null,
              List.of(new PriceOverride(200_000, m("4"), m("12"), null, null))))
          .contextLength(1_000_000).maxCompletionTokens(32_768).dataPolicy(DataPolicy.ZDR)
          .build(), EndpointStats.of(99.25, 120.0, 0.456))
      .endpoint(Endpoint.builder("cheap", "acme/chat").tag("cheap/turbo")
          .pricing(Pricing.perMillion("0.075", "0.3")).contextLength(32_768)
          .quantization(Quantization.FP8).dataPolicy(new DataPolicy(true, 30, false, false))
          .build())
      .endpoint(Endpoint.builder("free", "acme/chat").pricing(Pricing.FREE).contextLength(8_192)
          .dataPolicy(new DataPolicy(true, null, true, false)).build())
      .build();

  @Test
  void rowsCarryPricesPerMillionAndEverythingElse() {
    Comparison cmp = C.compare("acme/chat");
    assertThat(cmp.model().id()).isEqualTo("acme/chat");
    assertThat(cmp.size()).isEqualTo(3);
    ComparisonRow acme = cmp.rows().get(0);
    assertThat(acme.provider()).isEqualTo("acme");
    assertThat(acme.tag()).isEqualTo("acme");
    assertThat(acme.providerName()).isEqualTo("Acme");
    assertThat(acme.promptPerMillion()).isEqualByComparingTo("2");
    assertThat(acme.completionPerMillion()).isEqualByComparingTo("8");
    assertThat(acme.cacheReadPerMillion()).isEqualByComparingTo("0.5");
    assertThat(acme.cacheWritePerMillion()).isEqualByComparingTo("2.5");
    assertThat(acme.tieredFromTokens()).isEqualTo(200_000);
    assertThat(acme.contextLength()).isEqualTo(1_000_000);
    assertThat(acme.maxCompletionTokens()).isEqualTo(32_768);
    assertThat(acme.quantization()).isEqualTo(Quantization.UNKNOWN);
    assertThat(acme.dataPolicy()).isEqualTo(DataPolicy.ZDR);
    assertThat(acme.priors().throughputP50()).isEqualTo(120.0);
    assertThat(acme.endpoint()).isSameAs(C.endpoint("acme:acme/chat"));
    ComparisonRow cheap = cmp.rows().get(1);
    assertThat(cheap.tag()).isEqualTo("cheap/turbo");
    assertThat(cheap.cacheReadPerMillion()).isNull();
    assertThat(cheap.tieredFromTokens()).isNull();
    assertThat(cheap.priors()).isEqualTo(EndpointStats.NONE);
  }

  @Test
  void printsAnAlignedTable() {
    String expected = String.join("\n",
        "acme/chat  Acme Chat  (USD per million tokens)",
        "endpoint     prompt  completion  cache read  cache write  tiers  context  max out"
            + "  quant    data         tok/s  ttft s  uptime",
        "acme           2.00        8.00        0.50         2.50  >200k  1000000    32768"
            + "  unknown  zdr            120    0.46   99.3%",
        "cheap/turbo   0.075        0.30           -            -      -    32768        -"
            + "  fp8      retains 30d      -       -       -",
        "free           0.00        0.00           -            -      -     8192        -"
            + "  unknown  trains           -       -       -",
        "");
    assertThat(C.compare("acme/chat").toTable()).isEqualTo(expected);
    assertThat(C.compare("acme/chat").toString()).isEqualTo(expected);
  }

  @Test
  void everyLineOfTheBundledComparisonsLinesUp() {
    Catalog bundled = Catalog.bundled();
    for (Model model : bundled.models()) {
      String table = bundled.compare(model.id()).toTable();
      String[] lines = table.split("\n");
      assertThat(lines).hasSize(bundled.endpoints(model.id()).size() + 2);
      // Right-aligned numeric columns end at the same offset: "prompt" ends where each price ends.
      int promptEnd = lines[1].indexOf("prompt") + "prompt".length();
      for (int i = 2; i < lines.length; i++) {
        assertThat(lines[i].charAt(promptEnd - 1)).as(lines[i]).isNotEqualTo(' ');
        assertThat(lines[i].charAt(promptEnd)).as(lines[i]).isEqualTo(' ');
      }
    }
    String sonnet = bundled.compare("anthropic/claude-sonnet-4.5").toTable();
    assertThat(sonnet).contains("google-vertex/europe").contains("3.30").contains(">200k");
  }

  @Test
  void moneyIsExactWithAtLeastTwoDecimals() {
    assertThat(Comparison.money(new BigDecimal("2"))).isEqualTo("2.00");
    assertThat(Comparison.money(new BigDecimal("2.500"))).isEqualTo("2.50");
    assertThat(Comparison.money(new BigDecimal("0.0375"))).isEqualTo("0.0375");
    assertThat(Comparison.money(new BigDecimal("0.383333"))).isEqualTo("0.383333");
    assertThat(Comparison.money(new BigDecimal("1E+1"))).isEqualTo("10.00");
    assertThat(Comparison.money(null)).isEqualTo("-");
  }
}
