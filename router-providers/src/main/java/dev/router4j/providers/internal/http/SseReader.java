package dev.router4j.providers.internal.http;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;

/**
 * An incremental Server-Sent Events parser that works on bytes as they arrive.
 *
 * <p>It follows the WHATWG "event stream" interpretation rules:
 *
 * <ul>
 *   <li>lines end with LF, CRLF or a lone CR; a CR at the end of one read followed by an LF at
 *       the start of the next is a single line end;
 *   <li>a line starting with {@code ':'} is a comment (keep-alives such as {@code : OPENROUTER
 *       PROCESSING}) and is discarded without being buffered;
 *   <li>{@code field: value} loses one optional space after the colon; a line without a colon
 *       is a field with an empty value;
 *   <li>{@code data} lines of one event are joined with {@code "\n"}; {@code event} names the
 *       event; {@code id} sets the last event id (kept across events); {@code retry} sets the
 *       reconnection time when it is all digits; other fields are ignored;
 *   <li>a blank line dispatches the event, provided it had at least one {@code data} line;
 *   <li>a UTF-8 byte order mark at the very start is skipped; lines are decoded as UTF-8 only
 *       once complete, so multi-byte characters split across reads decode correctly
 *       (malformed bytes become U+FFFD).
 * </ul>
 *
 * <p>An event that is not closed by a blank line when the stream ends is <em>not</em>
 * dispatched: {@link #finish()} reports whether the stream ended at an event boundary and
 * {@link #incompleteEvent()} returns what had arrived of the cut event, so callers can tell a
 * truncated stream from a complete one.
 *
 * <p>Copies are few: a pull-mode reader parses the source's buffered bytes in place, a line that
 * arrived whole is parsed where it lies (only a line cut by a read is gathered), an event keeps
 * its data as one copy of the UTF-8 bytes (decoded to a string only when asked, see {@link
 * SseEvent}), and repeated event names are shared.
 *
 * <p>Memory is bounded: each line is parsed as soon as its end arrives, and an event whose
 * field lines add up to more than {@code maxEventBytes} fails with {@link
 * EventTooLargeException} (a {@link RouterException} of category {@link
 * ErrorCategory#PROVIDER_ERROR}) instead of growing without limit.
 *
 * <p>The reader never gives {@code data: [DONE]} any meaning; see {@link SseEvent#isDone()}.
 *
 * <p>Three ways to use it:
 *
 * <ul>
 *   <li>pull from a source: {@code SseReader r = SseReader.of(body.source()); for (SseEvent e;
 *       (e = r.next()) != null; ) ...; if (r.truncated()) ...};
 *   <li>push bytes and poll: {@code r.feed(bytes); SseEvent e = r.poll(); ...; r.finish()};
 *   <li>push bytes to a listener given to {@link #SseReader(Consumer)}.
 * </ul>
 *
 * <p>Not thread-safe.
 */
public final class SseReader implements Closeable {

  /** The default cap on one event's size: 8 MiB. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024;

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final byte[] DATA = ascii("data");
  private static final byte[] EVENT = ascii("event");
  private static final byte[] ID = ascii("id");
  private static final byte[] RETRY = ascii("retry");
  private static final byte[] NO_BYTES = {};
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LFS = ONES * '\n';
  private static final long CRS = ONES * '\r';
  private static final int INITIAL_LINE = 256;
  private static final int KEEP_LINE = 64 * 1024;
  /** How many distinct event names are remembered so that a repeated one is not decoded again. */
  private static final int NAMES = 8;
  /** Longer names are not remembered: a hostile stream must not make the reader keep much. */
  private static final int MAX_NAME = 64;

  private final int maxEventBytes;
  private final BufferedSource source;
  private final Consumer<? super SseEvent> listener;
  private final ArrayDeque<SseEvent> ready = new ArrayDeque<>();
  /** Lends the pull source's buffered bytes to the parser without copying them. */
  private Buffer.UnsafeCursor cursor;

  // Current line, when it spans reads (a line that arrives whole is parsed in place).
  private byte[] line = NO_BYTES;
  private int lineLength;
  private boolean lineStarted;
  private boolean inComment;
  private boolean skipLf;

  // Byte order mark detection at stream start.
  private boolean bomChecked;
  private int bomMatched;

  // Current event: its first data line's bytes, and the lines joined once there are several.
  private byte[] firstData;
  private byte[] joined = NO_BYTES;
  private int joinedLength;
  private boolean multiLine;
  private boolean hasData;
  private String eventName;
  private final byte[][] nameBytes = new byte[NAMES][];
  private final String[] names = new String[NAMES];
  private int namesUsed;
  private long pendingBytes;
  private boolean pendingFields;

  // Stream state.
  private String lastEventId;
  private long retryMillis = -1;
  private long dispatched;
  private boolean finished;
  private boolean truncated;
  private SseEvent incomplete;
  private RuntimeException failure;

  /** A push-mode reader with the default event size cap; read events with {@link #poll()}. */
  public SseReader() {
    this(null, null, DEFAULT_MAX_EVENT_BYTES);
  }

  /** A push-mode reader with the given event size cap; read events with {@link #poll()}. */
  public SseReader(int maxEventBytes) {
    this(null, null, maxEventBytes);
  }

  /**
   * A push-mode reader that hands each event to {@code listener} as soon as it is complete,
   * from inside {@link #feed}. An exception thrown by the listener propagates out of {@code
   * feed} and leaves the reader unusable.
   */
  public SseReader(Consumer<? super SseEvent> listener) {
    this(null, Objects.requireNonNull(listener, "listener"), DEFAULT_MAX_EVENT_BYTES);
  }

  /** Like {@link #SseReader(Consumer)} with the given event size cap. */
  public SseReader(Consumer<? super SseEvent> listener, int maxEventBytes) {
    this(null, Objects.requireNonNull(listener, "listener"), maxEventBytes);
  }

  private SseReader(BufferedSource source, Consumer<? super SseEvent> listener, int maxEventBytes) {
    if (maxEventBytes <= 0) {
      throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
    }
    this.source = source;
    this.listener = listener;
    this.maxEventBytes = maxEventBytes;
  }

  /** A pull-mode reader over {@code source} with the default event size cap; see {@link #next()}. */
  public static SseReader of(Source source) {
    return of(source, DEFAULT_MAX_EVENT_BYTES);
  }

  /** A pull-mode reader over {@code source} with the given event size cap; see {@link #next()}. */
  public static SseReader of(Source source, int maxEventBytes) {
    Objects.requireNonNull(source, "source");
    BufferedSource buffered =
        source instanceof BufferedSource ? (BufferedSource) source : Okio.buffer(source);
    return new SseReader(buffered, null, maxEventBytes);
  }

  /** The cap on one event's size, in bytes. */
  public int maxEventBytes() {
    return maxEventBytes;
  }

  // ---------------------------------------------------------------------------------------
  // Pull mode

  /**
   * Reads from the source until the next event is complete and returns it, or returns null
   * once the source is exhausted (then {@link #truncated()} tells whether the stream was cut
   * inside an event). Blocks while the source blocks; returns an event as soon as its closing
   * blank line has arrived, without waiting to fill a buffer.
   *
   * @throws IOException when reading the source fails
   * @throws EventTooLargeException when an event exceeds the size cap
   */
  public SseEvent next() throws IOException {
    if (source == null) {
      throw new IllegalStateException("next() needs a reader made by SseReader.of(source); use poll()");
    }
    while (true) {
      SseEvent event = ready.poll();
      if (event != null) {
        return event;
      }
      if (finished) {
        return null;
      }
      // request(1) waits for one read from upstream at most, not for a full buffer.
      if (!source.request(1)) {
        finish();
        continue;
      }
      Buffer buffer = source.getBuffer();
      if (cursor == null) {
        cursor = new Buffer.UnsafeCursor();
      }
      int n;
      try (Buffer.UnsafeCursor c = buffer.readUnsafe(cursor)) {
        n = c.seek(0); // the first segment, parsed where it lies
        parse(c.data, c.start, n);
      }
      buffer.skip(n);
    }
  }

  /**
   * Reads the whole source, handing every event to {@code sink}, and returns true when the
   * stream ended at an event boundary (false when it was truncated inside an event).
   */
  public boolean readAll(Consumer<? super SseEvent> sink) throws IOException {
    for (SseEvent e; (e = next()) != null; ) {
      sink.accept(e);
    }
    return !truncated;
  }

  /** Closes the source of a pull-mode reader; does nothing for a push-mode reader. */
  @Override
  public void close() throws IOException {
    if (source != null) {
      source.close();
    }
  }

  // ---------------------------------------------------------------------------------------
  // Push mode

  /** Parses the given bytes; equivalent to {@code feed(bytes, 0, bytes.length)}. */
  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  /**
   * Parses {@code length} bytes of {@code bytes} from {@code offset}. The bytes may end
   * anywhere: inside a line, between a CR and its LF, or inside a UTF-8 character.
   *
   * @throws EventTooLargeException when an event exceeds the size cap
   * @throws IllegalStateException after {@link #finish()} or a failure, or on a pull-mode reader
   */
  public void feed(byte[] bytes, int offset, int length) {
    if (source != null) {
      throw new IllegalStateException("feed() is for push-mode readers; this one reads its source");
    }
    Objects.checkFromIndexSize(offset, length, bytes.length);
    parse(bytes, offset, length);
  }

  /** The next complete event not yet taken, or null. Always null when a listener is set. */
  public SseEvent poll() {
    return ready.poll();
  }

  /** Hands every complete event not yet taken to {@code sink}. */
  public void drainTo(Consumer<? super SseEvent> sink) {
    for (SseEvent e; (e = ready.poll()) != null; ) {
      sink.accept(e);
    }
  }

  /**
   * Signals the end of the stream. An event not closed by a blank line is discarded, not
   * dispatched; it is kept for inspection in {@link #incompleteEvent()}. Calling it again
   * returns the same answer.
   *
   * @return true when the stream ended at an event boundary (trailing comments or blank lines
   *     do not matter); false when it was cut inside an event
   */
  public boolean finish() {
    checkUsable(false);
    if (finished) {
      return !truncated;
    }
    if (!bomChecked) {
      bomChecked = true;
      if (bomMatched > 0) {
        parseBody(BOM, 0, bomMatched);
      }
    }
    finished = true;
    if (lineStarted && !inComment) {
      processField(line, 0, lineLength);
      pendingFields = true;
    }
    truncated = pendingFields;
    if (hasData) {
      incomplete = SseEvent.ofOwnedBytes(emptyToNull(eventName), data(), lastEventId);
    }
    resetLine();
    resetEvent();
    return !truncated;
  }

  // ---------------------------------------------------------------------------------------
  // State

  /** Whether the end of the stream has been seen (by {@link #finish()} or {@link #next()}). */
  public boolean finished() {
    return finished;
  }

  /**
   * Whether the stream ended inside an event: after a field line (or part of one) that no
   * blank line closed. False until the end has been seen.
   */
  public boolean truncated() {
    return truncated;
  }

  /**
   * The event that was cut off by the end of the stream, built from its data lines so far
   * (including an unterminated last line), or null when there was none or it had no data.
   * It was never dispatched; a caller may use it only when it can validate it (for example a
   * complete JSON document).
   */
  public SseEvent incompleteEvent() {
    return incomplete;
  }

  /** The last {@code id:} value seen, or null. */
  public String lastEventId() {
    return lastEventId;
  }

  /** The last valid {@code retry:} value in milliseconds, or -1 when none was sent. */
  public long retryMillis() {
    return retryMillis;
  }

  /** How many events have been dispatched so far. */
  public long eventCount() {
    return dispatched;
  }

  // ---------------------------------------------------------------------------------------
  // Parsing

  private void parse(byte[] b, int offset, int length) {
    checkUsable(true);
    try {
      int i = offset;
      int end = offset + length;
      while (!bomChecked && i < end) {
        if (b[i] == BOM[bomMatched]) {
          bomMatched++;
          i++;
          if (bomMatched == BOM.length) {
            bomChecked = true;
          }
        } else {
          bomChecked = true;
          if (bomMatched > 0) {
            parseBody(BOM, 0, bomMatched);
          }
        }
      }
      parseBody(b, i, end - i);
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  private void parseBody(byte[] b, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end) {
      if (skipLf) {
        skipLf = false;
        if (b[i] == '\n') {
          i++;
          continue;
        }
      }
      int j = lineEnd(b, i, end);
      if (j == end) {
        if (j > i) {
          appendToLine(b, i, j - i); // cut by the end of this read: gather it
        }
        return;
      }
      skipLf = b[j] == '\r';
      if (lineStarted) {
        if (j > i) {
          appendToLine(b, i, j - i);
        }
        endLine();
      } else {
        wholeLine(b, i, j);
      }
      i = j + 1;
    }
  }

  /**
   * The index of the first CR or LF in {@code b[from, end)}, or {@code end}. Lines of JSON run
   * to hundreds of bytes: eight are tested at a time, then the block that holds one is looked
   * at byte by byte.
   */
  static int lineEnd(byte[] b, int from, int end) {
    int i = from;
    while (end - i >= Long.BYTES) {
      long x = (long) LONGS.get(b, i);
      long lf = x ^ LFS;
      long cr = x ^ CRS;
      // A byte of lf or cr is zero where x holds that byte: the classic has-a-zero-byte test.
      if (((((lf - ONES) & ~lf) | ((cr - ONES) & ~cr)) & HIGHS) != 0) {
        break;
      }
      i += Long.BYTES;
    }
    while (i < end && b[i] != '\n' && b[i] != '\r') {
      i++;
    }
    return i;
  }

  /** A line that arrived in one piece, parsed in place: {@code b[from, to)}. */
  private void wholeLine(byte[] b, int from, int to) {
    if (from == to) {
      dispatch();
    } else if (b[from] != ':') { // comments are skipped
      if (pendingBytes + (to - from) > maxEventBytes) {
        throw new EventTooLargeException(maxEventBytes);
      }
      processField(b, from, to);
      pendingBytes += to - from + 1L;
      pendingFields = true;
    }
  }

  private void appendToLine(byte[] b, int offset, int length) {
    if (!lineStarted) {
      lineStarted = true;
      inComment = b[offset] == ':';
    }
    if (inComment) {
      return; // comments are skipped without being buffered
    }
    long needed = pendingBytes + lineLength + length;
    if (needed > maxEventBytes) {
      throw new EventTooLargeException(maxEventBytes);
    }
    if (lineLength + length > line.length) {
      int size = Math.max(line.length, INITIAL_LINE);
      while (size < lineLength + length) {
        size = size > (Integer.MAX_VALUE >> 1) ? Integer.MAX_VALUE - 8 : size << 1;
      }
      byte[] bigger = new byte[size];
      System.arraycopy(line, 0, bigger, 0, lineLength);
      line = bigger;
    }
    System.arraycopy(b, offset, line, lineLength, length);
    lineLength += length;
  }

  private void endLine() {
    if (!lineStarted) {
      dispatch();
    } else if (!inComment) {
      processField(line, 0, lineLength);
      pendingBytes += lineLength + 1L;
      pendingFields = true;
    }
    resetLine();
  }

  /** One field line, {@code l[from, to)}, not empty and not a comment. */
  private void processField(byte[] l, int from, int to) {
    int colon = -1;
    for (int k = from; k < to; k++) {
      if (l[k] == ':') {
        colon = k;
        break;
      }
    }
    int nameEnd = colon < 0 ? to : colon;
    int valueStart = colon < 0 ? to : colon + 1;
    if (valueStart < to && l[valueStart] == ' ') {
      valueStart++;
    }
    if (nameIs(l, from, nameEnd, DATA)) {
      addData(l, valueStart, to);
    } else if (nameIs(l, from, nameEnd, EVENT)) {
      eventName = name(l, valueStart, to);
    } else if (nameIs(l, from, nameEnd, ID)) {
      String value = decode(l, valueStart, to);
      if (value.indexOf('\0') < 0) {
        lastEventId = value;
      }
    } else if (nameIs(l, from, nameEnd, RETRY)) {
      long value = digits(l, valueStart, to);
      if (value >= 0) {
        retryMillis = value;
      }
    }
  }

  /**
   * Keeps a data line, {@code l[from, to)}, as bytes (decoding waits until someone asks for a
   * string); lines are joined only when an event has more than one.
   */
  private void addData(byte[] l, int from, int to) {
    if (!hasData) {
      firstData = from >= to ? NO_BYTES : Arrays.copyOfRange(l, from, to);
      hasData = true;
      return;
    }
    if (!multiLine) {
      multiLine = true;
      joinedLength = 0;
      appendJoined(firstData, 0, firstData.length);
    }
    ensureJoined(1);
    joined[joinedLength++] = '\n';
    appendJoined(l, from, to - from);
  }

  private void appendJoined(byte[] b, int from, int length) {
    ensureJoined(length);
    System.arraycopy(b, from, joined, joinedLength, length);
    joinedLength += length;
  }

  private void ensureJoined(int more) {
    int needed = joinedLength + more;
    if (needed > joined.length) {
      // Bounded by the event cap, checked before each line is added.
      joined = Arrays.copyOf(joined, Math.max(needed, Math.max(INITIAL_LINE, joined.length * 2)));
    }
  }

  /** The current event's data bytes, owned by the event they go to. */
  private byte[] data() {
    return multiLine ? Arrays.copyOf(joined, joinedLength) : firstData;
  }

  /** An event name, shared with an earlier event of the same name. */
  private String name(byte[] l, int from, int to) {
    if (to - from > MAX_NAME) {
      return decode(l, from, to);
    }
    for (int k = 0; k < namesUsed; k++) {
      if (Arrays.equals(nameBytes[k], 0, nameBytes[k].length, l, from, to)) {
        return names[k];
      }
    }
    String value = decode(l, from, to);
    int slot = namesUsed < NAMES ? namesUsed++ : (int) (dispatched % NAMES);
    nameBytes[slot] = Arrays.copyOfRange(l, from, to);
    names[slot] = value;
    return value;
  }

  private void dispatch() {
    if (hasData) {
      SseEvent event = SseEvent.ofOwnedBytes(emptyToNull(eventName), data(), lastEventId);
      dispatched++;
      resetEvent();
      if (listener != null) {
        listener.accept(event);
      } else {
        ready.add(event);
      }
    } else {
      resetEvent();
    }
  }

  private void resetLine() {
    lineLength = 0;
    lineStarted = false;
    inComment = false;
    if (line.length > KEEP_LINE) {
      line = NO_BYTES;
    }
  }

  private void resetEvent() {
    if (multiLine) {
      if (joined.length > KEEP_LINE) {
        joined = NO_BYTES;
      }
      joinedLength = 0;
      multiLine = false;
    }
    firstData = null;
    hasData = false;
    eventName = null;
    pendingBytes = 0;
    pendingFields = false;
  }

  private void checkUsable(boolean forInput) {
    if (failure != null) {
      throw new IllegalStateException("the SSE reader failed earlier", failure);
    }
    if (forInput && finished) {
      throw new IllegalStateException("the SSE stream has already ended");
    }
  }

  private static boolean nameIs(byte[] l, int from, int to, byte[] name) {
    return to - from == name.length && Arrays.equals(l, from, to, name, 0, name.length);
  }

  private static long digits(byte[] l, int from, int to) {
    if (from >= to || to - from > 18) {
      return -1;
    }
    long value = 0;
    for (int k = from; k < to; k++) {
      if (l[k] < '0' || l[k] > '9') {
        return -1;
      }
      value = value * 10 + (l[k] - '0');
    }
    return value;
  }

  private static String decode(byte[] l, int from, int to) {
    return from >= to ? "" : new String(l, from, to - from, StandardCharsets.UTF_8);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * An event grew past the reader's cap. Its category is {@link ErrorCategory#PROVIDER_ERROR}:
   * the provider sent something unusable.
   */
  public static final class EventTooLargeException extends RouterException {
    private static final long serialVersionUID = 1L;

    private final int limit;

    /** Creates the exception for the given cap in bytes. */
    public EventTooLargeException(int limit) {
      super(
          ErrorCategory.PROVIDER_ERROR,
          "server-sent event exceeds the limit of " + limit + " bytes");
      this.limit = limit;
    }

    /** The cap that was exceeded, in bytes. */
    public int limit() {
      return limit;
    }
  }
}
