package dev.router4j.internal.healing;

import dev.router4j.healing.Repair;
import dev.router4j.healing.RepairKind;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The repairs made while healing one text. Keeps the first {@link #MAX_RECORDED} repairs and
 * counts all of them, so that memory stays bounded on a large document with many repairs.
 *
 * <p>The repairs live in an array allocated on the first one (most texts need none or a few),
 * and the log remembers whether they were made in offset order, so that the usual case needs
 * no sort.
 */
public final class RepairLog {
  /** How many repairs are kept; later ones are only counted. */
  public static final int MAX_RECORDED = 10_000;

  private static final Repair[] NONE = new Repair[0];
  private static final int FIRST_CAPACITY = 4;
  private static final Comparator<Repair> BY_OFFSET = Comparator.comparingInt(Repair::offset);

  private Repair[] repairs = NONE;
  private int size;
  private int count;
  private int fixedOffset = -1;
  /** Whether the recorded offsets never decrease. */
  private boolean ordered = true;

  void add(RepairKind kind, int offset) {
    int at = fixedOffset >= 0 ? fixedOffset : offset;
    if (size > 0 && size < MAX_RECORDED) {
      Repair last = repairs[size - 1];
      if (last.kind() == kind && last.offset() == at) {
        return;
      }
    }
    count++;
    if (size < MAX_RECORDED) {
      append(Repair.of(kind, at));
    }
  }

  void add(RepairKind kind, int offset, String description) {
    count++;
    if (size < MAX_RECORDED) {
      append(new Repair(kind, fixedOffset >= 0 ? fixedOffset : offset, description));
    }
  }

  private void append(Repair r) {
    if (size == repairs.length) {
      repairs = Arrays.copyOf(repairs, size == 0 ? FIRST_CAPACITY : Math.min(MAX_RECORDED, size * 2));
    }
    if (size > 0 && r.offset() < repairs[size - 1].offset()) {
      ordered = false;
    }
    repairs[size++] = r;
  }

  /** Reports every later repair at this offset (used for text decoded from an escaped string). */
  void fixOffset(int offset) {
    this.fixedOffset = offset;
  }

  void addAll(RepairLog other) {
    Repair[] theirs = other.repairs;
    for (int i = 0; i < other.size && size < MAX_RECORDED; i++) {
      Repair r = theirs[i];
      append(fixedOffset >= 0 ? new Repair(r.kind(), fixedOffset, r.description()) : r);
    }
    count += other.count;
  }

  /** The recorded repairs, in the order they were made. */
  public List<Repair> repairs() {
    return size == 0 ? List.of() : List.of(Arrays.copyOf(repairs, size));
  }

  /**
   * The recorded repairs ordered by offset, repairs at the same offset in the order they were
   * made (a stable sort, skipped when they were made in order), as an immutable list.
   */
  public List<Repair> inOffsetOrder() {
    switch (size) {
      case 0:
        return List.of();
      case 1:
        return List.of(repairs[0]);
      case 2:
        return ordered ? List.of(repairs[0], repairs[1]) : List.of(repairs[1], repairs[0]);
      default:
        if (ordered) {
          return List.of(size == repairs.length ? repairs : Arrays.copyOf(repairs, size));
        }
        Repair[] sorted = Arrays.copyOf(repairs, size);
        Arrays.sort(sorted, BY_OFFSET);
        return List.of(sorted);
    }
  }

  /** How many repairs were made, including those not recorded. */
  public int count() {
    return count;
  }
}
