package dev.router4j.workspace;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import java.time.Duration;
import java.util.Objects;

/**
 * One of the router's own rate limits has no slot free within the wait it allows. Its category
 * is {@link ErrorCategory#RATE_LIMITED}, and {@link #retryAfter()} says how long until the
 * request would be let through (absent other traffic).
 *
 * <p>Another endpoint may be tried when every limit refused was a provider, model or key limit;
 * a workspace-wide limit applies to every endpoint alike, so {@link #fallbackWorthy()} is false
 * then.
 */
public class RateLimitExceededException extends RouterException {
  private static final long serialVersionUID = 1L;

  private final String limit;
  private final Duration retryAfter;
  private final boolean fallbackWorthy;

  /**
   * Creates the exception.
   *
   * @param limit the limit that refused, as it reads in messages
   * @param retryAfter how long until the request would be let through
   * @param fallbackWorthy whether another endpoint may be free of the limit
   * @param message the full message
   */
  public RateLimitExceededException(String limit, Duration retryAfter, boolean fallbackWorthy,
      String message) {
    super(ErrorCategory.RATE_LIMITED, message);
    this.limit = Objects.requireNonNull(limit, "limit");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    this.fallbackWorthy = fallbackWorthy;
  }

  /** The limit that refused, e.g. {@code workspace prod, model *:free: 20 requests/min}. */
  public String limit() {
    return limit;
  }

  @Override
  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public boolean fallbackWorthy() {
    return fallbackWorthy;
  }
}
