package dev.router4j.api;

import dev.router4j.api.internal.Checks;
import java.util.Map;

/**
 * An error reported inside a stream after it began ({@code error} on a chunk).
 *
 * @param code the error code (an HTTP-like status or a string code), or null
 * @param message the message
 * @param metadata further details, such as {@code error_type}
 */
public record StreamError(Object code, String message, Map<String, Object> metadata) {
  /** Copies the metadata. */
  public StreamError {
    code = Checks.jsonValue(code);
    metadata = Checks.jsonObject(metadata);
  }
}
