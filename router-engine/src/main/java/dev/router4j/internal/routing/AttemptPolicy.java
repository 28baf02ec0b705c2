package dev.router4j.internal.routing;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to ask the same endpoint again, when to move on, and when to stop; shared by blocking
 * calls and streams so both follow one rule book.
 *
 * <ul>
 *   <li>Retry the same endpoint only where it helps: a transport failure, a 429 whose
 *       Retry-After is short, a 503 — at most {@code maxRetries} times, with exponential
 *       backoff and full jitter, never past the deadline.
 *   <li>Fall back on what another endpoint may not suffer: 429, 5xx, 529, timeouts, transport
 *       failures, a context-length error (only to a larger context), a bad key of one provider.
 *   <li>Stop at once on an invalid request, a moderation refusal or a cancellation.
 * </ul>
 *
 * @param attemptTimeout how long one attempt may take
 * @param deadline how long the whole call may take, every retry and fallback included
 * @param maxRetries retries per endpoint
 * @param baseBackoff the first backoff
 * @param maxBackoff the largest backoff
 * @param maxRetryAfter the longest Retry-After the router will wait for; longer moves on
 */
public record AttemptPolicy(
    Duration attemptTimeout,
    Duration deadline,
    int maxRetries,
    Duration baseBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter) {

  /** Sensible defaults: 120 s per attempt, 300 s in all, one retry, 250 ms..4 s backoff. */
  public static final AttemptPolicy DEFAULTS = new AttemptPolicy(Duration.ofSeconds(120),
      Duration.ofSeconds(300), 1, Duration.ofMillis(250), Duration.ofSeconds(4),
      Duration.ofSeconds(10));

  /** What to do after a failed attempt. */
  public enum Action {
    /** Ask the same endpoint again after the delay. */
    RETRY,
    /** Move to the next endpoint. */
    FALL_BACK,
    /** Give up and report the failure. */
    FAIL
  }

  /**
   * The backoff before retry number {@code retry} (1-based), or null when the failure is not
   * worth a retry on the same endpoint.
   */
  public Duration retryDelay(RouterException e, int retry, RandomGenerator random) {
    if (retry > maxRetries || !e.retryable()) {
      return null;
    }
    ErrorCategory c = e.category();
    if (c != ErrorCategory.TRANSPORT && c != ErrorCategory.RATE_LIMITED
        && c != ErrorCategory.PROVIDER_OVERLOADED) {
      return null;
    }
    Duration hint = e.retryAfter();
    if (hint != null) {
      return hint.compareTo(maxRetryAfter) <= 0 ? hint : null;
    }
    if (c == ErrorCategory.RATE_LIMITED) {
      return null; // no hint: another endpoint is the better bet
    }
    long cap = Math.min(maxBackoff.toNanos(), baseBackoff.toNanos() << Math.min(20, retry - 1));
    return Duration.ofNanos((long) (random.nextDouble() * cap));
  }

  /** Whether another endpoint may be tried after this failure. */
  public static boolean fallBack(RouterException e) {
    return e.fallbackWorthy();
  }
}
