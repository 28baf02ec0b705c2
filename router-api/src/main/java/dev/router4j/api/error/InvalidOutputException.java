package dev.router4j.api.error;

import dev.router4j.api.ChatResponse;
import java.util.List;

/**
 * The model answered, but not with what the request asked for: JSON that cannot be repaired
 * honestly, or JSON that does not satisfy the requested schema. Nothing is lost: the answer as
 * received, with its usage and cost, is in {@link #response()}.
 */
public class InvalidOutputException extends RouterException {
  private static final long serialVersionUID = 1L;

  private final transient ChatResponse response;
  private final List<String> problems;

  /** Creates the exception around the answer and what is wrong with it. */
  public InvalidOutputException(ChatResponse response, String message, List<String> problems,
      Throwable cause) {
    super(ErrorCategory.PROVIDER_ERROR, message, cause);
    this.response = response;
    this.problems = List.copyOf(problems);
  }

  /** The answer as the model gave it, with usage, cost and route. */
  public ChatResponse response() {
    return response;
  }

  /** What is wrong, one line each (JSON pointers for schema violations). */
  public List<String> problems() {
    return problems;
  }
}
