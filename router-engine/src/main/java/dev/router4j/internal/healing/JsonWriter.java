package dev.router4j.internal.healing;

/** Writes strict, compact JSON text. */
final class JsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonWriter() {}

  /** Appends {@code s} as a JSON string literal, escaping what RFC 8259 requires and lone surrogates. */
  static void quote(CharSequence s, StringBuilder out) {
    out.append('"');
    int n = s.length();
    int run = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
        continue;
      }
      out.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          out.append("\\u")
              .append(HEX[(c >> 12) & 15])
              .append(HEX[(c >> 8) & 15])
              .append(HEX[(c >> 4) & 15])
              .append(HEX[c & 15]);
      }
    }
    if (run == 0) {
      // Nothing escaped: one bulk copy instead of a character-by-character append.
      if (s instanceof String) {
        out.append((String) s);
      } else if (s instanceof StringBuilder) {
        out.append((StringBuilder) s);
      } else {
        out.append(s, 0, n);
      }
    } else {
      out.append(s, run, n);
    }
    out.append('"');
  }

  /** Writes a tree. Recursion depth is bounded by the healer's depth cap. */
  static void write(JNode n, StringBuilder out) {
    switch (n.kind) {
      case OBJECT:
        out.append('{');
        for (int i = 0; i < n.keys.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          quote(n.keys.get(i), out);
          out.append(':');
          write(n.children.get(i), out);
        }
        out.append('}');
        break;
      case ARRAY:
        out.append('[');
        for (int i = 0; i < n.children.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(n.children.get(i), out);
        }
        out.append(']');
        break;
      case STRING:
        quote(n.text, out);
        break;
      case NUMBER:
        out.append(n.text);
        break;
      case LOOSE_NUMBER:
        quote(n.raw, out);
        break;
      case TRUE:
        out.append("true");
        break;
      case FALSE:
        out.append("false");
        break;
      default:
        out.append("null");
    }
  }

  static String write(JNode n) {
    StringBuilder sb = new StringBuilder();
    write(n, sb);
    return sb.toString();
  }
}
