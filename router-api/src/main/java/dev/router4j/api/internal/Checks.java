package dev.router4j.api.internal;

import dev.router4j.api.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.BiConsumer;

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
   * values; numbers stay as given (use {@link BigDecimal} for exactness). A map or list that an
   * earlier call made is returned as it is: it is already a checked, unmodifiable tree.
   */
  public static Object jsonValue(Object value) {
    if (value instanceof FrozenMap || value instanceof FrozenList) {
      return value;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, m.size() * 2));
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException("JSON object keys must be strings: " + e.getKey());
        }
        copy.put(key, jsonValue(e.getValue()));
      }
      return new FrozenMap(copy);
    }
    if (value instanceof List<?> l) {
      Object[] copy = new Object[l.size()];
      int i = 0;
      for (Object o : l) {
        copy[i++] = jsonValue(o);
      }
      return new FrozenList(i == copy.length ? copy : Arrays.copyOf(copy, i));
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

  /**
   * The JSON object {@code map} (copied as {@link #jsonObject} does) with {@code key} set to
   * {@code value}, in one copy: the key keeps its place when present, else comes last.
   */
  public static Map<String, Object> jsonObjectWith(Map<String, ?> map, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, (map.size() + 1) * 2));
    for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) {
      if (!(e.getKey() instanceof String k)) {
        throw new IllegalArgumentException("JSON object keys must be strings: " + e.getKey());
      }
      copy.put(k, jsonValue(e.getValue()));
    }
    copy.put(Objects.requireNonNull(key, "key"), jsonValue(value));
    return new FrozenMap(copy);
  }

  /**
   * An unmodifiable JSON object made here. Only this class makes one, from a map no one else
   * holds, so an instance is known to be a checked, immutable tree and is never copied again.
   */
  private static final class FrozenMap extends AbstractMap<String, Object> {
    private final Map<String, Object> view;

    FrozenMap(Map<String, Object> owned) {
      this.view = Collections.unmodifiableMap(owned);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return view.entrySet();
    }

    @Override
    public Set<String> keySet() {
      return view.keySet();
    }

    @Override
    public Collection<Object> values() {
      return view.values();
    }

    @Override
    public int size() {
      return view.size();
    }

    @Override
    public boolean isEmpty() {
      return view.isEmpty();
    }

    @Override
    public Object get(Object key) {
      return view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return view.containsKey(key);
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
      return view.getOrDefault(key, defaultValue);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
      view.forEach(action);
    }
  }

  /** An unmodifiable JSON array made here; see {@link FrozenMap}. Elements may be null. */
  private static final class FrozenList extends AbstractList<Object> implements RandomAccess {
    private final Object[] items;

    FrozenList(Object[] owned) {
      this.items = owned;
    }

    @Override
    public Object get(int index) {
      Objects.checkIndex(index, items.length);
      return items[index];
    }

    @Override
    public int size() {
      return items.length;
    }
  }
}
