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
}
