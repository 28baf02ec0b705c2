package dev.router4j.examples.simulator;

import java.util.List;
import java.util.Map;

/** A small, fast JSON writer over a StringBuilder: commas and escapes handled, nothing else. */
final class Json {
  private final StringBuilder sb;
  private final boolean[] hasItems = new boolean[48];
  private int depth;
  private boolean afterName;

  Json() {
    this(256);
  }

  Json(int capacity) {
    sb = new StringBuilder(capacity);
  }

  Json beginObject() {
    beforeValue();
    sb.append('{');
    hasItems[++depth] = false;
    return this;
  }

  Json endObject() {
    depth--;
    sb.append('}');
    return this;
  }

  Json beginArray() {
    beforeValue();
    sb.append('[');
    hasItems[++depth] = false;
    return this;
  }

  Json endArray() {
    depth--;
    sb.append(']');
    return this;
  }

  Json name(String name) {
    if (hasItems[depth]) {
      sb.append(',');
    }
    hasItems[depth] = true;
    quote(sb, name);
    sb.append(':');
    afterName = true;
    return this;
  }

  Json value(String s) {
    beforeValue();
    if (s == null) {
      sb.append("null");
    } else {
      quote(sb, s);
    }
    return this;
  }

  Json value(long n) {
    beforeValue();
    sb.append(n);
    return this;
  }

  Json value(boolean b) {
    beforeValue();
    sb.append(b);
    return this;
  }

  Json nullValue() {
    beforeValue();
    sb.append("null");
    return this;
  }

  /** Appends already-encoded JSON. */
  Json raw(String json) {
    beforeValue();
    sb.append(json);
    return this;
  }

  /** Writes a tree of maps, lists, strings, numbers, booleans and nulls. */
  Json any(Object v) {
    if (v == null) {
      return nullValue();
    }
    if (v instanceof String) {
      return value((String) v);
    }
    if (v instanceof Boolean) {
      return value((boolean) (Boolean) v);
    }
    if (v instanceof Number) {
      beforeValue();
      sb.append(number((Number) v));
      return this;
    }
    if (v instanceof Map) {
      beginObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        name(String.valueOf(e.getKey()));
        any(e.getValue());
      }
      return endObject();
    }
    if (v instanceof List) {
      beginArray();
      for (Object o : (List<?>) v) {
        any(o);
      }
      return endArray();
    }
    return value(v.toString());
  }

  Json put(String name, String value) {
    return name(name).value(value);
  }

  Json put(String name, long value) {
    return name(name).value(value);
  }

  Json put(String name, boolean value) {
    return name(name).value(value);
  }

  Json putNull(String name) {
    return name(name).nullValue();
  }

  @Override
  public String toString() {
    return sb.toString();
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (depth > 0) {
      if (hasItems[depth]) {
        sb.append(',');
      }
      hasItems[depth] = true;
    }
  }

  static String number(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
      return Double.toString(d);
    }
    return n.toString();
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2);
    quote(b, s);
    return b.toString();
  }

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep;
      if (c == '"') {
        rep = "\\\"";
      } else if (c == '\\') {
        rep = "\\\\";
      } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
        switch (c) {
          case '\n': rep = "\\n"; break;
          case '\r': rep = "\\r"; break;
          case '\t': rep = "\\t"; break;
          case '\b': rep = "\\b"; break;
          case '\f': rep = "\\f"; break;
          default: rep = String.format("\\u%04x", (int) c);
        }
      } else {
        continue;
      }
      sb.append(s, start, i).append(rep);
      start = i + 1;
    }
    sb.append(s, start, s.length()).append('"');
  }
}
