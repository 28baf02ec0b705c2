package dev.router4j.api.error;

/**
 * A stream ended before its terminal event, or the provider reported an error after the
 * stream began. {@link #partialText()} holds the text that arrived before the break, so a
 * caller never mistakes a truncated answer for a complete one.
 */
public class StreamInterruptedException extends RouterException {
  private static final long serialVersionUID = 1L;

  private final String partialText;
  private final ErrorCategory cause;

  /**
   * Creates the exception.
   *
   * @param message what happened
   * @param partialText the content received before the break (never null)
   * @param underlying the category of the underlying failure (for an in-stream error event),
   *     or {@link ErrorCategory#STREAM_INTERRUPTED} for a plain break
   * @param cause the transport failure, or null
   */
  public StreamInterruptedException(
      String message, String partialText, ErrorCategory underlying, Throwable cause) {
    super(ErrorCategory.STREAM_INTERRUPTED, message, cause);
    this.partialText = partialText == null ? "" : partialText;
    this.cause = underlying == null ? ErrorCategory.STREAM_INTERRUPTED : underlying;
  }

  /** The content that arrived before the stream broke. */
  public String partialText() {
    return partialText;
  }

  /** The category of the failure that broke the stream. */
  public ErrorCategory underlyingCategory() {
    return cause;
  }
}
