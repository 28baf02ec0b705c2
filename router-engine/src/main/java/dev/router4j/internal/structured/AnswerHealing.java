package dev.router4j.internal.structured;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Healing;
import dev.router4j.api.Message;
import dev.router4j.api.Plugin;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolCall;
import dev.router4j.healing.HealResult;
import dev.router4j.healing.JsonHealer;
import dev.router4j.healing.JsonSchemaValidator;
import dev.router4j.healing.Repair;
import dev.router4j.healing.UnrecoverableOutputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Repairs an answer before it reaches the caller: the content when the request asked for JSON
 * (a json_object or json_schema format, or the {@code response-healing} plugin), and the
 * arguments of every tool call (against the tool's schema, so double-encoded arguments are
 * decoded where the schema wants an object). Valid JSON passes untouched on the healer's fast
 * path; an answer that cannot be repaired honestly is refused with a typed error.
 */
public final class AnswerHealing {
  private final JsonHealer healer;

  /** Healing with the given healer. */
  public AnswerHealing(JsonHealer healer) {
    this.healer = healer;
  }

  /** Whether the request's content should be healed. */
  public static boolean wantsJson(ChatRequest r) {
    Plugin plugin = null;
    for (Plugin p : r.plugins()) {
      if (p.id().equals(Plugin.RESPONSE_HEALING)) {
        plugin = p;
      }
    }
    if (plugin != null && !plugin.isEnabled()) {
      return false;
    }
    return plugin != null || (r.responseFormat() != null && r.responseFormat().isJson());
  }

  /**
   * The answer with its JSON content and tool arguments repaired, and a {@link Healing} saying
   * what changed (none when nothing did).
   *
   * @throws UnrecoverableOutputException when the content asked to be JSON cannot be repaired
   *     or does not satisfy the schema
   */
  public ChatResponse heal(ChatRequest request, ChatResponse response) {
    boolean json = wantsJson(request);
    if (!json && request.tools().isEmpty()) {
      return response;
    }
    String schema = request.responseFormat() != null
        && request.responseFormat().type() == ResponseFormat.Type.JSON_SCHEMA
        ? request.responseFormat().schemaJson() : null;
    List<String> repairs = new ArrayList<>();
    boolean contentChanged = false;
    boolean truncated = false;
    int toolsChanged = 0;
    List<Choice> choices = new ArrayList<>(response.choices().size());
    for (Choice c : response.choices()) {
      Message m = c.message();
      Message.Builder edited = null;
      if (json && m.hasContent() && !m.text().isEmpty() && m.toolCalls().isEmpty()) {
        HealResult r = healer.heal(m.text(), schema);
        truncated |= r.truncated() || c.finishReason() == FinishReason.LENGTH;
        if (r.changed()) {
          contentChanged = true;
          edited = m.toBuilder().content(r.json());
          describe("content", r.repairs(), repairs);
        }
      } else if (json && c.finishReason() == FinishReason.LENGTH) {
        truncated = true;
      }
      if (!m.toolCalls().isEmpty()) {
        List<ToolCall> calls = new ArrayList<>(m.toolCalls().size());
        boolean any = false;
        for (ToolCall call : m.toolCalls()) {
          ToolCall healed = healArguments(request, call, repairs);
          any |= healed != call;
          toolsChanged += healed != call ? 1 : 0;
          calls.add(healed);
        }
        if (any) {
          edited = (edited == null ? m.toBuilder() : edited).toolCalls(calls);
        }
      }
      choices.add(edited == null ? c : new Choice(c.index(), edited.build(), c.finishReason(),
          c.nativeFinishReason(), c.logprobs(), c.extra()));
    }
    if (!contentChanged && toolsChanged == 0 && !truncated) {
      return response;
    }
    return response.toBuilder().choices(choices)
        .healing(new Healing(contentChanged, toolsChanged, truncated, repairs)).build();
  }

  /** A call with healed arguments, or the same call when they were fine or beyond repair. */
  private ToolCall healArguments(ChatRequest request, ToolCall call, List<String> repairs) {
    String schema = null;
    for (Tool t : request.tools()) {
      if (t.name().equals(call.name())) {
        schema = t.parametersJson();
      }
    }
    try {
      HealResult r = healer.healWith(call.arguments(), schema == null ? null : compile(schema));
      if (!r.changed()) {
        return call;
      }
      describe("tool call " + call.id(), r.repairs(), repairs);
      return new ToolCall(call.id(), call.name(), r.json());
    } catch (UnrecoverableOutputException e) {
      // The caller still gets the arguments as sent, and the reason they could not be used.
      repairs.add("tool call " + call.id() + ": left as sent, " + e.reason() + ": " + e.getMessage());
      return call;
    }
  }

  private static JsonSchemaValidator compile(String schema) {
    try {
      return JsonSchemaValidator.compile(schema);
    } catch (RuntimeException e) {
      return null; // a schema the validator cannot read only loses the schema's guidance
    }
  }

  private static void describe(String where, List<Repair> from, List<String> into) {
    for (Repair r : from) {
      into.add(where + ": " + r);
    }
  }
}
