package dev.router4j.api;

import dev.router4j.api.internal.Checks;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Token counts of one generation. Cached and cache-write tokens are part of the prompt
 * tokens; reasoning tokens are part of the completion tokens. Null means the provider did not
 * say. {@link #estimated()} is true when the router counted locally because the provider sent
 * no usage.
 *
 * @param promptTokens prompt tokens
 * @param completionTokens completion tokens, reasoning included
 * @param totalTokens prompt plus completion
 * @param cachedTokens prompt tokens read from the cache
 * @param cacheWriteTokens prompt tokens written to the cache
 * @param promptAudioTokens prompt audio tokens
 * @param reasoningTokens completion tokens spent reasoning
 * @param completionImageTokens completion image tokens
 * @param completionAudioTokens completion audio tokens
 * @param acceptedPredictionTokens accepted predicted-output tokens
 * @param rejectedPredictionTokens rejected predicted-output tokens
 * @param cost the cost the upstream reported ({@code usage.cost}, OpenRouter), or null
 * @param isByok whether the upstream billed a bring-your-own key, or null
 * @param costDetails the upstream's cost details, kept as given, or null
 * @param estimated whether the counts were estimated locally (not on the wire)
 * @param extra other fields, kept for the round trip
 */
public record Usage(
    Integer promptTokens,
    Integer completionTokens,
    Integer totalTokens,
    Integer cachedTokens,
    Integer cacheWriteTokens,
    Integer promptAudioTokens,
    Integer reasoningTokens,
    Integer completionImageTokens,
    Integer completionAudioTokens,
    Integer acceptedPredictionTokens,
    Integer rejectedPredictionTokens,
    BigDecimal cost,
    Boolean isByok,
    Map<String, Object> costDetails,
    boolean estimated,
    Map<String, Object> extra) {

  /** Copies the maps. */
  public Usage {
    costDetails = Checks.jsonObjectOrNull(costDetails);
    extra = Checks.jsonObject(extra);
  }

  /** Usage with prompt and completion counts only; total is their sum. */
  public static Usage of(int promptTokens, int completionTokens) {
    return builder().promptTokens(promptTokens).completionTokens(completionTokens)
        .totalTokens(promptTokens + completionTokens).build();
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these counts. */
  public Builder toBuilder() {
    return new Builder().promptTokens(promptTokens).completionTokens(completionTokens)
        .totalTokens(totalTokens).cachedTokens(cachedTokens).cacheWriteTokens(cacheWriteTokens)
        .promptAudioTokens(promptAudioTokens).reasoningTokens(reasoningTokens)
        .completionImageTokens(completionImageTokens).completionAudioTokens(completionAudioTokens)
        .acceptedPredictionTokens(acceptedPredictionTokens)
        .rejectedPredictionTokens(rejectedPredictionTokens).cost(cost).isByok(isByok)
        .costDetails(costDetails).estimated(estimated).extra(extra);
  }

  /** Prompt tokens, 0 when unknown. */
  public int prompt() {
    return promptTokens == null ? 0 : promptTokens;
  }

  /** Completion tokens, 0 when unknown. */
  public int completion() {
    return completionTokens == null ? 0 : completionTokens;
  }

  /** Prompt plus completion tokens: the reported total, else the sum. */
  public int total() {
    return totalTokens != null ? totalTokens : prompt() + completion();
  }

  /** Builds {@link Usage}. Not thread-safe. */
  public static final class Builder {
    private Integer promptTokens;
    private Integer completionTokens;
    private Integer totalTokens;
    private Integer cachedTokens;
    private Integer cacheWriteTokens;
    private Integer promptAudioTokens;
    private Integer reasoningTokens;
    private Integer completionImageTokens;
    private Integer completionAudioTokens;
    private Integer acceptedPredictionTokens;
    private Integer rejectedPredictionTokens;
    private BigDecimal cost;
    private Boolean isByok;
    private Map<String, Object> costDetails;
    private boolean estimated;
    private Map<String, Object> extra;

    private Builder() {}

    /** Prompt tokens. */
    public Builder promptTokens(Integer v) {
      promptTokens = v;
      return this;
    }

    /** Completion tokens. */
    public Builder completionTokens(Integer v) {
      completionTokens = v;
      return this;
    }

    /** Total tokens. */
    public Builder totalTokens(Integer v) {
      totalTokens = v;
      return this;
    }

    /** Cached prompt tokens. */
    public Builder cachedTokens(Integer v) {
      cachedTokens = v;
      return this;
    }

    /** Prompt tokens written to the cache. */
    public Builder cacheWriteTokens(Integer v) {
      cacheWriteTokens = v;
      return this;
    }

    /** Prompt audio tokens. */
    public Builder promptAudioTokens(Integer v) {
      promptAudioTokens = v;
      return this;
    }

    /** Reasoning tokens. */
    public Builder reasoningTokens(Integer v) {
      reasoningTokens = v;
      return this;
    }

    /** Completion image tokens. */
    public Builder completionImageTokens(Integer v) {
      completionImageTokens = v;
      return this;
    }

    /** Completion audio tokens. */
    public Builder completionAudioTokens(Integer v) {
      completionAudioTokens = v;
      return this;
    }

    /** Accepted prediction tokens. */
    public Builder acceptedPredictionTokens(Integer v) {
      acceptedPredictionTokens = v;
      return this;
    }

    /** Rejected prediction tokens. */
    public Builder rejectedPredictionTokens(Integer v) {
      rejectedPredictionTokens = v;
      return this;
    }

    /** The upstream's reported cost. */
    public Builder cost(BigDecimal v) {
      cost = v;
      return this;
    }

    /** Whether the upstream billed a bring-your-own key. */
    public Builder isByok(Boolean v) {
      isByok = v;
      return this;
    }

    /** The upstream's cost details. */
    public Builder costDetails(Map<String, Object> v) {
      costDetails = v;
      return this;
    }

    /** Whether the counts are local estimates. */
    public Builder estimated(boolean v) {
      estimated = v;
      return this;
    }

    /** Other fields. */
    public Builder extra(Map<String, Object> v) {
      extra = v;
      return this;
    }

    /** Builds the usage. */
    public Usage build() {
      return new Usage(promptTokens, completionTokens, totalTokens, cachedTokens,
          cacheWriteTokens, promptAudioTokens, reasoningTokens, completionImageTokens,
          completionAudioTokens, acceptedPredictionTokens, rejectedPredictionTokens, cost, isByok,
          costDetails, estimated, extra);
    }
  }
}
