package dev.router4j.internal.healing;

import dev.router4j.healing.RepairKind;
import dev.router4j.healing.UnrecoverableOutputException.Reason;
import java.util.Arrays;

/**
 * The repairing parser: one forward pass over the text that announces the healed document to
 * a {@link JsonSink}. Nesting lives in an explicit stack (no recursion), and every look ahead
 * is bounded by {@link #LOOKAHEAD} characters, so the work is linear in the length of the text
 * however many repairs it needs.
 */
final class RepairParser {
  static final byte OBJ = 1;
  static final byte ARR = 2;

  /** The longest look ahead any single decision may make. */
  static final int LOOKAHEAD = 160;

  /** Parse a value normally. */
  static final int MODE_NORMAL = 0;
  /** The text starts with {@code "key":}: an object whose opening brace is missing. */
  static final int MODE_IMPLICIT_OBJECT = 1;
  /** The text starts with scalars and ends with {@code ]}: an array whose opening bracket is missing. */
  static final int MODE_IMPLICIT_ARRAY = 2;

  private static final int VALUE = 0;
  private static final int ARRAY_START = 1;
  private static final int KEY = 2;
  private static final int AFTER_VALUE = 3;
  private static final int DONE = 4;

  private final String s;
  private final int end;
  /** The last double quote before {@link #end}, or -1; -2 until first needed. */
  private int lastDoubleQuote = -2;
  private final JsonSink sink;
  private final RepairLog log;
  private final int maxDepth;
  private final StringBuilder buf = new StringBuilder();

  private byte[] types = new byte[8];
  /** Doubled opening braces per level; allocated on the first {@code {{}. */
  private int[] extraBraces;
  private int depth;

  /** Current position. */
  int pos;
  /** Characters examined by look-aheads (the only work beyond the forward pass). */
  long lookaheadWork;
  /** Number of quoted strings seen (any quote style): what makes a candidate look like JSON. */
  int quotedStrings;
  /** Whether the document was closed at a cut. */
  boolean truncated;
  /** Whether parsing stopped at the end of the text or at an end marker (a fence, a closing tag). */
  boolean stoppedAtCut;
  /** Number of object members read (keys followed by a colon). */
  int members;
  /** Number of numbers and literals read. */
  int typedScalars;
  /** Number of top-level values read. */
  int roots;

  private byte lastRootType;
  private int commaAt = -1;
  private int letterEscapes;
  private boolean invalidEscapes;
  /** Allocated on the first letter escape. */
  private int[] escapeAt;
  private char[] escapeLetter;

  RepairParser(String s, int end, JsonSink sink, RepairLog log, int maxDepth) {
    this.s = s;
    this.end = end;
    this.sink = sink;
    this.log = log;
    this.maxDepth = maxDepth;
  }

  // ---------------------------------------------------------------------------------------
  // Document level: one or more top-level values, surplus closers, reopened roots.

  /**
   * Parses the document that starts at {@code start}: the first value, then any values
   * concatenated to it, and members that follow a premature closer. Leaves {@link #pos} where
   * the remaining text (prose, a closing fence) begins.
   */
  void parseDocument(int start, int mode) {
    pos = start;
    lastRootType = 0;
    if (mode == MODE_IMPLICIT_OBJECT) {
      log.add(RepairKind.INSERTED_OPENER, start);
      push(OBJ, 0);
      sink.startObject(start);
      run(KEY);
    } else if (mode == MODE_IMPLICIT_ARRAY) {
      log.add(RepairKind.INSERTED_OPENER, start);
      push(ARR, 0);
      sink.startArray(start);
      run(VALUE);
    } else {
      run(VALUE);
    }
    roots = 1;
    while (!stoppedAtCut) {
      int p = skipSpace(pos, false);
      int q = p;
      int closers = 0;
      while (q < end && (s.charAt(q) == '}' || s.charAt(q) == ']')) {
        closers++;
        q = skipSpace(q + 1, false);
      }
      if (q >= end) {
        if (closers > 0) {
          log.add(RepairKind.REMOVED_EXTRA_CLOSER, p);
          pos = q;
        }
        return;
      }
      char c = s.charAt(q);
      if (c == ',') {
        int r = skipSpace(q + 1, false);
        if (r >= end) {
          log.add(RepairKind.REMOVED_COMMA, q);
          pos = r;
          return;
        }
        char d = s.charAt(r);
        if (lastRootType == OBJ && Chars.quoteKind(d) != 0 && keyThenColon(r)) {
          log.add(RepairKind.REMOVED_EXTRA_CLOSER, p);
          sink.reopen();
          push(OBJ, 0);
          pos = r;
          run(KEY);
          continue;
        }
        if (lastRootType == ARR && d != '{' && d != '[' && isScalarStart(d)) {
          log.add(RepairKind.REMOVED_EXTRA_CLOSER, p);
          sink.reopen();
          push(ARR, 0);
          pos = r;
          run(VALUE);
          continue;
        }
        if (d == '{' || d == '[') {
          startNextRoot(r);
          continue;
        }
        pos = p;
        return;
      }
      if (c == '{' || c == '[') {
        if (closers > 0) {
          log.add(RepairKind.REMOVED_EXTRA_CLOSER, p);
        }
        startNextRoot(q);
        continue;
      }
      if (c == '<' && closers == 0) {
        // Values wrapped one by one: </tool_call>\n<tool_call>{..}
        int t = skipTags(q);
        if (t > q && t < end && (s.charAt(t) == '{' || s.charAt(t) == '[')) {
          log.add(RepairKind.EXTRACTED_DOCUMENT, q);
          startNextRoot(t);
          continue;
        }
      }
      if (closers > 0) {
        log.add(RepairKind.REMOVED_EXTRA_CLOSER, p);
        pos = q;
      } else {
        pos = p;
      }
      return;
    }
  }

  /** Skips a run of XML-ish tags and chat-template tokens with the space between them; returns where it stops. */
  private int skipTags(int p) {
    int q = p;
    for (int guard = 0; guard < 8 && q < end && s.charAt(q) == '<'; guard++) {
      int limit = Math.min(end, q + 96);
      int close = -1;
      for (int i = q + 1; i < limit; i++) {
        char c = s.charAt(i);
        if (c == '>') {
          close = i;
          break;
        }
        if (c == '<' || c == '{' || c == '[' || c == '\n') {
          break;
        }
      }
      lookaheadWork += limit - q;
      if (close < 0) {
        return p;
      }
      char first = q + 1 < close ? s.charAt(q + 1) : ' ';
      if (!(first == '/' || first == '|' || Character.isLetter(first))) {
        return p;
      }
      q = skipSpace(close + 1, false);
    }
    return q;
  }

  private void startNextRoot(int at) {
    log.add(RepairKind.MERGED_CONCATENATED, at);
    sink.nextRoot();
    roots++;
    lastRootType = 0;
    pos = at;
    run(VALUE);
  }

  /** Runs the state machine until the current top-level value is complete or the text is cut. */
  private void run(int state) {
    while (true) {
      switch (state) {
        case VALUE:
          state = onValue();
          break;
        case ARRAY_START:
          state = onArrayStart();
          break;
        case KEY:
          state = onKey();
          break;
        case AFTER_VALUE:
          if (depth == 0) {
            return;
          }
          state = onAfterValue();
          break;
        default:
          return;
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // States.

  private int onValue() {
    pos = skipSpace(pos, true);
    int comma = commaAt;
    commaAt = -1;
    if (atStop(pos)) {
      if (comma >= 0) {
        log.add(RepairKind.REMOVED_COMMA, comma);
      }
      if (depth == 0) {
        throw fail(Reason.NO_JSON, "no value");
      }
      if (types[depth - 1] == OBJ) {
        log.add(RepairKind.INSERTED_NULL, pos);
        sink.literal(0, pos);
      }
      closeAllAtCut();
      return DONE;
    }
    char c = s.charAt(pos);
    switch (c) {
      case '{':
        openObject();
        return KEY;
      case '[':
        openArray();
        return ARRAY_START;
      case ',':
        if (depth > 0 && types[depth - 1] == ARR) {
          log.add(RepairKind.REMOVED_COMMA, pos);
          pos++;
          return VALUE;
        }
        return missingValue();
      case '}':
      case ']':
        if (depth > 0 && types[depth - 1] == ARR) {
          // A trailing comma: the closer is handled after the (absent) value.
          if (comma >= 0) {
            log.add(RepairKind.REMOVED_COMMA, comma);
          }
          return AFTER_VALUE;
        }
        return missingValue();
      case ':':
        throw fail(Reason.MALFORMED, "a colon where a value belongs");
      default:
        scalar(c);
        return AFTER_VALUE;
    }
  }

  private int missingValue() {
    if (depth == 0) {
      throw fail(Reason.MALFORMED, "no value");
    }
    log.add(RepairKind.INSERTED_NULL, pos);
    sink.literal(0, pos);
    return AFTER_VALUE;
  }

  private int onArrayStart() {
    pos = skipSpace(pos, true);
    if (atStop(pos)) {
      closeAllAtCut();
      return DONE;
    }
    char c = s.charAt(pos);
    if (c == ']' || c == '}') {
      closeWith(c);
      return AFTER_VALUE;
    }
    if (c == ',') {
      log.add(RepairKind.REMOVED_COMMA, pos);
      pos++;
      return ARRAY_START;
    }
    return VALUE;
  }

  private int onKey() {
    pos = skipSpace(pos, true);
    int comma = commaAt;
    commaAt = -1;
    if (atStop(pos)) {
      if (comma >= 0) {
        log.add(RepairKind.REMOVED_COMMA, comma);
      }
      closeAllAtCut();
      return DONE;
    }
    char c = s.charAt(pos);
    int at = pos;
    if (c == '}' || c == ']') {
      if (comma >= 0) {
        log.add(RepairKind.REMOVED_COMMA, comma);
      }
      closeWith(c);
      return AFTER_VALUE;
    }
    if (c == ',') {
      log.add(RepairKind.REMOVED_COMMA, pos);
      pos++;
      return KEY;
    }
    if (c == '{' || c == '[' || c == ':') {
      throw fail(Reason.MALFORMED, "no key before '" + c + "'");
    }
    if (isEllipsis(pos)) {
      throw fail(Reason.ELIDED_CONTENT, "the model elided members ('...')");
    }
    if (c == '<' && isPlaceholder(pos)) {
      throw fail(Reason.PLACEHOLDER, "a placeholder where a key belongs");
    }
    boolean keyCut;
    if (Chars.quoteKind(c) != 0) {
      keyCut = quoted(true);
      quotedStrings++;
    } else {
      keyCut = unquotedKey();
    }
    int afterKey = skipSpace(pos, true);
    if (keyCut || atStop(afterKey)) {
      pos = afterKey;
      sink.key(buf, at);
      log.add(RepairKind.INSERTED_NULL, pos);
      sink.literal(0, pos);
      closeAllAtCut();
      return DONE;
    }
    if (s.charAt(afterKey) != ':') {
      throw fail(Reason.MALFORMED, "a key without a colon", afterKey);
    }
    sink.key(buf, at);
    members++;
    pos = afterKey + 1;
    return VALUE;
  }

  private int onAfterValue() {
    pos = skipSpace(pos, true);
    if (atStop(pos)) {
      closeAllAtCut();
      return DONE;
    }
    char c = s.charAt(pos);
    byte top = types[depth - 1];
    switch (c) {
      case ',':
        commaAt = pos;
        pos++;
        return top == OBJ ? KEY : VALUE;
      case ';':
        log.add(RepairKind.INSERTED_COMMA, pos);
        pos++;
        return top == OBJ ? KEY : VALUE;
      case '}':
      case ']':
        closeWith(c);
        return AFTER_VALUE;
      default:
        break;
    }
    if (top == ARR && isValueStart(c)) {
      log.add(RepairKind.INSERTED_COMMA, pos);
      return VALUE;
    }
    if (top == OBJ && (Chars.quoteKind(c) != 0 || Chars.isIdentStart(c))) {
      log.add(RepairKind.INSERTED_COMMA, pos);
      return KEY;
    }
    if (isEllipsis(pos)) {
      throw fail(Reason.ELIDED_CONTENT, "the model elided content ('...')");
    }
    throw fail(Reason.MALFORMED, "unexpected '" + c + "'");
  }

  // ---------------------------------------------------------------------------------------
  // Containers.

  private void push(byte type, int extra) {
    if (depth >= maxDepth) {
      throw fail(Reason.TOO_DEEP, "nesting deeper than " + maxDepth);
    }
    if (depth == types.length) {
      types = Arrays.copyOf(types, depth * 2);
      if (extraBraces != null) {
        extraBraces = Arrays.copyOf(extraBraces, depth * 2);
      }
    }
    types[depth] = type;
    if (extraBraces == null && extra != 0) {
      extraBraces = new int[types.length];
    }
    if (extraBraces != null) {
      extraBraces[depth] = extra;
    }
    depth++;
  }

  private void openObject() {
    int at = pos;
    pos++;
    int extra = 0;
    while (true) {
      int q = skipPlain(pos);
      if (q >= 0 && q < end && s.charAt(q) == '{') {
        extra++;
        pos = q + 1;
      } else {
        break;
      }
    }
    if (extra > 0) {
      log.add(RepairKind.COLLAPSED_DOUBLED_BRACES, at);
    }
    push(OBJ, extra);
    sink.startObject(at);
  }

  private void openArray() {
    push(ARR, 0);
    sink.startArray(pos);
    pos++;
  }

  private void popOne(boolean cut) {
    depth--;
    if (depth == 0) {
      lastRootType = types[0];
    }
    if (types[depth] == OBJ) {
      sink.endObject(cut);
    } else {
      sink.endArray(cut);
    }
  }

  /** Handles a closer at {@link #pos}: the matching container closes, implying any opened inside it. */
  private void closeWith(char c) {
    byte want = c == '}' ? OBJ : ARR;
    int k = depth - 1;
    while (k >= 0 && types[k] != want) {
      k--;
    }
    if (k < 0) {
      log.add(RepairKind.REMOVED_EXTRA_CLOSER, pos);
      pos++;
      return;
    }
    if (k < depth - 1) {
      log.add(RepairKind.FIXED_CLOSER, pos);
      while (depth - 1 > k) {
        popOne(false);
      }
    }
    int extra = extraBraces == null ? 0 : extraBraces[k];
    pos++;
    popOne(false);
    while (extra > 0) {
      int q = skipPlain(pos);
      if (q >= 0 && q < end && s.charAt(q) == '}') {
        pos = q + 1;
        extra--;
      } else {
        break;
      }
    }
  }

  private void closeAllAtCut() {
    stoppedAtCut = true;
    if (depth > 0) {
      truncated = true;
      log.add(RepairKind.CLOSED_CONTAINER, pos);
    }
    while (depth > 0) {
      popOne(true);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Scalars.

  private void scalar(char c) {
    int at = pos;
    if (Chars.quoteKind(c) != 0) {
      boolean cut = quoted(false);
      quotedStrings++;
      sink.string(buf, at, cut);
      return;
    }
    if (isEllipsis(pos)) {
      throw fail(Reason.ELIDED_CONTENT, "the model elided content ('...')");
    }
    if (c == '<' && isPlaceholder(pos)) {
      throw fail(Reason.PLACEHOLDER, "a placeholder where a value belongs");
    }
    if (Chars.isDigit(c) || c == '-' || c == '+' || c == '.') {
      numberToken();
      return;
    }
    word();
  }

  private void numberToken() {
    int start = pos;
    while (pos < end) {
      char c = s.charAt(pos);
      if (Chars.isDigit(c)) {
        pos++;
        continue;
      }
      if (Chars.isAnySpace(c)
          || c == ','
          || c == '}'
          || c == ']'
          || c == '{'
          || c == '['
          || c == '"'
          || c == '\''
          || c == '#'
          || c == '`'
          || (c == '/' && pos + 1 < end && (s.charAt(pos + 1) == '/' || s.charAt(pos + 1) == '*'))
          || (c == '<' && pos + 1 < end && (s.charAt(pos + 1) == '/' || s.charAt(pos + 1) == '|'))) {
        break;
      }
      pos++;
    }
    boolean cut = pos >= end;
    if (NumberText.isStrict(s, start, pos)) {
      // What classify would say first, without its result object or a substring.
      typedScalars++;
      sink.strictNumber(s, start, pos, cut);
      return;
    }
    String token = s.substring(start, pos);
    NumberText nt = NumberText.classify(token, cut);
    switch (nt.kind) {
      case NumberText.STRICT:
        typedScalars++;
        sink.number(token, token, start, cut);
        break;
      case NumberText.NORMALIZED:
        typedScalars++;
        log.add(RepairKind.NORMALIZED_NUMBER, start);
        sink.number(nt.json, token, start, cut);
        break;
      case NumberText.LOOSE:
        log.add(RepairKind.NUMBER_TO_STRING, start);
        sink.looseNumber(token, nt.json, start);
        break;
      case NumberText.NONFINITE:
        log.add(RepairKind.NONFINITE_TO_NULL, start);
        sink.literal(0, start);
        break;
      case NumberText.MISSING:
        if (depth == 0) {
          throw fail(Reason.NO_JSON, "no value", start);
        }
        if (types[depth - 1] == OBJ) {
          log.add(RepairKind.INSERTED_NULL, start);
          sink.literal(0, start);
        }
        break;
      default:
        if (token.endsWith("..") || token.endsWith("\u2026")) {
          throw fail(Reason.ELIDED_CONTENT, "the model elided content ('" + token + "')", start);
        }
        // Not a number: read the whole unquoted token as text.
        pos = start;
        word();
    }
  }

  /** An unquoted token in value position: a literal, or a string of its own text. */
  private void word() {
    int start = pos;
    while (pos < end) {
      char c = s.charAt(pos);
      if (c == ',' || c == '}' || c == ']' || c == '\n' || c == '\r' || c == '{' || c == '['
          || c == '"') {
        break;
      }
      if (pos > start && Chars.isAnySpace(s.charAt(pos - 1))) {
        if ((c == '/' && pos + 1 < end && (s.charAt(pos + 1) == '/' || s.charAt(pos + 1) == '*'))
            || c == '#') {
          break;
        }
      }
      if (c == '<' && pos + 1 < end && (s.charAt(pos + 1) == '/' || s.charAt(pos + 1) == '|')) {
        break;
      }
      if (c == '`' && pos + 2 < end && s.charAt(pos + 1) == '`' && s.charAt(pos + 2) == '`') {
        break;
      }
      pos++;
    }
    int stop = pos;
    while (stop > start && Chars.isAnySpace(s.charAt(stop - 1))) {
      stop--;
    }
    boolean cut = pos >= end;
    if (stop == start) {
      throw fail(Reason.MALFORMED, "unexpected '" + s.charAt(start) + "'", start);
    }
    String token = s.substring(start, stop);
    int lit = literal(token);
    if (lit >= 0) {
      typedScalars++;
      if (!token.equals("null") && !token.equals("true") && !token.equals("false")) {
        log.add(RepairKind.CONVERTED_LITERAL, start);
      }
      sink.literal(lit, start);
      return;
    }
    if (NumberText.isNonFinite(token)) {
      log.add(RepairKind.NONFINITE_TO_NULL, start);
      sink.literal(0, start);
      return;
    }
    if (token.startsWith("...") || token.startsWith("\u2026") || token.equals("etc") || token.equals("etc.")) {
      throw fail(Reason.ELIDED_CONTENT, "the model elided content ('" + token + "')", start);
    }
    if (cut && stop == end) {
      int partial = literalPrefix(token);
      if (partial >= 0) {
        log.add(RepairKind.COMPLETED_LITERAL, start);
        truncated = true;
        sink.literal(partial, start);
        return;
      }
    }
    log.add(RepairKind.QUOTED_VALUE, start);
    sink.string(token, start, false);
  }

  /** 0 null, 1 true, 2 false, or -1 when the token is no literal. */
  static int literal(String t) {
    switch (t) {
      case "null":
      case "None":
      case "NULL":
      case "Null":
      case "undefined":
        return 0;
      case "true":
      case "True":
      case "TRUE":
        return 1;
      case "false":
      case "False":
      case "FALSE":
        return 2;
      default:
        return -1;
    }
  }

  private static final String[] LITERAL_FORMS = {
    "null", "None", "NULL", "undefined", "NaN", "nan", "Infinity", "true", "True", "TRUE", "false",
    "False", "FALSE"
  };
  private static final int[] LITERAL_VALUES = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2};

  /** For a token cut at the end of the text: the only literal it can begin, or -1. */
  static int literalPrefix(String t) {
    int found = -1;
    for (int i = 0; i < LITERAL_FORMS.length; i++) {
      if (LITERAL_FORMS[i].startsWith(t)) {
        if (found >= 0 && found != LITERAL_VALUES[i]) {
          return -1;
        }
        found = LITERAL_VALUES[i];
      }
    }
    return found;
  }

  private boolean unquotedKey() {
    int start = pos;
    while (pos < end) {
      char c = s.charAt(pos);
      if (c == ':' || c == ',' || c == '}' || c == ']' || c == '{' || c == '[' || c == '\n'
          || c == '\r' || c == '"') {
        break;
      }
      if (c == '/' && pos + 1 < end && (s.charAt(pos + 1) == '/' || s.charAt(pos + 1) == '*')) {
        break;
      }
      if (c == '<' && pos + 1 < end && (s.charAt(pos + 1) == '/' || s.charAt(pos + 1) == '|')) {
        break;
      }
      pos++;
    }
    int stop = pos;
    while (stop > start && Chars.isAnySpace(s.charAt(stop - 1))) {
      stop--;
    }
    if (stop == start) {
      throw fail(Reason.MALFORMED, "unexpected '" + s.charAt(start) + "'", start);
    }
    int words = 1;
    for (int i = start; i < stop; i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        words++;
      }
      if (c == '!' || c == '?' || c == ';' || c == '=' || c == '(' || c == ')' || c == '\t'
          || (c == '.' && i + 1 < stop && s.charAt(i + 1) == ' ')) {
        throw fail(Reason.MALFORMED, "text where a key belongs", start);
      }
    }
    if (words > 4) {
      throw fail(Reason.MALFORMED, "text where a key belongs", start);
    }
    buf.setLength(0);
    buf.append(s, start, stop);
    log.add(RepairKind.QUOTED_KEY, start);
    return pos >= end;
  }

  // ---------------------------------------------------------------------------------------
  // Strings.

  /**
   * Reads a quoted string of any quote style into {@link #buf}. Returns whether the string was
   * cut by the end of the text (or by a fence or closing tag after which no quote follows).
   */
  private boolean quoted(boolean isKey) {
    int open = pos;
    int kind = Chars.quoteKind(s.charAt(pos));
    if (kind != Chars.Q_DOUBLE) {
      log.add(RepairKind.NORMALIZED_QUOTES, open);
    }
    pos++;
    buf.setLength(0);
    letterEscapes = 0;
    invalidEscapes = false;
    try {
      return quotedBody(isKey, open, kind);
    } finally {
      if (invalidEscapes && letterEscapes > 0) {
        literalLetterEscapes();
      }
    }
  }

  /**
   * In a string that also holds an invalid escape ({@code C:\\Users\\new}, LaTeX, a regex),
   * the backslashes were evidently not escaped, so escapes like {@code \\n} or {@code \\b}
   * that happen to be valid are read as a backslash and a letter too.
   */
  private void literalLetterEscapes() {
    StringBuilder out = new StringBuilder(buf.length() + letterEscapes);
    int k = 0;
    for (int i = 0; i < buf.length(); i++) {
      if (k < letterEscapes && escapeAt[k] == i) {
        out.append('\\').append(escapeLetter[k]);
        k++;
      } else {
        out.append(buf.charAt(i));
      }
    }
    buf.setLength(0);
    buf.append(out);
  }

  private void noteLetterEscape(char letter) {
    if (escapeAt == null) {
      escapeAt = new int[8];
      escapeLetter = new char[8];
    } else if (letterEscapes == escapeAt.length) {
      escapeAt = Arrays.copyOf(escapeAt, letterEscapes * 2);
      escapeLetter = Arrays.copyOf(escapeLetter, letterEscapes * 2);
    }
    escapeAt[letterEscapes] = buf.length();
    escapeLetter[letterEscapes] = letter;
    letterEscapes++;
  }

  private boolean quotedBody(boolean isKey, int open, int kind) {
    while (true) {
      int run = pos;
      if (kind == Chars.Q_DOUBLE) {
        // The usual quote, with its only closer inlined.
        while (pos < end) {
          char c = s.charAt(pos);
          if (c == '\\' || c < 0x20 || c == '"') {
            break;
          }
          pos++;
        }
      } else {
        while (pos < end) {
          char c = s.charAt(pos);
          if (c == '\\' || c < 0x20 || Chars.closes(kind, c)) {
            break;
          }
          pos++;
        }
      }
      if (pos > run) {
        buf.append(s, run, pos);
      }
      if (pos >= end) {
        truncated = true;
        log.add(RepairKind.CLOSED_STRING, open);
        return true;
      }
      char c = s.charAt(pos);
      if (c == '\\') {
        if (escape()) {
          return true;
        }
        continue;
      }
      if (c < 0x20) {
        if ((c == '\n' || c == '\r') && markerAfterLineBreak(pos)) {
          truncated = true;
          log.add(RepairKind.CLOSED_STRING, open);
          return true;
        }
        log.add(RepairKind.ESCAPED_CONTROL_CHARACTER, pos);
        buf.append(c);
        pos++;
        continue;
      }
      if (isKey ? keyCloses(pos) : valueCloses(pos)) {
        pos++;
        return false;
      }
      if (c == '"') {
        log.add(RepairKind.ESCAPED_INNER_QUOTE, pos);
      }
      buf.append(c);
      pos++;
    }
  }

  /** Reads the escape at {@link #pos}; returns true when the text ends inside it. */
  private boolean escape() {
    if (pos + 1 >= end) {
      log.add(RepairKind.DROPPED_INCOMPLETE_ESCAPE, pos);
      pos = end;
      truncated = true;
      return true;
    }
    char e = s.charAt(pos + 1);
    switch (e) {
      case '"':
      case '\\':
      case '/':
        buf.append(e);
        pos += 2;
        return false;
      case 'b':
        noteLetterEscape(e);
        buf.append('\b');
        pos += 2;
        return false;
      case 'f':
        noteLetterEscape(e);
        buf.append('\f');
        pos += 2;
        return false;
      case 'n':
        noteLetterEscape(e);
        buf.append('\n');
        pos += 2;
        return false;
      case 'r':
        noteLetterEscape(e);
        buf.append('\r');
        pos += 2;
        return false;
      case 't':
        noteLetterEscape(e);
        buf.append('\t');
        pos += 2;
        return false;
      case '\'':
        log.add(RepairKind.REMOVED_ESCAPE, pos);
        buf.append('\'');
        pos += 2;
        return false;
      case 'u':
        {
          int q = pos + 2;
          int v = 0;
          while (q < end && q < pos + 6 && Chars.isHex(s.charAt(q))) {
            v = v * 16 + Chars.hexValue(s.charAt(q));
            q++;
          }
          if (q == pos + 6) {
            buf.append((char) v);
            pos = q;
            return false;
          }
          if (q >= end) {
            log.add(RepairKind.DROPPED_INCOMPLETE_ESCAPE, pos);
            pos = end;
            truncated = true;
            return true;
          }
          log.add(RepairKind.KEPT_INVALID_ESCAPE, pos);
          invalidEscapes = true;
          buf.append('\\');
          pos++;
          return false;
        }
      default:
        log.add(RepairKind.KEPT_INVALID_ESCAPE, pos);
        invalidEscapes = true;
        buf.append('\\');
        pos++;
        return false;
    }
  }

  /** Whether the line break at {@code p} is followed by a fence or closing tag and no later quote. */
  private boolean markerAfterLineBreak(int p) {
    int q = p + 1;
    int limit = Math.min(end, p + LOOKAHEAD);
    while (q < limit && (s.charAt(q) == ' ' || s.charAt(q) == '\t' || s.charAt(q) == '\n' || s.charAt(q) == '\r')) {
      q++;
    }
    lookaheadWork += q - p;
    return q < end && q > lastDoubleQuote() && isEndMarker(q);
  }

  private int lastDoubleQuote() {
    if (lastDoubleQuote == -2) {
      lastDoubleQuote = s.lastIndexOf('"', end - 1);
    }
    return lastDoubleQuote;
  }

  /** Whether a quote inside a key ends the key. */
  private boolean keyCloses(int p) {
    int q = skipPlain(p + 1);
    if (q < 0 || q >= end) {
      return true;
    }
    char c = s.charAt(q);
    return c == ':' || c == ',' || c == '}' || c == ']' || Chars.quoteKind(c) != 0 || isEndMarker(q);
  }

  /** Whether a quote inside a value string ends the string, judged by what follows it. */
  private boolean valueCloses(int p) {
    int q = skipPlain(p + 1);
    if (q < 0 || q >= end) {
      return true;
    }
    char c = s.charAt(q);
    switch (c) {
      case '}':
      case ']':
        return true;
      case ',':
        return commaContinues(q);
      case ':':
        return false;
      case '/':
        return q + 1 < end && (s.charAt(q + 1) == '/' || s.charAt(q + 1) == '*');
      default:
        if (Chars.quoteKind(c) != 0 && !isEndMarker(q)) {
          // Another quote follows: if that one ends the value, this one is content.
          int r = skipPlain(q + 1);
          if (r < 0 || r >= end) {
            return false;
          }
          char d = s.charAt(r);
          return !(d == '}' || d == ']' || d == ',' || d == ':');
        }
        return isEndMarker(q);
    }
  }

  /** After a quote and a comma: does the text go on like the next member or element? */
  private boolean commaContinues(int q) {
    int r = skipPlain(q + 1);
    if (r < 0 || r >= end) {
      return true;
    }
    char c = s.charAt(r);
    byte top = depth == 0 ? 0 : types[depth - 1];
    if (top == OBJ) {
      if (c == '}') {
        return true;
      }
      return keyThenColon(r);
    }
    if (top == ARR) {
      if (c == ']' || c == '{' || c == '[' || c == '-' || Chars.isDigit(c) || Chars.quoteKind(c) != 0) {
        return true;
      }
      if (Character.isLetter(c)) {
        int e = r;
        int limit = Math.min(end, r + 12);
        while (e < limit && Character.isLetter(s.charAt(e))) {
          e++;
        }
        lookaheadWork += e - r;
        String w = s.substring(r, e);
        return literal(w) >= 0 || NumberText.isNonFinite(w);
      }
      return false;
    }
    return true;
  }

  /** Whether a quoted or bare key followed by a colon starts at {@code r}. */
  private boolean keyThenColon(int r) {
    char c = s.charAt(r);
    int kind = Chars.quoteKind(c);
    int limit = Math.min(end, r + LOOKAHEAD);
    int e = r + 1;
    if (kind != 0) {
      while (e < limit) {
        char d = s.charAt(e);
        if (d == '\\') {
          e += 2;
          continue;
        }
        if (d == '\n') {
          break;
        }
        if (Chars.closes(kind, d)) {
          break;
        }
        e++;
      }
      lookaheadWork += e - r;
      if (e >= limit) {
        return true;
      }
      if (s.charAt(e) == '\n') {
        return false;
      }
      int after = skipPlain(e + 1);
      return after < 0 || after >= end || s.charAt(after) == ':';
    }
    if (!Chars.isIdentStart(c)) {
      return false;
    }
    while (e < limit && (Chars.isIdentPart(s.charAt(e)) || s.charAt(e) == ' ')) {
      e++;
    }
    lookaheadWork += e - r;
    if (e >= limit) {
      return true;
    }
    return s.charAt(e) == ':';
  }

  // ---------------------------------------------------------------------------------------
  // Look-ahead helpers.

  /**
   * Skips JSON and exotic whitespace, without logging, at most {@link #LOOKAHEAD} characters;
   * returns -1 when that was not enough.
   */
  private int skipPlain(int p) {
    int limit = Math.min(end, p + LOOKAHEAD);
    int q = p;
    while (q < limit && Chars.isAnySpace(s.charAt(q))) {
      q++;
    }
    lookaheadWork += q - p;
    if (q == limit && limit < end) {
      return -1;
    }
    return q;
  }

  /**
   * Skips whitespace of every kind, comments and literal {@code \n} sequences, logging each
   * repair when {@code log} is set.
   */
  private int skipSpace(int p, boolean record) {
    if (p < end) {
      char c = s.charAt(p);
      if (c > ' ' && c < '\u0085' && c != '/' && c != '#' && c != '\\') {
        // Neither whitespace (JSON or exotic) nor the start of a comment or an escape: the
        // loop below would stop here at once.
        return p;
      }
    }
    boolean exotic = false;
    while (p < end) {
      char c = s.charAt(p);
      if (Chars.isJsonSpace(c)) {
        p++;
        continue;
      }
      if (Chars.isExoticSpace(c)) {
        if (!exotic && record) {
          log.add(RepairKind.REMOVED_WHITESPACE, p);
        }
        exotic = true;
        p++;
        continue;
      }
      exotic = false;
      if (c == '/' && p + 1 < end) {
        char n = s.charAt(p + 1);
        if (n == '/') {
          int e = lineEnd(p);
          if (record) {
            checkElidedComment(p + 2, e);
            log.add(RepairKind.REMOVED_COMMENT, p);
          }
          p = e;
          continue;
        }
        if (n == '*') {
          int e = s.indexOf("*/", p + 2);
          if (record) {
            checkElidedComment(p + 2, e < 0 || e > end ? end : e);
            log.add(RepairKind.REMOVED_COMMENT, p);
          }
          p = e < 0 || e + 2 > end ? end : e + 2;
          continue;
        }
      }
      if (c == '#') {
        int e = lineEnd(p);
        if (record) {
          checkElidedComment(p + 1, e);
          log.add(RepairKind.REMOVED_COMMENT, p);
        }
        p = e;
        continue;
      }
      if (c == '\\' && p + 1 < end) {
        char n = s.charAt(p + 1);
        if (n == 'n' || n == 'r' || n == 't') {
          if (record) {
            log.add(RepairKind.REMOVED_WHITESPACE, p);
          }
          p += 2;
          continue;
        }
      }
      break;
    }
    return p;
  }

  private void checkElidedComment(int from, int to) {
    int i = from;
    while (i < to && Chars.isAnySpace(s.charAt(i))) {
      i++;
    }
    if (i < to && (s.startsWith("...", i) || s.charAt(i) == '\u2026')) {
      throw fail(Reason.ELIDED_CONTENT, "a comment marks elided content", from);
    }
  }

  private int lineEnd(int p) {
    while (p < end && s.charAt(p) != '\n' && s.charAt(p) != '\r') {
      p++;
    }
    return p;
  }

  /** Whether the text ends here, or a fence, closing tag or chat-template token starts here. */
  private boolean atStop(int p) {
    return p >= end || isEndMarker(p);
  }

  boolean isEndMarker(int p) {
    char c = s.charAt(p);
    if (c == '`' || c == '~') {
      return p + 2 < end && s.charAt(p + 1) == c && s.charAt(p + 2) == c;
    }
    if (c == '<' && p + 1 < end) {
      char n = s.charAt(p + 1);
      return n == '|' || (n == '/' && p + 2 < end && Character.isLetter(s.charAt(p + 2)));
    }
    return false;
  }

  private boolean isEllipsis(int p) {
    char c = s.charAt(p);
    if (c == '\u2026') {
      return true;
    }
    return c == '.' && p + 1 < end && s.charAt(p + 1) == '.';
  }

  /** {@code <name>}: a placeholder the model did not fill in. */
  private boolean isPlaceholder(int p) {
    int limit = Math.min(end, p + 80);
    int q = p + 1;
    if (q >= end || s.charAt(q) == '/' || s.charAt(q) == '|' || s.charAt(q) == '>') {
      return false;
    }
    while (q < limit) {
      char c = s.charAt(q);
      if (c == '>') {
        lookaheadWork += q - p;
        return true;
      }
      if (c == '<' || c == '\n' || c == '"' || c == '{' || c == '}') {
        break;
      }
      q++;
    }
    lookaheadWork += q - p;
    return false;
  }

  private boolean isValueStart(char c) {
    return c == '{' || c == '[' || c == '-' || c == '+' || c == '.' || Chars.isDigit(c)
        || Chars.quoteKind(c) != 0 || Character.isLetter(c) || c == '_' || c == '$';
  }

  private static boolean isScalarStart(char c) {
    return c == '-' || Chars.isDigit(c) || Chars.quoteKind(c) != 0 || c == 't' || c == 'f'
        || c == 'n';
  }

  /** Whether {@code "key":} (any quote style) starts at {@code p}: an object missing its opening brace. */
  boolean startsWithQuotedKey(int p) {
    if (p >= end) {
      return false;
    }
    int kind = Chars.quoteKind(s.charAt(p));
    if (kind == 0) {
      return false;
    }
    int limit = Math.min(end, p + LOOKAHEAD);
    int e = p + 1;
    while (e < limit) {
      char d = s.charAt(e);
      if (d == '\\') {
        e += 2;
        continue;
      }
      if (d == '\n' || Chars.closes(kind, d)) {
        break;
      }
      e++;
    }
    if (e >= limit || s.charAt(e) == '\n') {
      return false;
    }
    int after = skipPlain(e + 1);
    return after >= 0 && after < end && s.charAt(after) == ':';
  }

  ParseFailure fail(Reason reason, String message) {
    return fail(reason, message, pos);
  }

  ParseFailure fail(Reason reason, String message, int at) {
    return new ParseFailure(reason, message + " at offset " + at, at);
  }
}
