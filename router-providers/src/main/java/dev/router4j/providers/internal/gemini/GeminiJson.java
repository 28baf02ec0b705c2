package dev.router4j.providers.internal.gemini;

import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Small helpers over {@link JsonTrees}: lenient parsing, and typed members of trees. */
final class GeminiJson {
  private GeminiJson() {}

  /** Parses text that should be a JSON document; null when it is not valid JSON. */
  static Object tryParse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return JsonTrees.parse(json);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  static List<?> array(Object o) {
    return o instanceof List<?> l ? l : null;
  }

  static String string(Object o) {
    return o instanceof String s ? s : null;
  }

  /** A whole number member, or null when absent or not a number. */
  static Integer integer(Object o) {
    if (o instanceof BigDecimal d) {
      try {
        return d.intValueExact();
      } catch (ArithmeticException e) {
        return d.compareTo(BigDecimal.ZERO) > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
      }
    }
    if (o instanceof Number n) {
      return n.intValue();
    }
    return null;
  }
}
