package dev.router4j.api;

import dev.router4j.api.internal.Checks;

/**
 * A function call the assistant asked for. {@code arguments} is the JSON text the model
 * produced (it may be malformed; the router heals it when asked).
 *
 * @param id the call id, answered by a tool message's {@code tool_call_id}
 * @param name the function name
 * @param arguments the arguments as JSON text, never null (empty object when absent)
 */
public record ToolCall(String id, String name, String arguments) {
  /** Checks the fields. */
  public ToolCall {
    Checks.required(id, "tool_calls[].id");
    Checks.required(name, "tool_calls[].function.name");
    if (arguments == null) {
      arguments = "{}";
    }
  }

  /** The wire type of every tool call, {@code "function"}. */
  public String type() {
    return "function";
  }
}
