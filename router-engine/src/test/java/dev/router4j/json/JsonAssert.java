package dev.router4j.json;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Structural JSON comparison for the codec tests. */
final class JsonAssert {
  private JsonAssert() {}

  /** The text of a test resource. */
  static String resource(String path) {
    try (InputStream in = JsonAssert.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that two JSON texts are the same document: object member order is ignored and
   * numbers are compared by value ({@link BigDecimal#compareTo}). With {@code codecRules},
   * members whose value is null or an empty array are dropped from both sides first: the codec
   * writes only fields that are set, and the model cannot tell null or [] from absent.
   */
  static void assertSameJson(String actual, String expected, boolean codecRules) {
    Object a = ChatJson.readTree(actual);
    Object e = ChatJson.readTree(expected);
    if (codecRules) {
      a = normalize(a);
      e = normalize(e);
    }
    String diff = diff("$", a, e);
    if (diff != null) {
      fail(diff + "\n actual:   " + actual + "\n expected: " + expected);
    }
  }

  /** Drops null-valued and empty-array members, recursively. */
  static Object normalize(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> en : m.entrySet()) {
        Object x = en.getValue();
        if (x == null || (x instanceof List<?> l && l.isEmpty() && !"choices".equals(en.getKey()))) {
          continue;
        }
        out.put((String) en.getKey(), normalize(x));
      }
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object x : l) {
        out.add(normalize(x));
      }
      return out;
    }
    return v;
  }

  /** A description of the first difference, or null. */
  static String diff(String path, Object a, Object e) {
    if (a instanceof Map<?, ?> am && e instanceof Map<?, ?> em) {
      for (Object k : em.keySet()) {
        if (!am.containsKey(k)) {
          return path + "." + k + " is missing (expected " + em.get(k) + ")";
        }
      }
      for (Object k : am.keySet()) {
        if (!em.containsKey(k)) {
          return path + "." + k + " is unexpected (" + am.get(k) + ")";
        }
        String d = diff(path + "." + k, am.get(k), em.get(k));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a instanceof List<?> al && e instanceof List<?> el) {
      if (al.size() != el.size()) {
        return path + " has " + al.size() + " elements, expected " + el.size();
      }
      for (int i = 0; i < al.size(); i++) {
        String d = diff(path + "[" + i + "]", al.get(i), el.get(i));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a instanceof BigDecimal ad && e instanceof BigDecimal ed) {
      return ad.compareTo(ed) == 0 ? null : path + " is " + ad + ", expected " + ed;
    }
    return Objects.equals(a, e) ? null : path + " is " + a + ", expected " + e;
  }
}
