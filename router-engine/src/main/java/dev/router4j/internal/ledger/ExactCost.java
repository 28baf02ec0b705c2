package dev.router4j.internal.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact dollar amounts as two integers, for stores that can sum integers exactly but not
 * decimals (SQLite): {@code amount = nanos × 10⁻⁹ + attos × 10⁻¹⁸}, where {@code nanos} is the
 * amount truncated to whole nano-dollars and {@code attos} the rest in atto-dollars
 * ({@code |attos| < 10⁹}). Sums of each part are then exact integer sums, and
 * {@link #join(long, long)} turns them back into the exact total.
 *
 * <p>An amount finer than 10⁻¹⁸ dollars, or beyond about 4.6 billion dollars, has no such
 * form ({@link #split} returns null); stores sum those from their decimal text instead.
 */
public final class ExactCost {
  private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

  private ExactCost() {}

  /** {nanos, attos} for the amount, or null when it is finer than 10⁻¹⁸ or too large. */
  public static long[] split(BigDecimal amount) {
    BigDecimal units = amount.movePointRight(18);
    BigInteger whole;
    try {
      whole = units.toBigIntegerExact();
    } catch (ArithmeticException e) {
      return null;
    }
    BigInteger[] qr = whole.divideAndRemainder(BILLION);
    if (qr[0].bitLength() > 62) {
      return null; // leaves headroom so that sums of a few such amounts still fit
    }
    return new long[] {qr[0].longValue(), qr[1].longValue()};
  }

  /** The exact amount {@code nanos × 10⁻⁹ + attos × 10⁻¹⁸}. */
  public static BigDecimal join(long nanos, long attos) {
    return BigDecimal.valueOf(nanos, 9).add(BigDecimal.valueOf(attos, 18));
  }
}
