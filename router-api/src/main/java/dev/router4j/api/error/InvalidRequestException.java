package dev.router4j.api.error;

/**
 * A request that cannot be sent as it is: a value out of range, a missing field, two fields
 * that conflict, or a JSON document that does not match the chat schema. {@link #field()}
 * names the offending field as a JSON path (for example {@code $.messages[2].content[0].type})
 * or a builder property name.
 *
 * <p>It extends {@link IllegalArgumentException}'s contract in spirit but belongs to the
 * router's tree so that callers can catch one type.
 */
public class InvalidRequestException extends RouterException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /** Creates an exception naming the offending field. */
  public InvalidRequestException(String field, String message) {
    this(field, message, null);
  }

  /** Creates an exception naming the offending field, with its cause. */
  public InvalidRequestException(String field, String message, Throwable cause) {
    super(ErrorCategory.INVALID_REQUEST, field == null ? message : field + ": " + message, cause);
    this.field = field;
  }

  /** The offending field or JSON path, or null when the request as a whole is wrong. */
  public String field() {
    return field;
  }
}
