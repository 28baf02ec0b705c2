package dev.router4j.api.error;

import java.util.List;

/**
 * Every endpoint of the route plan was tried and failed. The category is the last attempt's;
 * every attempt's exception is attached with {@link #addSuppressed(Throwable)} and listed by
 * {@link #failures()}, oldest first.
 */
public class AllRoutesFailedException extends RouterException {
  private static final long serialVersionUID = 1L;

  private final List<RouterException> failures;

  /** Creates the exception from the failures, oldest first; there must be at least one. */
  public AllRoutesFailedException(List<RouterException> failures) {
    super(
        failures.get(failures.size() - 1).category(),
        failures.size() + " attempt(s) failed; last: "
            + failures.get(failures.size() - 1).getMessage(),
        failures.get(failures.size() - 1));
    this.failures = List.copyOf(failures);
    for (RouterException f : this.failures) {
      if (f != getCause()) {
        addSuppressed(f);
      }
    }
  }

  /** Each attempt's failure, oldest first. */
  public List<RouterException> failures() {
    return failures;
  }

  /** Whether the last failure may be retried. */
  @Override
  public boolean retryable() {
    return last().retryable();
  }

  /** Whether the last failure is worth a fallback. */
  @Override
  public boolean fallbackWorthy() {
    return last().fallbackWorthy();
  }

  /** The last failure's retry-after hint, or null. */
  @Override
  public java.time.Duration retryAfter() {
    return last().retryAfter();
  }

  /** The last failure, whose category this exception carries. */
  public RouterException last() {
    return failures.get(failures.size() - 1);
  }
}
