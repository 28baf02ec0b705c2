package dev.router4j.api.internal;

import dev.router4j.api.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Argument checks and defensive copies shared by the value types. Not part of the API. */
public final class Checks {
  private Checks() {}

  /** Fails with the field's name when {@code value} is null. */
  public static <T> T required(T value, String field) {
    if (value == null) {
      throw new InvalidRequestException(field, "is required");
    }
    return value;
  }

  /** Fails unless {@code value} is null or within [min, max]. */
  public static Double range(Double value, double min, double max, String field) {
    if (value != null && (value.isNaN() || value < min || value > max)) {
      throw new InvalidRequestException(
          field, "must be between " + fmt(min) + " and " + fmt(max) + ", was " + value);
    }
    return value;
  }

  /** Fails unless {@code value} is null or within [min, max]. */
  public static Integer range(Integer value, int min, int max, String field) {
    if (value != null && (value < min || value > max)) {
      throw new InvalidRequestException(
          field, "must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  /** Fails unless {@code value} is null or at least {@code min}. */
  public static Integer atLeast(Integer value, int min, String field) {
    if (value != null && value < min) {
      throw new InvalidRequestException(field, "must be at least " + min + ", was " + value);
    }
    return value;
  }

  /** Fails unless {@code value} is null or not negative. */
  public static BigDecimal nonNegative(BigDecimal value, String field) {
    if (value != null && value.signum() < 0) {
      throw new InvalidRequestException(field, "must not be negative, was " + value.toPlainString());
    }
    return value;
  }

  /** Fails unless {@code value} is null or not blank. */
  public static String notBlank(String value, String field) {
    if (value != null && value.isBlank()) {
      throw new InvalidRequestException(field, "must not be blank");
    }
    return value;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** An unmodifiable copy of {@code list}, or null when it is null; null elements are refused. */
  public static <T> List<T> listOrNull(List<T> list, String field) {
    if (list == null) {
      return null;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new InvalidRequestException(field + "[" + i + "]", "must not be null");
      }
    }
    return List.copyOf(list);
  }

  /** An unmodifiable copy of {@code list}, empty when it is null. */
  public static <T> List<T> list(List<T> list, String field) {
    List<T> copy = listOrNull(list, field);
    return copy == null ? List.of() : copy;
  }

  /** A deep, unmodifiable copy of a JSON object tree (keys keep their order), or null. */
  public static Map<String, Object> jsonObjectOrNull(Map<String, ?> map) {
    return map == null ? null : jsonObject(map);
  }

  /** A deep, unmodifiable copy of a JSON object tree (keys keep their order); empty for null. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> jsonObject(Map<String, ?> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    return (Map<String, Object>) jsonValue(map);
  }

  /**
   * A deep, unmodifiable copy of a JSON value: maps keep insertion order and may hold null
   * values; numbers stay as given (use {@link BigDecimal} for exactness).
   */
  public static Object jsonValue(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, m.size() * 2));
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException("JSON object keys must be strings: " + e.getKey());
        }
        copy.put(key, jsonValue(e.getValue()));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      for (Object o : l) {
        copy.add(jsonValue(o));
      }
      return Collections.unmodifiableList(copy);
    }
    if ((value instanceof Double d && !Double.isFinite(d))
        || (value instanceof Float f && !Float.isFinite(f))) {
      throw new IllegalArgumentException("JSON has no NaN or infinite numbers: " + value);
    }
    if (value == null || value instanceof String || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    throw new IllegalArgumentException(
        "not a JSON value (String, Number, Boolean, null, List or Map): " + value.getClass());
  }
}
