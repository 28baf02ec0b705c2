package dev.router4j.providers.internal.http;

import java.util.Objects;

/**
 * One complete Server-Sent Event, as dispatched by {@link SseReader} when a blank line closes
 * it.
 *
 * @param event the {@code event:} name (Anthropic's {@code message_start}, {@code error}, ...),
 *     or null when the event carried no name or an empty one (the SSE default type "message")
 * @param data the {@code data:} lines joined with {@code "\n"}; never null, may be empty
 * @param id the last event id seen on the stream so far ({@code id:} persists across events as
 *     the SSE specification says), or null when the stream never sent one
 */
public record SseEvent(String event, String data, String id) {

  /** Creates an event; {@code data} must not be null. */
  public SseEvent {
    Objects.requireNonNull(data, "data");
  }

  /** An unnamed event with the given data and no id. */
  public static SseEvent of(String data) {
    return new SseEvent(null, data, null);
  }

  /** A named event with the given data and no id. */
  public static SseEvent of(String event, String data) {
    return new SseEvent(event, data, null);
  }

  /**
   * Whether this is the OpenAI-style end marker {@code data: [DONE]} (surrounding whitespace
   * ignored). The reader never treats it specially; callers decide.
   */
  public boolean isDone() {
    return "[DONE]".equals(data.strip());
  }

  /** Whether the event's name equals {@code name} (false for unnamed events). */
  public boolean is(String name) {
    return event != null && event.equals(name);
  }

  /** The event name, or "message" (the SSE default type) when it has none. */
  public String eventOrDefault() {
    return event == null ? "message" : event;
  }

  /** A short description for logs: the data is cut to 200 characters. */
  @Override
  public String toString() {
    String shown = data.length() <= 200 ? data : data.substring(0, 200) + "…(" + data.length() + " chars)";
    return "SseEvent{event=" + event + ", id=" + id + ", data=" + shown + "}";
  }
}
