package dev.router4j.healing;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of healing one text: strict RFC 8259 JSON and what was done to get it.
 * Immutable.
 */
public final class HealResult {
  private final String json;
  private final List<Repair> repairs;
  private final int repairCount;
  private final boolean changed;
  private final boolean truncated;

  HealResult(String json, List<Repair> repairs, int repairCount, boolean changed, boolean truncated) {
    this.json = Objects.requireNonNull(json, "json");
    this.repairs = List.copyOf(repairs);
    this.repairCount = repairCount;
    this.changed = changed;
    this.truncated = truncated;
  }

  static HealResult unchanged(String json) {
    return new HealResult(json, List.of(), 0, false, false);
  }

  /**
   * The healed document as strict RFC 8259 JSON text. When the input was already strictly
   * valid (and no schema asked for a change) this is the input string itself.
   */
  public String json() {
    return json;
  }

  /**
   * The repairs made, ordered by their offset in the input. At most
   * {@value dev.router4j.internal.healing.RepairLog#MAX_RECORDED} are kept; {@link #repairCount()}
   * counts them all.
   */
  public List<Repair> repairs() {
    return repairs;
  }

  /** How many repairs were made, including any beyond those {@link #repairs()} keeps. */
  public int repairCount() {
    return repairCount;
  }

  /** Whether {@link #json()} differs from the input. */
  public boolean changed() {
    return changed;
  }

  /**
   * Whether the document was closed at a cut: a string, number, literal, object or array was
   * still open when the text ended, as when output is truncated by a token limit. A caller
   * that sees {@code finish_reason: length} may prefer to reject such a result.
   */
  public boolean truncated() {
    return truncated;
  }

  @Override
  public String toString() {
    return "HealResult{changed=" + changed + ", truncated=" + truncated + ", repairs=" + repairCount
        + ", json=" + (json.length() > 200 ? json.substring(0, 200) + "..." : json) + "}";
  }
}
