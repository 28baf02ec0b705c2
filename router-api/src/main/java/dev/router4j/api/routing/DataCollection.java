package dev.router4j.api.routing;

/** Whether providers that store or train on prompts may serve a request. */
public enum DataCollection {
  /** Any provider (the default). */
  ALLOW("allow"),
  /** Only providers that neither retain nor train on prompts. */
  DENY("deny");

  private final String wire;

  DataCollection(String wire) {
    this.wire = wire;
  }

  /** The wire name. */
  public String wireName() {
    return wire;
  }

  /** The value with the given wire name, or null when none has it. */
  public static DataCollection fromWire(String wire) {
    for (DataCollection d : values()) {
      if (d.wire.equals(wire)) {
        return d;
      }
    }
    return null;
  }
}
