package dev.router4j.catalog;

import dev.router4j.api.catalog.DataPolicy;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.PriceOverride;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.routing.Quantization;
import java.math.BigDecimal;

/**
 * One endpoint of a {@link Comparison}: who serves the model, at what price per million
 * tokens, with which limits, precision, data policy and statistics priors.
 *
 * @param provider the provider slug
 * @param tag the endpoint tag, for example {@code deepinfra/turbo}
 * @param providerName the provider's display name
 * @param promptPerMillion dollars per million prompt tokens
 * @param completionPerMillion dollars per million completion tokens
 * @param cacheReadPerMillion dollars per million cached prompt tokens, or null when the
 *     endpoint has no cache price
 * @param cacheWritePerMillion dollars per million prompt tokens written to the cache, or null
 * @param tieredFromTokens the prompt size from which the first higher price tier applies, or
 *     null when prices do not depend on prompt size
 * @param contextLength the context window in tokens
 * @param maxCompletionTokens the largest completion, or null when only the context limits it
 * @param quantization the serving precision ({@link Quantization#UNKNOWN} when not disclosed)
 * @param dataPolicy what the provider does with prompts
 * @param priors uptime, throughput and latency priors
 * @param endpoint the endpoint itself
 */
public record ComparisonRow(
    String provider,
    String tag,
    String providerName,
    BigDecimal promptPerMillion,
    BigDecimal completionPerMillion,
    BigDecimal cacheReadPerMillion,
    BigDecimal cacheWritePerMillion,
    Integer tieredFromTokens,
    int contextLength,
    Integer maxCompletionTokens,
    Quantization quantization,
    DataPolicy dataPolicy,
    EndpointStats priors,
    Endpoint endpoint) {

  /**
   * The row for an endpoint.
   *
   * @param e the endpoint
   * @param priors its priors
   * @return the row
   */
  public static ComparisonRow of(Endpoint e, EndpointStats priors) {
    Pricing p = e.pricing();
    Integer tier = null;
    for (PriceOverride o : p.overrides()) {
      if (tier == null || o.minPromptTokens() < tier) {
        tier = o.minPromptTokens();
      }
    }
    return new ComparisonRow(e.provider(), e.tag(), e.providerName(), perMillion(p.prompt()),
        perMillion(p.completion()), perMillion(p.inputCacheRead()),
        perMillion(p.inputCacheWrite()), tier, e.contextLength(), e.maxCompletionTokens(),
        e.quantization() == null ? Quantization.UNKNOWN : e.quantization(), e.dataPolicy(),
        priors == null ? EndpointStats.NONE : priors, e);
  }

  private static BigDecimal perMillion(BigDecimal perToken) {
    return perToken == null ? null : perToken.movePointRight(6).stripTrailingZeros();
  }
}
