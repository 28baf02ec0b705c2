package dev.router4j.providers.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import okio.Buffer;
import okio.BufferedSource;

/**
 * One complete Server-Sent Event, as dispatched by {@link SseReader} when a blank line closes
 * it.
 *
 * <p>An event read from the wire keeps its data as the UTF-8 bytes that arrived: a decoder
 * reads JSON straight from them ({@link #dataSource()}) and the checks a stream makes on every
 * event ({@link #isDone()}, {@link #isBlank()}, {@link #dataContains(Needle)}) look at them
 * too, so the data is decoded to a {@code String} only when someone asks for {@link #data()}.
 * Equality, the hash and the string form are those of the decoded data (malformed bytes read
 * as U+FFFD), whichever way the event was made. Immutable.
 */
public final class SseEvent {
  private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

  private final String event;
  private final String id;
  /** The data of an event made from a string, else null. */
  private final String text;
  /** The data's UTF-8 bytes, or null for an event made from a string; never modified. */
  private final byte[] bytes;
  /** The bytes decoded, made on first use. */
  private String decoded;

  /**
   * Creates an event.
   *
   * @param event the {@code event:} name (Anthropic's {@code message_start}, {@code error},
   *     ...), or null when the event carried no name or an empty one (the SSE default type
   *     "message")
   * @param data the {@code data:} lines joined with {@code "\n"}; never null, may be empty
   * @param id the last event id seen on the stream so far ({@code id:} persists across events
   *     as the SSE specification says), or null when the stream never sent one
   */
  public SseEvent(String event, String data, String id) {
    this.event = event;
    this.text = Objects.requireNonNull(data, "data");
    this.id = id;
    this.bytes = null;
  }

  private SseEvent(String event, byte[] utf8, String id) {
    this.event = event;
    this.text = null;
    this.bytes = utf8;
    this.id = id;
  }

  /** An event over UTF-8 data bytes that the caller hands over and never touches again. */
  static SseEvent ofOwnedBytes(String event, byte[] utf8, String id) {
    return new SseEvent(event, Objects.requireNonNull(utf8, "utf8"), id);
  }

  /** An unnamed event with the given data and no id. */
  public static SseEvent of(String data) {
    return new SseEvent(null, data, null);
  }

  /** A named event with the given data and no id. */
  public static SseEvent of(String event, String data) {
    return new SseEvent(event, data, null);
  }

  /** The {@code event:} name, or null when the event had none. */
  public String event() {
    return event;
  }

  /** The last event id seen on the stream so far, or null. */
  public String id() {
    return id;
  }

  /** The {@code data:} lines joined with {@code "\n"}; never null, may be empty. */
  public String data() {
    if (text != null) {
      return text;
    }
    String d = decoded;
    if (d == null) {
      // A race only decodes twice: the string is immutable and equal either way.
      d = bytes.length == 0 ? "" : new String(bytes, StandardCharsets.UTF_8);
      decoded = d;
    }
    return d;
  }

  /**
   * The data as a fresh source of UTF-8 bytes, for a JSON reader: no string is made when the
   * event was read from the wire.
   */
  public BufferedSource dataSource() {
    return bytes != null ? new Buffer().write(bytes) : new Buffer().writeUtf8(text);
  }

  /**
   * Whether the data holds the needle's text somewhere: the same answer as {@code
   * data().contains(...)}, since decoding keeps every ASCII byte and turns no other byte into
   * one.
   */
  public boolean dataContains(Needle needle) {
    if (bytes == null) {
      return text.contains(needle.text);
    }
    return needle.in(bytes);
  }

  /**
   * Whether this is the OpenAI-style end marker {@code data: [DONE]} (surrounding whitespace
   * ignored). The reader never treats it specially; callers decide.
   */
  public boolean isDone() {
    if (bytes == null) {
      return "[DONE]".equals(text.strip());
    }
    int n = bytes.length;
    if (n == DONE.length) {
      return Arrays.equals(bytes, DONE);
    }
    // Longer data can only be the marker with white space around it; most events are JSON.
    if (n < DONE.length || !(mayBeSpace(bytes[0]) || mayBeSpace(bytes[n - 1]))) {
      return false;
    }
    return "[DONE]".equals(data().strip());
  }

  /** Whether the data is empty or white space only ({@link String#isBlank()}). */
  public boolean isBlank() {
    if (bytes == null) {
      return text.isBlank();
    }
    for (byte b : bytes) {
      if (b < 0) {
        return data().isBlank(); // a non-ASCII character may be Unicode white space
      }
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the event's name equals {@code name} (false for unnamed events). */
  public boolean is(String name) {
    return event != null && event.equals(name);
  }

  /** The event name, or "message" (the SSE default type) when it has none. */
  public String eventOrDefault() {
    return event == null ? "message" : event;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SseEvent e && Objects.equals(event, e.event) && Objects.equals(id, e.id)
        && data().equals(e.data());
  }

  @Override
  public int hashCode() {
    return Objects.hash(event, data(), id);
  }

  /** A short description for logs: the data is cut to 200 characters. */
  @Override
  public String toString() {
    String d = data();
    String shown = d.length() <= 200 ? d : d.substring(0, 200) + "…(" + d.length() + " chars)";
    return "SseEvent{event=" + event + ", id=" + id + ", data=" + shown + "}";
  }

  /** A byte that may start or end white space once decoded: ASCII white space or non-ASCII. */
  private static boolean mayBeSpace(byte b) {
    return b < 0 || Character.isWhitespace(b);
  }

  /**
   * An ASCII text to look for in every event's data, prepared once: the search skips ahead by
   * the byte under the end of its window (Horspool), so that most bytes of an event are never
   * looked at. Immutable.
   */
  public static final class Needle {
    private final String text;
    private final byte[] bytes;
    private final byte[] skip = new byte[256];

    /**
     * Prepares {@code text}.
     *
     * @throws IllegalArgumentException unless it is 1 to 127 ASCII characters
     */
    public Needle(String text) {
      if (text.isEmpty() || text.length() > Byte.MAX_VALUE
          || !StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
        throw new IllegalArgumentException("a needle is 1 to 127 ASCII characters: " + text);
      }
      this.text = text;
      this.bytes = text.getBytes(StandardCharsets.US_ASCII);
      int n = bytes.length;
      Arrays.fill(skip, (byte) n);
      for (int k = 0; k < n - 1; k++) {
        skip[bytes[k]] = (byte) (n - 1 - k);
      }
    }

    boolean in(byte[] haystack) {
      int n = bytes.length;
      byte last = bytes[n - 1];
      for (int end = n - 1; end < haystack.length; end += skip[haystack[end] & 0xFF]) {
        if (haystack[end] == last) {
          // Backwards: in JSON the byte before a quote seldom matches, so this stops at once.
          int k = n - 2;
          int h = end - 1;
          while (k >= 0 && haystack[h] == bytes[k]) {
            k--;
            h--;
          }
          if (k < 0) {
            return true;
          }
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
