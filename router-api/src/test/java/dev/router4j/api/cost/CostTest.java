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
}
