package dev.router4j.api.internal;

import dev.router4j.api.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
    if (list instanceof OwnedList) {
      return list; // made by Trusted.list: unmodifiable, checked by its maker, shared with no one
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

  /** A view of {@code owned} that the list checks keep as it is; see {@link Trusted#list}. */
  static <T> List<T> owned(List<T> owned) {
    return new OwnedList<>(owned);
  }

  /**
   * The JSON object {@code owned}, frozen as {@link #jsonObject} would, but with its values
   * taken as they are: see {@link Trusted#jsonObject}.
   */
  static Map<String, Object> ownedJsonObject(Map<String, Object> owned) {
    if (owned == null || owned.isEmpty()) {
      return Map.of();
    }
    if (owned.size() <= SMALL) {
      Object[] kv = new Object[2 * owned.size()];
      int i = 0;
      for (Map.Entry<String, Object> e : owned.entrySet()) {
        kv[i++] = Objects.requireNonNull(e.getKey(), "key");
        kv[i++] = e.getValue();
      }
      return new SmallFrozenMap(kv);
    }
    return new FrozenMap(owned);
  }

  /** The JSON array {@code owned}, frozen without copying its values; see {@link Trusted#jsonValue}. */
  static List<Object> ownedJsonArray(List<?> owned) {
    return new FrozenList(owned.toArray());
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
    if (value instanceof FrozenMap || value instanceof SmallFrozenMap
        || value instanceof FrozenList) {
      return value;
    }
    if (value instanceof Map<?, ?> m) {
      return frozen(m, null, null, false);
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
    return frozen(map, Objects.requireNonNull(key, "key"), value, true);
  }

  /** Up to this many entries, a frozen object is one array of keys and values, no hash table. */
  private static final int SMALL = 8;

  /** A frozen copy of {@code m}, with {@code key} set to {@code value} when {@code add}. */
  private static Map<String, Object> frozen(Map<?, ?> m, String key, Object value, boolean add) {
    int n = m.size() + (add ? 1 : 0);
    if (n <= SMALL) {
      Object[] kv = new Object[2 * n];
      int size = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          throw new IllegalArgumentException("JSON object keys must be strings: " + e.getKey());
        }
        if (2 * size == kv.length) {
          kv = Arrays.copyOf(kv, kv.length + 2); // the map grew while it was copied
        }
        size = SmallFrozenMap.put(kv, size, k, jsonValue(e.getValue()));
      }
      if (add) {
        if (2 * size == kv.length) {
          kv = Arrays.copyOf(kv, kv.length + 2);
        }
        size = SmallFrozenMap.put(kv, size, key, jsonValue(value));
      }
      return new SmallFrozenMap(size * 2 == kv.length ? kv : Arrays.copyOf(kv, size * 2));
    }
    Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, n * 2));
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getKey() instanceof String k)) {
        throw new IllegalArgumentException("JSON object keys must be strings: " + e.getKey());
      }
      copy.put(k, jsonValue(e.getValue()));
    }
    if (add) {
      copy.put(key, jsonValue(value));
    }
    return new FrozenMap(copy);
  }

  /**
   * A small unmodifiable JSON object made here: keys and values side by side in one array, in
   * order, looked up by a scan (no more than {@value #SMALL} entries). See {@link FrozenMap}.
   */
  private static final class SmallFrozenMap extends AbstractMap<String, Object> {
    private final Object[] kv;

    SmallFrozenMap(Object[] kv) {
      this.kv = kv;
    }

    /**
     * Sets {@code key} among the first {@code size} entries of {@code kv}, as a map's put does
     * (a key present keeps its place), and returns the new size; {@code kv} has room for one more.
     */
    static int put(Object[] kv, int size, String key, Object value) {
      for (int i = 0; i < 2 * size; i += 2) {
        if (kv[i].equals(key)) {
          kv[i + 1] = value;
          return size;
        }
      }
      kv[2 * size] = key;
      kv[2 * size + 1] = value;
      return size + 1;
    }

    private int indexOf(Object key) {
      for (int i = 0; i < kv.length; i += 2) {
        if (kv[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public int size() {
      return kv.length / 2;
    }

    @Override
    public boolean isEmpty() {
      return kv.length == 0;
    }

    @Override
    public boolean containsKey(Object key) {
      return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
      int i = indexOf(key);
      return i < 0 ? null : kv[i + 1];
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
      int i = indexOf(key);
      return i < 0 ? defaultValue : kv[i + 1];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
      for (int i = 0; i < kv.length; i += 2) {
        action.accept((String) kv[i], kv[i + 1]);
      }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < kv.length;
            }

            @Override
            public Entry<String, Object> next() {
              if (next >= kv.length) {
                throw new NoSuchElementException();
              }
              Entry<String, Object> e = new SimpleImmutableEntry<>((String) kv[next], kv[next + 1]);
              next += 2;
              return e;
            }
          };
        }

        @Override
        public int size() {
          return kv.length / 2;
        }
      };
    }
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

  /**
   * An unmodifiable view of a list that its maker filled, checked and handed over ({@link
   * Trusted#list}): the value types keep it without a copy.
   */
  private static final class OwnedList<T> extends AbstractList<T> implements RandomAccess {
    private final List<T> items;

    OwnedList(List<T> owned) {
      this.items = owned;
    }

    @Override
    public T get(int index) {
      return items.get(index);
    }

    @Override
    public int size() {
      return items.size();
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
