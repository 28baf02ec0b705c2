package dev.router4j.api.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PercentileCutoffsTest {

  @Test
  void aPlainNumberIsAScalarP50Cutoff() {
    PercentileCutoffs c = PercentileCutoffs.of(0.5);
    assertThat(c.scalar()).isTrue();
    assertThat(c.p50()).isEqualByComparingTo("0.5");
    assertThat(c.p75()).isNull();
  }

  @Test
  void aScalarCutoffWithOtherPercentilesIsRejected() {
    assertThatThrownBy(() -> new PercentileCutoffs(BigDecimal.ONE, BigDecimal.TEN, null, null, true))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("a scalar cutoff holds the p50 value alone");
    assertThatThrownBy(() -> new PercentileCutoffs(null, null, null, null, true))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNegativeCutoffIsRejected() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> new PercentileCutoffs(null, null, null, new BigDecimal("-1"), false));
    assertThat(e.field()).isEqualTo("p99");
    assertThat(e.getMessage()).isEqualTo("p99: must not be negative, was -1");
  }
}
