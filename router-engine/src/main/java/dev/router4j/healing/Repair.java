package dev.router4j.healing;

import java.util.Objects;

/**
 * One change the healer made to the model's text.
 *
 * @param kind what was done
 * @param offset the character offset in the input where the change applies (for a document
 *     that was decoded from an escaped string, the offset where that string starts)
 * @param description a short English description
 */
public record Repair(RepairKind kind, int offset, String description) {

  /** Checks the components. */
  public Repair {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
  }

  /** A repair of the given kind at the given offset, described by the kind's own description. */
  public static Repair of(RepairKind kind, int offset) {
    return new Repair(kind, offset, kind.description());
  }

  @Override
  public String toString() {
    return kind + "@" + offset + " (" + description + ")";
  }
}
