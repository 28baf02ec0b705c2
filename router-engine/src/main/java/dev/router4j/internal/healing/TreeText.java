package dev.router4j.internal.healing;

/** Writes a healed tree as compact, strict JSON text. */
public final class TreeText {
  private TreeText() {}

  /** The tree as compact JSON text. */
  public static String write(JNode node) {
    return JsonWriter.write(node);
  }
}
