package dev.router4j.healing;

import java.util.Objects;

/**
 * One way in which a JSON value fails a JSON Schema.
 *
 * @param pointer where, as an RFC 6901 JSON pointer into the value ({@code ""} for the value
 *     itself, {@code /items/0/name} for a member of an element)
 * @param message what is wrong, in English
 */
public record SchemaViolation(String pointer, String message) {

  /** Checks the components. */
  public SchemaViolation {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return (pointer.isEmpty() ? "(root)" : pointer) + ": " + message;
  }
}
