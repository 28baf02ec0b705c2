package dev.router4j.internal.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ExactCostTest {

  @Test
  void splitsIntoNanosAndAttosAndJoinsBack() {
    for (String s : new String[] {"0", "0.000001", "1.5", "0.123456789123456789",
        "12345678.123456789012345678", "-0.000000000000000001", "-3.25", "4000000000"}) {
      BigDecimal v = new BigDecimal(s);
      long[] split = ExactCost.split(v);
      assertThat(split).as(s).isNotNull();
      assertThat(Math.abs(split[1])).isLessThan(1_000_000_000L);
      assertThat(ExactCost.join(split[0], split[1])).isEqualByComparingTo(v);
    }
    assertThat(ExactCost.split(new BigDecimal("0.000001"))).containsExactly(1000, 0);
    assertThat(ExactCost.split(new BigDecimal("0.123456789123456789")))
        .containsExactly(123456789, 123456789);
  }

  @Test
  void amountsFinerThanAnAttoDollarOrHugeHaveNoSplit() {
    assertThat(ExactCost.split(new BigDecimal("0.0000000000000000001"))).isNull();
    assertThat(ExactCost.split(new BigDecimal("1E+12"))).isNull();
    assertThat(ExactCost.split(new BigDecimal("1.0000000000000000000000"))).isNotNull();
  }

  @Test
  void sumsOfSplitsAreExact() {
    long nanos = 0;
    long attos = 0;
    BigDecimal exact = BigDecimal.ZERO;
    for (int i = 1; i <= 10_000; i++) {
      BigDecimal v = new BigDecimal("0.000000000000000" + String.format("%03d", i % 1000))
          .add(new BigDecimal("0.0000001"));
      long[] s = ExactCost.split(v);
      nanos += s[0];
      attos += s[1];
      exact = exact.add(v);
    }
    assertThat(ExactCost.join(nanos, attos)).isEqualByComparingTo(exact);
  }
}
