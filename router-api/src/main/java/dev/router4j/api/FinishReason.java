package dev.router4j.api;

import java.util.Locale;

/** Why the model stopped, normalized across providers; the native value is kept alongside. */
public enum FinishReason {
  /** A natural end or a stop sequence. */
  STOP("stop"),
  /** The token limit was reached. */
  LENGTH("length"),
  /** The model called tools. */
  TOOL_CALLS("tool_calls"),
  /** A safety or recitation filter stopped it. */
  CONTENT_FILTER("content_filter"),
  /** The generation failed. */
  ERROR("error");

  private final String wire;

  FinishReason(String wire) {
    this.wire = wire;
  }

  /** The normalized wire name. */
  public String wireName() {
    return wire;
  }

  /**
   * Maps a provider's native finish reason to the normalized one: OpenAI, Anthropic
   * ({@code end_turn}, {@code max_tokens}, {@code tool_use}, {@code refusal}...) and Gemini
   * ({@code STOP}, {@code MAX_TOKENS}, {@code SAFETY}, {@code RECITATION}...). Returns null for
   * null, and {@link #STOP} for a value it does not know (the safe reading of "it ended").
   */
  public static FinishReason normalize(String nativeReason) {
    if (nativeReason == null) {
      return null;
    }
    switch (nativeReason.toLowerCase(Locale.ROOT)) {
      case "length":
      case "max_tokens":
      case "model_context_window_exceeded":
        return LENGTH;
      case "tool_calls":
      case "tool_use":
      case "function_call":
        return TOOL_CALLS;
      case "content_filter":
      case "safety":
      case "recitation":
      case "blocklist":
      case "prohibited_content":
      case "spii":
      case "image_safety":
      case "refusal":
        return CONTENT_FILTER;
      case "error":
      case "malformed_function_call":
        return ERROR;
      default:
        return STOP;
    }
  }

  /** The value with the given normalized wire name, or null when none has it. */
  public static FinishReason fromWire(String wire) {
    for (FinishReason f : values()) {
      if (f.wire.equals(wire)) {
        return f;
      }
    }
    return null;
  }
}
