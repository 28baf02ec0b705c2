package dev.router4j.internal.cost;

import dev.router4j.api.Usage;
import dev.router4j.api.catalog.PriceOverride;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.cost.Cost;
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
 */
public final class CostCalculator {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  /** Usage.extra key for prompt tokens written to a one-hour cache (Anthropic). */
  public static final String CACHE_WRITE_1H = "cache_write_1h_tokens";
  /** Anthropic bills one-hour cache writes at twice the prompt price when no price is listed. */
  private static final BigDecimal ONE_HOUR_WRITE_MULTIPLIER = BigDecimal.valueOf(2);

  private final BigDecimal platformFeePercent;
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
  }

  /** A calculator with no platform fee. */
  public static CostCalculator withoutFee() {
    return new CostCalculator(BigDecimal.ZERO);
  }

  /**
   * The cost of a generation. The components are worked out the first time the cost is read
   * (its total, a component, {@code equals} or {@code toString}), by {@link #price}; until then
   * the cost holds the usage and the pricing, both immutable.
   *
   * @param usage the token counts (estimated or reported)
   * @param pricing the serving endpoint's prices
   * @param images input images billed per image
   * @param webResults web-search results billed per result
   */
  public Cost cost(Usage usage, Pricing pricing, int images, int webResults) {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(pricing, "pricing");
    return Trusted.deferredCost(pricer, usage, pricing, images, webResults);
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
