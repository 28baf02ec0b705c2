package dev.router4j.healing;

import dev.router4j.healing.UnrecoverableOutputException.Reason;
import dev.router4j.internal.healing.partial.FrozenList;
import dev.router4j.internal.healing.partial.PartialParser;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a JSON document as it streams in, chunk by chunk, and gives the caller the value so far
 * without parsing from the start again: an object whose complete members are final, and whose
 * last member is present as far as it can be read. One reader per stream; not thread-safe.
 *
 * <pre>{@code
 * PartialJsonReader reader = PartialJsonReader.builder()
 *     .listener((pointer, value) -> System.out.println(pointer + " = " + value))
 *     .build();
 * for (String delta : List.of("```json\n{\"city\": \"Par", "is\", \"temp\": 2", "1.5, \"tags\": [\"a\"", "]}\n```")) {
 *   reader.feed(delta);
 *   Object soFar = reader.value(); // {city=Par}, then {city=Paris}, then {city=Paris, temp=21.5, tags=[a]}, ...
 * }
 * String json = reader.finishedJson(); // {"city": "Paris", "temp": 21.5, "tags": ["a"]}
 * }</pre>
 *
 * <h2>The value so far</h2>
 *
 * {@link #value()} is an immutable tree of {@code Map<String, Object>} (in document order),
 * {@code List<Object>}, {@code String}, {@link java.math.BigDecimal} (every digit kept),
 * {@code Boolean} and {@code null}. Each value is a prefix of the next one: members and elements
 * are only added, and the member being read only grows. So:
 *
 * <ul>
 *   <li>a string being read is present with the characters read so far (an escape cut by the
 *       chunk boundary, and a lone high surrogate, wait for the rest);
 *   <li>an open object or array is present with its complete members;
 *   <li>a number is present only once it is complete, when the character after it has arrived:
 *       its digits so far ({@code 12} of {@code 123}) would be a different number, not a prefix
 *       of it;
 *   <li>a literal ({@code true}, {@code false}, {@code null}) is present once complete; a key
 *       whose value has not begun is absent.
 * </ul>
 *
 * <p>A member or element is <em>final</em> once the comma or closing bracket after it has been
 * read: the {@link PartialJsonListener} hears of it then, and {@link #completedPaths()} lists
 * it. Waiting for the separator keeps a string like {@code "say "hi""} (an unescaped inner
 * quote) from being announced as {@code "say "}.
 *
 * <h2>Cost</h2>
 *
 * Each character is examined once, whatever the chunking; the reader keeps a stack of
 * open containers, each an append-only builder, and completed subtrees are frozen immutable
 * nodes that are shared, never copied. {@link #value()} only rebuilds the open spine: it costs
 * O(depth + length of the string being read) when input arrived since the last call, O(1)
 * otherwise, and the views it returns stay valid and unchanged as the reader goes on. The whole
 * text is kept (up to the size cap) for {@link #finishedJson()}.
 *
 * <h2>What it reads</h2>
 *
 * Text before the first <code>&#123;</code> or <code>[</code> is skipped: a markdown fence, prose, a
 * {@code <think>} block. A bracket in the prose that turns out not to start JSON ({@code {this}})
 * is skipped too, as long as nothing was read in it (no quoted string, no complete value). The
 * document is read as strict RFC 8259 JSON, tolerating trailing commas and raw newlines or tabs
 * in strings (kept as read); the first document ends
 * the stream (a closing fence, prose or a second document after it are ignored). When the text
 * leaves JSON after the document began ({@link #malformed()}: single quotes, comments, Python
 * literals, an unescaped quote...), the value stops where it was, and
 * {@link #finishedJson()} hands the whole text to the {@link JsonHealer}, whose answer becomes
 * the final value. The same happens when the stream ends before the document does (truncation,
 * closed at the cut as the healer does), or when the document is not an object or an array.
 *
 * <h2>Errors</h2>
 *
 * Only {@link UnrecoverableOutputException} escapes from the text: {@link Reason#TOO_LARGE}
 * past the size cap, {@link Reason#TOO_DEEP} past the depth cap, {@link Reason#MALFORMED} for a
 * number longer than 4096 characters or beyond the range of {@code BigDecimal}, and whatever the
 * healer refuses at {@link #finishedJson()}. After an error the reader accepts no more input.
 * Misuse (feeding after the end) raises {@link IllegalStateException}; an exception thrown by
 * the listener propagates, and the events not yet delivered are delivered on the next call.
 */
public final class PartialJsonReader {
  private final JsonHealer healer;
  private final int maxInputChars;
  private final int maxDepth;
  private final PartialJsonListener listener;
  private final PartialParser parser;
  private final StringBuilder text = new StringBuilder();

  private String[] paths = new String[16];
  private Object[] pathValues = new Object[16];
  private int events;
  private int delivered;

  private UnrecoverableOutputException failure;
  private boolean ended;
  private String finished;
  private Object finalValue;

  private PartialJsonReader(Builder b) {
    this.healer = b.healer;
    this.maxInputChars = b.maxInputChars;
    this.maxDepth = b.maxDepth;
    this.listener = b.listener;
    this.parser = new PartialParser(maxDepth, this::record);
  }

  /** A reader with the default healer and limits, and no listener. */
  public PartialJsonReader() {
    this(new Builder());
  }

  /** Starts a builder for a reader with a listener or other limits. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the next piece of the text. A chunk may end anywhere: inside a string, an escape, a
   * <code>&#92;u</code> sequence, a number or a literal.
   *
   * @param chunk the next characters of the stream
   * @return this reader
   * @throws UnrecoverableOutputException {@link Reason#TOO_LARGE} when the text grows past the
   *     size cap, {@link Reason#TOO_DEEP} past the depth cap, {@link Reason#MALFORMED} for a
   *     number out of range
   * @throws IllegalStateException after {@link #finishedJson()} or an error
   */
  public PartialJsonReader feed(CharSequence chunk) {
    Objects.requireNonNull(chunk, "chunk");
    if (failure != null) {
      throw new IllegalStateException("the reader stopped on an error: " + failure.getMessage());
    }
    if (ended) {
      throw new IllegalStateException("the stream has ended: finishedJson() was called");
    }
    if ((long) text.length() + chunk.length() > maxInputChars) {
      failure = new UnrecoverableOutputException(
          Reason.TOO_LARGE, "the stream grew past the cap of " + maxInputChars + " characters", maxInputChars);
      throw failure;
    }
    text.append(chunk);
    try {
      parser.feed(chunk);
    } catch (UnrecoverableOutputException e) {
      failure = e;
      throw e;
    }
    deliver();
    return this;
  }

  /**
   * The value so far (see the class comment): null until the document has begun; after
   * {@link #finishedJson()}, the final value.
   */
  public Object value() {
    return finished != null ? finalValue : parser.value();
  }

  /** Whether the value is final: the document's closing bracket was read, or the stream was finished. */
  public boolean complete() {
    return finished != null || parser.complete();
  }

  /** Whether the document has begun, so that {@link #value()} is not null. */
  public boolean started() {
    return finished != null || parser.started();
  }

  /**
   * Whether the text left JSON after the document began. The value so far stops where it was,
   * and {@link #finishedJson()} will come from the healer.
   */
  public boolean malformed() {
    return parser.malformed();
  }

  /**
   * The RFC 6901 pointers of the members and elements that are final so far, in the order they
   * became final (children before their container; {@code ""} for the whole document). An
   * immutable snapshot, O(1).
   */
  public List<String> completedPaths() {
    return FrozenList.of(paths, events);
  }

  /** How many characters were fed. */
  public int charsRead() {
    return text.length();
  }

  /**
   * Ends the stream and returns the document as strict RFC 8259 JSON. When the document was
   * read to its end as strict JSON, this is its exact text (without the fence or prose around
   * it); otherwise (a malformed or truncated document, a tolerated trailing comma or raw control
   * character, a skipped false start, a document that is not an object or array) it is what {@link JsonHealer#heal(String)} makes
   * of the whole text, and {@link #value()} becomes that value. Members that become final here
   * are announced to the listener. Calling it again returns the same text.
   *
   * @return the final JSON text
   * @throws UnrecoverableOutputException when the healer finds no honest repair
   */
  public String finishedJson() {
    if (finished != null) {
      return finished;
    }
    if (failure != null) {
      throw failure;
    }
    ended = true;
    deliver();
    String json;
    Object value;
    if (parser.complete() && parser.strict()) {
      json = text.substring((int) parser.rootStart(), (int) parser.rootEnd());
      value = parser.value();
    } else {
      json = healer.heal(text.toString()).json();
      value = parseHealed(json);
      announceRest(value);
    }
    finalValue = value;
    finished = json;
    deliver();
    return json;
  }

  /** Characters examined and elements copied so far: the witness of linear work (tests). */
  long work() {
    return parser.work();
  }

  private Object parseHealed(String json) {
    PartialParser p = new PartialParser(maxDepth + 1, (pointer, v) -> {});
    p.feed("[");
    p.feed(json);
    p.feed("]");
    if (!p.complete() || !p.strict()) {
      throw new UnrecoverableOutputException(Reason.MALFORMED, "the healed document could not be read back");
    }
    return ((List<?>) p.value()).get(0);
  }

  /** Announces the members of the healed value that were not final before, children first. */
  private void announceRest(Object value) {
    Set<String> done = new HashSet<>(Arrays.asList(paths).subList(0, events));
    walk("", value, done);
  }

  private void walk(String pointer, Object value, Set<String> done) {
    if (done.contains(pointer)) {
      return;
    }
    if (value instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        String key = (String) e.getKey();
        walk(pointer + "/" + key.replace("~", "~0").replace("/", "~1"), e.getValue(), done);
      }
    } else if (value instanceof List) {
      List<?> list = (List<?>) value;
      for (int i = 0; i < list.size(); i++) {
        walk(pointer + "/" + i, list.get(i), done);
      }
    }
    record(pointer, value);
  }

  private void record(String pointer, Object value) {
    if (events == paths.length) {
      paths = Arrays.copyOf(paths, events * 2);
      pathValues = Arrays.copyOf(pathValues, events * 2);
    }
    paths[events] = pointer;
    pathValues[events] = value;
    events++;
  }

  private void deliver() {
    if (listener == null) {
      delivered = events;
      return;
    }
    while (delivered < events) {
      int i = delivered++;
      listener.onField(paths[i], pathValues[i]);
    }
  }

  /** Builds a {@link PartialJsonReader}. Not thread-safe. */
  public static final class Builder {
    private JsonHealer healer = JsonHealer.create();
    private int maxInputChars = JsonHealer.DEFAULT_MAX_INPUT_CHARS;
    private int maxDepth = JsonHealer.DEFAULT_MAX_DEPTH;
    private PartialJsonListener listener;

    private Builder() {}

    /**
     * The healer that finishes a malformed or truncated document; its size and depth caps
     * become the reader's. Default {@link JsonHealer#create()}.
     *
     * @param healer the healer
     * @return this builder
     */
    public Builder healer(JsonHealer healer) {
      this.healer = Objects.requireNonNull(healer, "healer");
      this.maxInputChars = healer.maxInputChars();
      this.maxDepth = healer.maxDepth();
      return this;
    }

    /**
     * Told of each member and element once it is final.
     *
     * @param listener the listener, or null for none
     * @return this builder
     */
    public Builder listener(PartialJsonListener listener) {
      this.listener = listener;
      return this;
    }

    /** Builds the reader. */
    public PartialJsonReader build() {
      return new PartialJsonReader(this);
    }
  }
}
