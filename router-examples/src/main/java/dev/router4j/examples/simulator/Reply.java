package dev.router4j.examples.simulator;

import java.util.List;
import java.util.Map;

/** One planned answer, independent of the protocol that will carry it. */
final class Reply {
  enum Finish { STOP, LENGTH, TOOL_CALLS }

  /**
   * A tool call.
   *
   * @param idSuffix random characters the protocol prefixes ({@code call_}, {@code toolu_})
   * @param name the tool
   * @param args the arguments as a tree
   * @param argsJson the arguments as JSON text
   * @param fragments the JSON text in the pieces a stream sends
   */
  record ToolCallOut(String idSuffix, String name, Map<String, Object> args, String argsJson,
      List<String> fragments) {}

  /** The text in the pieces a stream sends; empty for a tool call. */
  final List<String> pieces;
  final String text;
  final List<ToolCallOut> toolCalls;
  final Finish finish;
  final int promptTokens;
  final int cachedTokens;
  final int cacheWriteTokens;
  final int completionTokens;

  Reply(List<String> pieces, List<ToolCallOut> toolCalls, Finish finish, int promptTokens,
      int cachedTokens, int cacheWriteTokens) {
    this.pieces = pieces;
    this.text = String.join("", pieces);
    this.toolCalls = toolCalls;
    this.finish = finish;
    this.promptTokens = promptTokens;
    this.cachedTokens = cachedTokens;
    this.cacheWriteTokens = cacheWriteTokens;
    int completion = pieces.size();
    for (ToolCallOut c : toolCalls) {
      completion += c.fragments().size();
    }
    this.completionTokens = completion;
  }

  boolean isToolCall() {
    return !toolCalls.isEmpty();
  }
}
