package dev.router4j.internal.healing.partial;

import java.util.Arrays;
import java.util.HashMap;

/**
 * One open object or array: an append-only builder of its complete members. Views of it are
 * O(1) (see {@link FrozenList} and {@link FrozenMap}); a duplicate key, the only in-place change,
 * copies the arrays first when a view may still be looking at them.
 */
final class Frame {
  private static final int INDEX_AT = 8;

  final boolean object;
  /** The RFC 6901 pointer of this container. */
  final String path;
  String[] keys;
  Object[] values;
  int size;
  /** A view handed out may share the arrays. */
  private boolean shared;
  private HashMap<String, Integer> index;

  /** The key just read, whose value comes next (objects). */
  String key;
  /** A member was added and the separator or closer after it is not read yet. */
  boolean pending;
  /** The pointer segment of the pending member. */
  String pendingSegment;

  Frame(boolean object, String path) {
    this.object = object;
    this.path = path;
    this.keys = object ? new String[4] : null;
    this.values = new Object[4];
  }

  /**
   * Adds a complete member (the key is {@link #key} for objects). Returns the work done:
   * elements copied on growth or on a copy-on-write.
   */
  long add(Object value) {
    long work = 0;
    if (object) {
      int at = indexOf(key);
      if (at >= 0) {
        if (shared) {
          keys = keys.clone();
          values = values.clone();
          shared = false;
          work += size;
        }
        values[at] = value;
        return work + at;
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        work += size;
      }
      keys[size] = key;
      if (index != null) {
        index.put(key, size);
      } else if (size + 1 > INDEX_AT) {
        index = new HashMap<>();
        for (int i = 0; i <= size; i++) {
          index.put(keys[i], i);
        }
        work += size;
      }
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
      work += size;
    }
    values[size++] = value;
    return work + 1;
  }

  int indexOf(String k) {
    if (index != null) {
      Integer i = index.get(k);
      return i == null ? -1 : i;
    }
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(k)) {
        return i;
      }
    }
    return -1;
  }

  /** A view of the complete members, plus the member still being read when {@code tail} is given. */
  Object view(boolean hasTail, Object tail) {
    shared = true;
    if (!object) {
      return new FrozenList<>(values, size, hasTail, tail);
    }
    if (hasTail) {
      int at = indexOf(key);
      if (at >= 0) {
        // A duplicate key still being read: show it in place of the earlier value.
        Object[] v = Arrays.copyOf(values, size);
        v[at] = tail;
        return new FrozenMap(keys, v, size, null, null);
      }
      return new FrozenMap(keys, values, size, key, tail);
    }
    return new FrozenMap(keys, values, size, null, null);
  }

  /** The final, immutable value of a closed container, trimmed to its size. */
  Object freeze() {
    if (size == 0) {
      return object ? FrozenMap.EMPTY : FrozenList.empty();
    }
    Object[] v = size == values.length ? values : Arrays.copyOf(values, size);
    if (!object) {
      return new FrozenList<>(v, size, false, null);
    }
    String[] k = size == keys.length ? keys : Arrays.copyOf(keys, size);
    return new FrozenMap(k, v, size, null, null);
  }
}
