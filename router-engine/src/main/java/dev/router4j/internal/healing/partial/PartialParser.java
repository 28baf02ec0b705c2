package dev.router4j.internal.healing.partial;

import dev.router4j.healing.UnrecoverableOutputException;
import dev.router4j.healing.UnrecoverableOutputException.Reason;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * A push parser for one JSON document that arrives in pieces. Each character is examined once,
 * by a state machine whose only memory of earlier input is a stack of {@link Frame}s and the
 * token being read, so the work is linear in the input however it is split.
 *
 * <p>Text before the first <code>&#123;</code> or <code>[</code> (a fence, prose, a
 * {@code <think>} block) is skipped. The grammar is RFC 8259 with two tolerances, which clear
 * {@link #strict()}: a trailing comma, and a raw control character (a newline, a tab) in a
 * string, kept as read. A syntax error before the document has shown anything (no quoted
 * string, no complete value) is taken for prose holding a bracket, and the search for the
 * document goes on from there; any later error stops the parser ({@link #malformed()}), leaving
 * the view as it was. What follows the document's closing bracket is ignored.
 */
public final class PartialParser {
  /** Receives a member or element once the separator or closer after it has been read. */
  public interface Events {
    /**
     * A member or element (or, with the pointer {@code ""}, the whole document) is final.
     *
     * @param pointer its RFC 6901 pointer
     * @param value its immutable value
     */
    void completed(String pointer, Object value);
  }

  /** The longest number token read, in characters: beyond it the exact value costs too much. */
  public static final int MAX_NUMBER_CHARS = 4096;

  private static final int PRELUDE = 0;
  private static final int TAG = 1;
  private static final int TAG_ATTRIBUTES = 2;
  private static final int SKIP_BLOCK = 3;
  private static final int VALUE = 4;
  private static final int ARRAY_FIRST = 5;
  private static final int KEY_FIRST = 6;
  private static final int KEY_NEXT = 7;
  private static final int COLON = 8;
  private static final int AFTER_VALUE = 9;
  private static final int STRING = 10;
  private static final int ESCAPE = 11;
  private static final int UNICODE = 12;
  private static final int NUMBER = 13;
  private static final int LITERAL = 14;
  private static final int DONE = 15;
  private static final int MALFORMED = 16;

  private static final String[] REASONING_TAGS = {"think", "thinking", "reasoning", "thought"};
  private static final int MAX_TAG = 12;

  private final int maxDepth;
  private final Events events;

  private int state = PRELUDE;
  private Frame[] frames = new Frame[8];
  private int depth;

  private final StringBuilder token = new StringBuilder();
  private boolean stringIsKey;
  private String literal;
  private int literalAt;
  private int hex;
  private int hexDigits;
  private String closingTag;
  private int closingAt;

  private boolean committed;
  private boolean strict = true;
  private boolean restarted;
  private Object root;
  private long rootStart = -1;
  private long rootEnd = -1;
  private long offset;
  private long work;

  private Object view;
  private boolean dirty = true;

  /**
   * A parser that refuses nesting deeper than {@code maxDepth}.
   *
   * @param maxDepth the deepest nesting accepted
   * @param events where final members are announced
   */
  public PartialParser(int maxDepth, Events events) {
    this.maxDepth = maxDepth;
    this.events = events;
  }

  /**
   * Reads the next piece of the text.
   *
   * @throws UnrecoverableOutputException {@link Reason#TOO_DEEP} past the depth cap, or
   *     {@link Reason#MALFORMED} for a number beyond {@link #MAX_NUMBER_CHARS} or the range of
   *     {@link BigDecimal}
   */
  public void feed(CharSequence chunk) {
    int n = chunk.length();
    work += n;
    for (int i = 0; i < n; i++) {
      if (state >= DONE) {
        offset += n - i;
        return;
      }
      step(chunk.charAt(i));
      offset++;
    }
  }

  /** Whether the document's closing bracket has been read. */
  public boolean complete() {
    return state == DONE;
  }

  /** Whether the text left JSON after the document had begun: only a healer can finish it. */
  public boolean malformed() {
    return state == MALFORMED;
  }

  /**
   * Whether everything read so far is strict RFC 8259 JSON from the document's first bracket
   * on: no trailing comma was tolerated and no false start was skipped.
   */
  public boolean strict() {
    return strict && !restarted;
  }

  /** Whether the document has begun: a quoted string or a complete value was read in it. */
  public boolean started() {
    return committed;
  }

  /** Offset of the document's first bracket in the text, or -1. */
  public long rootStart() {
    return committed ? rootStart : -1;
  }

  /** Offset just past the document's closing bracket, or -1. */
  public long rootEnd() {
    return rootEnd;
  }

  /** Characters read and elements copied so far: the witness of linear work. */
  public long work() {
    return work;
  }

  /**
   * The value so far: complete members as read, the member being read as far as it goes (a
   * string so far, an open container with its own complete members), and no incomplete number
   * or literal. Null before the document has begun. Costs O(depth + length of the string being
   * read) when the input moved on since the last call, O(1) otherwise.
   */
  public Object value() {
    if (!committed) {
      return null;
    }
    if (state == DONE) {
      return root;
    }
    if (!dirty || state == MALFORMED) {
      return view;
    }
    boolean hasTail = false;
    Object child = null;
    if ((state == STRING || state == ESCAPE || state == UNICODE) && !stringIsKey) {
      int len = token.length();
      if (len > 0 && Character.isHighSurrogate(token.charAt(len - 1))) {
        len--;
      }
      child = token.substring(0, len);
      hasTail = true;
      work += len;
    }
    for (int d = depth - 1; d >= 0; d--) {
      child = frames[d].view(hasTail, child);
      hasTail = true;
      work++;
    }
    view = child;
    dirty = false;
    return child;
  }

  private void step(char c) {
    dirty = true;
    while (true) {
      switch (state) {
        case PRELUDE:
          if (c == '{' || c == '[') {
            rootStart = offset;
            open(c == '{');
          } else if (c == '<') {
            token.setLength(0);
            state = TAG;
          }
          return;
        case TAG:
          if (c == '>' || isSpace(c)) {
            String name = token.toString();
            if (isReasoningTag(name)) {
              closingTag = "</" + name + ">";
              closingAt = 0;
              state = c == '>' ? SKIP_BLOCK : TAG_ATTRIBUTES;
              return;
            }
            state = PRELUDE;
            return;
          }
          if (token.length() < MAX_TAG && (Character.isLetterOrDigit(c) || c == '_')) {
            token.append(Character.toLowerCase(c));
            return;
          }
          state = PRELUDE;
          continue;
        case TAG_ATTRIBUTES:
          if (c == '>') {
            state = SKIP_BLOCK;
          }
          return;
        case SKIP_BLOCK:
          if (Character.toLowerCase(c) == closingTag.charAt(closingAt)) {
            if (++closingAt == closingTag.length()) {
              state = PRELUDE;
            }
          } else {
            closingAt = c == '<' ? 1 : 0;
          }
          return;
        case VALUE:
          if (isSpace(c)) {
            return;
          }
          if (c == ']' && !top().object) {
            strict = false; // [1, 2,]
            close();
            return;
          }
          if (!startValue(c)) {
            fail();
            continue;
          }
          return;
        case ARRAY_FIRST:
          if (isSpace(c)) {
            return;
          }
          if (c == ']') {
            close();
            return;
          }
          if (!startValue(c)) {
            fail();
            continue;
          }
          return;
        case KEY_FIRST:
        case KEY_NEXT:
          if (isSpace(c)) {
            return;
          }
          if (c == '"') {
            committed = true;
            token.setLength(0);
            stringIsKey = true;
            state = STRING;
          } else if (c == '}') {
            if (state == KEY_NEXT) {
              strict = false; // {"a": 1,}
            }
            close();
          } else {
            fail();
            continue;
          }
          return;
        case COLON:
          if (isSpace(c)) {
            return;
          }
          if (c == ':') {
            state = VALUE;
            return;
          }
          fail();
          continue;
        case AFTER_VALUE:
          if (isSpace(c)) {
            return;
          }
          Frame f = top();
          if (c == ',') {
            settle(f);
            state = f.object ? KEY_NEXT : VALUE;
          } else if (c == (f.object ? '}' : ']')) {
            settle(f);
            close();
          } else {
            fail();
            continue;
          }
          return;
        case STRING:
          if (c == '"') {
            endString();
          } else if (c == '\\') {
            state = ESCAPE;
          } else {
            if (c < 0x20) {
              strict = false; // a raw newline or tab in a string: the healer escapes it
            }
            token.append(c);
          }
          return;
        case ESCAPE:
          if (escape(c)) {
            return;
          }
          fail();
          continue;
        case UNICODE:
          int h = Character.digit(c, 16);
          if (h < 0 || c > 'f') {
            fail();
            continue;
          }
          hex = hex * 16 + h;
          if (++hexDigits == 4) {
            token.append((char) hex);
            state = STRING;
          }
          return;
        case NUMBER:
          if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
            if (token.length() == MAX_NUMBER_CHARS) {
              throw new UnrecoverableOutputException(
                  Reason.MALFORMED, "a number is longer than " + MAX_NUMBER_CHARS + " characters", (int) offset);
            }
            token.append(c);
            return;
          }
          if (!endNumber()) {
            fail();
          }
          continue; // the character after the number is read after the value
        case LITERAL:
          if (c == literal.charAt(literalAt)) {
            if (++literalAt == literal.length()) {
              completed(literal.equals("null") ? null : Boolean.valueOf(literal.equals("true")));
            }
            return;
          }
          fail();
          continue;
        default:
          return;
      }
    }
  }

  /** Starts the value that {@code c} opens; false when no value starts with it. */
  private boolean startValue(char c) {
    switch (c) {
      case '"':
        committed = true;
        token.setLength(0);
        stringIsKey = false;
        state = STRING;
        return true;
      case '{':
      case '[':
        open(c == '{');
        return true;
      case 't':
        startLiteral("true");
        return true;
      case 'f':
        startLiteral("false");
        return true;
      case 'n':
        startLiteral("null");
        return true;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          token.setLength(0);
          token.append(c);
          state = NUMBER;
          return true;
        }
        return false;
    }
  }

  private void startLiteral(String word) {
    literal = word;
    literalAt = 1;
    state = LITERAL;
  }

  private boolean escape(char c) {
    char e;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        e = c;
        break;
      case 'b':
        e = '\b';
        break;
      case 'f':
        e = '\f';
        break;
      case 'n':
        e = '\n';
        break;
      case 'r':
        e = '\r';
        break;
      case 't':
        e = '\t';
        break;
      case 'u':
        hex = 0;
        hexDigits = 0;
        state = UNICODE;
        return true;
      default:
        return false;
    }
    token.append(e);
    state = STRING;
    return true;
  }

  private void endString() {
    String s = token.toString();
    work += s.length();
    if (stringIsKey) {
      top().key = s;
      state = COLON;
    } else {
      completed(s);
    }
  }

  private boolean endNumber() {
    if (!isStrictNumber(token)) {
      return false;
    }
    BigDecimal d;
    try {
      d = new BigDecimal(token.toString());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new UnrecoverableOutputException(
          Reason.MALFORMED, "the number " + abbreviate(token) + " is out of range", (int) offset);
    }
    work += token.length();
    completed(d);
    return true;
  }

  private static String abbreviate(CharSequence s) {
    return s.length() <= 40 ? s.toString() : s.subSequence(0, 40) + "...";
  }

  /** A value ended: it becomes a member of the open container, final once a separator follows. */
  private void completed(Object value) {
    committed = true;
    Frame f = top();
    f.pendingSegment = f.object ? segment(f.key) : Integer.toString(f.size);
    work += f.add(value);
    f.pending = true;
    state = AFTER_VALUE;
  }

  private void settle(Frame f) {
    if (f.pending) {
      f.pending = false;
      String pointer = f.path + "/" + f.pendingSegment;
      work += pointer.length();
      events.completed(pointer, lastValue(f));
    }
  }

  private static Object lastValue(Frame f) {
    if (f.object) {
      int at = f.indexOf(f.key);
      return f.values[at];
    }
    return f.values[f.size - 1];
  }

  private void open(boolean object) {
    if (depth == maxDepth) {
      throw new UnrecoverableOutputException(
          Reason.TOO_DEEP, "the document nests deeper than " + maxDepth + " levels", (int) offset);
    }
    String path;
    if (depth == 0) {
      path = "";
    } else {
      Frame parent = top();
      path = parent.path + "/" + (parent.object ? segment(parent.key) : Integer.toString(parent.size));
      work += path.length();
    }
    if (depth == frames.length) {
      frames = Arrays.copyOf(frames, depth * 2);
    }
    frames[depth++] = new Frame(object, path);
    state = object ? KEY_FIRST : ARRAY_FIRST;
  }

  private void close() {
    Frame f = frames[--depth];
    frames[depth] = null;
    Object value = f.freeze();
    work += f.size;
    if (depth == 0) {
      committed = true;
      root = value;
      rootEnd = offset + 1;
      state = DONE;
      events.completed("", value);
    } else {
      completed(value);
    }
  }

  /**
   * A syntax error. Before the document has shown anything it was prose holding a bracket: the
   * search goes on at this character. Afterwards the parser stops.
   */
  private void fail() {
    if (committed) {
      value(); // the view stays as it was before the error
      state = MALFORMED;
      return;
    }
    restarted = true;
    while (depth > 0) {
      frames[--depth] = null;
    }
    rootStart = -1;
    state = PRELUDE;
  }

  private Frame top() {
    return frames[depth - 1];
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private static boolean isReasoningTag(String name) {
    for (String t : REASONING_TAGS) {
      if (t.equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** An RFC 6901 reference token. */
  static String segment(String key) {
    if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
      return key;
    }
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** Whether {@code s} is exactly one strict RFC 8259 number. */
  static boolean isStrictNumber(CharSequence s) {
    int to = s.length();
    int i = 0;
    if (i < to && s.charAt(i) == '-') {
      i++;
    }
    if (i >= to) {
      return false;
    }
    char c = s.charAt(i);
    if (c == '0') {
      i++;
    } else if (c >= '1' && c <= '9') {
      while (i < to && isDigit(s.charAt(i))) {
        i++;
      }
    } else {
      return false;
    }
    if (i < to && s.charAt(i) == '.') {
      int d = ++i;
      while (i < to && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == d) {
        return false;
      }
    }
    if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int d = i;
      while (i < to && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == d) {
        return false;
      }
    }
    return i == to;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
