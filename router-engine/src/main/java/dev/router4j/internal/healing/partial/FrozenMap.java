package dev.router4j.internal.healing.partial;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable, insertion-ordered map over the first {@code n} slots of append-only key and
 * value arrays, plus at most one extra member at the end (the member still being read). Keys
 * are distinct (the writer replaces a duplicate key's value in a private copy). Lookup scans
 * small maps and builds an index once for larger ones. Values may be null (JSON null).
 */
final class FrozenMap extends AbstractMap<String, Object> {
  private static final int SCAN_LIMIT = 8;
  static final FrozenMap EMPTY = new FrozenMap(new String[0], new Object[0], 0, null, null);

  private final String[] keys;
  private final Object[] values;
  private final int n;
  private final String tailKey;
  private final Object tailValue;
  /** Built on the first lookup of a large map; immutable, so a racy publication is safe. */
  private Map<String, Integer> index;
  private Set<Map.Entry<String, Object>> entries;

  FrozenMap(String[] keys, Object[] values, int n, String tailKey, Object tailValue) {
    this.keys = keys;
    this.values = values;
    this.n = n;
    this.tailKey = tailKey;
    this.tailValue = tailValue;
  }

  private int find(Object key) {
    if (!(key instanceof String)) {
      return -1;
    }
    if (tailKey != null && tailKey.equals(key)) {
      return n;
    }
    if (n <= SCAN_LIMIT) {
      for (int i = 0; i < n; i++) {
        if (keys[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }
    Map<String, Integer> ix = index;
    if (ix == null) {
      HashMap<String, Integer> m = new HashMap<>(n * 2);
      for (int i = 0; i < n; i++) {
        m.put(keys[i], i);
      }
      ix = Map.copyOf(m);
      index = ix;
    }
    Integer i = ix.get(key);
    return i == null ? -1 : i;
  }

  @Override
  public Object get(Object key) {
    int i = find(key);
    if (i < 0) {
      return null;
    }
    return i == n ? tailValue : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return find(key) >= 0;
  }

  @Override
  public int size() {
    return tailKey == null ? n : n + 1;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    Set<Map.Entry<String, Object>> e = entries;
    if (e == null) {
      e = new Entries();
      entries = e;
    }
    return e;
  }

  private final class Entries extends AbstractSet<Map.Entry<String, Object>> {
    @Override
    public int size() {
      return FrozenMap.this.size();
    }

    @Override
    public Iterator<Map.Entry<String, Object>> iterator() {
      return new Iterator<>() {
        private int i;

        @Override
        public boolean hasNext() {
          return i < size();
        }

        @Override
        public Map.Entry<String, Object> next() {
          if (i >= size()) {
            throw new NoSuchElementException();
          }
          int k = i++;
          return k == n
              ? new SimpleImmutableEntry<>(tailKey, tailValue)
              : new SimpleImmutableEntry<>(keys[k], values[k]);
        }
      };
    }
  }
}
