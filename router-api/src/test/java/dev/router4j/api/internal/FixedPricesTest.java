package dev.router4j.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.catalog.PriceOverride;
import dev.router4j.api.catalog.Pricing;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixedPricesTest {

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  private static Pricing prompt(BigDecimal price) {
    return new Pricing(price, BigDecimal.ZERO, null, null, null, null, null, null, null, null);
  }

  @Test
  void eachPriceIsItsUnscaledValueAndScale() {
    FixedPrices f = FixedPrices.of(Pricing.perMillion("2.50", "10")
        .withCache(d("0.0000003"), null).withRequest(d("0.005")));
    assertThat(f).isNotNull();
    assertThat(f.unscaled(FixedPrices.PROMPT)).isEqualTo(250); // 0.00000250
    assertThat(f.scale(FixedPrices.PROMPT)).isEqualTo(8);
    assertThat(f.unscaled(FixedPrices.COMPLETION)).isEqualTo(10); // 0.000010
    assertThat(f.scale(FixedPrices.COMPLETION)).isEqualTo(6);
    assertThat(f.unscaled(FixedPrices.CACHE_READ)).isEqualTo(3);
    assertThat(f.scale(FixedPrices.CACHE_READ)).isEqualTo(7);
    assertThat(f.unscaled(FixedPrices.REQUEST)).isEqualTo(5);
    assertThat(f.scale(FixedPrices.REQUEST)).isEqualTo(3);
    assertThat(f.listed(FixedPrices.CACHE_WRITE)).isFalse();
    assertThat(f.scale(FixedPrices.CACHE_WRITE)).isEqualTo(FixedPrices.ABSENT);
    assertThat(f.unscaled(FixedPrices.CACHE_WRITE)).isZero();
    assertThat(f.listed(FixedPrices.INTERNAL_REASONING)).isFalse();
    assertThat(f.tiers()).isZero();
  }

  @Test
  void zerosKeepTheirScaleAndNegativeScalesAreBroughtToZero() {
    FixedPrices zero = FixedPrices.of(prompt(d("0.000")));
    assertThat(zero.unscaled(FixedPrices.PROMPT)).isZero();
    assertThat(zero.scale(FixedPrices.PROMPT)).isEqualTo(3);
    assertThat(zero.listed(FixedPrices.PROMPT)).isTrue();
    FixedPrices coarseZero = FixedPrices.of(prompt(d("0E+5")));
    assertThat(coarseZero.scale(FixedPrices.PROMPT)).isZero();
    FixedPrices coarse = FixedPrices.of(prompt(d("5E+2")));
    assertThat(coarse.unscaled(FixedPrices.PROMPT)).isEqualTo(500);
    assertThat(coarse.scale(FixedPrices.PROMPT)).isZero();
    assertThat(FixedPrices.of(prompt(d("9E+18"))).unscaled(FixedPrices.PROMPT))
        .isEqualTo(9_000_000_000_000_000_000L);
  }

  @Test
  void aPriceBeyondALongMakesThePricingNotFixedPoint() {
    BigDecimal max = BigDecimal.valueOf(Long.MAX_VALUE, 20);
    assertThat(FixedPrices.of(prompt(max)).unscaled(FixedPrices.PROMPT)).isEqualTo(Long.MAX_VALUE);
    BigDecimal beyond = new BigDecimal(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), 20);
    assertThat(FixedPrices.of(prompt(beyond))).isNull();
    assertThat(FixedPrices.of(prompt(d("1E+19")))).isNull(); // not normalised exactly
    assertThat(FixedPrices.of(prompt(d("1E+100")))).isNull();
    Pricing webOnly = new Pricing(BigDecimal.ZERO, BigDecimal.ZERO, null, null, beyond, null,
        null, null, null, null);
    assertThat(FixedPrices.of(webOnly)).isNull();
    Pricing tier = new Pricing(BigDecimal.ZERO, BigDecimal.ZERO, null, null, null, null, null,
        null, null, List.of(new PriceOverride(10, null, null, null, beyond)));
    assertThat(FixedPrices.of(tier)).isNull();
  }

  @Test
  void tiersHaveTheirOwnSlots() {
    Pricing p = new Pricing(d("0.000001"), d("0.000002"), null, null, null, null, null, null,
        null, List.of(new PriceOverride(1_000, d("0.000003"), null, null, null),
            new PriceOverride(5_000, null, d("0.04"), d("5E+1"), d("0"))));
    FixedPrices f = FixedPrices.of(p);
    assertThat(f.tiers()).isEqualTo(2);
    assertThat(f.tierMin(0)).isEqualTo(1_000);
    assertThat(f.tierMin(1)).isEqualTo(5_000);
    int t0 = FixedPrices.tierSlot(0, FixedPrices.TIER_PROMPT);
    assertThat(f.unscaled(t0)).isEqualTo(3);
    assertThat(f.scale(t0)).isEqualTo(6);
    assertThat(f.listed(FixedPrices.tierSlot(0, FixedPrices.TIER_COMPLETION))).isFalse();
    assertThat(f.listed(FixedPrices.tierSlot(1, FixedPrices.TIER_PROMPT))).isFalse();
    assertThat(f.unscaled(FixedPrices.tierSlot(1, FixedPrices.TIER_COMPLETION))).isEqualTo(4);
    assertThat(f.scale(FixedPrices.tierSlot(1, FixedPrices.TIER_COMPLETION))).isEqualTo(2);
    assertThat(f.unscaled(FixedPrices.tierSlot(1, FixedPrices.TIER_CACHE_READ))).isEqualTo(50);
    assertThat(f.listed(FixedPrices.tierSlot(1, FixedPrices.TIER_CACHE_WRITE))).isTrue();
    assertThat(f.unscaled(FixedPrices.tierSlot(1, FixedPrices.TIER_CACHE_WRITE))).isZero();
  }

  @Test
  void aPricingConvertsOnceAndKeepsItsFixedPrices() {
    Pricing p = Pricing.perMillion("3", "15");
    assertThat(FixedPrices.of(p)).isSameAs(FixedPrices.of(p));
    Pricing equal = Pricing.perMillion("3", "15");
    assertThat(equal).isEqualTo(p).hasSameHashCodeAs(p); // the kept prices do not count
    assertThat(FixedPrices.of(equal)).isNotSameAs(FixedPrices.of(p));
    assertThatThrownBy(() -> FixedPrices.install(x -> null))
        .isInstanceOf(IllegalStateException.class);
  }
}
