package dev.router4j.api.error;

import java.time.Duration;
import java.util.Objects;

/**
 * The root of router4j's unchecked exception tree. Every failure a caller sees from the
 * router, the codec or an adapter is a {@code RouterException} with an {@link ErrorCategory}.
 *
 * <p>Messages name what is wrong (the field, the provider, the status) and never contain a
 * credential.
 *
 * <p>Stack traces: the exception the router throws to its caller shows the caller's stack. The
 * exceptions of single failed attempts that it keeps inside (an {@link AllRoutesFailedException}'s
 * {@linkplain AllRoutesFailedException#failures() failures} and cause) may have an empty one
 * when an adapter made them without it, as adapters do for a provider's error answer: their
 * message, category and fields say what went wrong, and making a trace for every failed attempt
 * would cost more than the rest of a fallback.
 */
public class RouterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCategory category;

  /** Creates an exception of the given category. */
  public RouterException(ErrorCategory category, String message) {
    this(category, message, null);
  }

  /** Creates an exception of the given category with its cause. */
  public RouterException(ErrorCategory category, String message, Throwable cause) {
    super(message, cause);
    this.category = Objects.requireNonNull(category, "category");
  }

  /**
   * Creates an exception of the given category with its cause, recording where it was made
   * only when {@code writableStackTrace} is true. Filling in a stack trace is most of the cost
   * of an exception; one that only reports a provider's answer to the router, which then
   * retries or falls back, has no use for it. An exception made without a stack trace has an
   * empty {@link #getStackTrace()}, and cannot be given one later.
   *
   * @param message the message, or null when a subclass overrides {@link #getMessage()}
   */
  protected RouterException(ErrorCategory category, String message, Throwable cause,
      boolean writableStackTrace) {
    super(message, cause, true, writableStackTrace);
    this.category = Objects.requireNonNull(category, "category");
  }

  /** What kind of failure this is. */
  public ErrorCategory category() {
    return category;
  }

  /** Whether the same endpoint may be asked again; by default the category's answer. */
  public boolean retryable() {
    return category.retryable();
  }

  /** Whether another endpoint or model may be tried; by default the category's answer. */
  public boolean fallbackWorthy() {
    return category.fallbackWorthy();
  }

  /** How long the provider asked the caller to wait before trying again, or null if it did not say. */
  public Duration retryAfter() {
    return null;
  }
}
