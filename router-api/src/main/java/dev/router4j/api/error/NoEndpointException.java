package dev.router4j.api.error;

import java.util.List;

/**
 * No endpoint can serve the request: the model is unknown, or every endpoint was excluded by
 * a filter. {@link #exclusions()} lists each endpoint considered and why it was left out.
 */
public class NoEndpointException extends RouterException {
  private static final long serialVersionUID = 1L;

  private final List<String> exclusions;

  /** Creates the exception with one line per excluded endpoint ("provider/model: reason"). */
  public NoEndpointException(String message, List<String> exclusions) {
    super(ErrorCategory.NOT_FOUND, exclusions.isEmpty() ? message : message + " " + exclusions);
    this.exclusions = List.copyOf(exclusions);
  }

  /** One line per excluded endpoint, naming it and the reason. */
  public List<String> exclusions() {
    return exclusions;
  }
}
