package dev.router4j.api;

import dev.router4j.api.internal.Checks;
import java.util.List;
import java.util.Map;

/**
 * What one stream chunk adds to the assistant message.
 *
 * @param role the role (first chunk), or null
 * @param content a piece of the content, or null
 * @param refusal a piece of the refusal, or null
 * @param reasoning a piece of the reasoning text, or null
 * @param reasoningDetails reasoning blocks or pieces of them
 * @param toolCalls tool-call fragments
 * @param annotations annotations
 * @param extra other fields, kept for the round trip
 */
public record Delta(
    Role role,
    String content,
    String refusal,
    String reasoning,
    List<ReasoningDetail> reasoningDetails,
    List<ToolCallDelta> toolCalls,
    List<Annotation> annotations,
    Map<String, Object> extra) {

  /** Nothing added. */
  public static final Delta EMPTY = new Delta(null, null, null, null, null, null, null, null);

  /** Copies the lists. */
  public Delta {
    reasoningDetails = Checks.list(reasoningDetails, "reasoning_details");
    toolCalls = Checks.list(toolCalls, "tool_calls");
    annotations = Checks.list(annotations, "annotations");
    extra = Checks.jsonObject(extra);
  }

  /** A delta carrying a piece of content. */
  public static Delta content(String content) {
    return new Delta(null, content, null, null, null, null, null, null);
  }
}
