package dev.router4j.api;

import dev.router4j.api.internal.Checks;
import java.util.Map;

/**
 * One block of the model's reasoning as the provider returned it ({@code reasoning_details[]}).
 * Echo these back unchanged on the next turn: Anthropic's signatures and Gemini's thought
 * signatures depend on it.
 *
 * @param type {@code reasoning.text}, {@code reasoning.summary} or {@code reasoning.encrypted}
 * @param text the reasoning text (type text), or null
 * @param summary the summary (type summary), or null
 * @param data the opaque encrypted payload (type encrypted), or null
 * @param signature the provider's signature over the block, or null
 * @param id the block id, or null
 * @param format the provider format, e.g. {@code anthropic-claude-v1}, or null
 * @param index the block's position, or null
 * @param extra any other fields, kept for the round trip
 */
public record ReasoningDetail(
    String type,
    String text,
    String summary,
    String data,
    String signature,
    String id,
    String format,
    Integer index,
    Map<String, Object> extra) {

  /** Checks and copies the fields. */
  public ReasoningDetail {
    Checks.required(type, "reasoning_details[].type");
    extra = Checks.jsonObject(extra);
  }

  /** A {@code reasoning.text} block. */
  public static ReasoningDetail text(String text, String signature) {
    return new ReasoningDetail("reasoning.text", text, null, null, signature, null, null, null, null);
  }

  /** A {@code reasoning.encrypted} block. */
  public static ReasoningDetail encrypted(String data) {
    return new ReasoningDetail("reasoning.encrypted", null, null, data, null, null, null, null, null);
  }
}
