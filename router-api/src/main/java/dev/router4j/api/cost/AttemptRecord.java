package dev.router4j.api.cost;

import dev.router4j.api.RouteAttempt;
import dev.router4j.api.error.ErrorCategory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * One attempt of a recorded generation, as kept by a ledger: which endpoint was asked, how it
 * ended, how long it took and what it was charged. Failed attempts are never charged, so only a
 * {@link RouteAttempt.Outcome#SUCCESS SUCCESS} attempt may carry a non-zero cost.
 *
 * <p>The error category is kept as its name rather than as the enum so that a record written by
 * a newer router4j (with a category this version does not know) still reads back;
 * {@link #category()} maps it to the enum where it can.
 *
 * @param provider the provider slug
 * @param model the model slug asked for, or null
 * @param endpoint the endpoint's id in the catalog, or null
 * @param outcome how the attempt ended
 * @param errorCategory the failure's {@link ErrorCategory} name, or null on success
 * @param httpStatus the HTTP status, or 0 when none arrived
 * @param latency how long the attempt took, not negative
 * @param cost what the attempt was charged in US dollars: not negative, and zero unless the
 *     attempt succeeded
 */
public record AttemptRecord(
    String provider,
    String model,
    String endpoint,
    RouteAttempt.Outcome outcome,
    String errorCategory,
    int httpStatus,
    Duration latency,
    BigDecimal cost) {

  /** Checks the fields. */
  public AttemptRecord {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(cost, "cost");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    if (httpStatus < 0 || httpStatus > 999) {
      throw new IllegalArgumentException("httpStatus must be 0 or an HTTP status: " + httpStatus);
    }
    if (cost.scale() < 0) {
      cost = cost.setScale(0);
    }
    if (cost.signum() < 0) {
      throw new IllegalArgumentException("cost must not be negative: " + cost.toPlainString());
    }
    if (cost.signum() != 0 && outcome != RouteAttempt.Outcome.SUCCESS) {
      throw new IllegalArgumentException("a " + outcome + " attempt is not charged, but its cost was "
          + cost.toPlainString());
    }
  }

  /**
   * The record of a route attempt.
   *
   * @param attempt the attempt from the response's route trace
   * @param cost what it was charged: ignored (zero) unless the attempt succeeded; null for zero
   */
  public static AttemptRecord of(RouteAttempt attempt, BigDecimal cost) {
    BigDecimal charged = attempt.outcome() == RouteAttempt.Outcome.SUCCESS && cost != null
        ? cost : BigDecimal.ZERO;
    return new AttemptRecord(attempt.provider(), attempt.model(), attempt.endpoint(),
        attempt.outcome(), attempt.errorCategory() == null ? null : attempt.errorCategory().name(),
        attempt.httpStatus(), attempt.latency(), charged);
  }

  /** The error category as the enum, or null on success or when this version does not know it. */
  public ErrorCategory category() {
    if (errorCategory == null) {
      return null;
    }
    for (ErrorCategory c : ErrorCategory.values()) {
      if (c.name().equals(errorCategory)) {
        return c;
      }
    }
    return null;
  }

  /** Whether the attempt failed (retried, fell back or failed; a skipped attempt did not run). */
  public boolean failed() {
    return outcome == RouteAttempt.Outcome.RETRIED || outcome == RouteAttempt.Outcome.FELL_BACK
        || outcome == RouteAttempt.Outcome.FAILED;
  }
}
