package dev.router4j.api.error;

import java.time.Duration;
import java.util.Objects;

/**
 * The root of router4j's unchecked exception tree. Every failure a caller sees from the
 * router, the codec or an adapter is a {@code RouterException} with an {@link ErrorCategory}.
 *
 * <p>Messages name what is wrong (the field, the provider, the status) and never contain a
 * credential.
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
