package dev.router4j.api;

import dev.router4j.api.error.InvalidRequestException;

/** The author of a chat message, with its wire name. */
public enum Role {
  /** Instructions from the application. */
  SYSTEM("system"),
  /** Instructions from the developer (OpenAI's replacement for system on newer models). */
  DEVELOPER("developer"),
  /** The end user. */
  USER("user"),
  /** The model. A trailing assistant message is a prefill. */
  ASSISTANT("assistant"),
  /** The result of a tool call, answering a {@link ToolCall} by its id. */
  TOOL("tool");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  /** The name on the wire, for example {@code "assistant"}. */
  public String wireName() {
    return wire;
  }

  /**
   * The role with the given wire name.
   *
   * @throws InvalidRequestException if no role has that name
   */
  public static Role fromWire(String name) {
    for (Role r : values()) {
      if (r.wire.equals(name)) {
        return r;
      }
    }
    throw new InvalidRequestException(
        "role", "unknown role '" + name + "' (expected system, developer, user, assistant or tool)");
  }
}
