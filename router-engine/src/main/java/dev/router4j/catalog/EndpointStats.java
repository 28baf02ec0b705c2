package dev.router4j.catalog;

/**
 * What an endpoint is known to do before the router has measured it itself: the priors the
 * planner starts from for {@code sort: throughput/latency}, {@code preferred_min_throughput},
 * {@code preferred_max_latency} and health. In a catalog file these are OpenRouter's
 * {@code uptime_last_30m}, {@code throughput_last_30m} and {@code latency_last_30m} fields.
 *
 * <p>Every value may be absent (null): an endpoint added from code, or a dump taken without
 * authentication, has no statistics.
 *
 * @param uptimeLast30m the share of successful requests, in percent (0 to 100), or null
 * @param throughput generation speed in tokens per second, never null ({@link Percentiles#NONE}
 *     when unknown)
 * @param latency time to first token in seconds, never null ({@link Percentiles#NONE} when
 *     unknown)
 */
public record EndpointStats(Double uptimeLast30m, Percentiles throughput, Percentiles latency) {

  /** No statistics at all. */
  public static final EndpointStats NONE = new EndpointStats(null, null, null);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when the uptime is outside 0 to 100 or a value is negative
   *     or not finite
   */
  public EndpointStats {
    if (uptimeLast30m != null
        && (uptimeLast30m.isNaN() || uptimeLast30m < 0 || uptimeLast30m > 100)) {
      throw new IllegalArgumentException(
          "uptime_last_30m must be a percentage from 0 to 100, was " + uptimeLast30m);
    }
    if (throughput == null) {
      throughput = Percentiles.NONE;
    }
    if (latency == null) {
      latency = Percentiles.NONE;
    }
  }

  /**
   * Statistics with the medians only.
   *
   * @param uptimeLast30m uptime in percent, or null
   * @param throughputP50 median tokens per second, or null
   * @param latencyP50 median seconds to first token, or null
   * @return the statistics
   */
  public static EndpointStats of(Double uptimeLast30m, Double throughputP50, Double latencyP50) {
    return new EndpointStats(uptimeLast30m,
        throughputP50 == null ? null : Percentiles.of(throughputP50),
        latencyP50 == null ? null : Percentiles.of(latencyP50));
  }

  /** The median throughput in tokens per second, or null when unknown. */
  public Double throughputP50() {
    return throughput.p50();
  }

  /** The median time to first token in seconds, or null when unknown. */
  public Double latencyP50() {
    return latency.p50();
  }

  /** Whether nothing at all is known. */
  public boolean isEmpty() {
    return uptimeLast30m == null && throughput.isEmpty() && latency.isEmpty();
  }

  /**
   * One statistic at the percentiles OpenRouter reports. Each may be null when unknown.
   *
   * @param p50 the median
   * @param p75 the 75th percentile
   * @param p90 the 90th percentile
   * @param p99 the 99th percentile
   */
  public record Percentiles(Double p50, Double p75, Double p90, Double p99) {

    /** Nothing known. */
    public static final Percentiles NONE = new Percentiles(null, null, null, null);

    /**
     * Checks that every given value is finite and not negative.
     *
     * @throws IllegalArgumentException otherwise
     */
    public Percentiles {
      check(p50, "p50");
      check(p75, "p75");
      check(p90, "p90");
      check(p99, "p99");
    }

    /**
     * The median alone.
     *
     * @param p50 the median
     * @return the percentiles
     */
    public static Percentiles of(double p50) {
      return new Percentiles(p50, null, null, null);
    }

    /** Whether no percentile is known. */
    public boolean isEmpty() {
      return p50 == null && p75 == null && p90 == null && p99 == null;
    }

    private static void check(Double v, String name) {
      if (v != null && (v.isNaN() || v.isInfinite() || v < 0)) {
        throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + v);
      }
    }
  }
}
