package dev.router4j.api.internal;

import dev.router4j.api.catalog.PriceOverride;
import dev.router4j.api.catalog.Pricing;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An endpoint's prices in fixed point: each price as a {@code long} unscaled value and a scale
 * of zero or more, so that the router can price a generation with integer arithmetic. A price
 * with a negative scale is held at scale zero (the same value; a priced total's scale is never
 * below zero, since the fee component is a plain zero). A price the endpoint does not list has
 * the scale {@link #ABSENT}. Made once per {@link Pricing}, on first use, and only when every
 * price, tiers included, fits; see {@link #of}. Immutable. Not part of the API.
 *
 * <p>Prices are read by slot: the base prices by the constants below, tier {@code t}'s by
 * {@link #tierSlot}.
 */
public final class FixedPrices {
  /** Slot of the prompt price. */
  public static final int PROMPT = 0;
  /** Slot of the completion price. */
  public static final int COMPLETION = 1;
  /** Slot of the per-request fee. */
  public static final int REQUEST = 2;
  /** Slot of the per-image price. */
  public static final int IMAGE = 3;
  /** Slot of the per-search-result price. */
  public static final int WEB_SEARCH = 4;
  /** Slot of the internal-reasoning price. */
  public static final int INTERNAL_REASONING = 5;
  /** Slot of the cache-read price. */
  public static final int CACHE_READ = 6;
  /** Slot of the cache-write price (5-minute lifetime). */
  public static final int CACHE_WRITE = 7;
  /** Slot of the one-hour cache-write price. */
  public static final int CACHE_WRITE_1H = 8;
  /** A tier's prompt price, as the {@code field} of {@link #tierSlot}. */
  public static final int TIER_PROMPT = 0;
  /** A tier's completion price. */
  public static final int TIER_COMPLETION = 1;
  /** A tier's cache-read price. */
  public static final int TIER_CACHE_READ = 2;
  /** A tier's cache-write price. */
  public static final int TIER_CACHE_WRITE = 3;
  /** The scale of a price that is not listed (its unscaled value is 0). */
  public static final int ABSENT = -1;

  private static final int BASE = 9;
  private static final int PER_TIER = 4;
  // Held by pricings whose prices do not all fit, so that the check is made once.
  private static final FixedPrices NOT_FIXED = new FixedPrices(new long[0], new int[0], new int[0]);
  private static volatile Function<Pricing, FixedPrices> cache;

  private final long[] unscaled;
  private final int[] scales;
  private final int[] tierMin;

  private FixedPrices(long[] unscaled, int[] scales, int[] tierMin) {
    this.unscaled = unscaled;
    this.scales = scales;
    this.tierMin = tierMin;
  }

  /**
   * The pricing's prices in fixed point, worked out on the first call for that pricing and kept
   * by it; null when one of them does not fit (an unscaled value beyond a {@code long}), in
   * which case the caller must price with {@link BigDecimal}.
   */
  public static FixedPrices of(Pricing pricing) {
    // A pricing exists, so Pricing's class initialization, which installs the cache, is done.
    FixedPrices f = cache.apply(pricing);
    return f == NOT_FIXED ? null : f;
  }

  /**
   * Called once by {@link Pricing}'s class initialization with the function that gives a
   * pricing's fixed prices, made by {@link #convert} and kept by the pricing.
   *
   * @throws IllegalStateException when called again
   */
  public static void install(Function<Pricing, FixedPrices> pricingCache) {
    Objects.requireNonNull(pricingCache, "pricingCache");
    synchronized (FixedPrices.class) {
      if (cache != null) {
        throw new IllegalStateException("already installed");
      }
      cache = pricingCache;
    }
  }

  /**
   * Converts every price of {@code pricing}, for {@link Pricing} to keep: the result stands for
   * "not fixed-point" when a price does not fit, and {@link #of} then gives null.
   */
  public static FixedPrices convert(Pricing pricing) {
    List<PriceOverride> tiers = pricing.overrides();
    int n = BASE + PER_TIER * tiers.size();
    long[] unscaled = new long[n];
    int[] scales = new int[n];
    int[] tierMin = new int[tiers.size()];
    boolean fits = put(pricing.prompt(), PROMPT, unscaled, scales)
        & put(pricing.completion(), COMPLETION, unscaled, scales)
        & put(pricing.request(), REQUEST, unscaled, scales)
        & put(pricing.image(), IMAGE, unscaled, scales)
        & put(pricing.webSearch(), WEB_SEARCH, unscaled, scales)
        & put(pricing.internalReasoning(), INTERNAL_REASONING, unscaled, scales)
        & put(pricing.inputCacheRead(), CACHE_READ, unscaled, scales)
        & put(pricing.inputCacheWrite(), CACHE_WRITE, unscaled, scales)
        & put(pricing.inputCacheWrite1h(), CACHE_WRITE_1H, unscaled, scales);
    for (int t = 0; t < tiers.size(); t++) {
      PriceOverride tier = tiers.get(t);
      tierMin[t] = tier.minPromptTokens();
      int at = BASE + PER_TIER * t;
      fits &= put(tier.prompt(), at + TIER_PROMPT, unscaled, scales)
          & put(tier.completion(), at + TIER_COMPLETION, unscaled, scales)
          & put(tier.inputCacheRead(), at + TIER_CACHE_READ, unscaled, scales)
          & put(tier.inputCacheWrite(), at + TIER_CACHE_WRITE, unscaled, scales);
    }
    return fits ? new FixedPrices(unscaled, scales, tierMin) : NOT_FIXED;
  }

  // Whether the price fits; an absent one always does.
  private static boolean put(BigDecimal price, int slot, long[] unscaled, int[] scales) {
    if (price == null) {
      scales[slot] = ABSENT;
      return true;
    }
    int scale = price.scale();
    if (price.signum() == 0) {
      scales[slot] = Math.max(scale, 0); // a zero's scale counts where it is added as it is
      return true;
    }
    if (scale < -18) {
      return false; // at least 10^19: beyond a long
    }
    BigInteger u = scale < 0 ? price.setScale(0).unscaledValue() : price.unscaledValue();
    if (u.bitLength() > 63) {
      return false;
    }
    unscaled[slot] = u.longValue();
    scales[slot] = Math.max(scale, 0);
    return true;
  }

  /** The number of tiers. */
  public int tiers() {
    return tierMin.length;
  }

  /** The prompt size from which tier {@code t} applies. */
  public int tierMin(int t) {
    return tierMin[t];
  }

  /** The slot of tier {@code t}'s price {@code field} ({@link #TIER_PROMPT}, ...). */
  public static int tierSlot(int t, int field) {
    return BASE + PER_TIER * t + field;
  }

  /** Whether the price in {@code slot} is listed. */
  public boolean listed(int slot) {
    return scales[slot] != ABSENT;
  }

  /** The unscaled value of the price in {@code slot}; 0 when it is not listed. */
  public long unscaled(int slot) {
    return unscaled[slot];
  }

  /** The scale of the price in {@code slot}: zero or more, or {@link #ABSENT}. */
  public int scale(int slot) {
    return scales[slot];
  }
}
