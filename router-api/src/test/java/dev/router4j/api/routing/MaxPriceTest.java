package dev.router4j.api.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaxPriceTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"prompt", "completion", "request", "image", "audio"})
  void aNegativeLimitIsRejectedNamingTheField(String field) {
    BigDecimal neg = new BigDecimal("-0.5");
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> new MaxPrice(
            field.equals("prompt") ? neg : null,
            field.equals("completion") ? neg : null,
            field.equals("request") ? neg : null,
            field.equals("image") ? neg : null,
            field.equals("audio") ? neg : null));
    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo("provider.max_price." + field);
    assertThat(e.getMessage())
        .isEqualTo("provider.max_price." + field + ": must not be negative, was -0.5");
  }

  @Test
  void zeroLimitsAreAcceptedAndPerMillionTokensKeepsTheGivenUnits() {
    BigDecimal z = BigDecimal.ZERO;
    assertThat(new MaxPrice(z, z, z, z, z).prompt()).isZero();
    MaxPrice m = MaxPrice.perMillionTokens("2.50", null);
    assertThat(m.prompt()).isEqualTo(new BigDecimal("2.50"));
    assertThat(m.completion()).isNull();
  }
}
