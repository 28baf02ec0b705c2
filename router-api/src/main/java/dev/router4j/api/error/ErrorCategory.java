package dev.router4j.api.error;

/**
 * What kind of failure a {@link RouterException} reports, and what the router may do about it.
 *
 * <p>{@link #retryable()} says whether the same endpoint may be asked again (after a backoff);
 * {@link #fallbackWorthy()} says whether another endpoint or model may be tried instead.
 * A failure that is neither (an invalid request, a bad key, a moderation refusal) returns to
 * the caller at once.
 */
public enum ErrorCategory {
  /** The request is malformed or uses a value the provider rejects (HTTP 400, 413, 422). */
  INVALID_REQUEST(false, false),
  /** The key is missing, wrong or disabled (HTTP 401). */
  AUTHENTICATION(false, true),
  /** The key lacks permission, or moderation or a guardrail refused the input (HTTP 403). */
  PERMISSION(false, false),
  /** Credits, quota or a spend cap are exhausted (HTTP 402, or a local budget). */
  PAYMENT(false, true),
  /** The model or endpoint does not exist, or no endpoint is left after filtering (HTTP 404). */
  NOT_FOUND(false, true),
  /** The provider or the router's own deadline ran out (HTTP 408, 504, socket timeouts). */
  TIMEOUT(true, true),
  /** The provider is limiting this caller (HTTP 429); may carry a retry-after hint. */
  RATE_LIMITED(true, true),
  /** The prompt plus the completion do not fit the model's context window. */
  CONTEXT_LENGTH_EXCEEDED(false, true),
  /** The provider is temporarily out of capacity (HTTP 503, Anthropic 529). */
  PROVIDER_OVERLOADED(true, true),
  /** The provider failed or answered with something unusable (HTTP 500, 502, malformed body). */
  PROVIDER_ERROR(true, true),
  /** The connection failed before a complete reply: refused, reset, DNS or TLS failure. */
  TRANSPORT(true, true),
  /** A stream ended without its terminal event, or reported an error after it began. */
  STREAM_INTERRUPTED(false, false),
  /** The caller cancelled the call. */
  CANCELLED(false, false);

  private final boolean retryable;
  private final boolean fallbackWorthy;

  ErrorCategory(boolean retryable, boolean fallbackWorthy) {
    this.retryable = retryable;
    this.fallbackWorthy = fallbackWorthy;
  }

  /** Whether asking the same endpoint again, after a backoff, may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** Whether another endpoint or model may succeed where this one failed. */
  public boolean fallbackWorthy() {
    return fallbackWorthy;
  }
}
