package dev.router4j.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceOverrideTest {

  @Test
  void negativePricesAndANegativeThresholdAreRejected() {
    InvalidRequestException price = catchThrowableOfType(InvalidRequestException.class,
        () -> new PriceOverride(0, null, new BigDecimal("-1"), null, null));
    assertThat(price.field()).isEqualTo("completion");
    assertThat(price.getMessage()).isEqualTo("completion: must not be negative, was -1");
    InvalidRequestException min = catchThrowableOfType(InvalidRequestException.class,
        () -> new PriceOverride(-1, null, null, null, null));
    assertThat(min.field()).isEqualTo("min_prompt_tokens");
    assertThat(min.getMessage()).isEqualTo("min_prompt_tokens: must be at least 0, was -1");
  }

  @Test
  void aTierFromZeroWithNullPricesIsAccepted() {
    PriceOverride o = new PriceOverride(0, null, null, null, null);
    assertThat(o.minPromptTokens()).isZero();
    assertThat(o.prompt()).isNull();
  }
}
