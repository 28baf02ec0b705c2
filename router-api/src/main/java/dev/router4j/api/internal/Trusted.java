package dev.router4j.api.internal;

import dev.router4j.api.Usage;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.cost.Cost;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

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
    /**
     * A cost whose components {@code pricer} makes on first read, and whose total is
     * {@code BigDecimal.valueOf(unscaledTotal, totalScale)}, or the components' sum when
     * {@code totalScale} is {@link Trusted#NO_TOTAL}.
     */
    Cost deferred(Pricer pricer, Usage usage, Pricing pricing, int images, int webResults,
        long unscaledTotal, int totalScale);
  }

  /** The total scale that says a deferred cost's total is not known until it is priced. */
  public static final int NO_TOTAL = Integer.MIN_VALUE;

  private static volatile CostMaker costs;

  /**
   * A list that the caller made and hands over, for a value type's list component: the
   * constructors keep it as it is instead of checking and copying it. The caller promises that
   * no element is null and that it never touches {@code owned} again; what a reader sees is an
   * unmodifiable list equal to the copy the public constructor would have made. For decoders
   * of provider replies, whose lists no one else holds.
   *
   * @param owned a random-access list (an {@code ArrayList}, say)
   */
  public static <T> List<T> list(List<T> owned) {
    if (!(owned instanceof RandomAccess)) {
      return List.copyOf(owned);
    }
    switch (owned.size()) {
      case 0: return List.of();
      case 1: return List.of(owned.get(0)); // as small as the view, and frees the list
      default: return Checks.owned(owned);
    }
  }

  /**
   * A JSON object that the caller made and hands over, frozen without copying its values: the
   * caller promises that the keys are non-null strings, that each value is already an immutable
   * JSON tree (as {@code JsonTrees.read} makes them: unmodifiable maps and lists of strings,
   * numbers, booleans and nulls) and that it never touches {@code owned} again. Small objects
   * are copied into the compact frozen form; large ones are wrapped. Empty for null.
   */
  public static Map<String, Object> jsonObject(Map<String, Object> owned) {
    return Checks.ownedJsonObject(owned);
  }

  /**
   * A JSON value that the caller made and hands over, on the terms of {@link #jsonObject}: an
   * object or an array is frozen without copying what it holds, anything else is returned as it
   * is.
   */
  @SuppressWarnings("unchecked")
  public static Object jsonValue(Object owned) {
    if (owned instanceof Map<?, ?> m) {
      return Checks.ownedJsonObject((Map<String, Object>) m);
    }
    if (owned instanceof List<?> l) {
      return Checks.ownedJsonArray(l);
    }
    return owned;
  }

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
    return maker().deferred(pricer, usage, pricing, images, webResults, 0, NO_TOTAL);
  }

  /**
   * A cost as {@link #deferredCost} makes, whose total the caller has already worked out in
   * fixed point: {@link Cost#total()} is {@code BigDecimal.valueOf(unscaledTotal, totalScale)}
   * and {@link Cost#isZero()} reads {@code unscaledTotal}. The caller promises that this equals,
   * value and scale, the sum of the components {@code pricer} gives.
   *
   * @throws IllegalArgumentException when {@code totalScale} is {@link #NO_TOTAL}
   */
  public static Cost pricedCost(Pricer pricer, Usage usage, Pricing pricing, int images,
      int webResults, long unscaledTotal, int totalScale) {
    if (totalScale == NO_TOTAL) {
      throw new IllegalArgumentException("no total scale");
    }
    return maker().deferred(pricer, usage, pricing, images, webResults, unscaledTotal,
        totalScale);
  }

  private static CostMaker maker() {
    CostMaker maker = costs;
    if (maker == null) {
      Objects.requireNonNull(Cost.ZERO); // initializes Cost, which installs its maker
      maker = costs;
    }
    return maker;
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
