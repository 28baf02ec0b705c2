package dev.router4j.api.error;

/**
 * A reply that is not what its protocol promises: broken JSON, a missing required field, a
 * value of the wrong type. {@link #path()} names where, as a JSON path such as
 * {@code $.choices[0].message.tool_calls[1].function}.
 */
public class MalformedResponseException extends RouterException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /** Creates the exception naming the JSON path of the problem. */
  public MalformedResponseException(String path, String message, Throwable cause) {
    super(ErrorCategory.PROVIDER_ERROR, path == null ? message : message + " at " + path, cause);
    this.path = path;
  }

  /** The JSON path of the problem, or null when the document as a whole is wrong. */
  public String path() {
    return path;
  }
}
