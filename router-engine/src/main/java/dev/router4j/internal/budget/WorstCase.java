package dev.router4j.internal.budget;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.PriceOverride;
import dev.router4j.api.catalog.Pricing;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The most an attempt at an endpoint can cost, to {@linkplain SpendGuard#reserve reserve}
 * before sending it:
 *
 * <pre>
 *   prompt tokens × prompt price  +  completion tokens × completion price
 *     + request fee + images × image price + web results × web-search price
 *     + the platform fee on all of that
 * </pre>
 *
 * <ul>
 *   <li>Prices come from the price tier the prompt size selects, as in the cost calculator.</li>
 *   <li>The completion price is the higher of the completion and internal-reasoning prices.</li>
 *   <li>When the request marks content for caching, prompt tokens are priced at the dearest of
 *       the prompt and cache-write prices (a one-hour write at twice the prompt price when the
 *       endpoint lists none), since every prompt token might be written.</li>
 *   <li>Completion tokens are the request's {@code max_tokens}. Without it, the endpoint's
 *       largest completion, or {@link #DEFAULT_COMPLETION_TOKENS} when the endpoint gives none,
 *       never more than the context left after the prompt.</li>
 * </ul>
 *
 * <p>The prompt count is an estimate: a settlement can exceed its reservation by what the
 * estimate missed.
 */
public final class WorstCase {
  /** The completion tokens assumed when neither the request nor the endpoint bounds them. */
  public static final int DEFAULT_COMPLETION_TOKENS = 4096;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  private WorstCase() {}

  /** The worst case of a text request: prompt, completion and any request fee. */
  public static BigDecimal cost(Endpoint endpoint, int promptTokens, Integer maxTokens) {
    return cost(endpoint, promptTokens, maxTokens, false, 0, 0, BigDecimal.ZERO);
  }

  /**
   * The worst case of a request.
   *
   * @param endpoint the endpoint to be asked
   * @param promptTokens the estimated prompt tokens
   * @param maxTokens the request's {@code max_tokens}, or null
   * @param cacheWrites whether the request marks content for caching
   * @param images input images billed per image
   * @param webResults web-search results the request may pay for
   * @param platformFeePercent the router's fee on top, in percent (0 for none)
   */
  public static BigDecimal cost(Endpoint endpoint, int promptTokens, Integer maxTokens,
      boolean cacheWrites, int images, int webResults, BigDecimal platformFeePercent) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(platformFeePercent, "platformFeePercent");
    if (promptTokens < 0 || images < 0 || webResults < 0) {
      throw new IllegalArgumentException("token, image and result counts must not be negative");
    }
    Pricing p = endpoint.pricing();
    BigDecimal promptPrice = p.prompt();
    BigDecimal completionPrice = p.completion();
    BigDecimal writePrice = p.inputCacheWrite();
    for (PriceOverride tier : p.overrides()) {
      if (promptTokens >= tier.minPromptTokens()) {
        promptPrice = tier.prompt() != null ? tier.prompt() : promptPrice;
        completionPrice = tier.completion() != null ? tier.completion() : completionPrice;
        writePrice = tier.inputCacheWrite() != null ? tier.inputCacheWrite() : writePrice;
      }
    }
    if (p.internalReasoning() != null) {
      completionPrice = completionPrice.max(p.internalReasoning());
    }
    if (cacheWrites) {
      BigDecimal oneHour = p.inputCacheWrite1h() != null ? p.inputCacheWrite1h()
          : promptPrice.multiply(TWO);
      promptPrice = promptPrice.max(oneHour);
      if (writePrice != null) {
        promptPrice = promptPrice.max(writePrice);
      }
    }
    int completion = completionTokens(endpoint, promptTokens, maxTokens);
    BigDecimal total = times(promptPrice, promptTokens).add(times(completionPrice, completion));
    if (p.request() != null) {
      total = total.add(p.request());
    }
    if (p.image() != null) {
      total = total.add(times(p.image(), images));
    }
    if (p.webSearch() != null) {
      total = total.add(times(p.webSearch(), webResults));
    }
    if (platformFeePercent.signum() > 0) {
      total = total.add(total.multiply(platformFeePercent).divide(HUNDRED));
    }
    return total;
  }

  /**
   * The completion tokens to assume: {@code maxTokens} when given; else the endpoint's largest
   * completion, or {@link #DEFAULT_COMPLETION_TOKENS}, capped by the context the prompt leaves.
   */
  public static int completionTokens(Endpoint endpoint, int promptTokens, Integer maxTokens) {
    if (maxTokens != null) {
      return Math.max(0, maxTokens);
    }
    int n = endpoint.maxCompletionTokens() != null ? endpoint.maxCompletionTokens()
        : DEFAULT_COMPLETION_TOKENS;
    long room = (long) endpoint.contextLength() - promptTokens;
    return room > 0 && room < n ? (int) room : n;
  }

  private static BigDecimal times(BigDecimal price, int count) {
    return count == 0 || price.signum() == 0 ? BigDecimal.ZERO
        : price.multiply(BigDecimal.valueOf(count));
  }
}
