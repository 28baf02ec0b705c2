package dev.router4j.api;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.internal.Checks;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One chat message. Content is either a plain string ({@link #content()}) or a list of parts
 * ({@link #parts()}), never both; the form given is the form written back to JSON.
 *
 * <pre>{@code
 * Message.system("You are terse.");
 * Message.user("Describe this.", ContentPart.imageUrl("https://example.com/cat.png"));
 * Message.assistant(List.of(new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}")));
 * Message.tool("call_1", "{\"celsius\":21}");
 * }</pre>
 *
 * @param role who wrote it
 * @param content the content as a plain string, or null
 * @param parts the content as parts, or null
 * @param name the participant's name, or null
 * @param toolCallId for a tool message, the call it answers
 * @param toolCalls for an assistant message, the calls it made (empty when none)
 * @param refusal for an assistant message, the refusal text, or null
 * @param reasoning for an assistant message, its reasoning text, or null
 * @param reasoningDetails for an assistant message, its reasoning blocks to echo back
 * @param annotations for an assistant message, citations and other notes
 * @param extra other fields, kept for the round trip
 */
public record Message(
    Role role,
    String content,
    List<ContentPart> parts,
    String name,
    String toolCallId,
    List<ToolCall> toolCalls,
    String refusal,
    String reasoning,
    List<ReasoningDetail> reasoningDetails,
    List<Annotation> annotations,
    Map<String, Object> extra) {

  /** Checks the combination of fields for the role and copies the lists. */
  public Message {
    Objects.requireNonNull(role, "role");
    if (content != null && parts != null) {
      throw new InvalidRequestException("content", "give a string or parts, not both");
    }
    parts = Checks.listOrNull(parts, "content");
    toolCalls = Checks.list(toolCalls, "tool_calls");
    reasoningDetails = Checks.list(reasoningDetails, "reasoning_details");
    annotations = Checks.list(annotations, "annotations");
    extra = Checks.jsonObject(extra);
    if (role == Role.TOOL && (toolCallId == null || toolCallId.isEmpty())) {
      throw new InvalidRequestException("tool_call_id", "a tool message must name the tool call it answers");
    }
    if (role != Role.TOOL && toolCallId != null) {
      throw new InvalidRequestException("tool_call_id", "only a tool message answers a tool call");
    }
    if (role != Role.ASSISTANT && !toolCalls.isEmpty()) {
      throw new InvalidRequestException("tool_calls", "only an assistant message makes tool calls");
    }
    if (role != Role.USER && parts != null) {
      for (ContentPart p : parts) {
        if (!(p instanceof ContentPart.Text)) {
          throw new InvalidRequestException("content",
              (role == Role.ASSISTANT ? "an " : "a ") + role.wireName()
                  + " message may hold only text parts, found " + p.type());
        }
      }
    }
  }

  /** A system message. */
  public static Message system(String text) {
    return builder(Role.SYSTEM).content(text).build();
  }

  /** A developer message. */
  public static Message developer(String text) {
    return builder(Role.DEVELOPER).content(text).build();
  }

  /** A user message with plain text. */
  public static Message user(String text) {
    return builder(Role.USER).content(text).build();
  }

  /** A user message made of a text part followed by other parts. */
  public static Message user(String text, ContentPart... more) {
    ContentPart[] all = new ContentPart[more.length + 1];
    all[0] = ContentPart.text(text);
    System.arraycopy(more, 0, all, 1, more.length);
    return builder(Role.USER).parts(Arrays.asList(all)).build();
  }

  /** A user message made of parts. */
  public static Message user(List<ContentPart> parts) {
    return builder(Role.USER).parts(parts).build();
  }

  /** An assistant message with plain text. */
  public static Message assistant(String text) {
    return builder(Role.ASSISTANT).content(text).build();
  }

  /** An assistant message that calls tools. */
  public static Message assistant(List<ToolCall> toolCalls) {
    return builder(Role.ASSISTANT).toolCalls(toolCalls).build();
  }

  /** A tool result answering the given call. */
  public static Message tool(String toolCallId, String result) {
    return builder(Role.TOOL).toolCallId(toolCallId).content(result).build();
  }

  /** A builder for a message with the given role. */
  public static Builder builder(Role role) {
    return new Builder(role);
  }

  /** A builder holding this message's fields. */
  public Builder toBuilder() {
    Builder b = new Builder(role);
    b.content = content;
    b.parts = parts;
    b.name = name;
    b.toolCallId = toolCallId;
    b.toolCalls = toolCalls;
    b.refusal = refusal;
    b.reasoning = reasoning;
    b.reasoningDetails = reasoningDetails;
    b.annotations = annotations;
    b.extra = extra;
    return b;
  }

  /**
   * The message's text: the string content, or its text parts joined; empty when there is
   * none.
   */
  public String text() {
    if (content != null) {
      return content;
    }
    if (parts == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (ContentPart p : parts) {
      if (p instanceof ContentPart.Text t) {
        b.append(t.text());
      }
    }
    return b.toString();
  }

  /** Whether the content was given (as a string or as parts); false for {@code content: null}. */
  public boolean hasContent() {
    return content != null || parts != null;
  }

  /** Builds a {@link Message}. Not thread-safe. */
  public static final class Builder {
    private final Role role;
    private String content;
    private List<ContentPart> parts;
    private String name;
    private String toolCallId;
    private List<ToolCall> toolCalls;
    private String refusal;
    private String reasoning;
    private List<ReasoningDetail> reasoningDetails;
    private List<Annotation> annotations;
    private Map<String, Object> extra;

    private Builder(Role role) {
      this.role = Objects.requireNonNull(role, "role");
    }

    /** Plain-string content (clears parts). */
    public Builder content(String content) {
      this.content = content;
      this.parts = null;
      return this;
    }

    /** Content parts (clears the string content). */
    public Builder parts(List<ContentPart> parts) {
      this.parts = parts;
      this.content = null;
      return this;
    }

    /** The participant's name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The tool call a tool message answers. */
    public Builder toolCallId(String toolCallId) {
      this.toolCallId = toolCallId;
      return this;
    }

    /** The tool calls an assistant message makes. */
    public Builder toolCalls(List<ToolCall> toolCalls) {
      this.toolCalls = toolCalls;
      return this;
    }

    /** An assistant's refusal text. */
    public Builder refusal(String refusal) {
      this.refusal = refusal;
      return this;
    }

    /** An assistant's reasoning text. */
    public Builder reasoning(String reasoning) {
      this.reasoning = reasoning;
      return this;
    }

    /** An assistant's reasoning blocks, to echo back. */
    public Builder reasoningDetails(List<ReasoningDetail> reasoningDetails) {
      this.reasoningDetails = reasoningDetails;
      return this;
    }

    /** An assistant's annotations. */
    public Builder annotations(List<Annotation> annotations) {
      this.annotations = annotations;
      return this;
    }

    /** Other fields, kept for the round trip. */
    public Builder extra(Map<String, Object> extra) {
      this.extra = extra;
      return this;
    }

    /** Builds the message. */
    public Message build() {
      return new Message(role, content, parts, name, toolCallId, toolCalls, refusal, reasoning,
          reasoningDetails, annotations, extra);
    }
  }
}
