package dev.router4j.internal.healing;

import dev.router4j.healing.Repair;
import dev.router4j.healing.RepairKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The repairs made while healing one text. Keeps the first {@link #MAX_RECORDED} repairs and
 * counts all of them, so that memory stays bounded on a large document with many repairs.
 */
public final class RepairLog {
  /** How many repairs are kept; later ones are only counted. */
  public static final int MAX_RECORDED = 10_000;

  private final ArrayList<Repair> repairs = new ArrayList<>();
  private int count;
  private int fixedOffset = -1;

  void add(RepairKind kind, int offset) {
    int at = fixedOffset >= 0 ? fixedOffset : offset;
    if (!repairs.isEmpty() && repairs.size() < MAX_RECORDED) {
      Repair last = repairs.get(repairs.size() - 1);
      if (last.kind() == kind && last.offset() == at) {
        return;
      }
    }
    count++;
    if (repairs.size() < MAX_RECORDED) {
      repairs.add(Repair.of(kind, at));
    }
  }

  void add(RepairKind kind, int offset, String description) {
    count++;
    if (repairs.size() < MAX_RECORDED) {
      repairs.add(new Repair(kind, fixedOffset >= 0 ? fixedOffset : offset, description));
    }
  }

  /** Reports every later repair at this offset (used for text decoded from an escaped string). */
  void fixOffset(int offset) {
    this.fixedOffset = offset;
  }

  void addAll(RepairLog other) {
    for (Repair r : other.repairs) {
      if (repairs.size() < MAX_RECORDED) {
        repairs.add(fixedOffset >= 0 ? new Repair(r.kind(), fixedOffset, r.description()) : r);
      }
    }
    count += other.count;
  }

  /** The recorded repairs, in the order they were made. */
  public List<Repair> repairs() {
    return Collections.unmodifiableList(repairs);
  }

  /** How many repairs were made, including those not recorded. */
  public int count() {
    return count;
  }
}
