package dev.router4j.api.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CostTest {

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void totalIsTheExactSumOfEveryComponent() {
    Cost c = new Cost(d("0.000001"), d("0.00002"), d("0.0003"), d("0.004"), d("0.05"), d("0.6"),
        d("7"), d("80"), d("0.000000000000000000001"), false);
    assertThat(c.total()).isEqualTo(d("87.654321000000000000001"));
  }

  @Test
  void totalDoesNotSufferFloatingPointDrift() {
    BigDecimal tenth = d("0.1");
    BigDecimal z = BigDecimal.ZERO;
    Cost c = new Cost(tenth, d("0.2"), z, z, z, z, z, z, z, false);
    assertThat(c.total()).isEqualTo(d("0.3"));
    assertThat(0.1 + 0.2).isNotEqualTo(0.3);
  }

  @Test
  void zeroIsZeroAndPrintsAsDollars() {
    assertThat(Cost.ZERO.isZero()).isTrue();
    assertThat(Cost.ZERO.total()).isEqualByComparingTo("0");
    assertThat(Cost.ZERO.toString()).isEqualTo("$0");
    BigDecimal z = BigDecimal.ZERO;
    Cost est = new Cost(d("0.00150"), z, z, z, z, z, z, z, z, true);
    assertThat(est.isZero()).isFalse();
    assertThat(est.toString()).isEqualTo("$0.0015 (estimated)");
  }

  @Test
  void everyComponentIsRequired() {
    BigDecimal z = BigDecimal.ZERO;
    assertThatThrownBy(() -> new Cost(z, z, z, z, z, z, z, z, null, false))
        .isExactlyInstanceOf(NullPointerException.class).hasMessage("platformFee");
    assertThatThrownBy(() -> new Cost(null, z, z, z, z, z, z, z, z, false))
        .isExactlyInstanceOf(NullPointerException.class).hasMessage("prompt");
  }

  @Test
  void totalHasTheLargestScaleAsFoldingWithAddGives() {
    BigDecimal z = BigDecimal.ZERO;
    Cost c = new Cost(d("0.10"), z, z, z, z, z, z, z, d("0.000"), false);
    assertThat(c.total()).isEqualTo(d("0.100"));
    assertThat(new Cost(z, z, z, z, z, z, z, z, d("0.0000"), false).total()).isEqualTo(d("0.0000"));
    assertThat(new Cost(d("1E+3"), z, z, z, z, z, z, z, z, false).total()).isEqualTo(d("1000"));
    assertThat(c.total()).isSameAs(c.total());
  }

  @Test
  void sumAgreesWithFoldingWithAddOnRandomTerms() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int n = 0; n < 5_000; n++) {
      BigDecimal[] terms = new BigDecimal[9];
      for (int i = 0; i < terms.length; i++) {
        long unscaled = random.nextInt(4) == 0 ? 0 : random.nextLong(-1L << 62, 1L << 62) >> random.nextInt(62);
        terms[i] = BigDecimal.valueOf(unscaled, random.nextInt(-3, 25));
      }
      BigDecimal fold = terms[0];
      for (int i = 1; i < terms.length; i++) {
        fold = fold.add(terms[i]);
      }
      assertThat(dev.router4j.api.internal.Trusted.sum(terms)).isEqualTo(fold);
    }
  }

  @Test
  void aCostPricedOnFirstReadIsPricedOnceAndEqualsTheSameComponents() {
    java.util.concurrent.atomic.AtomicInteger pricings = new java.util.concurrent.atomic.AtomicInteger();
    BigDecimal z = BigDecimal.ZERO;
    dev.router4j.api.Usage usage = dev.router4j.api.Usage.builder().promptTokens(10)
        .completionTokens(5).estimated(true).build();
    dev.router4j.api.catalog.Pricing pricing = dev.router4j.api.catalog.Pricing.perToken("0.1", "0.2");
    Cost deferred = dev.router4j.api.internal.Trusted.deferredCost((u, p, images, web) -> {
      pricings.incrementAndGet();
      assertThat(u).isSameAs(usage);
      assertThat(p).isSameAs(pricing);
      assertThat(images).isEqualTo(2);
      assertThat(web).isEqualTo(3);
      return new Cost(p.prompt().multiply(BigDecimal.valueOf(u.prompt())),
          p.completion().multiply(BigDecimal.valueOf(u.completion())), z, z, z, z, z, z, z, true);
    }, usage, pricing, 2, 3);
    assertThat(deferred.estimated()).isTrue();
    assertThat(pricings).hasValue(0);
    Cost eager = new Cost(d("1.0"), d("1.0"), z, z, z, z, z, z, z, true);
    assertThat(deferred.total()).isEqualTo(d("2.0"));
    assertThat(deferred).isEqualTo(eager).hasSameHashCodeAs(eager);
    assertThat(eager).isEqualTo(deferred);
    assertThat(deferred.prompt()).isEqualTo(d("1.0"));
    assertThat(deferred).hasToString("$2 (estimated)");
    assertThat(pricings).hasValue(1);
    assertThat(deferred).isNotEqualTo(new Cost(d("1.0"), d("1.0"), z, z, z, z, z, z, z, false));
    assertThat(deferred).isNotEqualTo(new Cost(d("1"), d("1.0"), z, z, z, z, z, z, z, true));
  }

  @Test
  void aCostWithItsTotalGivenReadsItWithoutPricingAndPricesTheComponentsOnce() {
    java.util.concurrent.atomic.AtomicInteger pricings = new java.util.concurrent.atomic.AtomicInteger();
    BigDecimal z = BigDecimal.ZERO;
    dev.router4j.api.Usage usage = dev.router4j.api.Usage.of(10, 5);
    dev.router4j.api.catalog.Pricing pricing = dev.router4j.api.catalog.Pricing.perToken("0.1", "0.20");
    dev.router4j.api.internal.Trusted.Pricer pricer = (u, p, images, web) -> {
      pricings.incrementAndGet();
      return new Cost(d("1.0"), d("1.00"), z, z, z, z, z, z, z, false);
    };
    Cost priced = dev.router4j.api.internal.Trusted.pricedCost(pricer, usage, pricing, 0, 0, 200, 2);
    assertThat(priced.isZero()).isFalse();
    assertThat(priced.total()).isEqualTo(d("2.00")).isSameAs(priced.total());
    assertThat(priced).hasToString("$2");
    assertThat(priced.estimated()).isFalse();
    assertThat(pricings).hasValue(0);
    assertThat(priced.completion()).isEqualTo(d("1.00"));
    assertThat(priced.prompt()).isEqualTo(d("1.0"));
    assertThat(priced).isEqualTo(new Cost(d("1.0"), d("1.00"), z, z, z, z, z, z, z, false));
    assertThat(pricings).hasValue(1);

    Cost zero = dev.router4j.api.internal.Trusted.pricedCost(pricer, usage, pricing, 0, 0, 0, 7);
    assertThat(zero.isZero()).isTrue();
    assertThat(zero.total()).isEqualTo(d("0E-7"));
    assertThat(pricings).hasValue(1);
    assertThatThrownBy(() -> dev.router4j.api.internal.Trusted.pricedCost(pricer, usage, pricing,
        0, 0, 1, dev.router4j.api.internal.Trusted.NO_TOTAL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isZeroOfACostWithoutAGivenTotalPricesIt() {
    java.util.concurrent.atomic.AtomicInteger pricings = new java.util.concurrent.atomic.AtomicInteger();
    BigDecimal z = BigDecimal.ZERO;
    Cost deferred = dev.router4j.api.internal.Trusted.deferredCost((u, p, images, web) -> {
      pricings.incrementAndGet();
      return new Cost(z, z, z, z, z, d("0.000"), z, z, z, false);
    }, dev.router4j.api.Usage.of(0, 0), dev.router4j.api.catalog.Pricing.FREE, 0, 0);
    assertThat(deferred.isZero()).isTrue();
    assertThat(pricings).hasValue(1);
    assertThat(deferred.total()).isEqualTo(d("0.000"));
    assertThat(pricings).hasValue(1);
  }

  @Test
  void aRecordKeepsAFixedPointCostUnpricedUnlessAPriceHasANegativeScale() {
    java.util.concurrent.atomic.AtomicInteger pricings = new java.util.concurrent.atomic.AtomicInteger();
    BigDecimal z = BigDecimal.ZERO;
    dev.router4j.api.Usage usage = dev.router4j.api.Usage.of(10, 5);
    dev.router4j.api.internal.Trusted.Pricer pricer = (u, p, images, web) -> {
      pricings.incrementAndGet();
      return new Cost(p.prompt().multiply(BigDecimal.TEN), p.completion().multiply(d("5")),
          z, z, z, z, z, z, z, false);
    };
    Cost plain = dev.router4j.api.internal.Trusted.pricedCost(pricer, usage,
        dev.router4j.api.catalog.Pricing.perToken("0.1", "0.20"), 0, 0, 200, 2);
    GenerationRecord r = record(plain);
    assertThat(r.cost()).isSameAs(plain);
    assertThat(pricings).as("no component worked out").hasValue(0);

    // 1E+1 per prompt token: the prompt component is 1.0E+2, kept at scale 0 by the record.
    Cost coarse = dev.router4j.api.internal.Trusted.pricedCost(pricer, usage,
        new dev.router4j.api.catalog.Pricing(new BigDecimal("1E+1"), d("0.20"), null, null, null,
            null, null, null, null, null), 0, 0, 10100, 2);
    GenerationRecord c = record(coarse);
    assertThat(pricings).hasValue(1);
    assertThat(c.cost().prompt()).isEqualTo(d("100"));
    assertThat(c.cost().total()).isEqualByComparingTo(coarse.total());
  }

  private static GenerationRecord record(Cost cost) {
    return GenerationRecord.builder().id("gen-1").createdAt(java.time.Instant.EPOCH).model("m/x")
        .cost(cost).latency(java.time.Duration.ofMillis(5)).build();
  }
}
