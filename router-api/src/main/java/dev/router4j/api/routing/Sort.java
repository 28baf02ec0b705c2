package dev.router4j.api.routing;

import java.util.Objects;

/**
 * How to order endpoints instead of the default price-weighted draw: {@code "price"} on the
 * wire, or {@code {by:"price", partition:"none"}}.
 *
 * @param by what to sort by
 * @param partition whether to sort within each model ({@code model}, the default) or across
 *     all models of the fallback list ({@code none}); null when written as a plain string
 */
public record Sort(By by, Partition partition) {
  /** Cheapest first, within each model. */
  public static final Sort PRICE = new Sort(By.PRICE, null);
  /** Fastest tokens per second first, within each model. */
  public static final Sort THROUGHPUT = new Sort(By.THROUGHPUT, null);
  /** Lowest time to first token first, within each model. */
  public static final Sort LATENCY = new Sort(By.LATENCY, null);

  /** Sort keys. */
  public enum By {
    /** {@code price}. */
    PRICE("price"),
    /** {@code throughput}. */
    THROUGHPUT("throughput"),
    /** {@code latency}. */
    LATENCY("latency"),
    /** {@code exacto}: quality first (tool-call success, low error rate). */
    EXACTO("exacto");

    private final String wire;

    By(String wire) {
      this.wire = wire;
    }

    /** The wire name. */
    public String wireName() {
      return wire;
    }

    /** The key with the given wire name, or null when none has it. */
    public static By fromWire(String wire) {
      for (By b : values()) {
        if (b.wire.equals(wire)) {
          return b;
        }
      }
      return null;
    }
  }

  /** Sort partitions. */
  public enum Partition {
    /** Sort each model's endpoints separately, models in fallback order. */
    MODEL("model"),
    /** Sort the endpoints of all models together. */
    NONE("none");

    private final String wire;

    Partition(String wire) {
      this.wire = wire;
    }

    /** The wire name. */
    public String wireName() {
      return wire;
    }

    /** The partition with the given wire name, or null when none has it. */
    public static Partition fromWire(String wire) {
      for (Partition p : values()) {
        if (p.wire.equals(wire)) {
          return p;
        }
      }
      return null;
    }
  }

  /** Checks the key. */
  public Sort {
    Objects.requireNonNull(by, "sort.by");
  }

  /** The partition that applies: {@link Partition#MODEL} when none was given. */
  public Partition effectivePartition() {
    return partition == null ? Partition.MODEL : partition;
  }
}
