package dev.router4j.api.catalog;

import dev.router4j.api.internal.Checks;
import java.math.BigDecimal;
import java.util.List;

/**
 * An endpoint's prices, exact, in US dollars per token (or per request, image or search
 * result), as OpenRouter lists them. Null means the endpoint does not charge for that item
 * separately; for {@code internalReasoning} it means reasoning is billed at the completion
 * price, and for cache prices that caching is not offered.
 *
 * @param prompt per prompt token
 * @param completion per completion token
 * @param request per request
 * @param image per input image
 * @param webSearch per web-search result
 * @param internalReasoning per reasoning token, or null to use the completion price
 * @param inputCacheRead per cached prompt token
 * @param inputCacheWrite per prompt token written to the cache (5-minute lifetime)
 * @param inputCacheWrite1h per prompt token written to the cache with a 1-hour lifetime
 * @param overrides price tiers by prompt size
 */
public record Pricing(
    BigDecimal prompt,
    BigDecimal completion,
    BigDecimal request,
    BigDecimal image,
    BigDecimal webSearch,
    BigDecimal internalReasoning,
    BigDecimal inputCacheRead,
    BigDecimal inputCacheWrite,
    BigDecimal inputCacheWrite1h,
    List<PriceOverride> overrides) {

  /** Free. */
  public static final Pricing FREE = perMillion("0", "0");

  /** Checks that no price is negative. */
  public Pricing {
    Checks.required(prompt, "pricing.prompt");
    Checks.required(completion, "pricing.completion");
    Checks.nonNegative(prompt, "pricing.prompt");
    Checks.nonNegative(completion, "pricing.completion");
    Checks.nonNegative(request, "pricing.request");
    Checks.nonNegative(image, "pricing.image");
    Checks.nonNegative(webSearch, "pricing.web_search");
    Checks.nonNegative(internalReasoning, "pricing.internal_reasoning");
    Checks.nonNegative(inputCacheRead, "pricing.input_cache_read");
    Checks.nonNegative(inputCacheWrite, "pricing.input_cache_write");
    Checks.nonNegative(inputCacheWrite1h, "pricing.input_cache_write_1h");
    overrides = Checks.list(overrides, "pricing.overrides");
  }

  /** Prompt and completion prices per token, as decimal strings ({@code "0.000002"}). */
  public static Pricing perToken(String prompt, String completion) {
    return new Pricing(new BigDecimal(prompt), new BigDecimal(completion), null, null, null, null,
        null, null, null, null);
  }

  /** Prompt and completion prices in dollars per million tokens ({@code "2.00"}, {@code "8.00"}). */
  public static Pricing perMillion(String prompt, String completion) {
    return new Pricing(new BigDecimal(prompt).movePointLeft(6),
        new BigDecimal(completion).movePointLeft(6), null, null, null, null, null, null, null, null);
  }

  /** A copy with the given cache prices per token. */
  public Pricing withCache(BigDecimal read, BigDecimal write) {
    return new Pricing(prompt, completion, request, image, webSearch, internalReasoning, read,
        write, inputCacheWrite1h, overrides);
  }

  /** A copy with the given per-request fee. */
  public Pricing withRequest(BigDecimal perRequest) {
    return new Pricing(prompt, completion, perRequest, image, webSearch, internalReasoning,
        inputCacheRead, inputCacheWrite, inputCacheWrite1h, overrides);
  }

  /** Whether prompt and completion are both free and there is no request fee. */
  public boolean isFree() {
    return prompt.signum() == 0 && completion.signum() == 0
        && (request == null || request.signum() == 0);
  }
}
