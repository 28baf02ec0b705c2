package dev.router4j.api.catalog;

import dev.router4j.api.internal.Checks;
import java.math.BigDecimal;

/**
 * A price tier: from {@code minPromptTokens} prompt tokens on, the given prices replace the
 * endpoint's base prices (null keeps the base price). Later matching tiers win.
 *
 * @param minPromptTokens the prompt size from which the tier applies
 * @param prompt dollars per prompt token, or null
 * @param completion dollars per completion token, or null
 * @param inputCacheRead dollars per cached prompt token, or null
 * @param inputCacheWrite dollars per prompt token written to the cache, or null
 */
public record PriceOverride(
    int minPromptTokens, BigDecimal prompt, BigDecimal completion, BigDecimal inputCacheRead,
    BigDecimal inputCacheWrite) {
  /** Checks that no price is negative. */
  public PriceOverride {
    Checks.atLeast(minPromptTokens, 0, "min_prompt_tokens");
    Checks.nonNegative(prompt, "prompt");
    Checks.nonNegative(completion, "completion");
    Checks.nonNegative(inputCacheRead, "input_cache_read");
    Checks.nonNegative(inputCacheWrite, "input_cache_write");
  }
}
