package dev.router4j.api.routing;

import dev.router4j.api.internal.Checks;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Which providers may serve a request and in what order ({@code provider} on the wire). Every
 * field is optional; null means "not given", so the default applies and nothing is written
 * back to JSON.
 *
 * <pre>{@code
 * ProviderPreferences.builder().sort(Sort.PRICE).dataCollection(DataCollection.DENY).build();
 * }</pre>
 *
 * @param order provider slugs to try first, in order
 * @param allowFallbacks false to use only the ordered or primary providers
 * @param requireParameters true to drop endpoints lacking any parameter the request sets
 * @param dataCollection deny to drop providers that retain or train on prompts
 * @param zdr true to keep only zero-data-retention endpoints
 * @param enforceDistillableText true to keep only models whose output may be distilled
 * @param only provider slugs allowed
 * @param ignore provider slugs refused
 * @param quantizations precisions allowed
 * @param sort an explicit order instead of the default draw
 * @param maxPrice price limits
 * @param preferredMinThroughput throughput cutoffs (tokens/s); misses go last
 * @param preferredMaxLatency latency cutoffs (seconds); misses go last
 * @param extra other fields, kept for the round trip
 */
public record ProviderPreferences(
    List<String> order,
    Boolean allowFallbacks,
    Boolean requireParameters,
    DataCollection dataCollection,
    Boolean zdr,
    Boolean enforceDistillableText,
    List<String> only,
    List<String> ignore,
    List<Quantization> quantizations,
    Sort sort,
    MaxPrice maxPrice,
    PercentileCutoffs preferredMinThroughput,
    PercentileCutoffs preferredMaxLatency,
    Map<String, Object> extra) {

  /** No preferences. */
  public static final ProviderPreferences NONE = builder().build();

  /** Copies the lists. */
  public ProviderPreferences {
    order = Checks.listOrNull(order, "provider.order");
    only = Checks.listOrNull(only, "provider.only");
    ignore = Checks.listOrNull(ignore, "provider.ignore");
    quantizations = Checks.listOrNull(quantizations, "provider.quantizations");
    extra = Checks.jsonObject(extra);
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these preferences. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.order = order;
    b.allowFallbacks = allowFallbacks;
    b.requireParameters = requireParameters;
    b.dataCollection = dataCollection;
    b.zdr = zdr;
    b.enforceDistillableText = enforceDistillableText;
    b.only = only;
    b.ignore = ignore;
    b.quantizations = quantizations;
    b.sort = sort;
    b.maxPrice = maxPrice;
    b.preferredMinThroughput = preferredMinThroughput;
    b.preferredMaxLatency = preferredMaxLatency;
    b.extra = extra;
    return b;
  }

  /** Whether fallbacks beyond the ordered providers are allowed (true unless set false). */
  public boolean fallbacksAllowed() {
    return !Boolean.FALSE.equals(allowFallbacks);
  }

  /** Builds {@link ProviderPreferences}. Not thread-safe. */
  public static final class Builder {
    private List<String> order;
    private Boolean allowFallbacks;
    private Boolean requireParameters;
    private DataCollection dataCollection;
    private Boolean zdr;
    private Boolean enforceDistillableText;
    private List<String> only;
    private List<String> ignore;
    private List<Quantization> quantizations;
    private Sort sort;
    private MaxPrice maxPrice;
    private PercentileCutoffs preferredMinThroughput;
    private PercentileCutoffs preferredMaxLatency;
    private Map<String, Object> extra;

    private Builder() {}

    /** Providers to try first, in order. */
    public Builder order(String... providers) {
      return order(Arrays.asList(providers));
    }

    /** Providers to try first, in order. */
    public Builder order(List<String> providers) {
      this.order = providers;
      return this;
    }

    /** Whether other providers may be tried after the ordered ones. */
    public Builder allowFallbacks(Boolean allowFallbacks) {
      this.allowFallbacks = allowFallbacks;
      return this;
    }

    /** Whether endpoints must support every parameter the request sets. */
    public Builder requireParameters(Boolean requireParameters) {
      this.requireParameters = requireParameters;
      return this;
    }

    /** Whether providers that retain or train on prompts may serve. */
    public Builder dataCollection(DataCollection dataCollection) {
      this.dataCollection = dataCollection;
      return this;
    }

    /** Whether only zero-data-retention endpoints may serve. */
    public Builder zdr(Boolean zdr) {
      this.zdr = zdr;
      return this;
    }

    /** Whether only models with distillable output may serve. */
    public Builder enforceDistillableText(Boolean enforce) {
      this.enforceDistillableText = enforce;
      return this;
    }

    /** The providers allowed. */
    public Builder only(String... providers) {
      return only(Arrays.asList(providers));
    }

    /** The providers allowed. */
    public Builder only(List<String> providers) {
      this.only = providers;
      return this;
    }

    /** The providers refused. */
    public Builder ignore(String... providers) {
      return ignore(Arrays.asList(providers));
    }

    /** The providers refused. */
    public Builder ignore(List<String> providers) {
      this.ignore = providers;
      return this;
    }

    /** The precisions allowed. */
    public Builder quantizations(Quantization... quantizations) {
      return quantizations(Arrays.asList(quantizations));
    }

    /** The precisions allowed. */
    public Builder quantizations(List<Quantization> quantizations) {
      this.quantizations = quantizations;
      return this;
    }

    /** An explicit endpoint order. */
    public Builder sort(Sort sort) {
      this.sort = sort;
      return this;
    }

    /** Price limits. */
    public Builder maxPrice(MaxPrice maxPrice) {
      this.maxPrice = maxPrice;
      return this;
    }

    /** Throughput cutoffs; endpoints that miss them go last. */
    public Builder preferredMinThroughput(PercentileCutoffs cutoffs) {
      this.preferredMinThroughput = cutoffs;
      return this;
    }

    /** Latency cutoffs; endpoints that miss them go last. */
    public Builder preferredMaxLatency(PercentileCutoffs cutoffs) {
      this.preferredMaxLatency = cutoffs;
      return this;
    }

    /** Other fields, kept for the round trip. */
    public Builder extra(Map<String, Object> extra) {
      this.extra = extra;
      return this;
    }

    /** Builds the preferences. */
    public ProviderPreferences build() {
      return new ProviderPreferences(order, allowFallbacks, requireParameters, dataCollection, zdr,
          enforceDistillableText, only, ignore, quantizations, sort, maxPrice,
          preferredMinThroughput, preferredMaxLatency, extra);
    }
  }
}
