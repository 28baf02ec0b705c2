package dev.router4j.internal.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.PriceOverride;
import dev.router4j.api.catalog.Pricing;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorstCaseTest {
  private static final Pricing TWO_EIGHT = Pricing.perMillion("2.00", "8.00");

  private static Endpoint endpoint(Pricing pricing, Integer maxCompletion, int context) {
    return Endpoint.builder("p", "m/x").pricing(pricing).maxCompletionTokens(maxCompletion)
        .contextLength(context).build();
  }

  @Test
  void promptTimesPromptPricePlusMaxTokensTimesCompletionPrice() {
    Endpoint e = endpoint(TWO_EIGHT, null, 128_000);
    // 500 × $2/M + 1000 × $8/M = $0.001 + $0.008
    assertThat(WorstCase.cost(e, 500, 1000)).isEqualByComparingTo("0.009");
    assertThat(WorstCase.cost(e, 0, 0)).isEqualByComparingTo("0");
    assertThat(WorstCase.cost(Endpoint.builder("p", "m/free").build(), 9999, null)).isZero();
  }

  @Test
  void withoutMaxTokensTheEndpointLimitOrTheDefaultIsAssumed() {
    assertThat(WorstCase.completionTokens(endpoint(TWO_EIGHT, 16_384, 128_000), 100, null))
        .isEqualTo(16_384);
    assertThat(WorstCase.completionTokens(endpoint(TWO_EIGHT, null, 128_000), 100, null))
        .isEqualTo(WorstCase.DEFAULT_COMPLETION_TOKENS).isEqualTo(4096);
    // Never more than the context the prompt leaves.
    assertThat(WorstCase.completionTokens(endpoint(TWO_EIGHT, null, 4000), 1000, null))
        .isEqualTo(3000);
    assertThat(WorstCase.completionTokens(endpoint(TWO_EIGHT, null, 4000), 1000, 64))
        .isEqualTo(64);
    // 100 × $2/M + 4096 × $8/M
    assertThat(WorstCase.cost(endpoint(TWO_EIGHT, null, 128_000), 100, null))
        .isEqualByComparingTo("0.032968");
  }

  @Test
  void theTierForThePromptSizeAndTheDearerReasoningPriceApply() {
    Pricing tiered = new Pricing(new BigDecimal("0.000002"), new BigDecimal("0.000008"), null, null,
        null, new BigDecimal("0.00001"), null, null, null,
        List.of(new PriceOverride(200_000, new BigDecimal("0.000004"), new BigDecimal("0.000012"),
            null, null)));
    Endpoint e = endpoint(tiered, null, 1_000_000);
    // Below the tier: 1000 × 2e-6 + 100 × max(8e-6, 1e-5)
    assertThat(WorstCase.cost(e, 1000, 100)).isEqualByComparingTo("0.003");
    // In the tier: 200000 × 4e-6 + 100 × max(1.2e-5, 1e-5)
    assertThat(WorstCase.cost(e, 200_000, 100)).isEqualByComparingTo("0.8012");
  }

  @Test
  void cacheWritesFeesImagesSearchesAndThePlatformFee() {
    Pricing p = Pricing.perMillion("3.00", "15.00")
        .withCache(new BigDecimal("0.0000003"), new BigDecimal("0.00000375"))
        .withRequest(new BigDecimal("0.001"));
    p = new Pricing(p.prompt(), p.completion(), p.request(), new BigDecimal("0.002"),
        new BigDecimal("0.004"), null, p.inputCacheRead(), p.inputCacheWrite(), null, null);
    Endpoint e = endpoint(p, null, 200_000);
    // Cached requests: every prompt token may be a one-hour write at twice the prompt price.
    // 1000 × 6e-6 + 100 × 1.5e-5 + 0.001 + 2 × 0.002 + 5 × 0.004 = 0.006 + 0.0015 + 0.025
    BigDecimal subtotal = WorstCase.cost(e, 1000, 100, true, 2, 5, BigDecimal.ZERO);
    assertThat(subtotal).isEqualByComparingTo("0.0325");
    assertThat(WorstCase.cost(e, 1000, 100, false, 0, 0, BigDecimal.ZERO))
        .isEqualByComparingTo("0.0055"); // 0.003 + 0.0015 + 0.001
    // A 5.5% fee on top, exactly.
    assertThat(WorstCase.cost(e, 1000, 100, true, 2, 5, new BigDecimal("5.5")))
        .isEqualByComparingTo("0.0342875");
    Pricing listed1h = new Pricing(p.prompt(), p.completion(), null, null, null, null, null,
        new BigDecimal("0.00000375"), new BigDecimal("0.000005"), null);
    // 1000 × max(3e-6, 3.75e-6, 5e-6) + 100 × 1.5e-5
    assertThat(WorstCase.cost(endpoint(listed1h, null, 200_000), 1000, 100, true, 0, 0,
        BigDecimal.ZERO)).isEqualByComparingTo("0.0065");
  }
}
