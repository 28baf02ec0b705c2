package dev.router4j.providers.internal.anthropic;

import com.squareup.moshi.JsonDataException;
import dev.router4j.api.FinishReason;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.Usage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the reply reader and the stream decoder share: the stop-reason table, the usage
 * mapping, reasoning blocks, and small helpers over JSON trees.
 */
final class AnthropicWire {
  /** The {@code format} of the reasoning details this adapter produces and echoes back. */
  static final String REASONING_FORMAT = "anthropic-claude-v1";
  /** The {@link Usage#extra()} key of the prompt tokens written to the 1-hour cache. */
  static final String CACHE_WRITE_1H = "cache_write_1h_tokens";
  /** The {@link Usage#extra()} key of the prompt tokens written to the 5-minute cache. */
  static final String CACHE_WRITE_5M = "cache_write_5m_tokens";

  private AnthropicWire() {}

  /**
   * The normalized finish reason of an Anthropic {@code stop_reason}: end_turn, stop_sequence
   * and pause_turn stop; max_tokens and model_context_window_exceeded are length; tool_use is
   * tool_calls; refusal is content_filter. An unknown value reads as stop; null stays null.
   */
  static FinishReason finishReason(String stopReason) {
    if (stopReason == null) {
      return null;
    }
    switch (stopReason.toLowerCase(Locale.ROOT)) {
      case "max_tokens":
      case "model_context_window_exceeded":
        return FinishReason.LENGTH;
      case "tool_use":
        return FinishReason.TOOL_CALLS;
      case "refusal":
        return FinishReason.CONTENT_FILTER;
      case "end_turn":
      case "stop_sequence":
      case "pause_turn":
      default:
        return FinishReason.STOP;
    }
  }

  /**
   * Normalizes Anthropic's usage object. {@code input_tokens} counts only the uncached part of
   * the prompt, so the prompt is input + cache writes + cache reads; output includes thinking,
   * which Anthropic does not count apart (reasoning tokens stay null).
   */
  static Usage usage(Map<?, ?> u) {
    int input = count(u, "input_tokens");
    int write = count(u, "cache_creation_input_tokens");
    int read = count(u, "cache_read_input_tokens");
    int output = count(u, "output_tokens");
    int prompt = input + write + read;
    Map<String, Object> extra = new LinkedHashMap<>();
    if (u.get("cache_creation") instanceof Map<?, ?> cc) {
      if (cc.get("ephemeral_1h_input_tokens") instanceof Number n) {
        extra.put(CACHE_WRITE_1H, n.intValue());
      }
      if (cc.get("ephemeral_5m_input_tokens") instanceof Number n) {
        extra.put(CACHE_WRITE_5M, n.intValue());
      }
    }
    if (u.get("server_tool_use") instanceof Map<?, ?> tools) {
      extra.put("server_tool_use", tools);
    }
    if (u.get("service_tier") instanceof String tier) {
      extra.put("service_tier", tier);
    }
    return Usage.builder()
        .promptTokens(prompt)
        .completionTokens(output)
        .totalTokens(prompt + output)
        .cachedTokens(u.containsKey("cache_read_input_tokens") ? read : null)
        .cacheWriteTokens(u.containsKey("cache_creation_input_tokens") ? write : null)
        .extra(extra)
        .build();
  }

  private static int count(Map<?, ?> u, String name) {
    Object v = u.get(name);
    if (v == null) {
      return 0;
    }
    if (!(v instanceof Number n)) {
      throw new JsonDataException("usage." + name + " must be a number, was " + v);
    }
    return Math.max(0, n.intValue());
  }

  /** A {@code thinking} block as a reasoning detail. */
  static ReasoningDetail thinking(String text, String signature, int index) {
    return new ReasoningDetail("reasoning.text", text, null, null, signature, null,
        REASONING_FORMAT, index, null);
  }

  /** A {@code redacted_thinking} block as a reasoning detail. */
  static ReasoningDetail redacted(String data, int index) {
    return new ReasoningDetail("reasoning.encrypted", null, null, data, null, null,
        REASONING_FORMAT, index, null);
  }

  // ---------------------------------------------------------------------------------------
  // JSON trees

  static String str(Object o) {
    return o instanceof String s ? s : null;
  }

  static Map<?, ?> map(Object o) {
    return o instanceof Map<?, ?> m ? m : null;
  }

  static List<?> list(Object o) {
    return o instanceof List<?> l ? l : null;
  }

  static Integer integer(Object o) {
    if (o instanceof BigDecimal d) {
      return d.intValue();
    }
    return o instanceof Number n ? n.intValue() : null;
  }
}
