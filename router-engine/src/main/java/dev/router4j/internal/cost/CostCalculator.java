package dev.router4j.internal.cost;

import dev.router4j.api.Usage;
import dev.router4j.api.catalog.PriceOverride;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.cost.Cost;
import dev.router4j.api.internal.FixedPrices;
import dev.router4j.api.internal.Trusted;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Prices one generation exactly from its usage and the serving endpoint's prices.
 *
 * <p>Cached and cache-write tokens are part of the prompt count, so only the rest is billed at
 * the prompt price; reasoning tokens are part of the completion count and are billed at the
 * internal-reasoning price where the endpoint has one. Tiers ({@code overrides}) are chosen by
 * the prompt size, the last matching tier winning.
 *
 * <p>{@link #cost} works out the total at once in 64-bit fixed point (the endpoint's prices as
 * unscaled {@code long}s and scales, made once per pricing by {@link FixedPrices}) when there is
 * no platform fee and nothing overflows; it is then exactly, value and scale, the sum of the
 * components {@link #price} makes, which stay unmade until read. Otherwise the cost is priced
 * with {@link BigDecimal} on first read.
 */
public final class CostCalculator {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  /** Usage.extra key for prompt tokens written to a one-hour cache (Anthropic). */
  public static final String CACHE_WRITE_1H = "cache_write_1h_tokens";
  /** Anthropic bills one-hour cache writes at twice the prompt price when no price is listed. */
  private static final BigDecimal ONE_HOUR_WRITE_MULTIPLIER = BigDecimal.valueOf(2);

  // 10^0 to 10^18: what a term is multiplied by to bring it to the total's scale.
  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private final BigDecimal platformFeePercent;
  private final boolean noFee;
  private final Trusted.Pricer pricer = this::price;

  /**
   * A calculator.
   *
   * @param platformFeePercent a percentage added on top of every cost (0 for none)
   */
  public CostCalculator(BigDecimal platformFeePercent) {
    this.platformFeePercent = Objects.requireNonNull(platformFeePercent, "platformFeePercent");
    if (platformFeePercent.signum() < 0) {
      throw new IllegalArgumentException("platform fee must not be negative: " + platformFeePercent);
    }
    this.noFee = platformFeePercent.signum() == 0;
  }

  /** A calculator with no platform fee. */
  public static CostCalculator withoutFee() {
    return new CostCalculator(BigDecimal.ZERO);
  }

  /**
   * The cost of a generation. Its total is worked out now in fixed point where it can be (see
   * the class notes), with no {@link BigDecimal} made; the components are worked out the first
   * time one is read (or {@code equals}, {@code hashCode}), by {@link #price}, and so is the
   * total when it could not be made at once. Until then the cost holds the usage and the
   * pricing, both immutable.
   *
   * @param usage the token counts (estimated or reported)
   * @param pricing the serving endpoint's prices
   * @param images input images billed per image
   * @param webResults web-search results billed per result
   */
  public Cost cost(Usage usage, Pricing pricing, int images, int webResults) {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(pricing, "pricing");
    Cost fixed = fixedCost(usage, pricing, images, webResults);
    return fixed != null ? fixed
        : Trusted.deferredCost(pricer, usage, pricing, images, webResults);
  }

  /**
   * The cost with its total worked out now in fixed point, or null when it cannot be: a
   * platform fee, a price that does not fit, or a term or sum beyond a long.
   */
  Cost fixedCost(Usage usage, Pricing pricing, int images, int webResults) {
    FixedPrices f = noFee ? FixedPrices.of(pricing) : null;
    if (f == null) {
      return null;
    }
    try {
      return fixedCost(usage, pricing, f, images, webResults);
    } catch (ArithmeticException overflow) {
      return null;
    }
  }

  /**
   * {@link #price}'s formula without a fee, term by term, each zero term left out as
   * {@code times} leaves it at scale 0.
   *
   * @throws ArithmeticException when a term or the sum does not fit a long
   */
  private Cost fixedCost(Usage usage, Pricing pricing, FixedPrices f, int images,
      int webResults) {
    // The same counts as price() works out.
    int prompt = usage.prompt();
    int cached = nz(usage.cachedTokens());
    int cacheWrite = nz(usage.cacheWriteTokens());
    int cacheWrite1h = Math.min(cacheWrite, extraInt(usage, CACHE_WRITE_1H));
    int completion = usage.completion();
    int reasoning = Math.min(nz(usage.reasoningTokens()), completion);
    int uncached = Math.max(0, prompt - cached - cacheWrite);
    int cacheWrite5m = cacheWrite - cacheWrite1h;
    int plainCompletion = completion - reasoning;

    // The slots of the prices that apply, chosen as price() chooses the prices.
    int promptAt = FixedPrices.PROMPT;
    int completionAt = FixedPrices.COMPLETION;
    int readAt = FixedPrices.CACHE_READ;
    int writeAt = FixedPrices.CACHE_WRITE;
    for (int t = 0; t < f.tiers(); t++) {
      if (prompt >= f.tierMin(t)) {
        promptAt = or(f, FixedPrices.tierSlot(t, FixedPrices.TIER_PROMPT), promptAt);
        completionAt = or(f, FixedPrices.tierSlot(t, FixedPrices.TIER_COMPLETION), completionAt);
        readAt = or(f, FixedPrices.tierSlot(t, FixedPrices.TIER_CACHE_READ), readAt);
        writeAt = or(f, FixedPrices.tierSlot(t, FixedPrices.TIER_CACHE_WRITE), writeAt);
      }
    }
    int reasoningAt = or(f, FixedPrices.INTERNAL_REASONING, completionAt);
    readAt = or(f, readAt, promptAt);
    writeAt = or(f, writeAt, promptAt);
    boolean hourListed = f.listed(FixedPrices.CACHE_WRITE_1H);
    int hourAt = hourListed ? FixedPrices.CACHE_WRITE_1H : promptAt;

    // The total's scale is the largest of the terms' (zero for the fee, a plain zero); the
    // request fee counts as listed, a zero with a scale included, since price() adds it as it is.
    int scale = Math.max(0, f.scale(FixedPrices.REQUEST));
    scale = widest(scale, f, promptAt, uncached);
    scale = widest(scale, f, readAt, cached);
    scale = widest(scale, f, writeAt, cacheWrite5m);
    scale = widest(scale, f, hourAt, cacheWrite1h);
    scale = widest(scale, f, completionAt, plainCompletion);
    scale = widest(scale, f, reasoningAt, reasoning);
    scale = widest(scale, f, FixedPrices.IMAGE, images);
    scale = widest(scale, f, FixedPrices.WEB_SEARCH, webResults);

    long hour = term(f, hourAt, cacheWrite1h, scale);
    long sum = term(f, promptAt, uncached, scale);
    sum = Math.addExact(sum, term(f, readAt, cached, scale));
    sum = Math.addExact(sum, term(f, writeAt, cacheWrite5m, scale));
    // Without a listed one-hour price, twice the prompt price.
    sum = Math.addExact(sum, hourListed ? hour : Math.multiplyExact(hour, 2L));
    sum = Math.addExact(sum, term(f, completionAt, plainCompletion, scale));
    sum = Math.addExact(sum, term(f, reasoningAt, reasoning, scale));
    sum = Math.addExact(sum, term(f, FixedPrices.REQUEST, 1, scale));
    sum = Math.addExact(sum, term(f, FixedPrices.IMAGE, images, scale));
    sum = Math.addExact(sum, term(f, FixedPrices.WEB_SEARCH, webResults, scale));
    return Trusted.pricedCost(pricer, usage, pricing, images, webResults, sum, scale);
  }

  // The slot of a listed price, else the fallback's.
  private static int or(FixedPrices f, int slot, int fallback) {
    return f.listed(slot) ? slot : fallback;
  }

  // The scale with the term's taken in, unless the term is zero (times() makes a plain zero).
  private static int widest(int scale, FixedPrices f, int slot, int count) {
    return count == 0 || f.unscaled(slot) == 0 ? scale : Math.max(scale, f.scale(slot));
  }

  // count x price, unscaled at the given scale (no less than the price's).
  private static long term(FixedPrices f, int slot, int count, int scale) {
    long unscaled = f.unscaled(slot);
    if (count == 0 || unscaled == 0) {
      return 0;
    }
    int up = scale - f.scale(slot);
    if (up >= POWERS_OF_TEN.length) {
      throw new ArithmeticException("long overflow");
    }
    return Math.multiplyExact(Math.multiplyExact(unscaled, (long) count), POWERS_OF_TEN[up]);
  }

  /** The cost of a generation, every component worked out now; see {@link #cost}. */
  public Cost price(Usage usage, Pricing pricing, int images, int webResults) {
    int prompt = usage.prompt();
    int cached = nz(usage.cachedTokens());
    int cacheWrite = nz(usage.cacheWriteTokens());
    int cacheWrite1h = Math.min(cacheWrite, extraInt(usage, CACHE_WRITE_1H));
    int completion = usage.completion();
    int reasoning = Math.min(nz(usage.reasoningTokens()), completion);

    BigDecimal promptPrice = pricing.prompt();
    BigDecimal completionPrice = pricing.completion();
    BigDecimal readPrice = pricing.inputCacheRead();
    BigDecimal writePrice = pricing.inputCacheWrite();
    List<PriceOverride> tiers = pricing.overrides();
    for (int i = 0; i < tiers.size(); i++) {
      PriceOverride tier = tiers.get(i);
      if (prompt >= tier.minPromptTokens()) {
        promptPrice = or(tier.prompt(), promptPrice);
        completionPrice = or(tier.completion(), completionPrice);
        readPrice = or(tier.inputCacheRead(), readPrice);
        writePrice = or(tier.inputCacheWrite(), writePrice);
      }
    }
    BigDecimal reasoningPrice = or(pricing.internalReasoning(), completionPrice);

    int uncached = Math.max(0, prompt - cached - cacheWrite);
    BigDecimal promptCost = times(promptPrice, uncached);
    BigDecimal readCost = times(or(readPrice, promptPrice), cached);
    BigDecimal writeCost = times(or(writePrice, promptPrice), cacheWrite - cacheWrite1h);
    if (cacheWrite1h > 0) {
      writeCost = writeCost.add(times(or(pricing.inputCacheWrite1h(),
          promptPrice.multiply(ONE_HOUR_WRITE_MULTIPLIER)), cacheWrite1h));
    } else if (writeCost.scale() < 0) {
      writeCost = writeCost.add(BigDecimal.ZERO); // the scale adding the 1-hour part's zero gives
    }
    BigDecimal completionCost = times(completionPrice, completion - reasoning);
    BigDecimal reasoningCost = times(reasoningPrice, reasoning);
    BigDecimal requestCost = or(pricing.request(), BigDecimal.ZERO);
    BigDecimal imageCost = times(or(pricing.image(), BigDecimal.ZERO), images);
    BigDecimal webCost = times(or(pricing.webSearch(), BigDecimal.ZERO), webResults);

    BigDecimal fee = BigDecimal.ZERO;
    if (platformFeePercent.signum() != 0) {
      BigDecimal subtotal = Trusted.sum(promptCost, readCost, writeCost, completionCost,
          reasoningCost, requestCost, imageCost, webCost);
      fee = subtotal.multiply(platformFeePercent).divide(HUNDRED);
    }
    return new Cost(promptCost, completionCost, reasoningCost, readCost, writeCost, requestCost,
        imageCost, webCost, fee, usage.estimated());
  }

  /**
   * Whether a generation is free under zero-completion insurance: no output tokens and a
   * finish reason that is empty or an error.
   */
  public static boolean insured(Usage usage, dev.router4j.api.FinishReason finish) {
    return usage.completion() == 0 && (finish == null || finish == dev.router4j.api.FinishReason.ERROR);
  }

  private static int extraInt(Usage usage, String key) {
    Object v = usage.extra().get(key);
    return v instanceof Number n ? Math.max(0, n.intValue()) : 0;
  }

  private static int nz(Integer v) {
    return v == null ? 0 : Math.max(0, v);
  }

  private static BigDecimal or(BigDecimal v, BigDecimal fallback) {
    return v != null ? v : fallback;
  }

  private static BigDecimal times(BigDecimal price, int count) {
    return count == 0 || price.signum() == 0 ? BigDecimal.ZERO
        : price.multiply(BigDecimal.valueOf(count));
  }
}
