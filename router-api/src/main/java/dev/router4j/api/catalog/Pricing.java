package dev.router4j.api.catalog;

import dev.router4j.api.internal.Checks;
import dev.router4j.api.internal.FixedPrices;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An endpoint's prices, exact, in US dollars per token (or per request, image or search
 * result), as OpenRouter lists them. Null means the endpoint does not charge for that item
 * separately; for {@code internalReasoning} it means reasoning is billed at the completion
 * price, and for cache prices that caching is not offered.
 *
 * <p>An immutable value: two pricings are equal when every price and the tiers are equal
 * ({@link BigDecimal#equals}, scale included). Thread-safe.
 */
public final class Pricing {

  static {
    // Before FREE: the router reads a pricing's fixed-point prices only through this.
    FixedPrices.install(Pricing::fixedPrices);
  }

  /** Free. */
  public static final Pricing FREE = perMillion("0", "0");

  private final BigDecimal prompt;
  private final BigDecimal completion;
  private final BigDecimal request;
  private final BigDecimal image;
  private final BigDecimal webSearch;
  private final BigDecimal internalReasoning;
  private final BigDecimal inputCacheRead;
  private final BigDecimal inputCacheWrite;
  private final BigDecimal inputCacheWrite1h;
  private final List<PriceOverride> overrides;
  // The prices in fixed point, made on first use by the router. A racy single write of an
  // object whose fields are all final is safe: two threads may both make it, equal.
  private FixedPrices fixed;

  /**
   * Checks that no price is negative.
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
   * @throws dev.router4j.api.error.InvalidRequestException when the prompt or completion price
   *     is missing or a price is negative (the error names the field)
   */
  public Pricing(
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
    this.prompt = prompt;
    this.completion = completion;
    this.request = request;
    this.image = image;
    this.webSearch = webSearch;
    this.internalReasoning = internalReasoning;
    this.inputCacheRead = inputCacheRead;
    this.inputCacheWrite = inputCacheWrite;
    this.inputCacheWrite1h = inputCacheWrite1h;
    this.overrides = Checks.list(overrides, "pricing.overrides");
  }

  /** Per prompt token. */
  public BigDecimal prompt() {
    return prompt;
  }

  /** Per completion token. */
  public BigDecimal completion() {
    return completion;
  }

  /** Per request, or null. */
  public BigDecimal request() {
    return request;
  }

  /** Per input image, or null. */
  public BigDecimal image() {
    return image;
  }

  /** Per web-search result, or null. */
  public BigDecimal webSearch() {
    return webSearch;
  }

  /** Per reasoning token, or null to use the completion price. */
  public BigDecimal internalReasoning() {
    return internalReasoning;
  }

  /** Per cached prompt token, or null. */
  public BigDecimal inputCacheRead() {
    return inputCacheRead;
  }

  /** Per prompt token written to the cache (5-minute lifetime), or null. */
  public BigDecimal inputCacheWrite() {
    return inputCacheWrite;
  }

  /** Per prompt token written to the cache with a 1-hour lifetime, or null. */
  public BigDecimal inputCacheWrite1h() {
    return inputCacheWrite1h;
  }

  /** Price tiers by prompt size, unmodifiable (empty for none). */
  public List<PriceOverride> overrides() {
    return overrides;
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

  private FixedPrices fixedPrices() {
    FixedPrices f = fixed;
    if (f == null) {
      f = FixedPrices.convert(this);
      fixed = f;
    }
    return f;
  }

  /** Whether {@code o} is a pricing with equal prices and tiers. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Pricing p
        && Objects.equals(prompt, p.prompt)
        && Objects.equals(completion, p.completion)
        && Objects.equals(request, p.request)
        && Objects.equals(image, p.image)
        && Objects.equals(webSearch, p.webSearch)
        && Objects.equals(internalReasoning, p.internalReasoning)
        && Objects.equals(inputCacheRead, p.inputCacheRead)
        && Objects.equals(inputCacheWrite, p.inputCacheWrite)
        && Objects.equals(inputCacheWrite1h, p.inputCacheWrite1h)
        && Objects.equals(overrides, p.overrides);
  }

  /** A hash of the prices and tiers, the same as when this type was a record. */
  @Override
  public int hashCode() {
    int h = Objects.hashCode(prompt);
    h = 31 * h + Objects.hashCode(completion);
    h = 31 * h + Objects.hashCode(request);
    h = 31 * h + Objects.hashCode(image);
    h = 31 * h + Objects.hashCode(webSearch);
    h = 31 * h + Objects.hashCode(internalReasoning);
    h = 31 * h + Objects.hashCode(inputCacheRead);
    h = 31 * h + Objects.hashCode(inputCacheWrite);
    h = 31 * h + Objects.hashCode(inputCacheWrite1h);
    return 31 * h + Objects.hashCode(overrides);
  }

  /** {@code Pricing[prompt=..., completion=..., ...]}, every price and the tiers. */
  @Override
  public String toString() {
    return "Pricing[prompt=" + prompt + ", completion=" + completion + ", request=" + request
        + ", image=" + image + ", webSearch=" + webSearch + ", internalReasoning="
        + internalReasoning + ", inputCacheRead=" + inputCacheRead + ", inputCacheWrite="
        + inputCacheWrite + ", inputCacheWrite1h=" + inputCacheWrite1h + ", overrides="
        + overrides + "]";
  }
}
