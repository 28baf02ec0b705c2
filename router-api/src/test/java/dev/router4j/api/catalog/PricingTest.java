package dev.router4j.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PricingTest {

  private static final BigDecimal NEG = new BigDecimal("-0.000001");

  @Test
  void perMillionConvertsExactlyToDollarsPerToken() {
    Pricing p = Pricing.perMillion("2.50", "10");
    assertThat(p.prompt()).isEqualByComparingTo(new BigDecimal("0.0000025"));
    assertThat(p.prompt().compareTo(new BigDecimal("0.0000025"))).isZero();
    assertThat(p.completion()).isEqualByComparingTo("0.00001");
    assertThat(p.prompt().toPlainString()).isEqualTo("0.00000250");
  }

  @Test
  void perMillionKeepsDigitsThatADoubleWouldLose() {
    Pricing p = Pricing.perMillion("0.1", "0.30000000000000000001");
    assertThat(p.prompt()).isEqualByComparingTo("0.0000001");
    assertThat(p.completion()).isEqualByComparingTo("0.00000030000000000000000001");
    BigDecimal million = BigDecimal.valueOf(1_000_000);
    assertThat(p.completion().multiply(million))
        .isEqualByComparingTo("0.30000000000000000001");
  }

  @Test
  void perTokenKeepsTheGivenDecimals() {
    Pricing p = Pricing.perToken("0.000002", "0.000008");
    assertThat(p.prompt()).isEqualTo(new BigDecimal("0.000002"));
    assertThat(p.completion()).isEqualTo(new BigDecimal("0.000008"));
    assertThat(p.overrides()).isEmpty();
    assertThat(p.isFree()).isFalse();
  }

  @Test
  void perMillionAndPerTokenAgreeByComparisonThoughTheirScalesDiffer() {
    Pricing million = Pricing.perMillion("2.50", "10");
    Pricing token = Pricing.perToken("0.0000025", "0.00001");
    assertThat(million.prompt()).isEqualByComparingTo(token.prompt());
    assertThat(million.completion()).isEqualByComparingTo(token.completion());
  }

  @Test
  void freeIsFreeAndARequestFeeIsNot() {
    assertThat(Pricing.FREE.isFree()).isTrue();
    assertThat(Pricing.perToken("0", "0").isFree()).isTrue();
    assertThat(Pricing.FREE.withRequest(new BigDecimal("0.01")).isFree()).isFalse();
    assertThat(Pricing.FREE.withRequest(BigDecimal.ZERO).isFree()).isTrue();
    assertThat(Pricing.perToken("0", "0.000001").isFree()).isFalse();
  }

  @Test
  void withCacheAndWithRequestCopyTheOtherFields() {
    Pricing base = Pricing.perMillion("3", "15");
    Pricing cached = base.withCache(new BigDecimal("0.0000003"), new BigDecimal("0.00000375"));
    assertThat(cached.prompt()).isEqualTo(base.prompt());
    assertThat(cached.inputCacheRead()).isEqualByComparingTo("0.0000003");
    assertThat(cached.inputCacheWrite()).isEqualByComparingTo("0.00000375");
    Pricing fee = cached.withRequest(new BigDecimal("0.005"));
    assertThat(fee.inputCacheRead()).isEqualTo(cached.inputCacheRead());
    assertThat(fee.request()).isEqualByComparingTo("0.005");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"prompt", "completion", "request", "image", "web_search",
      "internal_reasoning", "input_cache_read", "input_cache_write", "input_cache_write_1h"})
  void aNegativePriceIsRejectedNamingTheField(String field) {
    BigDecimal z = BigDecimal.ZERO;
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> new Pricing(
        field.equals("prompt") ? NEG : z,
        field.equals("completion") ? NEG : z,
        field.equals("request") ? NEG : null,
        field.equals("image") ? NEG : null,
        field.equals("web_search") ? NEG : null,
        field.equals("internal_reasoning") ? NEG : null,
        field.equals("input_cache_read") ? NEG : null,
        field.equals("input_cache_write") ? NEG : null,
        field.equals("input_cache_write_1h") ? NEG : null,
        null));
    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo("pricing." + field);
    assertThat(e.getMessage()).isEqualTo("pricing." + field + ": must not be negative, was -0.000001");
  }

  @Test
  void zeroPricesAreAccepted() {
    BigDecimal z = BigDecimal.ZERO;
    Pricing p = new Pricing(z, z, z, z, z, z, z, z, z, List.of());
    assertThat(p.isFree()).isTrue();
  }

  @Test
  void promptAndCompletionPricesAreRequired() {
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> new Pricing(null, BigDecimal.ONE, null, null, null, null, null, null, null, null))
        .field()).isEqualTo("pricing.prompt");
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> new Pricing(BigDecimal.ONE, null, null, null, null, null, null, null, null, null))
        .field()).isEqualTo("pricing.completion");
  }

  @Test
  void overridesAreCopiedAndUnmodifiable() {
    List<PriceOverride> tiers = new ArrayList<>(
        List.of(new PriceOverride(200_000, new BigDecimal("0.000006"), null, null, null)));
    Pricing p = new Pricing(BigDecimal.ONE, BigDecimal.ONE, null, null, null, null, null, null,
        null, tiers);
    tiers.clear();
    assertThat(p.overrides()).hasSize(1);
    assertThatThrownBy(() -> p.overrides().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  /** What Pricing was when it was a record: its equals, hashCode and toString are the model. */
  private record Twin(BigDecimal prompt, BigDecimal completion, BigDecimal request,
      BigDecimal image, BigDecimal webSearch, BigDecimal internalReasoning,
      BigDecimal inputCacheRead, BigDecimal inputCacheWrite, BigDecimal inputCacheWrite1h,
      List<PriceOverride> overrides) {
    static Twin of(Pricing p) {
      return new Twin(p.prompt(), p.completion(), p.request(), p.image(), p.webSearch(),
          p.internalReasoning(), p.inputCacheRead(), p.inputCacheWrite(), p.inputCacheWrite1h(),
          p.overrides());
    }
  }

  private static Pricing full() {
    return new Pricing(new BigDecimal("0.000003"), new BigDecimal("0.000015"),
        new BigDecimal("0.005"), new BigDecimal("0.001"), new BigDecimal("0.01"),
        new BigDecimal("0.000010"), new BigDecimal("3E-7"), new BigDecimal("0.00000375"),
        new BigDecimal("0.000006"),
        List.of(new PriceOverride(200_000, new BigDecimal("0.000006"), null, null, null)));
  }

  @Test
  void equalsHashCodeAndToStringAreThoseOfTheRecordItWas() {
    for (Pricing p : List.of(full(), Pricing.FREE, Pricing.perToken("0.000002", "0.000008"),
        Pricing.perMillion("3", "15").withCache(new BigDecimal("0.0000003"), null))) {
      Twin twin = Twin.of(p);
      assertThat(p.hashCode()).isEqualTo(twin.hashCode());
      assertThat(p.toString()).isEqualTo(twin.toString().replaceFirst("^Twin\\[", "Pricing["));
    }
    assertThat(full()).hasToString("Pricing[prompt=0.000003, completion=0.000015, request=0.005,"
        + " image=0.001, webSearch=0.01, internalReasoning=0.000010, inputCacheRead=3E-7,"
        + " inputCacheWrite=0.00000375, inputCacheWrite1h=0.000006, overrides=[PriceOverride["
        + "minPromptTokens=200000, prompt=0.000006, completion=null, inputCacheRead=null,"
        + " inputCacheWrite=null]]]");
  }

  @Test
  void pricingsAreEqualWhenEveryPriceIsEqualScaleIncluded() {
    Pricing a = full();
    assertThat(a).isEqualTo(full()).hasSameHashCodeAs(full()).isEqualTo(a);
    assertThat(a).isNotEqualTo(null).isNotEqualTo(Twin.of(a));
    BigDecimal[] prices = {a.prompt(), a.completion(), a.request(), a.image(), a.webSearch(),
        a.internalReasoning(), a.inputCacheRead(), a.inputCacheWrite(), a.inputCacheWrite1h()};
    for (int i = 0; i < prices.length; i++) {
      BigDecimal[] other = prices.clone();
      other[i] = other[i].setScale(other[i].scale() + 1); // equal by value, not by scale
      Pricing b = new Pricing(other[0], other[1], other[2], other[3], other[4], other[5],
          other[6], other[7], other[8], a.overrides());
      assertThat(b).as("price %d", i).isNotEqualTo(a);
      assertThat(a).as("price %d", i).isNotEqualTo(b);
      if (i >= 2) {
        other[i] = null;
        assertThat(new Pricing(other[0], other[1], other[2], other[3], other[4], other[5],
            other[6], other[7], other[8], a.overrides())).as("price %d", i).isNotEqualTo(a);
      }
    }
    assertThat(a.withCache(a.inputCacheRead(), a.inputCacheWrite())).isEqualTo(a);
    assertThat(new Pricing(a.prompt(), a.completion(), a.request(), a.image(), a.webSearch(),
        a.internalReasoning(), a.inputCacheRead(), a.inputCacheWrite(), a.inputCacheWrite1h(),
        null)).isNotEqualTo(a).isEqualTo(new Pricing(a.prompt(), a.completion(), a.request(),
        a.image(), a.webSearch(), a.internalReasoning(), a.inputCacheRead(),
        a.inputCacheWrite(), a.inputCacheWrite1h(), List.of()));
  }
}
