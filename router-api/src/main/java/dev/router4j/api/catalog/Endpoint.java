package dev.router4j.api.catalog;

import dev.router4j.api.internal.Checks;
import dev.router4j.api.routing.Quantization;
import java.util.Set;

/**
 * One provider serving one model, with its prices and limits: the unit the router plans over.
 *
 * @param provider the provider slug, for example {@code deepinfra}
 * @param tag the full endpoint slug, for example {@code deepinfra/turbo}; equals
 *     {@code provider} for a provider's main endpoint
 * @param providerName the provider's display name
 * @param model the model slug, for example {@code meta-llama/llama-3.3-70b-instruct}
 * @param upstreamModel the model name the provider's API expects
 * @param pricing the prices
 * @param contextLength the context window in tokens
 * @param maxCompletionTokens the largest completion, or null when only the context limits it
 * @param maxPromptTokens the largest prompt, or null
 * @param quantization the serving precision, or null when unknown
 * @param supportedParameters the request parameters this endpoint honours
 * @param dataPolicy what the provider does with prompts
 * @param moderated whether the provider moderates input
 * @param supportsImplicitCaching whether prompts are cached without markup
 * @param status 0 when operating normally; negative when degraded
 */
public record Endpoint(
    String provider,
    String tag,
    String providerName,
    String model,
    String upstreamModel,
    Pricing pricing,
    int contextLength,
    Integer maxCompletionTokens,
    Integer maxPromptTokens,
    Quantization quantization,
    Set<String> supportedParameters,
    DataPolicy dataPolicy,
    boolean moderated,
    boolean supportsImplicitCaching,
    int status) {

  /** Checks and copies the fields. */
  public Endpoint {
    Checks.required(provider, "provider");
    Checks.required(model, "model");
    Checks.required(pricing, "pricing");
    if (tag == null) {
      tag = provider;
    }
    if (providerName == null) {
      providerName = provider;
    }
    if (upstreamModel == null) {
      int slash = model.indexOf('/');
      upstreamModel = slash < 0 ? model : model.substring(slash + 1);
    }
    Checks.atLeast(contextLength, 1, "context_length");
    Checks.atLeast(maxCompletionTokens, 1, "max_completion_tokens");
    supportedParameters = supportedParameters == null ? Set.of() : Set.copyOf(supportedParameters);
    if (dataPolicy == null) {
      dataPolicy = DataPolicy.UNKNOWN;
    }
  }

  /** A builder for an endpoint of the given provider and model. */
  public static Builder builder(String provider, String model) {
    return new Builder(provider, model);
  }

  /** A builder holding this endpoint's fields. */
  public Builder toBuilder() {
    Builder b = new Builder(provider, model);
    b.tag = tag;
    b.providerName = providerName;
    b.upstreamModel = upstreamModel;
    b.pricing = pricing;
    b.contextLength = contextLength;
    b.maxCompletionTokens = maxCompletionTokens;
    b.maxPromptTokens = maxPromptTokens;
    b.quantization = quantization;
    b.supportedParameters = supportedParameters;
    b.dataPolicy = dataPolicy;
    b.moderated = moderated;
    b.supportsImplicitCaching = supportsImplicitCaching;
    b.status = status;
    return b;
  }

  /** A stable id, {@code tag:model}. */
  public String id() {
    return tag + ":" + model;
  }

  /** Whether the endpoint honours the given request parameter (for example {@code tools}). */
  public boolean supports(String parameter) {
    return supportedParameters.contains(parameter);
  }

  /** Builds an {@link Endpoint}. Not thread-safe. */
  public static final class Builder {
    private final String provider;
    private final String model;
    private String tag;
    private String providerName;
    private String upstreamModel;
    private Pricing pricing = Pricing.FREE;
    private int contextLength = 128_000;
    private Integer maxCompletionTokens;
    private Integer maxPromptTokens;
    private Quantization quantization;
    private Set<String> supportedParameters = Set.of();
    private DataPolicy dataPolicy;
    private boolean moderated;
    private boolean supportsImplicitCaching;
    private int status;

    private Builder(String provider, String model) {
      this.provider = provider;
      this.model = model;
    }

    /** The full endpoint slug. */
    public Builder tag(String v) {
      tag = v;
      return this;
    }

    /** The provider's display name. */
    public Builder providerName(String v) {
      providerName = v;
      return this;
    }

    /** The model name the provider's API expects. */
    public Builder upstreamModel(String v) {
      upstreamModel = v;
      return this;
    }

    /** The prices. */
    public Builder pricing(Pricing v) {
      pricing = v;
      return this;
    }

    /** The context window. */
    public Builder contextLength(int v) {
      contextLength = v;
      return this;
    }

    /** The largest completion. */
    public Builder maxCompletionTokens(Integer v) {
      maxCompletionTokens = v;
      return this;
    }

    /** The largest prompt. */
    public Builder maxPromptTokens(Integer v) {
      maxPromptTokens = v;
      return this;
    }

    /** The serving precision. */
    public Builder quantization(Quantization v) {
      quantization = v;
      return this;
    }

    /** The parameters honoured. */
    public Builder supportedParameters(Set<String> v) {
      supportedParameters = v;
      return this;
    }

    /** The parameters honoured. */
    public Builder supportedParameters(String... v) {
      supportedParameters = Set.of(v);
      return this;
    }

    /** The data policy. */
    public Builder dataPolicy(DataPolicy v) {
      dataPolicy = v;
      return this;
    }

    /** Whether input is moderated. */
    public Builder moderated(boolean v) {
      moderated = v;
      return this;
    }

    /** Whether prompts are cached without markup. */
    public Builder supportsImplicitCaching(boolean v) {
      supportsImplicitCaching = v;
      return this;
    }

    /** The status, 0 when normal. */
    public Builder status(int v) {
      status = v;
      return this;
    }

    /** Builds the endpoint. */
    public Endpoint build() {
      return new Endpoint(provider, tag, providerName, model, upstreamModel, pricing, contextLength,
          maxCompletionTokens, maxPromptTokens, quantization, supportedParameters, dataPolicy,
          moderated, supportsImplicitCaching, status);
    }
  }
}
