package dev.router4j.api.routing;

import dev.router4j.api.internal.Checks;
import java.math.BigDecimal;

/**
 * The most the caller will pay; endpoints above any given limit are excluded. Token prices
 * are in US dollars per million tokens, as OpenRouter takes them; the others per unit.
 *
 * @param prompt dollars per million prompt tokens, or null
 * @param completion dollars per million completion tokens, or null
 * @param request dollars per request, or null
 * @param image dollars per image, or null
 * @param audio dollars per audio unit, or null
 */
public record MaxPrice(
    BigDecimal prompt, BigDecimal completion, BigDecimal request, BigDecimal image, BigDecimal audio) {

  /** Checks that no limit is negative. */
  public MaxPrice {
    Checks.nonNegative(prompt, "provider.max_price.prompt");
    Checks.nonNegative(completion, "provider.max_price.completion");
    Checks.nonNegative(request, "provider.max_price.request");
    Checks.nonNegative(image, "provider.max_price.image");
    Checks.nonNegative(audio, "provider.max_price.audio");
  }

  /** Limits on prompt and completion prices, in dollars per million tokens. */
  public static MaxPrice perMillionTokens(String prompt, String completion) {
    return new MaxPrice(
        prompt == null ? null : new BigDecimal(prompt),
        completion == null ? null : new BigDecimal(completion), null, null, null);
  }
}
