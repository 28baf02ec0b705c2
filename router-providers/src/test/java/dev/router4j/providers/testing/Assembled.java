package dev.router4j.providers.testing;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Delta;
import dev.router4j.api.FinishReason;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client assembles from a stream's chunks: text, reasoning, refusal, reasoning details,
 * tool calls by index (id, name, arguments), the finish and the usage.
 */
public record Assembled(String text, String reasoning, String refusal,
    List<ReasoningDetail> details, Map<Integer, String[]> tools, FinishReason finish,
    String nativeFinish, Usage usage) {

  /** Assembles the chunks. */
  public static Assembled of(List<ChatChunk> chunks) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    StringBuilder refusal = new StringBuilder();
    List<ReasoningDetail> details = new ArrayList<>();
    Map<Integer, String[]> tools = new TreeMap<>();
    FinishReason finish = null;
    String nativeFinish = null;
    Usage usage = null;
    for (ChatChunk c : chunks) {
      if (c.usage() != null) {
        usage = c.usage();
      }
      for (ChunkChoice choice : c.choices()) {
        Delta d = choice.delta();
        if (d.content() != null) {
          text.append(d.content());
        }
        if (d.reasoning() != null) {
          reasoning.append(d.reasoning());
        }
        if (d.refusal() != null) {
          refusal.append(d.refusal());
        }
        details.addAll(d.reasoningDetails());
        for (ToolCallDelta t : d.toolCalls()) {
          String[] call = tools.computeIfAbsent(t.index(), k -> new String[] {null, null, ""});
          if (t.id() != null) {
            call[0] = t.id();
          }
          if (t.name() != null) {
            call[1] = t.name();
          }
          if (t.arguments() != null) {
            call[2] += t.arguments();
          }
        }
        if (choice.finishReason() != null) {
          finish = choice.finishReason();
          nativeFinish = choice.nativeFinishReason();
        }
      }
    }
    return new Assembled(text.toString(), reasoning.toString(), refusal.toString(), details,
        tools, finish, nativeFinish, usage);
  }
}
