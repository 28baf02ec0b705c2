package dev.router4j.internal.healing;

import dev.router4j.healing.RepairKind;
import dev.router4j.healing.UnrecoverableOutputException.Reason;
import java.util.Locale;

/**
 * Finds the one JSON document in a model's text and repairs it. Wrapping (reasoning blocks,
 * fences, prose, tags, chat-template tokens) is peeled off first; then candidate documents are
 * tried in order with the {@link RepairParser}. A candidate that holds no quoted string in the
 * middle of prose ({@code {this}}, {@code [1]}) is taken for prose. A second, different
 * document after the first one, separated by prose, makes the text ambiguous.
 *
 * <p>Instances are immutable; each call works on its own state.
 */
public final class HealEngine {
  private static final int MAX_ATTEMPTS = 16;
  private static final int MAX_TRAILING_ATTEMPTS = 8;
  private static final int MAX_DECODE_NESTING = 2;
  private static final int LINE_LOOKAHEAD = 200;
  private static final String[] REASONING_TAGS = {"think", "thinking", "reasoning", "thought"};
  /** {@code <tag} for each reasoning tag, built once. */
  private static final String[] REASONING_OPEN = {"<think", "<thinking", "<reasoning", "<thought"};
  /** {@code </tag>} for each reasoning tag, built once. */
  private static final String[] REASONING_CLOSE = {"</think>", "</thinking>", "</reasoning>", "</thought>"};

  private final int maxDepth;

  /** An engine that refuses documents nested deeper than {@code maxDepth}. */
  public HealEngine(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  /** What one heal produced. */
  public static final class Outcome {
    /** The healed text (text mode). */
    public final String json;
    /** The healed tree (tree mode). */
    public final JNode tree;
    /** The repairs made. */
    public final RepairLog log;
    /** Whether the document was closed at a cut. */
    public final boolean truncated;
    /** Characters examined, counting every attempt and look-ahead: a linear-time witness. */
    public final long work;

    Outcome(String json, JNode tree, RepairLog log, boolean truncated, long work) {
      this.json = json;
      this.tree = tree;
      this.log = log;
      this.truncated = truncated;
      this.work = work;
    }
  }

  /**
   * Heals {@code text}. In tree mode the result is a {@link JNode} for schema work; otherwise
   * compact JSON text.
   *
   * @throws ParseFailure when no document can be recovered
   */
  public Outcome repair(String text, boolean tree) {
    return new Run(text, tree, 0, -1).execute();
  }

  /** Parses strictly valid JSON into a tree, or returns null when the text is not strictly valid. */
  public JNode parseStrict(String json) {
    if (!StrictJsonScanner.isValid(json)) {
      return null;
    }
    return strictTree(json, 0, json.length());
  }

  /**
   * The text as one strictly valid JSON document, when it is one once whitespace of any kind
   * (BOM, NBSP, zero-width and the like) is trimmed from both ends; otherwise null, and the
   * text needs {@link #repair}. Such a document is taken as it is: its strings are never
   * searched for fences, reasoning tags, chat-template tokens or other wrapping, so that
   * healing cannot reach into a value and so that healing a healed document changes nothing.
   *
   * <p>The outcome's text is the document exactly as written (the whole text when
   * {@code wholeValid}); in tree mode it also carries the tree, with offsets into
   * {@code text}. The only repair is the trimmed whitespace. Linear: at most one more
   * validating scan, and only when non-JSON whitespace was trimmed.
   *
   * @param wholeValid whether the caller already knows the whole text is strictly valid
   * @throws ParseFailure when a tree is asked for and the document nests too deeply
   */
  public Outcome strictDocument(String text, boolean wholeValid, boolean tree) {
    int n = text.length();
    int from = 0;
    int to = n;
    // The first non-JSON whitespace character trimmed, where the repair is reported.
    int exotic = -1;
    if (!wholeValid) {
      while (from < to && Chars.isAnySpace(text.charAt(from))) {
        if (exotic < 0 && Chars.isExoticSpace(text.charAt(from))) {
          exotic = from;
        }
        from++;
      }
      int trailing = -1;
      while (to > from && Chars.isAnySpace(text.charAt(to - 1))) {
        to--;
        if (Chars.isExoticSpace(text.charAt(to))) {
          trailing = to;
        }
      }
      if (exotic < 0) {
        exotic = trailing;
      }
      // With only JSON whitespace trimmed, the whole text was already judged invalid.
      if (exotic < 0 || !StrictJsonScanner.isValid(text, from, to)) {
        return null;
      }
    }
    RepairLog log = new RepairLog();
    if (exotic >= 0) {
      log.add(RepairKind.REMOVED_WHITESPACE, exotic);
    }
    String json = wholeValid ? text : text.substring(from, to);
    JNode value = tree ? strictTree(text, from, to) : null;
    return new Outcome(json, value, log, false, n);
  }

  /** The tree of the strictly valid document in {@code [from, to)} of {@code json}. */
  private JNode strictTree(String json, int from, int to) {
    TreeSink sink = new TreeSink();
    // The scanner has proved the text valid: the parser makes no repair, so its log is dropped.
    RepairParser p = new RepairParser(json, to, sink, new RepairLog(), maxDepth);
    int i = from;
    while (i < to && Chars.isJsonSpace(json.charAt(i))) {
      i++;
    }
    p.parseDocument(i, RepairParser.MODE_NORMAL);
    return sink.result();
  }

  /** One candidate document tried at one position. */
  private static final class Attempt {
    int start;
    int end;
    boolean strong;
    boolean structured;
    boolean truncated;
    ParseFailure failure;
    RepairLog log;
    TextSink textSink;
    TreeSink treeSink;
    String text;
    JNode tree;
    Outcome decoded;

    String text() {
      if (text == null) {
        if (decoded != null) {
          text = decoded.json != null ? decoded.json : JsonWriter.write(decoded.tree);
        } else if (textSink != null) {
          text = textSink.result();
        } else {
          text = JsonWriter.write(tree());
        }
      }
      return text;
    }

    JNode tree() {
      if (tree == null) {
        tree = decoded != null ? decoded.tree : treeSink.result();
      }
      return tree;
    }
  }

  /** The state of one heal. */
  private final class Run {
    private final String s;
    private final int n;
    private final boolean tree;
    private final int nesting;
    private final int fixedOffset;
    /** The wrapping's repairs (reasoning, fences, prose); created with the first one. */
    private RepairLog log;
    private long work;
    private boolean fenced;
    private int yamlLines = -1;
    private int attempts;
    /**
     * The first {@code <} in the text, or -1: every tag, chat token and HTML check starts with
     * one, so text without it (most JSON) skips all of them.
     */
    private final int firstLt;

    Run(String s, boolean tree, int nesting, int fixedOffset) {
      this.s = s;
      this.n = s.length();
      this.tree = tree;
      this.nesting = nesting;
      this.fixedOffset = fixedOffset;
      this.firstLt = s.indexOf('<');
    }

    private RepairLog log() {
      if (log == null) {
        log = newLog();
      }
      return log;
    }

    private RepairLog newLog() {
      RepairLog l = new RepairLog();
      if (fixedOffset >= 0) {
        l.fixOffset(fixedOffset);
      }
      return l;
    }

    private ParseFailure failure(Reason reason, String message, int at) {
      return new ParseFailure(reason, message, at);
    }

    /** Heals this run's text; failures of a decoded run report the offset of the escaped text. */
    Outcome execute() {
      try {
        return executeInner();
      } catch (ParseFailure f) {
        ParseFailure out = fixedOffset >= 0 ? new ParseFailure(f.reason(), f.getMessage(), fixedOffset) : f;
        out.addWork(f.work() + work + n);
        throw out;
      }
    }

    private Outcome executeInner() {
      int first = skipSpace(0);
      if (first >= n) {
        throw failure(Reason.EMPTY, "the output is empty", 0);
      }
      int start = stripReasoning(0);
      int lead = skipSpace(start);
      if (lead >= n) {
        throw failure(Reason.NO_JSON, "the output holds only reasoning", start);
      }
      if (s.charAt(lead) == '<'
          && (startsWithIgnoreCase(lead, "<!doctype") || startsWithIgnoreCase(lead, "<html"))) {
        throw failure(Reason.NO_JSON, "the output is an HTML page", lead);
      }
      int regionStart = chooseFence(start);
      lead = skipLeadingComments(skipChatTokens(skipSpace(regionStart)));
      if (lead >= n) {
        throw failure(Reason.NO_JSON, "the output holds no JSON", regionStart);
      }
      Attempt chosen = choose(lead);
      recordWrapping(start, chosen);
      checkTrailing(chosen);
      // The wrapping's repairs come first; with none, the candidate's log is the whole log
      // (same offset rule, no longer used by the candidate) and needs no copy.
      RepairLog out;
      if (log == null || log.count() == 0) {
        out = chosen.log;
      } else {
        log.addAll(chosen.log);
        out = log;
      }
      work += n;
      if (chosen.decoded != null) {
        work += chosen.decoded.work;
        return new Outcome(
            chosen.decoded.json, chosen.decoded.tree, out, chosen.decoded.truncated, work);
      }
      if (tree) {
        return new Outcome(null, chosen.tree(), out, chosen.truncated, work);
      }
      return new Outcome(chosen.text(), null, out, chosen.truncated, work);
    }

    // -------------------------------------------------------------------------------------
    // Candidates.

    private Attempt choose(int lead) {
      char c = s.charAt(lead);
      int mode = -1;
      if (c == '{' || c == '[') {
        mode = RepairParser.MODE_NORMAL;
      } else if (Chars.quoteKind(c) != 0) {
        RepairParser probe = new RepairParser(s, n, NullSink.INSTANCE, new RepairLog(), maxDepth);
        if (probe.startsWithQuotedKey(lead)) {
          mode = RepairParser.MODE_IMPLICIT_OBJECT;
        } else if (missingOpeningBracket(lead)) {
          mode = RepairParser.MODE_IMPLICIT_ARRAY;
        } else {
          mode = RepairParser.MODE_NORMAL;
        }
      } else if (Chars.isDigit(c) || c == '-' || c == '+' || c == '.' || Character.isLetter(c)) {
        if ((Chars.isDigit(c) || c == '-') && missingOpeningBracket(lead)) {
          mode = RepairParser.MODE_IMPLICIT_ARRAY;
        } else if (singleScalarToken(lead)) {
          mode = RepairParser.MODE_NORMAL;
        }
      }
      Attempt weak = null;
      int searchFrom = lead;
      if (mode >= 0) {
        Attempt a = attempt(lead, mode, false);
        if (a.failure != null) {
          // Broken JSON is refused as a whole; only prose that happens to start with a
          // bracket ({name} is ..., [Note] ...) lets the search go on.
          if (a.strong || a.failure.reason() != Reason.MALFORMED) {
            throw a.failure;
          }
          searchFrom = Math.max(lead + 1, a.failure.offset());
        } else if (a.strong) {
          return a;
        } else {
          weak = a;
          searchFrom = Math.max(lead + 1, a.end);
        }
      }
      ParseFailure firstFailure = null;
      Attempt fallback = null;
      while (attempts < MAX_ATTEMPTS) {
        int idx = nextBracket(searchFrom);
        if (idx < 0) {
          break;
        }
        if (yamlValue(idx)) {
          searchFrom = idx + 1;
          continue;
        }
        Attempt a = attempt(idx, RepairParser.MODE_NORMAL, false);
        if (a.failure != null) {
          if (firstFailure == null) {
            firstFailure = a.failure;
          }
          searchFrom = Math.max(idx + 1, a.failure.offset() < idx ? idx + 1 : a.failure.offset());
          continue;
        }
        if (a.strong && !inlineMention(idx, a.end)) {
          return a;
        }
        if (fallback == null && (a.structured || a.strong)) {
          fallback = a;
        }
        searchFrom = Math.max(idx + 1, a.end);
      }
      if (weak != null) {
        return weak;
      }
      if (fallback != null) {
        return fallback;
      }
      if (firstFailure != null
          && (firstFailure.reason() == Reason.ELIDED_CONTENT
              || firstFailure.reason() == Reason.PLACEHOLDER
              || firstFailure.reason() == Reason.TOO_DEEP)) {
        throw firstFailure;
      }
      if (isRefusal(lead)) {
        throw failure(Reason.REFUSAL, "the model refused to answer", lead);
      }
      throw failure(Reason.NO_JSON, "the output holds no JSON document", lead);
    }

    private Attempt attempt(int idx, int mode, boolean textOnly) {
      attempts++;
      Attempt a = new Attempt();
      a.start = idx;
      char c = s.charAt(idx);
      if (nesting < MAX_DECODE_NESTING && (c == '{' || c == '[') && looksEscaped(idx)) {
        String decodedText = decodeEscaped(idx);
        Run inner = new Run(decodedText, tree && !textOnly, nesting + 1, idx);
        a.log = newLog();
        a.log.add(RepairKind.DECODED_ESCAPED_JSON, idx);
        try {
          a.decoded = inner.execute();
        } catch (ParseFailure f) {
          a.failure = f;
          work += f.work();
          return a;
        }
        a.log.addAll(a.decoded.log);
        a.end = n;
        a.strong = true;
        a.truncated = a.decoded.truncated;
        return a;
      }
      a.log = newLog();
      JsonSink sink;
      if (tree && !textOnly) {
        a.treeSink = new TreeSink();
        sink = a.treeSink;
      } else {
        a.textSink = new TextSink(textOnly ? 256 : Math.min(n - idx + 16, 1 << 20));
        sink = a.textSink;
      }
      RepairParser p = new RepairParser(s, n, sink, a.log, maxDepth);
      try {
        p.parseDocument(idx, mode);
      } catch (ParseFailure f) {
        work += (p.pos - idx) + p.lookaheadWork;
        a.failure = f;
        a.strong = p.quotedStrings > 0;
        return a;
      }
      work += (p.pos - idx) + p.lookaheadWork;
      a.end = p.pos;
      a.strong = p.quotedStrings > 0 || p.typedScalars >= 2;
      a.structured = p.members > 0 && p.typedScalars > 0;
      a.truncated = p.truncated;
      return a;
    }

    /** After the chosen document: a different document separated by prose makes the text ambiguous. */
    private void checkTrailing(Attempt chosen) {
      if (chosen.decoded != null) {
        return;
      }
      int from = chosen.end;
      if (fenced) {
        int close = nextMarker(from);
        if (close >= 0) {
          checkLaterFences(close, chosen);
          return;
        }
      }
      int searchFrom = from;
      int tries = 0;
      while (tries < MAX_TRAILING_ATTEMPTS) {
        int idx = nextBracket(searchFrom);
        if (idx < 0) {
          return;
        }
        tries++;
        if (yamlValue(idx)) {
          searchFrom = idx + 1;
          continue;
        }
        Attempt a = attempt(idx, RepairParser.MODE_NORMAL, true);
        if (a.failure != null) {
          searchFrom = Math.max(idx + 1, a.failure.offset());
          continue;
        }
        if (a.strong && !inlineMention(idx, a.end) && !a.text().equals(chosen.text())) {
          throw failure(
              Reason.AMBIGUOUS_CANDIDATES,
              "the output holds two different JSON documents (offsets " + chosen.start + " and " + idx + ")",
              idx);
        }
        searchFrom = Math.max(idx + 1, a.end);
      }
    }

    /** After a fenced document: another fenced JSON block with a different document is ambiguous. */
    private void checkLaterFences(int close, Attempt chosen) {
      int p = markerRunEnd(close);
      int blocks = 0;
      while (blocks < MAX_TRAILING_ATTEMPTS) {
        int m = nextMarker(p);
        if (m < 0) {
          return;
        }
        int runEnd = markerRunEnd(m);
        int tagEnd = tagEnd(runEnd);
        String tag = s.substring(runEnd, tagEnd).toLowerCase(Locale.ROOT);
        int content = skipSpace(tagEnd);
        blocks++;
        if (content < n && (tag.isEmpty() || tag.startsWith("json") || tag.equals("javascript") || tag.equals("js"))
            && (s.charAt(content) == '{' || s.charAt(content) == '[')) {
          Attempt a = attempt(content, RepairParser.MODE_NORMAL, true);
          if (a.failure == null && a.strong && !a.text().equals(chosen.text())) {
            throw failure(
                Reason.AMBIGUOUS_CANDIDATES,
                "the output holds two different fenced JSON documents",
                content);
          }
        }
        int blockClose = nextMarker(content);
        if (blockClose < 0) {
          return;
        }
        p = markerRunEnd(blockClose);
      }
    }

    private void recordWrapping(int start, Attempt chosen) {
      int prose = -1;
      int exotic = -1;
      for (int i = start; i < chosen.start; i++) {
        char c = s.charAt(i);
        if (!Chars.isAnySpace(c)) {
          prose = i;
          break;
        }
        if (exotic < 0 && Chars.isExoticSpace(c)) {
          exotic = i;
        }
      }
      if (prose >= 0) {
        log().add(RepairKind.EXTRACTED_DOCUMENT, prose);
      } else if (exotic >= 0) {
        log().add(RepairKind.REMOVED_WHITESPACE, exotic);
      }
      if (chosen.decoded == null) {
        for (int i = chosen.end; i < n; i++) {
          char c = s.charAt(i);
          if (!Chars.isJsonSpace(c)) {
            log().add(
                Chars.isExoticSpace(c) ? RepairKind.REMOVED_WHITESPACE : RepairKind.EXTRACTED_DOCUMENT, i);
            break;
          }
        }
      }
    }

    // -------------------------------------------------------------------------------------
    // Wrapping.

    /** Drops leading reasoning blocks, and everything before an unpaired closing reasoning tag. */
    private int stripReasoning(int start) {
      if (firstLt < 0) {
        // No tag anywhere: nothing to strip.
        return start;
      }
      boolean again = true;
      while (again) {
        again = false;
        int p = skipChatTokens(skipSpace(start));
        if (p >= n || s.charAt(p) != '<') {
          break;
        }
        for (int t = 0; t < REASONING_TAGS.length; t++) {
          if (opensReasoning(p, REASONING_OPEN[t])) {
            int close = indexOfIgnoreCase(REASONING_CLOSE[t], p);
            if (close < 0) {
              throw failure(Reason.NO_JSON, "the reasoning was cut before the answer", p);
            }
            log().add(RepairKind.STRIPPED_REASONING, p);
            start = close + REASONING_TAGS[t].length() + 3;
            again = true;
            break;
          }
        }
      }
      if (s.indexOf("</", Math.max(start, firstLt)) < 0) {
        // No closing tag after start: the loop below would find none.
        return start;
      }
      if (quotedStart(skipChatTokens(skipSpace(start)))) {
        // Every tag from here on lies inside the document's strings.
        return start;
      }
      for (int t = 0; t < REASONING_TAGS.length; t++) {
        String closeTag = REASONING_CLOSE[t];
        int close = indexOfIgnoreCase(closeTag, start);
        if (close < 0) {
          continue;
        }
        int open = lastIndexOfIgnoreCase(REASONING_OPEN[t], close, start);
        int before = open >= 0 ? open : close;
        int firstBracket = nextBracket(start);
        boolean proseBefore = firstBracket < 0 || firstBracket >= before;
        int lead = skipSpace(start);
        if (open < 0) {
          proseBefore = lead < n && s.charAt(lead) != '{' && s.charAt(lead) != '[';
        }
        if (proseBefore) {
          log().add(RepairKind.STRIPPED_REASONING, open >= 0 ? open : start);
          start = close + closeTag.length();
        }
      }
      return start;
    }

    /**
     * Picks the markdown fence block that holds the document, if any, and returns where its
     * content starts; otherwise returns {@code start}.
     */
    private int chooseFence(int start) {
      int lead = skipSpace(start);
      int firstBracket = nextBracket(lead);
      boolean startsWithBracket = firstBracket == lead;
      if (startsWithBracket || quotedStart(skipChatTokens(lead))) {
        // Every marker lies inside the document that starts here: none is eligible.
        return start;
      }
      int p = lead;
      for (int guard = 0; guard < 64; guard++) {
        int m = nextMarker(p);
        if (m < 0) {
          return start;
        }
        boolean eligible = firstBracket < 0 || m < firstBracket || (!startsWithBracket && atLineStart(m));
        if (!eligible) {
          return start;
        }
        int runEnd = markerRunEnd(m);
        int tagStart = runEnd;
        while (tagStart < n && (s.charAt(tagStart) == ' ' || s.charAt(tagStart) == '\t')) {
          tagStart++;
        }
        int tagEnd = tagEnd(tagStart);
        String tag = s.substring(tagStart, tagEnd).toLowerCase(Locale.ROOT);
        int content = tagEnd;
        while (content < n && (s.charAt(content) == ' ' || s.charAt(content) == '\t')) {
          content++;
        }
        if (content < n && s.charAt(content) == '\r') {
          content++;
        }
        if (content < n && s.charAt(content) == '\n') {
          content++;
        }
        int firstContent = skipSpace(content);
        if (firstContent < n && startsJson(s.charAt(firstContent)) && !otherLanguage(tag)) {
          fenced = true;
          log().add(RepairKind.EXTRACTED_DOCUMENT, m);
          return content;
        }
        int close = nextMarker(Math.max(firstContent, runEnd));
        if (close < 0) {
          return start;
        }
        p = markerRunEnd(close);
      }
      return start;
    }

    /**
     * Whether the document plainly starts at {@code lead} with a double quote: a quoted key
     * ({@code "a": ..}, an object whose opening brace is missing) or a string that runs to the
     * end of the text on one line (a string value cut short). Either way, what follows lies
     * inside the document, so fences and tags there are content, not wrapping. A quote that
     * opens lines of prose (reasoning that starts with a quotation) is not such a start.
     */
    private boolean quotedStart(int lead) {
      if (lead >= n || s.charAt(lead) != '"') {
        return false;
      }
      RepairParser probe = new RepairParser(s, n, NullSink.INSTANCE, new RepairLog(), maxDepth);
      if (probe.startsWithQuotedKey(lead)) {
        return true;
      }
      for (int i = lead + 1; i < n; i++) {
        char c = s.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '"' || c == '\n' || c == '\r') {
          return false;
        }
      }
      return true;
    }

    private boolean startsJson(char c) {
      return c == '{' || c == '[' || (Chars.quoteKind(c) != 0 && c != '`') || c == '-' || Chars.isDigit(c);
    }

    private boolean otherLanguage(String tag) {
      switch (tag) {
        case "python":
        case "py":
        case "yaml":
        case "yml":
        case "bash":
        case "sh":
        case "shell":
        case "html":
        case "xml":
        case "sql":
        case "java":
        case "kotlin":
        case "go":
        case "rust":
        case "ruby":
        case "c":
        case "cpp":
        case "csharp":
        case "cs":
        case "text":
        case "txt":
        case "markdown":
        case "md":
        case "csv":
        case "toml":
        case "ini":
          return true;
        default:
          return false;
      }
    }

    /**
     * Whether the candidate {@code [from, to)} sits inside a sentence: words before it on its line
     * that do not end with a colon, and words after it on its line. Such a value is a mention in
     * prose ({@code the list ["a"] below}), not a document.
     */
    private boolean inlineMention(int from, int to) {
      int b = from - 1;
      while (b >= 0 && (s.charAt(b) == ' ' || s.charAt(b) == '\t')) {
        b--;
      }
      if (b < 0 || s.charAt(b) == '\n' || s.charAt(b) == '\r' || s.charAt(b) == ':' || s.charAt(b) == '=') {
        return false;
      }
      int limit = Math.min(n, to + LINE_LOOKAHEAD);
      for (int i = to; i < limit; i++) {
        char c = s.charAt(i);
        if (c == '\n' || c == '\r') {
          return false;
        }
        if (Character.isLetterOrDigit(c)) {
          return true;
        }
      }
      return false;
    }

    /** Whether the candidate at {@code idx} is the flow value of a YAML key in a YAML-looking text. */
    private boolean yamlValue(int idx) {
      int ls = idx;
      while (ls > 0 && s.charAt(ls - 1) != '\n') {
        ls--;
      }
      if (!isYamlKeyPrefix(ls, idx)) {
        return false;
      }
      if (yamlLines < 0) {
        yamlLines = countYamlLines();
      }
      return yamlLines >= 1;
    }

    private boolean isYamlKeyPrefix(int from, int to) {
      int i = from;
      while (i < to && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      if (i + 1 < to && s.charAt(i) == '-' && s.charAt(i + 1) == ' ') {
        i += 2;
      }
      if (i >= to || !(Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
        return false;
      }
      while (i < to && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-')) {
        i++;
      }
      if (i >= to || s.charAt(i) != ':') {
        return false;
      }
      i++;
      while (i < to && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      return i == to;
    }

    private int countYamlLines() {
      int count = 0;
      int ls = 0;
      while (ls < n && count < 1) {
        int le = s.indexOf('\n', ls);
        if (le < 0) {
          le = n;
        }
        int i = ls;
        while (i < le && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
          i++;
        }
        if (i + 1 < le && s.charAt(i) == '-' && s.charAt(i + 1) == ' ') {
          i += 2;
        }
        int k = i;
        while (k < le && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_' || s.charAt(k) == '-')) {
          k++;
        }
        if (k > i && Character.isLetter(s.charAt(i)) && k < le && s.charAt(k) == ':'
            && k + 1 < le && s.charAt(k + 1) == ' ') {
          int v = k + 1;
          while (v < le && (s.charAt(v) == ' ' || s.charAt(v) == '\t')) {
            v++;
          }
          if (v < le && s.charAt(v) != '{' && s.charAt(v) != '[' && s.charAt(v) != '\r') {
            count++;
          }
        }
        ls = le + 1;
      }
      return count;
    }

    /** A text like {@code "a", "b"]} or {@code 1, 2]}: scalars, then a closing bracket with no opening one. */
    private boolean missingOpeningBracket(int lead) {
      int last = n - 1;
      while (last > lead && Chars.isAnySpace(s.charAt(last))) {
        last--;
      }
      if (last <= lead || s.charAt(last) != ']') {
        return false;
      }
      for (int i = lead; i < last; i++) {
        char c = s.charAt(i);
        if (c == '[' || c == '{' || c == '\n') {
          return false;
        }
      }
      return s.indexOf(',', lead) >= 0 && s.indexOf(',', lead) < last;
    }

    /** The whole text is one literal or number-like token ({@code True}, {@code +5}). */
    private boolean singleScalarToken(int lead) {
      int e = lead;
      while (e < n && !Chars.isAnySpace(s.charAt(e))) {
        e++;
      }
      if (skipSpace(e) < n) {
        return false;
      }
      String token = s.substring(lead, e);
      if (RepairParser.literal(token) >= 0 || NumberText.isNonFinite(token)) {
        return true;
      }
      if (e == n && token.length() >= 2 && RepairParser.literalPrefix(token) >= 0) {
        return true;
      }
      int kind = NumberText.classify(token, false).kind;
      return kind == NumberText.STRICT || kind == NumberText.NORMALIZED || kind == NumberText.LOOSE;
    }

    /** {@code {\"a\": 1}}: a document whose quotes are escaped, as if cut out of a JSON string. */
    private boolean looksEscaped(int idx) {
      int limit = Math.min(n, idx + 200);
      int i = idx;
      while (i < limit) {
        char c = s.charAt(i);
        if (c == '{' || c == '[' || Chars.isAnySpace(c)) {
          i++;
          continue;
        }
        if (c == '\\' && i + 1 < n) {
          char e = s.charAt(i + 1);
          if (e == '"') {
            return true;
          }
          if (e == 'n' || e == 'r' || e == 't') {
            i += 2;
            continue;
          }
        }
        return false;
      }
      return false;
    }

    /** Decodes string escapes from {@code idx} to the end; unknown escapes stay as written. */
    private String decodeEscaped(int idx) {
      StringBuilder out = new StringBuilder(n - idx);
      int i = idx;
      while (i < n) {
        char c = s.charAt(i);
        if (c != '\\' || i + 1 >= n) {
          out.append(c);
          i++;
          continue;
        }
        char e = s.charAt(i + 1);
        switch (e) {
          case '"':
          case '\\':
          case '/':
            out.append(e);
            i += 2;
            break;
          case 'n':
            out.append('\n');
            i += 2;
            break;
          case 'r':
            out.append('\r');
            i += 2;
            break;
          case 't':
            out.append('\t');
            i += 2;
            break;
          case 'b':
            out.append('\b');
            i += 2;
            break;
          case 'f':
            out.append('\f');
            i += 2;
            break;
          case 'u':
            if (i + 6 <= n
                && Chars.isHex(s.charAt(i + 2))
                && Chars.isHex(s.charAt(i + 3))
                && Chars.isHex(s.charAt(i + 4))
                && Chars.isHex(s.charAt(i + 5))) {
              out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
              i += 6;
            } else {
              out.append(c);
              i++;
            }
            break;
          default:
            out.append(c).append(e);
            i += 2;
        }
      }
      return out.toString();
    }

    private boolean isRefusal(int lead) {
      String head = s.substring(lead, Math.min(n, lead + 40)).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
      return head.startsWith("i'm sorry")
          || head.startsWith("i am sorry")
          || head.startsWith("sorry")
          || head.startsWith("i can't")
          || head.startsWith("i cannot")
          || head.startsWith("i can not")
          || head.startsWith("i won't")
          || head.startsWith("i will not")
          || head.startsWith("i'm unable")
          || head.startsWith("i am unable")
          || head.startsWith("i'm not able")
          || head.startsWith("as an ai")
          || head.startsWith("unfortunately");
    }

    // -------------------------------------------------------------------------------------
    // Scanning helpers.

    private int skipSpace(int p) {
      while (p < n && Chars.isAnySpace(s.charAt(p))) {
        p++;
      }
      return p;
    }

    private int skipJsonSpace(int p) {
      while (p < n && Chars.isJsonSpace(s.charAt(p))) {
        p++;
      }
      return p;
    }

    /** Skips line and block comments (and the space after them) that precede the document. */
    private int skipLeadingComments(int p) {
      for (int guard = 0; guard < 64 && p + 1 < n; guard++) {
        if (s.charAt(p) == '/' && s.charAt(p + 1) == '/') {
          int e = s.indexOf('\n', p);
          p = skipSpace(e < 0 ? n : e);
        } else if (s.charAt(p) == '/' && s.charAt(p + 1) == '*') {
          int e = s.indexOf("*/", p + 2);
          if (e < 0) {
            return p;
          }
          p = skipSpace(e + 2);
        } else {
          return p;
        }
      }
      return p;
    }

    /** Skips {@code <|token|>} chat-template tokens and the whitespace after them. */
    private int skipChatTokens(int p) {
      while (p + 1 < n && s.charAt(p) == '<' && s.charAt(p + 1) == '|') {
        int close = s.indexOf("|>", p + 2);
        if (close < 0 || close - p > 64) {
          return p;
        }
        p = skipSpace(close + 2);
      }
      return p;
    }

    private int nextBracket(int from) {
      for (int i = from; i < n; i++) {
        char c = s.charAt(i);
        if (c == '{' || c == '[') {
          return i;
        }
      }
      return -1;
    }

    /** The next fence marker ({@code ```} or {@code ~~~}) at or after {@code from}, or -1. */
    private int nextMarker(int from) {
      int a = s.indexOf("```", from);
      int b = s.indexOf("~~~", from);
      if (a < 0) {
        return b;
      }
      if (b < 0) {
        return a;
      }
      return Math.min(a, b);
    }

    private int markerRunEnd(int m) {
      char c = s.charAt(m);
      int e = m;
      while (e < n && s.charAt(e) == c) {
        e++;
      }
      return e;
    }

    private int tagEnd(int p) {
      while (p < n) {
        char c = s.charAt(p);
        if (Character.isLetterOrDigit(c) || c == '_' || c == '+' || c == '-' || c == '.' || c == '#') {
          p++;
        } else {
          break;
        }
      }
      return p;
    }

    private boolean atLineStart(int m) {
      int i = m - 1;
      while (i >= 0 && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i--;
      }
      return i < 0 || s.charAt(i) == '\n' || s.charAt(i) == '\r';
    }

    private boolean startsWithIgnoreCase(int p, String prefix) {
      return s.regionMatches(true, p, prefix, 0, prefix.length());
    }

    /**
     * Whether {@code <tag>} or {@code <tag } (given {@code open} = {@code <tag}) starts at
     * {@code p}, ignoring case: the same test as matching either form with
     * {@link String#regionMatches(boolean, int, String, int, int)}, without building them.
     */
    private boolean opensReasoning(int p, String open) {
      int after = p + open.length();
      if (after >= n) {
        return false;
      }
      char c = s.charAt(after);
      return (c == '>' || c == ' ') && s.regionMatches(true, p, open, 0, open.length());
    }

    /**
     * Finds a needle that starts with {@code <}, ignoring case. Only a {@code <} matches a
     * {@code <} ignoring case, so the search jumps from one {@code <} to the next, starting
     * at the first one in the text.
     */
    private int indexOfIgnoreCase(String needle, int from) {
      if (firstLt < 0) {
        return -1;
      }
      int limit = n - needle.length();
      int i = Math.max(firstLt, from);
      while (i <= limit) {
        i = s.indexOf('<', i);
        if (i < 0 || i > limit) {
          return -1;
        }
        if (s.regionMatches(true, i, needle, 0, needle.length())) {
          return i;
        }
        i++;
      }
      return -1;
    }

    /** The last needle (one that starts with {@code <}) in {@code [floor, before)}, ignoring case. */
    private int lastIndexOfIgnoreCase(String needle, int before, int floor) {
      int lo = Math.max(floor, Math.max(firstLt, 0));
      for (int i = Math.min(before - 1, n - needle.length()); i >= lo; i--) {
        if (s.charAt(i) == '<' && s.regionMatches(true, i, needle, 0, needle.length())) {
          return i;
        }
      }
      return -1;
    }
  }
}
