package dev.router4j.healing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The test suite's own strict RFC 8259 reader, written independently of the healer: no BOM,
 * comments, trailing commas, leading zeros, NaN, raw control characters or trailing content.
 * Objects become maps, arrays lists, numbers {@link BigDecimal}, null {@link #NULL}.
 */
final class StrictJson {
  /** Stands for JSON null, so that a map can tell it from an absent key. */
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  private final String s;
  private int i;

  private StrictJson(String s) {
    this.s = s;
  }

  static Object parse(String text) {
    StrictJson p = new StrictJson(text);
    p.ws();
    Object v = p.value(0);
    p.ws();
    if (p.i != text.length()) {
      throw p.error("trailing content");
    }
    return v;
  }

  static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("not strict JSON at " + i + ": " + what);
  }

  private void ws() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private Object value(int depth) {
    if (depth > 10_000) {
      throw error("too deep");
    }
    if (i >= s.length()) {
      throw error("end of text");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{':
        {
          i++;
          Map<String, Object> m = new LinkedHashMap<>();
          ws();
          if (peek('}')) {
            i++;
            return m;
          }
          while (true) {
            ws();
            if (!peek('"')) {
              throw error("key expected");
            }
            String k = string();
            ws();
            expect(':');
            ws();
            m.put(k, value(depth + 1));
            ws();
            if (peek(',')) {
              i++;
              continue;
            }
            expect('}');
            return m;
          }
        }
      case '[':
        {
          i++;
          List<Object> l = new ArrayList<>();
          ws();
          if (peek(']')) {
            i++;
            return l;
          }
          while (true) {
            ws();
            l.add(value(depth + 1));
            ws();
            if (peek(',')) {
              i++;
              continue;
            }
            expect(']');
            return l;
          }
        }
      case '"':
        return string();
      case 't':
        word("true");
        return Boolean.TRUE;
      case 'f':
        word("false");
        return Boolean.FALSE;
      case 'n':
        word("null");
        return NULL;
      default:
        return number();
    }
  }

  private boolean peek(char c) {
    return i < s.length() && s.charAt(i) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("'" + c + "' expected");
    }
    i++;
  }

  private void word(String w) {
    if (!s.startsWith(w, i)) {
      throw error(w + " expected");
    }
    i += w.length();
  }

  private String string() {
    i++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (i >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw error("raw control character");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (i >= s.length()) {
        throw error("bad escape");
      }
      char e = s.charAt(i++);
      switch (e) {
        case '"':
        case '\\':
        case '/':
          b.append(e);
          break;
        case 'b':
          b.append('\b');
          break;
        case 'f':
          b.append('\f');
          break;
        case 'n':
          b.append('\n');
          break;
        case 'r':
          b.append('\r');
          break;
        case 't':
          b.append('\t');
          break;
        case 'u':
          if (i + 4 > s.length()) {
            throw error("bad unicode escape");
          }
          b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          for (int k = i; k < i + 4; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) {
              throw error("bad unicode escape");
            }
          }
          i += 4;
          break;
        default:
          throw error("bad escape");
      }
    }
  }

  private Object number() {
    int start = i;
    if (peek('-')) {
      i++;
    }
    if (peek('0')) {
      i++;
    } else if (i < s.length() && s.charAt(i) >= '1' && s.charAt(i) <= '9') {
      digits();
    } else {
      throw error("value expected");
    }
    if (peek('.')) {
      i++;
      if (digits() == 0) {
        throw error("digit expected");
      }
    }
    if (peek('e') || peek('E')) {
      i++;
      if (peek('+') || peek('-')) {
        i++;
      }
      if (digits() == 0) {
        throw error("digit expected");
      }
    }
    String text = s.substring(start, i);
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      // An exponent beyond BigDecimal's range is still valid JSON; compare such numbers as text.
      return new HugeNumber(text);
    }
  }

  /** A valid JSON number too large for {@link BigDecimal}. */
  record HugeNumber(String text) {}

  private int digits() {
    int n = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
      n++;
    }
    return n;
  }

  /** Structural equality: key order ignored, array order kept, numbers by exact decimal value. */
  static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal && b instanceof BigDecimal) {
      return ((BigDecimal) a).compareTo((BigDecimal) b) == 0;
    }
    if (a instanceof Map && b instanceof Map) {
      Map<?, ?> x = (Map<?, ?>) a;
      Map<?, ?> y = (Map<?, ?>) b;
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Object k : x.keySet()) {
        if (!same(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List && b instanceof List) {
      List<?> x = (List<?>) a;
      List<?> y = (List<?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (int k = 0; k < x.size(); k++) {
        if (!same(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }
}
