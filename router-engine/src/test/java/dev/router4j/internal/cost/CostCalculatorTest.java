package dev.router4j.internal.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.FinishReason;
import dev.router4j.api.Usage;
import dev.router4j.api.catalog.PriceOverride;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.cost.Cost;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every price component against values worked out by hand. */
class CostCalculatorTest {
  private static final CostCalculator NO_FEE = CostCalculator.withoutFee();

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  // Claude-like prices: $3/M in, $15/M out, cache read $0.30/M, write $3.75/M, 1h write $6/M.
  private static final Pricing CLAUDE = new Pricing(d("0.000003"), d("0.000015"), null, null,
      d("0.01"), null, d("0.0000003"), d("0.00000375"), d("0.000006"), null);

  @Test
  void promptAndCompletionAtTheirPrices() {
    Cost c = NO_FEE.cost(Usage.of(1_000, 500), CLAUDE, 0, 0);
    assertThat(c.prompt()).isEqualByComparingTo("0.003"); // 1000 x 3e-6
    assertThat(c.completion()).isEqualByComparingTo("0.0075"); // 500 x 15e-6
    assertThat(c.total()).isEqualByComparingTo("0.0105");
  }

  @Test
  void cachedAndCacheWriteTokensArePricedApartFromThePrompt() {
    Usage u = Usage.builder().promptTokens(10_000).cachedTokens(6_000).cacheWriteTokens(3_000)
        .completionTokens(100).build();
    Cost c = NO_FEE.cost(u, CLAUDE, 0, 0);
    assertThat(c.prompt()).isEqualByComparingTo("0.003"); // 1000 uncached x 3e-6
    assertThat(c.cacheRead()).isEqualByComparingTo("0.0018"); // 6000 x 0.3e-6
    assertThat(c.cacheWrite()).isEqualByComparingTo("0.01125"); // 3000 x 3.75e-6
    assertThat(c.completion()).isEqualByComparingTo("0.0015");
    assertThat(c.total()).isEqualByComparingTo("0.01755");
  }

  @Test
  void oneHourCacheWritesUseTheirOwnPrice() {
    Usage u = Usage.builder().promptTokens(4_000).cacheWriteTokens(3_000).completionTokens(0)
        .extra(Map.of(CostCalculator.CACHE_WRITE_1H, 1_000)).build();
    Cost c = NO_FEE.cost(u, CLAUDE, 0, 0);
    // 2000 x 3.75e-6 (5 min) + 1000 x 6e-6 (1 h)
    assertThat(c.cacheWrite()).isEqualByComparingTo("0.0135");
    Pricing noHourPrice = CLAUDE.withCache(d("0.0000003"), d("0.00000375"));
    Pricing stripped = new Pricing(noHourPrice.prompt(), noHourPrice.completion(), null, null, null,
        null, noHourPrice.inputCacheRead(), noHourPrice.inputCacheWrite(), null, null);
    // without a listed 1 h price: 2x the prompt price
    assertThat(NO_FEE.cost(u, stripped, 0, 0).cacheWrite()).isEqualByComparingTo("0.0135");
  }

  @Test
  void reasoningTokensUseTheInternalReasoningPriceWhereThereIsOne() {
    Pricing p = new Pricing(d("0.000001"), d("0.000004"), null, null, null, d("0.000002"), null,
        null, null, null);
    Usage u = Usage.builder().promptTokens(100).completionTokens(1_000).reasoningTokens(800).build();
    Cost c = NO_FEE.cost(u, p, 0, 0);
    assertThat(c.completion()).isEqualByComparingTo("0.0008"); // 200 x 4e-6
    assertThat(c.reasoning()).isEqualByComparingTo("0.0016"); // 800 x 2e-6
    Cost atCompletion = NO_FEE.cost(u, Pricing.perMillion("1", "4"), 0, 0);
    assertThat(atCompletion.reasoning()).isEqualByComparingTo("0.0032"); // 800 x 4e-6
  }

  @Test
  void requestImageAndWebSearchFees() {
    Pricing p = new Pricing(d("0"), d("0"), d("0.005"), d("0.001"), d("0.004"), null, null, null,
        null, null);
    Cost c = NO_FEE.cost(Usage.of(10, 10), p, 3, 5);
    assertThat(c.request()).isEqualByComparingTo("0.005");
    assertThat(c.image()).isEqualByComparingTo("0.003");
    assertThat(c.webSearch()).isEqualByComparingTo("0.02");
    assertThat(c.total()).isEqualByComparingTo("0.028");
  }

  @Test
  void aTierChosenByPromptSizeReplacesTheBasePrices() {
    Pricing tiered = new Pricing(d("0.00000125"), d("0.00001"), null, null, null, null, null, null,
        null, List.of(new PriceOverride(200_000, d("0.0000025"), d("0.000015"), null, null)));
    assertThat(NO_FEE.cost(Usage.of(100_000, 1_000), tiered, 0, 0).total())
        .isEqualByComparingTo("0.135"); // 0.125 + 0.01
    assertThat(NO_FEE.cost(Usage.of(300_000, 1_000), tiered, 0, 0).total())
        .isEqualByComparingTo("0.765"); // 0.75 + 0.015
  }

  @Test
  void aPlatformFeeIsAPercentageOfTheSubtotal() {
    CostCalculator fee = new CostCalculator(new BigDecimal("5.5"));
    Cost c = fee.cost(Usage.of(1_000, 500), CLAUDE, 0, 0);
    assertThat(c.platformFee()).isEqualByComparingTo("0.0005775"); // 5.5% of 0.0105
    assertThat(c.total()).isEqualByComparingTo("0.0110775");
    assertThatThrownBy(() -> new CostCalculator(new BigDecimal("-1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }

  @Test
  void costsStayExactOverManyGenerations() {
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < 10_000; i++) {
      sum = sum.add(NO_FEE.cost(Usage.of(1, 0), Pricing.perToken("0.0000001", "0"), 0, 0).total());
    }
    assertThat(sum).isEqualByComparingTo("0.001");
  }

  @Test
  void zeroCompletionInsuranceCoversEmptyAndErroredReplies() {
    assertThat(CostCalculator.insured(Usage.of(500, 0), FinishReason.ERROR)).isTrue();
    assertThat(CostCalculator.insured(Usage.of(500, 0), null)).isTrue();
    assertThat(CostCalculator.insured(Usage.of(500, 0), FinishReason.STOP)).isFalse();
    assertThat(CostCalculator.insured(Usage.of(500, 3), FinishReason.ERROR)).isFalse();
  }
}
