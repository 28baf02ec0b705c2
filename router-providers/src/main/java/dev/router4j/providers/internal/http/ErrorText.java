package dev.router4j.providers.internal.http;

import java.util.Locale;
import java.util.regex.Pattern;

/** Text clean-up for provider messages: credential redaction, HTML stripping, truncation. */
final class ErrorText {

  /** The longest provider message kept in an exception. */
  static final int MAX_MESSAGE = 500;

  /** The longest excerpt kept from a body that is not a recognised error document. */
  static final int MAX_EXCERPT = 200;

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
  private static final Pattern SCRIPT_OR_STYLE =
      Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");
  private static final Pattern HTML_COMMENT = Pattern.compile("(?s)<!--.*?-->");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

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
    String t = WHITESPACE.matcher(stripControls(s)).replaceAll(" ").strip();
    if (t.isEmpty()) {
      return null;
    }
    t = redact(t);
    return truncate(t, max);
  }

  /** Replaces anything that looks like a credential with {@code [redacted]}. */
  static String redact(String s) {
    String t = SECRET.matcher(s).replaceAll("[redacted]");
    t = SECRET_HEADER.matcher(t).replaceAll("$1[redacted]");
    t = HEX_KEY.matcher(t).replaceAll("$1[redacted]");
    return SECRET_PARAM.matcher(t).replaceAll("$1[redacted]");
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
    String b = body.length() > 64 * 1024 ? body.substring(0, 64 * 1024) : body;
    if (looksLikeHtml(b)) {
      b = SCRIPT_OR_STYLE.matcher(b).replaceAll(" ");
      b = HTML_COMMENT.matcher(b).replaceAll(" ");
      b = TAG.matcher(b).replaceAll(" ");
      b = decodeEntities(b);
    }
    return clean(b, MAX_EXCERPT);
  }

  static boolean looksLikeHtml(String body) {
    String head = body.stripLeading();
    if (head.length() > 512) {
      head = head.substring(0, 512);
    }
    head = head.toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype") || head.startsWith("<html") || head.startsWith("<?xml")
        || head.startsWith("<head") || head.startsWith("<body") || head.startsWith("<h1")
        || head.startsWith("<center") || head.startsWith("<title") || head.contains("<html");
  }

  private static String decodeEntities(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    return s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
  }

  private static String stripControls(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (control && c != '\n' && c != '\t' && c != '\r') {
        if (out == null) {
          out = new StringBuilder(s.length());
          out.append(s, 0, i);
        }
        out.append(' ');
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }
}
