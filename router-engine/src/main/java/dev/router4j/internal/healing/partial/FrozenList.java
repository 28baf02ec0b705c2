package dev.router4j.internal.healing.partial;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An immutable list over the first {@code n} slots of an append-only array, plus at most one
 * extra element at the end (the element still being read). The writer never changes a slot
 * below the length of any view it handed out, so a view stays the same forever and costs
 * O(1) to make.
 *
 * @param <E> the element type
 */
public final class FrozenList<E> extends AbstractList<E> implements RandomAccess {
  private static final Object[] NONE = new Object[0];
  private static final FrozenList<?> EMPTY = new FrozenList<>(NONE, 0, false, null);

  private final Object[] items;
  private final int n;
  private final boolean hasTail;
  private final Object tail;

  FrozenList(Object[] items, int n, boolean hasTail, Object tail) {
    this.items = items;
    this.n = n;
    this.hasTail = hasTail;
    this.tail = tail;
  }

  /** The empty list. */
  @SuppressWarnings("unchecked")
  static <E> FrozenList<E> empty() {
    return (FrozenList<E>) EMPTY;
  }

  /** A view of the first {@code n} items of an append-only array. */
  public static <E> FrozenList<E> of(Object[] items, int n) {
    return n == 0 ? empty() : new FrozenList<>(items, n, false, null);
  }

  @Override
  @SuppressWarnings("unchecked")
  public E get(int index) {
    if (index >= 0 && index < n) {
      return (E) items[index];
    }
    if (hasTail && index == n) {
      return (E) tail;
    }
    throw new IndexOutOfBoundsException("index " + index + ", size " + size());
  }

  @Override
  public int size() {
    return hasTail ? n + 1 : n;
  }
}
