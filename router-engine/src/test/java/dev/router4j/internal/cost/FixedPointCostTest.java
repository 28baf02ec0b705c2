package dev.router4j.internal.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.Usage;
import dev.router4j.api.catalog.PriceOverride;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.cost.Cost;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The total worked out in fixed point against the BigDecimal formula it replaces, kept here as
 * the oracle: value and scale, on random pricings and usages, and every component unchanged.
 */
class FixedPointCostTest {
  private static final CostCalculator NO_FEE = CostCalculator.withoutFee();

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void theFixedPointTotalEqualsTheBigDecimalOneInValueAndScale() {
    SplittableRandom random = new SplittableRandom(20_240_611);
    int fixed = 0;
    int overflowed = 0;
    int unrepresentable = 0;
    int zero = 0;
    for (int n = 0; n < 60_000; n++) {
      Pricing pricing = pricing(random);
      Usage usage = usage(random);
      int images = count(random);
      int web = count(random);
      Oracle expected = Oracle.price(usage, pricing, images, web, BigDecimal.ZERO);
      String what = pricing + " " + usage + " images=" + images + " web=" + web;

      Cost direct = NO_FEE.fixedCost(usage, pricing, images, web);
      if (direct != null) {
        fixed++;
        zero += direct.isZero() ? 1 : 0;
        assertThat(direct.isZero()).as(what).isEqualTo(expected.total.signum() == 0);
        assertThat(direct.total()).as(what).isEqualTo(expected.total);
        expected.assertComponents(direct, what);
      } else if (dev.router4j.api.internal.FixedPrices.of(pricing) == null) {
        unrepresentable++;
      } else {
        overflowed++;
      }

      Cost cost = NO_FEE.cost(usage, pricing, images, web);
      assertThat(cost.estimated()).isEqualTo(usage.estimated());
      assertThat(cost.total()).as(what).isEqualTo(expected.total);
      assertThat(cost.isZero()).as(what).isEqualTo(expected.total.signum() == 0);
      expected.assertComponents(cost, what);
      Cost eager = NO_FEE.price(usage, pricing, images, web);
      assertThat(cost).as(what).isEqualTo(eager).hasSameHashCodeAs(eager).hasToString(eager.toString());
    }
    // Each path taken often enough for the comparison to mean something.
    String paths = "fixed " + fixed + ", overflowed " + overflowed + ", not fixed-point "
        + unrepresentable + ", zero " + zero;
    assertThat(fixed).as(paths).isGreaterThan(30_000);
    assertThat(overflowed).as(paths).isGreaterThan(2_000);
    assertThat(unrepresentable).as(paths).isGreaterThan(2_000);
    assertThat(zero).as(paths).isGreaterThan(300);
  }

  @Test
  void aPlatformFeeTakesTheBigDecimalPathAndStaysExact() {
    SplittableRandom random = new SplittableRandom(5);
    CostCalculator fee = new CostCalculator(d("5.5"));
    for (int n = 0; n < 5_000; n++) {
      Pricing pricing = pricing(random);
      Usage usage = usage(random);
      int images = count(random);
      int web = count(random);
      assertThat(fee.fixedCost(usage, pricing, images, web)).isNull();
      Oracle expected = Oracle.price(usage, pricing, images, web, d("5.5"));
      Cost cost = fee.cost(usage, pricing, images, web);
      assertThat(cost.total()).isEqualTo(expected.total);
      expected.assertComponents(cost, pricing + " " + usage);
    }
    Pricing plain = Pricing.perMillion("3", "15");
    assertThat(new CostCalculator(d("0.00")).fixedCost(Usage.of(10, 10), plain, 0, 0)).isNotNull();
  }

  @Test
  void aPriceBeyondALongTakesTheBigDecimalPath() {
    BigDecimal huge = new BigDecimal(BigInteger.ONE.shiftLeft(63), 30); // unscaled 2^63
    Pricing wide = new Pricing(huge, d("0.000001"), null, null, null, null, null, null, null, null);
    assertThat(NO_FEE.fixedCost(Usage.of(3, 2), wide, 0, 0)).isNull();
    assertThat(NO_FEE.cost(Usage.of(3, 2), wide, 0, 0).total())
        .isEqualTo(huge.multiply(BigDecimal.valueOf(3)).add(d("0.000002")));
    // A tier's price counts too, even for a prompt below the tier.
    Pricing tier = new Pricing(d("0.000001"), d("0.000001"), null, null, null, null, null, null,
        null, List.of(new PriceOverride(1_000, null, huge, null, null)));
    assertThat(NO_FEE.fixedCost(Usage.of(3, 2), tier, 0, 0)).isNull();
    assertThat(NO_FEE.cost(Usage.of(3, 2), tier, 0, 0).total()).isEqualTo(d("0.000005"));
    // A negative scale too large to bring to scale 0.
    Pricing far = new Pricing(d("1E+19"), d("0"), null, null, null, null, null, null, null, null);
    assertThat(NO_FEE.fixedCost(Usage.of(1, 0), far, 0, 0)).isNull();
    assertThat(NO_FEE.cost(Usage.of(1, 0), far, 0, 0).total()).isEqualTo(d("1E+19").add(d("0")));
  }

  @Test
  void aSumBeyondALongTakesTheBigDecimalPath() {
    // 10^18 units of 1e-18 at scale 18 per token: 10 tokens overflow a long unscaled.
    Pricing dense = new Pricing(d("1.000000000000000000"), d("0"), null, null, null, null, null,
        null, null, null);
    assertThat(NO_FEE.fixedCost(Usage.of(9, 0), dense, 0, 0)).isNotNull();
    assertThat(NO_FEE.fixedCost(Usage.of(10, 0), dense, 0, 0)).isNull();
    assertThat(NO_FEE.cost(Usage.of(10, 0), dense, 0, 0).total())
        .isEqualTo(d("10.000000000000000000"));
    // Two scales 19 apart: the coarser price cannot be brought to the finer scale.
    Pricing apart = new Pricing(d("1"), d("1E-19"), null, null, null, null, null, null, null, null);
    assertThat(NO_FEE.fixedCost(Usage.of(1, 1), apart, 0, 0)).isNull();
    assertThat(NO_FEE.cost(Usage.of(1, 1), apart, 0, 0).total()).isEqualTo(d("1.0000000000000000001"));
    // ... unless the coarser term is zero.
    assertThat(NO_FEE.fixedCost(Usage.of(0, 1), apart, 0, 0).total()).isEqualTo(d("1E-19"));
  }

  @Test
  void scalesFollowBigDecimalArithmetic() {
    // A zero request fee still brings its scale; a zero-priced term does not.
    Pricing p = new Pricing(d("0.000003"), d("0.0000000000"), d("0.00000000"), null, null, null,
        null, null, null, null);
    assertThat(NO_FEE.fixedCost(Usage.of(1, 5), p, 0, 0).total()).isEqualTo(d("0.00000300"));
    // A negative-scale price: the total is at scale 0, as adding the fee's zero leaves it.
    Pricing coarse = new Pricing(d("2E+2"), d("0"), null, null, null, null, null, null, null, null);
    assertThat(NO_FEE.fixedCost(Usage.of(3, 0), coarse, 0, 0).total()).isEqualTo(d("600"));
    // One-hour writes with no listed price: twice the prompt price, at its scale.
    Usage hour = Usage.builder().promptTokens(10).cacheWriteTokens(4).completionTokens(0)
        .extra(Map.of(CostCalculator.CACHE_WRITE_1H, 3)).build();
    Pricing claude = Pricing.perMillion("3", "15").withCache(d("0.0000003"), d("0.00000375"));
    Cost c = NO_FEE.fixedCost(hour, claude, 0, 0);
    // 6 x 3e-6 + 1 x 3.75e-6 + 3 x 6e-6
    assertThat(c.total()).isEqualTo(d("0.00003975"));
    assertThat(c.cacheWrite()).isEqualTo(d("0.00002175"));
    Cost free = NO_FEE.fixedCost(Usage.of(0, 0), claude, 0, 0);
    assertThat(free.isZero()).isTrue();
    assertThat(free.total()).isEqualTo(BigDecimal.ZERO);
  }

  // ---- random inputs ------------------------------------------------------------------------

  private static Pricing pricing(SplittableRandom r) {
    List<PriceOverride> tiers = null;
    if (r.nextInt(4) == 0) {
      tiers = new ArrayList<>();
      for (int i = r.nextInt(1, 4); i > 0; i--) {
        tiers.add(new PriceOverride(r.nextInt(3) == 0 ? 0 : r.nextInt(2_000), maybe(r), maybe(r),
            maybe(r), maybe(r)));
      }
    }
    return new Pricing(price(r), price(r), maybe(r), maybe(r), maybe(r), maybe(r), maybe(r),
        maybe(r), maybe(r), tiers);
  }

  private static BigDecimal maybe(SplittableRandom r) {
    return r.nextInt(3) == 0 ? null : price(r);
  }

  private static BigDecimal price(SplittableRandom r) {
    int kind = r.nextInt(100);
    if (kind < 10) {
      return BigDecimal.valueOf(0, r.nextInt(-4, 21)); // zeros, with scales
    }
    if (r.nextInt(3) == 0) {
      if (kind < 11) {
        // beyond a long: 64 to 90 bits
        return new BigDecimal(new BigInteger(r.nextInt(64, 91), new java.util.Random(r.nextLong()))
            .setBit(63), r.nextInt(0, 25));
      }
      if (kind < 12) {
        return BigDecimal.valueOf(r.nextLong(1, 100), r.nextInt(-25, -15)); // far negative scales
      }
    }
    if (kind < 15) {
      // wide: up to 18 digits at scales up to 19, for sums that overflow
      return BigDecimal.valueOf(r.nextLong(1, 1_000_000_000_000_000_000L), r.nextInt(12, 20));
    }
    if (kind < 21) {
      return BigDecimal.valueOf(r.nextLong(1, 10_000), r.nextInt(-3, 1)); // coarse, scale <= 0
    }
    // list prices: a few digits, mostly at the scales of dollars per token, else 0 to 18
    return BigDecimal.valueOf(r.nextLong(1, 100_000),
        kind < 40 ? r.nextInt(0, 19) : r.nextInt(4, 13));
  }

  private static Usage usage(SplittableRandom r) {
    int prompt = tokens(r);
    Usage.Builder b = Usage.builder().promptTokens(prompt).completionTokens(tokens(r))
        .estimated(r.nextBoolean());
    if (r.nextBoolean()) {
      b.cachedTokens(r.nextInt(4) == 0 ? tokens(r) : r.nextInt(prompt + 1));
    }
    if (r.nextBoolean()) {
      int write = r.nextInt(4) == 0 ? tokens(r) : r.nextInt(prompt + 1);
      b.cacheWriteTokens(write);
      if (r.nextBoolean()) {
        Map<String, Object> extra = new HashMap<>();
        extra.put(CostCalculator.CACHE_WRITE_1H, switch (r.nextInt(4)) {
          case 0 -> (Object) r.nextInt(write + 1);
          case 1 -> (Object) (long) tokens(r);
          case 2 -> (Object) (double) r.nextInt(write + 1);
          default -> (Object) (-1 - r.nextInt(10));
        });
        b.extra(extra);
      }
    }
    if (r.nextBoolean()) {
      b.reasoningTokens(tokens(r));
    }
    return b.build();
  }

  private static int tokens(SplittableRandom r) {
    return switch (r.nextInt(6)) {
      case 0 -> 0;
      case 1 -> r.nextInt(10);
      case 2 -> r.nextInt(1_000_000);
      case 3 -> r.nextInt(100_000_000, Integer.MAX_VALUE);
      default -> r.nextInt(5_000);
    };
  }

  private static int count(SplittableRandom r) {
    return r.nextInt(3) == 0 ? 0 : r.nextInt(12);
  }

  /** The BigDecimal formula the router priced with before the fixed-point total, as it was. */
  private record Oracle(BigDecimal prompt, BigDecimal completion, BigDecimal reasoning,
      BigDecimal cacheRead, BigDecimal cacheWrite, BigDecimal request, BigDecimal image,
      BigDecimal webSearch, BigDecimal platformFee, BigDecimal total) {

    static Oracle price(Usage usage, Pricing pricing, int images, int webResults,
        BigDecimal feePercent) {
      int prompt = usage.prompt();
      int cached = nz(usage.cachedTokens());
      int cacheWrite = nz(usage.cacheWriteTokens());
      Object v = usage.extra().get(CostCalculator.CACHE_WRITE_1H);
      int cacheWrite1h = Math.min(cacheWrite, v instanceof Number n ? Math.max(0, n.intValue()) : 0);
      int completion = usage.completion();
      int reasoning = Math.min(nz(usage.reasoningTokens()), completion);

      BigDecimal promptPrice = pricing.prompt();
      BigDecimal completionPrice = pricing.completion();
      BigDecimal readPrice = pricing.inputCacheRead();
      BigDecimal writePrice = pricing.inputCacheWrite();
      for (PriceOverride tier : pricing.overrides()) {
        if (prompt >= tier.minPromptTokens()) {
          promptPrice = or(tier.prompt(), promptPrice);
          completionPrice = or(tier.completion(), completionPrice);
          readPrice = or(tier.inputCacheRead(), readPrice);
          writePrice = or(tier.inputCacheWrite(), writePrice);
        }
      }
      BigDecimal reasoningPrice = or(pricing.internalReasoning(), completionPrice);
      int uncached = Math.max(0, prompt - cached - cacheWrite);
      BigDecimal promptCost = times(promptPrice, uncached);
      BigDecimal readCost = times(or(readPrice, promptPrice), cached);
      BigDecimal writeCost = times(or(writePrice, promptPrice), cacheWrite - cacheWrite1h);
      if (cacheWrite1h > 0) {
        writeCost = writeCost.add(times(or(pricing.inputCacheWrite1h(),
            promptPrice.multiply(BigDecimal.valueOf(2))), cacheWrite1h));
      } else if (writeCost.scale() < 0) {
        writeCost = writeCost.add(BigDecimal.ZERO);
      }
      BigDecimal completionCost = times(completionPrice, completion - reasoning);
      BigDecimal reasoningCost = times(reasoningPrice, reasoning);
      BigDecimal requestCost = or(pricing.request(), BigDecimal.ZERO);
      BigDecimal imageCost = times(or(pricing.image(), BigDecimal.ZERO), images);
      BigDecimal webCost = times(or(pricing.webSearch(), BigDecimal.ZERO), webResults);
      BigDecimal fee = BigDecimal.ZERO;
      if (feePercent.signum() != 0) {
        fee = promptCost.add(readCost).add(writeCost).add(completionCost).add(reasoningCost)
            .add(requestCost).add(imageCost).add(webCost).multiply(feePercent)
            .divide(BigDecimal.valueOf(100));
      }
      BigDecimal total = promptCost.add(completionCost).add(reasoningCost).add(readCost)
          .add(writeCost).add(requestCost).add(imageCost).add(webCost).add(fee);
      return new Oracle(promptCost, completionCost, reasoningCost, readCost, writeCost,
          requestCost, imageCost, webCost, fee, total);
    }

    void assertComponents(Cost c, String what) {
      assertThat(c.prompt()).as(what).isEqualTo(prompt);
      assertThat(c.completion()).as(what).isEqualTo(completion);
      assertThat(c.reasoning()).as(what).isEqualTo(reasoning);
      assertThat(c.cacheRead()).as(what).isEqualTo(cacheRead);
      assertThat(c.cacheWrite()).as(what).isEqualTo(cacheWrite);
      assertThat(c.request()).as(what).isEqualTo(request);
      assertThat(c.image()).as(what).isEqualTo(image);
      assertThat(c.webSearch()).as(what).isEqualTo(webSearch);
      assertThat(c.platformFee()).as(what).isEqualTo(platformFee);
    }

    private static int nz(Integer v) {
      return v == null ? 0 : Math.max(0, v);
    }

    private static BigDecimal or(BigDecimal v, BigDecimal fallback) {
      return v != null ? v : fallback;
    }

    private static BigDecimal times(BigDecimal price, int count) {
      return count == 0 || price.signum() == 0 ? BigDecimal.ZERO
          : price.multiply(BigDecimal.valueOf(count));
    }
  }
}
