package dev.router4j.api.internal;

import dev.router4j.api.Usage;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.cost.Cost;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Ways for the router to make values it has built itself without the work the public
 * constructors do for values from outside (defensive copies, eager arithmetic). Each path keeps
 * the values' contract: what a caller reads is what the public constructor would have given.
 * Not part of the API.
 */
public final class Trusted {
  private Trusted() {}

  /** Works out a cost's components from the usage and the serving endpoint's prices. */
  @FunctionalInterface
  public interface Pricer {
    /** The cost with its components, as {@code new Cost(...)} from those components. */
    Cost price(Usage usage, Pricing pricing, int images, int webResults);
  }

  /** Makes a cost that is priced when first read; {@link Cost} installs it. */
  @FunctionalInterface
  public interface CostMaker {
    /** A cost priced by {@code pricer} on first read. */
    Cost deferred(Pricer pricer, Usage usage, Pricing pricing, int images, int webResults);
  }

  private static volatile CostMaker costs;

  /**
   * Called once by {@link Cost}'s class initialization.
   *
   * @throws IllegalStateException when called again
   */
  public static void install(CostMaker maker) {
    Objects.requireNonNull(maker, "maker");
    synchronized (Trusted.class) {
      if (costs != null) {
        throw new IllegalStateException("already installed");
      }
      costs = maker;
    }
  }

  /**
   * A cost that keeps the usage and prices and asks {@code pricer} for its components the
   * first time one of them, or the total, is read. Estimated when the usage is. The usage and
   * pricing are immutable, so the components are the same whenever they are made.
   */
  public static Cost deferredCost(Pricer pricer, Usage usage, Pricing pricing, int images,
      int webResults) {
    CostMaker maker = costs;
    if (maker == null) {
      Objects.requireNonNull(Cost.ZERO); // initializes Cost, which installs its maker
      maker = costs;
    }
    return maker.deferred(pricer, usage, pricing, images, webResults);
  }

  /**
   * The exact sum of the values, with the largest of their scales: what folding them all with
   * {@link BigDecimal#add} gives, without the intermediate values that adding the zeros makes.
   */
  public static BigDecimal sum(BigDecimal... terms) {
    BigDecimal sum = terms[0];
    for (int i = 1; i < terms.length; i++) {
      sum = plus(sum, terms[i]);
    }
    return sum;
  }

  /**
   * {@code a.add(b)}, equal in value and scale, but {@code a} or {@code b} itself when the other
   * is a zero that would not raise its scale.
   */
  public static BigDecimal plus(BigDecimal a, BigDecimal b) {
    if (b.signum() == 0 && b.scale() <= a.scale()) {
      return a;
    }
    if (a.signum() == 0 && a.scale() <= b.scale()) {
      return b;
    }
    return a.add(b);
  }
}
