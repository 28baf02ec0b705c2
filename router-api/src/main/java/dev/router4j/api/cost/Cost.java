package dev.router4j.api.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one generation cost, in US dollars, exactly, with its breakdown. Every component is
 * non-null (zero when it does not apply) and {@link #total()} is their sum.
 *
 * @param prompt uncached prompt tokens at the prompt price
 * @param completion completion tokens other than reasoning, at the completion price
 * @param reasoning reasoning tokens, at the internal-reasoning price where the endpoint has one
 * @param cacheRead cached prompt tokens at the cache-read price
 * @param cacheWrite prompt tokens written to the cache at the cache-write price
 * @param request the per-request fee
 * @param image input images at the per-image price
 * @param webSearch web-search results
 * @param platformFee an optional percentage fee on top, mirroring a gateway's billing
 * @param estimated whether the token counts behind this cost were estimated locally
 */
public record Cost(
    BigDecimal prompt,
    BigDecimal completion,
    BigDecimal reasoning,
    BigDecimal cacheRead,
    BigDecimal cacheWrite,
    BigDecimal request,
    BigDecimal image,
    BigDecimal webSearch,
    BigDecimal platformFee,
    boolean estimated) {

  /** Nothing. */
  public static final Cost ZERO = new Cost(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
      BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
      BigDecimal.ZERO, false);

  /** Checks that every component is given. */
  public Cost {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(completion, "completion");
    Objects.requireNonNull(reasoning, "reasoning");
    Objects.requireNonNull(cacheRead, "cacheRead");
    Objects.requireNonNull(cacheWrite, "cacheWrite");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(webSearch, "webSearch");
    Objects.requireNonNull(platformFee, "platformFee");
  }

  /** The sum of every component, in dollars. */
  public BigDecimal total() {
    return prompt.add(completion).add(reasoning).add(cacheRead).add(cacheWrite).add(request)
        .add(image).add(webSearch).add(platformFee);
  }

  /** Whether this cost is zero. */
  public boolean isZero() {
    return total().signum() == 0;
  }

  @Override
  public String toString() {
    return "$" + total().stripTrailingZeros().toPlainString() + (estimated ? " (estimated)" : "");
  }
}
