package dev.router4j.internal.streaming;

import dev.router4j.api.Annotation;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Delta;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Message;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.Role;
import dev.router4j.api.ToolCall;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the complete answer from a stream's chunks, as they pass: content and reasoning are
 * appended, tool-call fragments joined by index, the last usage kept. Not thread-safe; one
 * stream feeds it from one thread.
 */
public final class StreamAssembler {
  private String id;
  private Long created;
  private String model;
  private String provider;
  private String fingerprint;
  private Usage usage;
  private final Map<Integer, ChoiceState> choices = new TreeMap<>();
  /** The state of choice 0, which nearly every chunk adds to, without a map look-up. */
  private ChoiceState first;

  private static final class ChoiceState {
    final StringBuilder content = new StringBuilder();
    StringBuilder refusal;
    StringBuilder reasoning;
    // Made on first use: most answers have no details, annotations or tool calls.
    List<ReasoningDetail> details = List.of();
    List<Annotation> annotations = List.of();
    Map<Integer, ToolState> tools = Map.of();
    boolean sawContent;
    FinishReason finish;
    String nativeFinish;
  }

  private static final class ToolState {
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();
  }

  /** Adds one chunk. */
  public void add(ChatChunk chunk) {
    if (id == null) {
      id = chunk.id();
    }
    if (created == null) {
      created = chunk.created();
    }
    if (model == null) {
      model = chunk.model();
    }
    if (provider == null) {
      provider = chunk.provider();
    }
    if (fingerprint == null) {
      fingerprint = chunk.systemFingerprint();
    }
    if (chunk.usage() != null) {
      usage = chunk.usage();
    }
    List<ChunkChoice> list = chunk.choices();
    for (int i = 0; i < list.size(); i++) {
      ChunkChoice c = list.get(i);
      ChoiceState s = c.index() == 0 && first != null ? first : state(c.index());
      Delta d = c.delta();
      if (d.content() != null) {
        s.content.append(d.content());
        s.sawContent = true;
      }
      if (d.refusal() != null) {
        (s.refusal == null ? s.refusal = new StringBuilder() : s.refusal).append(d.refusal());
      }
      if (d.reasoning() != null) {
        (s.reasoning == null ? s.reasoning = new StringBuilder() : s.reasoning).append(d.reasoning());
      }
      if (!d.reasoningDetails().isEmpty()) {
        (s.details.isEmpty() ? s.details = new ArrayList<>() : s.details)
            .addAll(d.reasoningDetails());
      }
      if (!d.annotations().isEmpty()) {
        (s.annotations.isEmpty() ? s.annotations = new ArrayList<>() : s.annotations)
            .addAll(d.annotations());
      }
      List<ToolCallDelta> calls = d.toolCalls();
      for (int k = 0; k < calls.size(); k++) {
        ToolCallDelta t = calls.get(k);
        if (s.tools.isEmpty()) {
          s.tools = new TreeMap<>();
        }
        ToolState ts = s.tools.computeIfAbsent(t.index(), n -> new ToolState());
        if (t.id() != null) {
          ts.id = t.id();
        }
        if (t.name() != null) {
          ts.name = ts.name == null ? t.name() : ts.name;
        }
        if (t.arguments() != null) {
          ts.arguments.append(t.arguments());
        }
      }
      if (c.finishReason() != null) {
        s.finish = c.finishReason();
        s.nativeFinish = c.nativeFinishReason();
      }
    }
  }

  private ChoiceState state(int index) {
    ChoiceState s = choices.computeIfAbsent(index, k -> new ChoiceState());
    if (index == 0) {
      first = s;
    }
    return s;
  }

  /** Whether a chunk carried something the caller sees: content, refusal, reasoning or a tool call. */
  public static boolean carriesOutput(ChatChunk chunk) {
    List<ChunkChoice> list = chunk.choices();
    for (int i = 0; i < list.size(); i++) {
      Delta d = list.get(i).delta();
      if ((d.content() != null && !d.content().isEmpty()) || d.refusal() != null
          || d.reasoning() != null || !d.toolCalls().isEmpty() || !d.reasoningDetails().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The content of the first choice so far. */
  public String text() {
    ChoiceState s = choices.get(0);
    return s == null ? "" : s.content.toString();
  }

  /** The usage seen so far, or null. */
  public Usage usage() {
    return usage;
  }

  /** The answer assembled from everything added. */
  public ChatResponse response() {
    List<Choice> out = new ArrayList<>(choices.size());
    for (Map.Entry<Integer, ChoiceState> e : choices.entrySet()) {
      ChoiceState s = e.getValue();
      List<ToolCall> calls = new ArrayList<>(s.tools.size());
      for (Map.Entry<Integer, ToolState> t : s.tools.entrySet()) {
        ToolState ts = t.getValue();
        String callId = ts.id != null ? ts.id : "call_" + t.getKey();
        calls.add(new ToolCall(callId, ts.name == null ? "" : ts.name,
            ts.arguments.length() == 0 ? "{}" : ts.arguments.toString()));
      }
      Message message = Message.builder(Role.ASSISTANT)
          .content(s.sawContent || calls.isEmpty() ? s.content.toString() : null)
          .refusal(s.refusal == null ? null : s.refusal.toString())
          .reasoning(s.reasoning == null ? null : s.reasoning.toString())
          .reasoningDetails(s.details)
          .annotations(s.annotations)
          .toolCalls(calls)
          .build();
      out.add(new Choice(e.getKey(), message, s.finish, s.nativeFinish, null, null));
    }
    return ChatResponse.builder().id(id).object("chat.completion").created(created).model(model)
        .provider(provider).systemFingerprint(fingerprint).choices(out).usage(usage).build();
  }
}
