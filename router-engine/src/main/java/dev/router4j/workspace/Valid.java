package dev.router4j.workspace;

import java.util.ArrayList;
import java.util.List;

/** Argument checks for the configuration values; every failure names the field. */
final class Valid {
  private Valid() {}

  static <T> T required(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  /** Null stays null; otherwise not blank and free of control characters. */
  static String text(String value, String field) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(field + " must not contain control characters");
      }
    }
    return value;
  }

  /** An unmodifiable copy of a list of glob patterns (null means empty). */
  static List<String> globs(List<String> patterns, String field) {
    if (patterns == null || patterns.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(patterns.size());
    for (int i = 0; i < patterns.size(); i++) {
      String p = patterns.get(i);
      String name = field + "[" + i + "]";
      required(p, name);
      text(p, name);
      if (!p.strip().equals(p)) {
        throw new IllegalArgumentException(name + " must not start or end with spaces, was '" + p + "'");
      }
      out.add(p);
    }
    return List.copyOf(out);
  }
}
