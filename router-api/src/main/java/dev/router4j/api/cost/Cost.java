package dev.router4j.api.cost;

import dev.router4j.api.Usage;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.internal.Trusted;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one generation cost, in US dollars, exactly, with its breakdown. Every component is
 * non-null (zero when it does not apply) and {@link #total()} is their sum. Immutable and
 * thread-safe; two costs are equal when every component is {@link BigDecimal#equals equal}
 * (scale included) and both are estimated or both are not.
 *
 * <p>The router works out a generation's total when it makes the cost, in 64-bit fixed point
 * where the prices and counts allow (else on first read), and keeps the token counts and the
 * endpoint's prices to make the components the first time one of them is asked for. The values
 * are the same as if they had been computed at once.
 */
public final class Cost {

  /** Nothing. */
  public static final Cost ZERO = new Cost(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
      BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
      BigDecimal.ZERO, false);

  static {
    Trusted.install((pricer, usage, pricing, images, webResults, unscaledTotal, totalScale) ->
        new Cost(pricer, usage, pricing, images, webResults, unscaledTotal, totalScale));
  }

  // The components once known: set by the public constructor, or on first read when priced
  // later. A racy single write of an object whose fields are all final is safe, as for
  // String's hash: two threads may both compute it, and they compute the same value.
  private Parts parts;
  // The total once read; racy single write as above (BigDecimal is immutable).
  private BigDecimal total;
  // What a cost priced on first read is made from; null when the components were given.
  private final Trusted.Pricer pricer;
  private final Usage usage;
  private final Pricing pricing;
  // The total as unscaled value and scale, when the router knew it in fixed point on making
  // the cost; totalScale is Trusted.NO_TOTAL otherwise. Lets isZero() read it without a
  // BigDecimal, and total() make one without the components.
  private final long unscaledTotal;
  private final int totalScale;
  private final int images;
  private final int webResults;
  private final boolean estimated;

  /**
   * A cost from its components.
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
   * @throws NullPointerException when a component is null (the message names it)
   */
  public Cost(BigDecimal prompt, BigDecimal completion, BigDecimal reasoning,
      BigDecimal cacheRead, BigDecimal cacheWrite, BigDecimal request, BigDecimal image,
      BigDecimal webSearch, BigDecimal platformFee, boolean estimated) {
    this.parts = new Parts(
        Objects.requireNonNull(prompt, "prompt"),
        Objects.requireNonNull(completion, "completion"),
        Objects.requireNonNull(reasoning, "reasoning"),
        Objects.requireNonNull(cacheRead, "cacheRead"),
        Objects.requireNonNull(cacheWrite, "cacheWrite"),
        Objects.requireNonNull(request, "request"),
        Objects.requireNonNull(image, "image"),
        Objects.requireNonNull(webSearch, "webSearch"),
        Objects.requireNonNull(platformFee, "platformFee"));
    this.pricer = null;
    this.usage = null;
    this.pricing = null;
    this.unscaledTotal = 0;
    this.totalScale = Trusted.NO_TOTAL;
    this.images = 0;
    this.webResults = 0;
    this.estimated = estimated;
  }

  /**
   * A cost the pricer works out when first read, its total given or not; made only through
   * {@link Trusted}.
   */
  private Cost(Trusted.Pricer pricer, Usage usage, Pricing pricing, int images, int webResults,
      long unscaledTotal, int totalScale) {
    this.pricer = Objects.requireNonNull(pricer, "pricer");
    this.usage = Objects.requireNonNull(usage, "usage");
    this.pricing = Objects.requireNonNull(pricing, "pricing");
    this.unscaledTotal = unscaledTotal;
    this.totalScale = totalScale;
    this.images = images;
    this.webResults = webResults;
    this.estimated = usage.estimated();
  }

  private Parts parts() {
    Parts p = parts;
    if (p == null) {
      Cost priced = pricer.price(usage, pricing, images, webResults);
      p = priced.parts();
      parts = p;
    }
    return p;
  }

  /** Uncached prompt tokens at the prompt price. */
  public BigDecimal prompt() {
    return parts().prompt;
  }

  /** Completion tokens other than reasoning, at the completion price. */
  public BigDecimal completion() {
    return parts().completion;
  }

  /** Reasoning tokens, at the internal-reasoning price where the endpoint has one. */
  public BigDecimal reasoning() {
    return parts().reasoning;
  }

  /** Cached prompt tokens at the cache-read price. */
  public BigDecimal cacheRead() {
    return parts().cacheRead;
  }

  /** Prompt tokens written to the cache at the cache-write price. */
  public BigDecimal cacheWrite() {
    return parts().cacheWrite;
  }

  /** The per-request fee. */
  public BigDecimal request() {
    return parts().request;
  }

  /** Input images at the per-image price. */
  public BigDecimal image() {
    return parts().image;
  }

  /** Web-search results. */
  public BigDecimal webSearch() {
    return parts().webSearch;
  }

  /** An optional percentage fee on top, mirroring a gateway's billing. */
  public BigDecimal platformFee() {
    return parts().platformFee;
  }

  /** Whether the token counts behind this cost were estimated locally. */
  public boolean estimated() {
    return estimated;
  }

  /**
   * The sum of every component, in dollars, exactly; its scale is the largest of theirs (as
   * {@link BigDecimal#add} gives). Made once, on first read.
   */
  public BigDecimal total() {
    BigDecimal t = total;
    if (t == null) {
      t = totalScale != Trusted.NO_TOTAL ? BigDecimal.valueOf(unscaledTotal, totalScale)
          : parts().sum();
      total = t;
    }
    return t;
  }

  /**
   * Whether no component has a negative scale ({@code 1E+3}), found without working out the
   * components when the total was known in fixed point: with no platform fee, each component's
   * scale is that of the price it multiplies (or 0), so prices of scale 0 or more are enough.
   */
  boolean plainScales() {
    Parts p = parts;
    if (p == null && totalScale != Trusted.NO_TOTAL && plain(pricing)) {
      return true;
    }
    p = parts();
    return p.prompt.scale() >= 0 && p.completion.scale() >= 0 && p.reasoning.scale() >= 0
        && p.cacheRead.scale() >= 0 && p.cacheWrite.scale() >= 0 && p.request.scale() >= 0
        && p.image.scale() >= 0 && p.webSearch.scale() >= 0 && p.platformFee.scale() >= 0;
  }

  private static boolean plain(Pricing p) {
    if (!plain(p.prompt()) || !plain(p.completion()) || !plain(p.request()) || !plain(p.image())
        || !plain(p.webSearch()) || !plain(p.internalReasoning()) || !plain(p.inputCacheRead())
        || !plain(p.inputCacheWrite()) || !plain(p.inputCacheWrite1h())) {
      return false;
    }
    for (dev.router4j.api.catalog.PriceOverride t : p.overrides()) {
      if (!plain(t.prompt()) || !plain(t.completion()) || !plain(t.inputCacheRead())
          || !plain(t.inputCacheWrite())) {
        return false;
      }
    }
    return true;
  }

  private static boolean plain(BigDecimal price) {
    return price == null || price.scale() >= 0;
  }

  /** Whether this cost is zero. */
  public boolean isZero() {
    return totalScale != Trusted.NO_TOTAL ? unscaledTotal == 0 : total().signum() == 0;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Cost c) || estimated != c.estimated) {
      return false;
    }
    Parts a = parts();
    Parts b = c.parts();
    return a.prompt.equals(b.prompt) && a.completion.equals(b.completion)
        && a.reasoning.equals(b.reasoning) && a.cacheRead.equals(b.cacheRead)
        && a.cacheWrite.equals(b.cacheWrite) && a.request.equals(b.request)
        && a.image.equals(b.image) && a.webSearch.equals(b.webSearch)
        && a.platformFee.equals(b.platformFee);
  }

  @Override
  public int hashCode() {
    Parts p = parts();
    return Objects.hash(p.prompt, p.completion, p.reasoning, p.cacheRead, p.cacheWrite, p.request,
        p.image, p.webSearch, p.platformFee, estimated);
  }

  @Override
  public String toString() {
    return "$" + total().stripTrailingZeros().toPlainString() + (estimated ? " (estimated)" : "");
  }

  /** The nine components. */
  private static final class Parts {
    final BigDecimal prompt;
    final BigDecimal completion;
    final BigDecimal reasoning;
    final BigDecimal cacheRead;
    final BigDecimal cacheWrite;
    final BigDecimal request;
    final BigDecimal image;
    final BigDecimal webSearch;
    final BigDecimal platformFee;

    Parts(BigDecimal prompt, BigDecimal completion, BigDecimal reasoning, BigDecimal cacheRead,
        BigDecimal cacheWrite, BigDecimal request, BigDecimal image, BigDecimal webSearch,
        BigDecimal platformFee) {
      this.prompt = prompt;
      this.completion = completion;
      this.reasoning = reasoning;
      this.cacheRead = cacheRead;
      this.cacheWrite = cacheWrite;
      this.request = request;
      this.image = image;
      this.webSearch = webSearch;
      this.platformFee = platformFee;
    }

    BigDecimal sum() {
      return Trusted.plus(Trusted.plus(Trusted.plus(Trusted.plus(Trusted.plus(Trusted.plus(
          Trusted.plus(Trusted.plus(prompt, completion), reasoning), cacheRead), cacheWrite),
          request), image), webSearch), platformFee);
    }
  }
}
