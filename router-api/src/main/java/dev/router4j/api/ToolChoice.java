package dev.router4j.api;

import dev.router4j.api.error.InvalidRequestException;
import java.util.Objects;

/**
 * Whether and which tool the model must call: {@code none}, {@code auto}, {@code required},
 * or one named function.
 *
 * @param mode the mode
 * @param functionName the function to call when the mode is {@link Mode#FUNCTION}, else null
 */
public record ToolChoice(Mode mode, String functionName) {
  /** The model must not call a tool. */
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  /** The model decides. */
  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  /** The model must call at least one tool. */
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  /** The tool-choice modes. */
  public enum Mode {
    /** {@code "none"}. */
    NONE,
    /** {@code "auto"}. */
    AUTO,
    /** {@code "required"}. */
    REQUIRED,
    /** {@code {type:"function", function:{name}}}. */
    FUNCTION
  }

  /** Checks that a function name is given exactly when the mode needs one. */
  public ToolChoice {
    Objects.requireNonNull(mode, "mode");
    if ((mode == Mode.FUNCTION) != (functionName != null)) {
      throw new InvalidRequestException(
          "tool_choice", "a function name is required for, and only for, a function choice");
    }
  }

  /** The model must call the named function. */
  public static ToolChoice function(String name) {
    return new ToolChoice(Mode.FUNCTION, name);
  }
}
