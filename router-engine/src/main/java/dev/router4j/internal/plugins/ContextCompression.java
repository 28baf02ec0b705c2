package dev.router4j.internal.plugins;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.Message;
import dev.router4j.api.Plugin;
import dev.router4j.api.Role;
import dev.router4j.internal.tokens.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code context-compression} plugin (once the {@code middle-out} transform): when a prompt
 * does not fit an endpoint's context, messages are dropped from the middle of the conversation
 * — the oldest context the model needs least — keeping the system messages and the ends, until
 * it fits. A tool result is never kept without the assistant turn that called it.
 */
public final class ContextCompression {
  /** Endpoints this small compress by default, as OpenRouter's do. */
  public static final int DEFAULT_ON_AT_OR_BELOW = 8_192;

  private ContextCompression() {}

  /** Whether compression applies to a request bound for an endpoint of this context length. */
  public static boolean applies(ChatRequest r, int contextLength) {
    for (Plugin p : r.plugins()) {
      if (p.id().equals(Plugin.CONTEXT_COMPRESSION)) {
        return p.isEnabled();
      }
    }
    Object transforms = r.extra().get("transforms");
    if (transforms instanceof List<?> l && l.contains("middle-out")) {
      return true;
    }
    return contextLength <= DEFAULT_ON_AT_OR_BELOW;
  }

  /** The request cut down to fit {@code contextLength} with room for its completion. */
  public static ChatRequest fit(ChatRequest r, int contextLength) {
    return fit(r, contextLength, Tokenizer.forModel(r.model() == null ? "" : r.model()));
  }

  /** As {@link #fit(ChatRequest, int)}, counting with the given tokenizer. */
  public static ChatRequest fit(ChatRequest r, int contextLength, Tokenizer tokenizer) {
    int reserve = r.effectiveMaxTokens() == null ? 0 : r.effectiveMaxTokens();
    int budget = contextLength - reserve;
    if (r.messages().size() < 3 || tokenizer.promptTokens(r) <= budget) {
      return r;
    }
    List<Message> kept = new ArrayList<>(r.messages());
    while (kept.size() > 2) {
      int victim = middle(kept);
      if (victim < 0) {
        break;
      }
      removeWithPartners(kept, victim);
      ChatRequest candidate = r.toBuilder().messages(kept).build();
      if (tokenizer.promptTokens(candidate) <= budget) {
        return candidate;
      }
    }
    return r.toBuilder().messages(kept).build();
  }

  /** The droppable message nearest the middle: not a system message, not the last one. */
  private static int middle(List<Message> messages) {
    int centre = messages.size() / 2;
    for (int offset = 0; offset < messages.size(); offset++) {
      for (int i : new int[] {centre - offset, centre + offset}) {
        if (i > 0 && i < messages.size() - 1 && droppable(messages.get(i))) {
          return i;
        }
      }
    }
    return -1;
  }

  private static boolean droppable(Message m) {
    return m.role() != Role.SYSTEM && m.role() != Role.DEVELOPER;
  }

  /** Removes the message, and the tool results of an assistant turn or the turn of a result. */
  private static void removeWithPartners(List<Message> messages, int index) {
    Message m = messages.get(index);
    if (m.role() == Role.TOOL) {
      // Drop the calling assistant turn and all of its results together.
      int start = index;
      while (start > 0 && messages.get(start).role() == Role.TOOL) {
        start--;
      }
      if (messages.get(start).role() != Role.ASSISTANT || messages.get(start).toolCalls().isEmpty()) {
        start = index;
      }
      index = start;
      m = messages.get(index);
    }
    messages.remove(index);
    if (m.role() == Role.ASSISTANT && !m.toolCalls().isEmpty()) {
      while (index < messages.size() - 1 && messages.get(index).role() == Role.TOOL) {
        messages.remove(index);
      }
    }
  }
}
