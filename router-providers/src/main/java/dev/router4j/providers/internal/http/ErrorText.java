package dev.router4j.providers.internal.http;

import java.util.regex.Pattern;

/**
 * Text clean-up for provider messages: credential redaction, HTML stripping, truncation. Every
 * step is linear in the text's length, whatever a hostile body holds (unclosed tags, comments
 * or scripts), so that classifying an error costs little even at the 64 KiB read of a body.
 */
final class ErrorText {

  /** The longest provider message kept in an exception. */
  static final int MAX_MESSAGE = 500;

  /** The longest excerpt kept from a body that is not a recognised error document. */
  static final int MAX_EXCERPT = 200;

  /** How much of a body an excerpt is taken from. */
  private static final int MAX_SCANNED = 64 * 1024;
  /** How far into a body the signs of an HTML page are looked for. */
  private static final int HTML_HEAD = 512;
  private static final String[] HTML_STARTS =
      {"<!doctype", "<html", "<?xml", "<head", "<body", "<h1", "<center", "<title"};
  /** The entities decoded, and what each stands for. */
  private static final String[] ENTITIES =
      {"&nbsp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#x27;", "&apos;", "&amp;"};
  private static final char[] DECODED = {' ', '<', '>', '"', '\'', '\'', '\'', '&'};

  /** Key and token shapes, wherever they stand. */
  private static final Pattern SECRET =
      Pattern.compile(
          "(?i)(?:\\bsk-[A-Za-z0-9_\\-*]{6,}"
              + "|\\bAIza[0-9A-Za-z_\\-]{10,}"
              + "|\\bgsk_[A-Za-z0-9]{10,}"
              + "|\\bxai-[A-Za-z0-9]{10,}"
              + "|\\bpplx-[A-Za-z0-9]{10,}"
              + "|\\bBearer\\s+[A-Za-z0-9._~+/=\\-]{6,}"
              + "|\\bBasic\\s+[A-Za-z0-9+/=]{8,})");
  /** 32 or more hex digits shortly after the word "key" (Azure's keys, and many hosts' own). */
  private static final Pattern HEX_KEY =
      Pattern.compile("(?i)(key.{0,40}?)\\b[0-9a-f]{32,}\\b");
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)([?&](?:key|api[_-]?key|access_token|token)=)[^&\\s\"'<>]+");
  /** A credential header or field echoed as {@code name: value}, {@code name=value} or JSON. */
  private static final Pattern SECRET_HEADER =
      Pattern.compile(
          "(?i)((?:x-api-key|x-goog-api-key|ocp-apim-subscription-key|api[-_]?key|authorization)"
              + "[\"']?\\s*[:=]\\s*[\"']?)"
              + "(?:(?:Bearer|Basic)\\s+)?[^\\s,;\"'&]+");

  private ErrorText() {}

  /**
   * Makes a provider-supplied string safe to put in an exception message: credentials that
   * look like API keys ({@code sk-}, {@code AIza}, Groq's {@code gsk_}, {@code xai-}, {@code
   * pplx-}, 32+ hex digits after "key"), bearer tokens, credential headers echoed as {@code
   * api-key: …} and {@code key=} query parameters are replaced, control
   * characters and runs of whitespace become one space, and the result is cut to {@code max}
   * characters. Returns null for null or blank input.
   */
  static String clean(String s, int max) {
    if (s == null) {
      return null;
    }
    String t = collapseSpace(s).strip();
    if (t.isEmpty()) {
      return null;
    }
    t = redact(t);
    return truncate(t, max);
  }

  /** Replaces anything that looks like a credential with {@code [redacted]}. */
  static String redact(String s) {
    return mayHoldSecret(s) ? redactWithPatterns(s) : s;
  }

  /** {@link #redact} without the check that spares the regular expressions; for tests. */
  static String redactWithPatterns(String s) {
    String t = SECRET.matcher(s).replaceAll("[redacted]");
    t = SECRET_HEADER.matcher(t).replaceAll("$1[redacted]");
    t = HEX_KEY.matcher(t).replaceAll("$1[redacted]");
    return SECRET_PARAM.matcher(t).replaceAll("$1[redacted]");
  }

  /**
   * Whether one of the patterns of {@link #redact} could match: each needs one of these words,
   * in any case: {@code sk-}, {@code aiza}, {@code gsk_}, {@code xai-}, {@code pplx-}, {@code
   * bearer}, {@code basic}, {@code key} (every credential header and key parameter name holds
   * it), {@code token=} or {@code authorization}. One pass over the text, no allocation: most
   * provider messages hold none, and then the four regular expressions are not run.
   */
  static boolean mayHoldSecret(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      switch (s.charAt(i) | 0x20) { // ASCII letters in lower case; the patterns' (?i) is ASCII only
        case 'a':
          if (at(s, i, "aiza") || at(s, i, "authorization")) {
            return true;
          }
          break;
        case 'b':
          if (at(s, i, "bearer") || at(s, i, "basic")) {
            return true;
          }
          break;
        case 'g':
          if (at(s, i, "gsk_")) {
            return true;
          }
          break;
        case 'k':
          if (at(s, i, "key")) {
            return true;
          }
          break;
        case 'p':
          if (at(s, i, "pplx-")) {
            return true;
          }
          break;
        case 's':
          if (at(s, i, "sk-")) {
            return true;
          }
          break;
        case 't':
          if (at(s, i, "token=")) {
            return true;
          }
          break;
        case 'x':
          if (at(s, i, "xai-")) {
            return true;
          }
          break;
        default:
          break;
      }
    }
    return false;
  }

  private static boolean at(String s, int i, String word) {
    return s.regionMatches(true, i, word, 0, word.length());
  }

  /** Cuts {@code s} to at most {@code max} characters, ending with an ellipsis when cut. */
  static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }

  /**
   * A short, sanitised excerpt of a body that is not a recognised error document: HTML pages
   * (proxy and gateway errors) lose their scripts, styles and tags, entities are decoded, and
   * whitespace collapses. Returns null for an empty body.
   */
  static String excerpt(String body) {
    if (body == null) {
      return null;
    }
    String b = body.length() > MAX_SCANNED ? body.substring(0, MAX_SCANNED) : body;
    if (looksLikeHtml(b)) {
      b = new HtmlText(b).text();
    }
    return clean(b, MAX_EXCERPT);
  }

  /**
   * Whether the body is an HTML (or XML) page: it starts, after white space, with one of the
   * usual opening tags, or names {@code <html} within its first 512 characters.
   */
  static boolean looksLikeHtml(String body) {
    int start = 0;
    while (start < body.length() && Character.isWhitespace(body.charAt(start))) {
      start++;
    }
    int end = Math.min(body.length(), start + HTML_HEAD);
    for (String tag : HTML_STARTS) {
      if (startsWith(body, start, end, tag)) {
        return true;
      }
    }
    for (int i = start; i < end; i++) {
      if (body.charAt(i) == '<' && startsWith(body, i, end, "<html")) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code s[at, end)} starts with {@code prefix}, ignoring case. */
  private static boolean startsWith(String s, int at, int end, String prefix) {
    return end - at >= prefix.length() && s.regionMatches(true, at, prefix, 0, prefix.length());
  }

  /**
   * Control characters (but tab, CR and LF) and line or paragraph separators become spaces,
   * and every run of white space ({@code [ \t\n\x0B\f\r]}) one space; the text itself when
   * there is nothing to change.
   */
  private static String collapseSpace(String s) {
    StringBuilder out = null;
    boolean inSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean space = c == ' ' || c == '\u2028' || c == '\u2029' || Character.isISOControl(c);
      if (out == null) {
        // Copy-free until the first change: a space that is not ' ', or a second one in a row.
        if (space && (c != ' ' || inSpace)) {
          out = new StringBuilder(s.length());
          out.append(s, 0, i);
        } else {
          inSpace = space;
          continue;
        }
      }
      if (space) {
        if (!inSpace) {
          out.append(' ');
        }
        inSpace = true;
      } else {
        out.append(c);
        inSpace = false;
      }
    }
    return out == null ? s : out.toString();
  }

  /**
   * The text of an HTML page in one pass: scripts, styles, comments and tags each become one
   * space, the common entities are decoded, everything else is kept. An opening that is never
   * closed ({@code <} without {@code >}, {@code <!--} without {@code -->}, {@code <script}
   * without {@code </script>}) is kept as text, as it is not markup; once a search for a
   * closing has failed it is not repeated, since every later search would scan a part of the
   * same rest of the page. So no character is scanned more than a few times.
   */
  private static final class HtmlText {
    private final String s;
    private final int n;
    private final StringBuilder out;
    private boolean noTagEnd;
    private boolean noCommentEnd;
    private boolean noScriptEnd;
    private boolean noStyleEnd;

    HtmlText(String s) {
      this.s = s;
      this.n = s.length();
      this.out = new StringBuilder(Math.min(n, 8192));
    }

    String text() {
      int i = 0;
      while (i < n) {
        char c = s.charAt(i);
        int next = c == '<' ? markupEnd(i) : c == '&' ? entityEnd(i) : -1;
        if (next < 0) {
          out.append(c);
          i++;
        } else {
          i = next;
        }
      }
      return out.toString();
    }

    /** After the markup that opens at {@code i}, which becomes one space; -1 when none does. */
    private int markupEnd(int i) {
      if (!noCommentEnd && s.startsWith("<!--", i)) {
        int close = s.indexOf("-->", i + 4);
        if (close >= 0) {
          out.append(' ');
          return close + 3;
        }
        noCommentEnd = true;
      }
      if (!noScriptEnd && isOpening(i, "script")) {
        int close = closing(i + 7, "script");
        if (close >= 0) {
          out.append(' ');
          return close;
        }
        noScriptEnd = true;
      }
      if (!noStyleEnd && isOpening(i, "style")) {
        int close = closing(i + 6, "style");
        if (close >= 0) {
          out.append(' ');
          return close;
        }
        noStyleEnd = true;
      }
      if (!noTagEnd) {
        int close = s.indexOf('>', i + 1);
        if (close >= 0) {
          out.append(' ');
          return close + 1;
        }
        noTagEnd = true;
      }
      return -1;
    }

    /** Whether {@code <name} opens at {@code i}, followed by something other than a word character. */
    private boolean isOpening(int i, String name) {
      int after = i + 1 + name.length();
      return s.regionMatches(true, i + 1, name, 0, name.length())
          && (after >= n || !isWordChar(s.charAt(after)));
    }

    /** After the first {@code </name>} (white space allowed before '>') from {@code from}, or -1. */
    private int closing(int from, String name) {
      for (int k = s.indexOf("</", from); k >= 0; k = s.indexOf("</", k + 2)) {
        if (s.regionMatches(true, k + 2, name, 0, name.length())) {
          int j = k + 2 + name.length();
          while (j < n && isSpace(s.charAt(j))) {
            j++;
          }
          if (j < n && s.charAt(j) == '>') {
            return j + 1;
          }
        }
      }
      return -1;
    }

    /** After the entity at {@code i}, whose character has been written; -1 when none is there. */
    private int entityEnd(int i) {
      for (int e = 0; e < ENTITIES.length; e++) {
        if (s.startsWith(ENTITIES[e], i)) {
          out.append(DECODED[e]);
          return i + ENTITIES[e].length();
        }
      }
      return -1;
    }

    private static boolean isWordChar(char c) {
      return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
  }
}
