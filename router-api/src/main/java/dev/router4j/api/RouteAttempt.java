package dev.router4j.api;

import dev.router4j.api.error.ErrorCategory;
import java.time.Duration;
import java.util.Objects;

/**
 * One attempt of a routed call: which endpoint was asked, how it went and how long it took.
 * The response's route trace lists every attempt in order, the answering one last.
 *
 * @param provider the provider slug
 * @param model the model slug asked for
 * @param endpoint the endpoint's id in the catalog
 * @param outcome how the attempt ended
 * @param errorCategory the failure's category, or null on success
 * @param httpStatus the HTTP status, or 0 when none arrived
 * @param detail a short description of the failure, or null
 * @param latency how long the attempt took
 */
public record RouteAttempt(
    String provider,
    String model,
    String endpoint,
    Outcome outcome,
    ErrorCategory errorCategory,
    int httpStatus,
    String detail,
    Duration latency) {

  /** How an attempt ended. */
  public enum Outcome {
    /** It answered. */
    SUCCESS,
    /** It failed and the router retried the same endpoint. */
    RETRIED,
    /** It failed and the router moved on to the next endpoint or model. */
    FELL_BACK,
    /** It failed and the call failed with it. */
    FAILED,
    /** It was not asked (circuit open, budget, rate limit). */
    SKIPPED
  }

  /** Checks the fields. */
  public RouteAttempt {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(latency, "latency");
  }

  @Override
  public String toString() {
    return provider + "/" + model + " " + outcome
        + (errorCategory == null ? "" : " " + errorCategory)
        + (httpStatus > 0 ? " HTTP " + httpStatus : "")
        + " in " + latency.toMillis() + " ms" + (detail == null ? "" : " (" + detail + ")");
  }
}
