package dev.router4j.api.routing;

import dev.router4j.api.internal.Checks;
import java.math.BigDecimal;

/**
 * Cutoffs on an endpoint statistic (throughput in tokens per second, or latency in seconds)
 * at one or more percentiles. A plain number on the wire means the p50 cutoff alone
 * ({@link #scalar()} true); an object names each percentile. Every given cutoff must be met.
 *
 * @param p50 cutoff at the median, or null
 * @param p75 cutoff at p75, or null
 * @param p90 cutoff at p90, or null
 * @param p99 cutoff at p99, or null
 * @param scalar whether the cutoff was given as a plain number (p50 only)
 */
public record PercentileCutoffs(
    BigDecimal p50, BigDecimal p75, BigDecimal p90, BigDecimal p99, boolean scalar) {

  /** Checks the values. */
  public PercentileCutoffs {
    Checks.nonNegative(p50, "p50");
    Checks.nonNegative(p75, "p75");
    Checks.nonNegative(p90, "p90");
    Checks.nonNegative(p99, "p99");
    if (scalar && (p50 == null || p75 != null || p90 != null || p99 != null)) {
      throw new IllegalArgumentException("a scalar cutoff holds the p50 value alone");
    }
  }

  /** A plain-number cutoff, applied to the median. */
  public static PercentileCutoffs of(BigDecimal p50) {
    return new PercentileCutoffs(p50, null, null, null, true);
  }

  /** A plain-number cutoff, applied to the median. */
  public static PercentileCutoffs of(double p50) {
    return of(BigDecimal.valueOf(p50));
  }
}
