package dev.router4j.examples.simulator;

import java.util.List;
import java.util.Map;

/** Reading Moshi's JSON trees (maps, lists, strings, doubles, booleans) without casts. */
final class Trees {
  private Trees() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object v) {
    return v instanceof Map ? (Map<String, Object>) v : null;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object v) {
    return v instanceof List ? (List<Object>) v : List.of();
  }

  static Object get(Object node, String... path) {
    Object v = node;
    for (String p : path) {
      Map<String, Object> m = obj(v);
      if (m == null) {
        return null;
      }
      v = m.get(p);
    }
    return v;
  }

  static String str(Object node, String... path) {
    Object v = get(node, path);
    return v instanceof String ? (String) v : null;
  }

  static boolean bool(Object node, String... path) {
    return Boolean.TRUE.equals(get(node, path));
  }

  static Integer integer(Object node, String... path) {
    Object v = get(node, path);
    return v instanceof Number ? (int) Math.min(Integer.MAX_VALUE, ((Number) v).longValue()) : null;
  }

  /** Appends every string leaf under {@code node}, each followed by a newline. */
  static void text(Object node, StringBuilder out) {
    if (node instanceof String) {
      out.append((String) node).append('\n');
    } else if (node instanceof Map) {
      for (Object v : ((Map<?, ?>) node).values()) {
        text(v, out);
      }
    } else if (node instanceof List) {
      for (Object v : (List<?>) node) {
        text(v, out);
      }
    }
  }

  /** Whether a key with this name appears anywhere under {@code node}. */
  static boolean hasKey(Object node, String key) {
    if (node instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) node;
      if (m.containsKey(key)) {
        return true;
      }
      for (Object v : m.values()) {
        if (hasKey(v, key)) {
          return true;
        }
      }
    } else if (node instanceof List) {
      for (Object v : (List<?>) node) {
        if (hasKey(v, key)) {
          return true;
        }
      }
    }
    return false;
  }
}
