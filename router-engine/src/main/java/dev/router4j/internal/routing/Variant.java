package dev.router4j.internal.routing;

/** The model-slug suffixes the router understands. */
public enum Variant {
  /** {@code :free} — the free endpoints of a model (a separate catalog entry). */
  FREE("free", true),
  /** {@code :extended} — a longer-context variant (a separate catalog entry). */
  EXTENDED("extended", true),
  /** {@code :thinking} — reasoning on by default (a catalog entry, else reasoning switched on). */
  THINKING("thinking", true),
  /** {@code :nitro} — throughput first; priority-tier endpoints become eligible. */
  NITRO("nitro", false),
  /** {@code :floor} — price first; flex-tier endpoints become eligible. */
  FLOOR("floor", false),
  /** {@code :exacto} — quality first, from observed tool-call success and error rates. */
  EXACTO("exacto", false),
  /** {@code :online} — the web plugin. */
  ONLINE("online", false);

  private final String suffix;
  private final boolean staticVariant;

  Variant(String suffix, boolean staticVariant) {
    this.suffix = suffix;
    this.staticVariant = staticVariant;
  }

  /** The suffix without its colon. */
  public String suffix() {
    return suffix;
  }

  /** Whether the variant names its own catalog entry rather than a routing change. */
  public boolean isStatic() {
    return staticVariant;
  }

  /** The variant with the given suffix, or null. */
  public static Variant of(String suffix) {
    for (Variant v : values()) {
      if (v.suffix.equals(suffix)) {
        return v;
      }
    }
    return null;
  }
}
