package dev.router4j.api;

/**
 * A fragment of a tool call in a stream. The first fragment of a call carries its id and
 * name; later fragments with the same {@link #index()} carry pieces of the arguments, to be
 * concatenated in order.
 *
 * @param index which call of the message this fragment belongs to
 * @param id the call id (first fragment), or null
 * @param name the function name (first fragment), or null
 * @param arguments a piece of the arguments JSON text, or null
 */
public record ToolCallDelta(int index, String id, String name, String arguments) {
  /** The wire type, {@code "function"}, or null for a later fragment. */
  public String type() {
    return id != null ? "function" : null;
  }
}
