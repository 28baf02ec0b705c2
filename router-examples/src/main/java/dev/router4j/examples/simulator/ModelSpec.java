package dev.router4j.examples.simulator;

import dev.router4j.api.catalog.Pricing;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How one simulated endpoint (a provider serving a model) behaves: its timing, its generated
 * text, its prices and its faults. Immutable; made with {@link #builder(String)}, whose
 * setters each return a new builder.
 *
 * @param slug the model slug of the catalog, for example {@code acme/fast-1}
 * @param upstreamModel the name the provider's API expects in requests (and answers with);
 *     by default the slug without its author prefix
 * @param timeToFirstToken the wait before the first token
 * @param tokensPerSecond the pace of the following tokens; 0 = as fast as possible
 * @param seed the seed of the generated text; with the same request it gives the same text
 * @param minOutputTokens the fewest words a text answer has
 * @param maxOutputTokens the most words a text answer has (before the request's max tokens)
 * @param fixedReply a text every normal answer gives instead of generated words, or null
 * @param pricing the prices the catalog helper reports
 * @param contextLength the context window the catalog helper reports
 * @param maxCompletionTokens the completion limit the catalog helper reports, or null
 * @param supportedParameters the request parameters the catalog helper reports
 * @param callsTools whether the model calls a tool whenever the request offers tools and the
 *     conversation does not end with a tool result
 * @param parallelToolCalls how many tools one tool-calling answer calls, at most
 * @param promptCaching whether repeated prompt prefixes are reported as cached tokens
 * @param keepAliveComments whether a stream opens with an SSE comment line
 *     ({@code : keep-alive}), as gateways such as OpenRouter send
 * @param faults this model's faults, consulted before its provider's
 */
public record ModelSpec(
    String slug,
    String upstreamModel,
    Duration timeToFirstToken,
    double tokensPerSecond,
    long seed,
    int minOutputTokens,
    int maxOutputTokens,
    String fixedReply,
    Pricing pricing,
    int contextLength,
    Integer maxCompletionTokens,
    Set<String> supportedParameters,
    boolean callsTools,
    int parallelToolCalls,
    boolean promptCaching,
    boolean keepAliveComments,
    FaultPlan faults) {

  /** The parameters reported when none are given. */
  public static final Set<String> DEFAULT_PARAMETERS = Set.of("max_tokens", "temperature",
      "top_p", "stop", "seed", "tools", "tool_choice", "response_format", "structured_outputs");

  /**
   * Checks the fields.
   *
   * @throws NullPointerException for a missing slug, duration, pricing or plan
   * @throws IllegalArgumentException for a negative duration, rate or length, or min &gt; max
   */
  public ModelSpec {
    Objects.requireNonNull(slug, "slug");
    if (slug.isBlank()) {
      throw new IllegalArgumentException("model slug must not be blank");
    }
    if (upstreamModel == null) {
      int slash = slug.indexOf('/');
      upstreamModel = slash < 0 ? slug : slug.substring(slash + 1);
    }
    Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
    if (timeToFirstToken.isNegative()) {
      throw new IllegalArgumentException("timeToFirstToken must not be negative");
    }
    if (!(tokensPerSecond >= 0) || Double.isInfinite(tokensPerSecond)) {
      throw new IllegalArgumentException("tokensPerSecond must be finite and >= 0, was "
          + tokensPerSecond);
    }
    if (minOutputTokens < 0 || maxOutputTokens < minOutputTokens) {
      throw new IllegalArgumentException("output tokens must satisfy 0 <= min <= max, was "
          + minOutputTokens + ".." + maxOutputTokens);
    }
    Objects.requireNonNull(pricing, "pricing");
    if (contextLength < 1) {
      throw new IllegalArgumentException("contextLength must be positive");
    }
    if (maxCompletionTokens != null && maxCompletionTokens < 1) {
      throw new IllegalArgumentException("maxCompletionTokens must be positive");
    }
    supportedParameters = Set.copyOf(Objects.requireNonNull(supportedParameters,
        "supportedParameters"));
    if (parallelToolCalls < 1) {
      throw new IllegalArgumentException("parallelToolCalls must be at least 1");
    }
    Objects.requireNonNull(faults, "faults");
  }

  /** A builder for the model with the given catalog slug; every other field has a default. */
  public static Builder builder(String slug) {
    return new Builder(Objects.requireNonNull(slug, "slug"));
  }

  /** A builder holding this spec's fields. */
  public Builder toBuilder() {
    Builder b = new Builder(slug);
    b.upstreamModel = upstreamModel;
    b.timeToFirstToken = timeToFirstToken;
    b.tokensPerSecond = tokensPerSecond;
    b.seed = seed;
    b.minOutputTokens = minOutputTokens;
    b.maxOutputTokens = maxOutputTokens;
    b.fixedReply = fixedReply;
    b.pricing = pricing;
    b.contextLength = contextLength;
    b.maxCompletionTokens = maxCompletionTokens;
    b.supportedParameters = supportedParameters;
    b.callsTools = callsTools;
    b.parallelToolCalls = parallelToolCalls;
    b.promptCaching = promptCaching;
    b.keepAliveComments = keepAliveComments;
    b.faults = faults;
    return b;
  }

  /**
   * An immutable builder: every setter returns a new builder and leaves this one unchanged, so
   * one builder can serve as the template of several models. Defaults: no wait, unpaced, seed
   * 0, 16 to 48 words, free, a 128k context, {@link #DEFAULT_PARAMETERS}, no tool calls unless
   * forced, one tool per call, no prompt caching, no faults.
   */
  public static final class Builder {
    private final String slug;
    private String upstreamModel;
    private Duration timeToFirstToken = Duration.ZERO;
    private double tokensPerSecond;
    private long seed;
    private int minOutputTokens = 16;
    private int maxOutputTokens = 48;
    private String fixedReply;
    private Pricing pricing = Pricing.FREE;
    private int contextLength = 128_000;
    private Integer maxCompletionTokens;
    private Set<String> supportedParameters = DEFAULT_PARAMETERS;
    private boolean callsTools;
    private int parallelToolCalls = 1;
    private boolean promptCaching;
    private boolean keepAliveComments;
    private FaultPlan faults = FaultPlan.NONE;

    private Builder(String slug) {
      this.slug = slug;
    }

    private Builder copy() {
      Builder b = new Builder(slug);
      b.upstreamModel = upstreamModel;
      b.timeToFirstToken = timeToFirstToken;
      b.tokensPerSecond = tokensPerSecond;
      b.seed = seed;
      b.minOutputTokens = minOutputTokens;
      b.maxOutputTokens = maxOutputTokens;
      b.fixedReply = fixedReply;
      b.pricing = pricing;
      b.contextLength = contextLength;
      b.maxCompletionTokens = maxCompletionTokens;
      b.supportedParameters = supportedParameters;
      b.callsTools = callsTools;
      b.parallelToolCalls = parallelToolCalls;
      b.promptCaching = promptCaching;
      b.keepAliveComments = keepAliveComments;
      b.faults = faults;
      return b;
    }

    /** The model name the provider's API expects (default: the slug without its author). */
    public Builder upstreamModel(String name) {
      Builder b = copy();
      b.upstreamModel = Objects.requireNonNull(name, "upstreamModel");
      return b;
    }

    /** The wait before the first token (the whole wait before a non-streamed answer). */
    public Builder timeToFirstToken(Duration ttft) {
      Objects.requireNonNull(ttft, "timeToFirstToken");
      if (ttft.isNegative()) {
        throw new IllegalArgumentException("timeToFirstToken must not be negative, was " + ttft);
      }
      Builder b = copy();
      b.timeToFirstToken = ttft;
      return b;
    }

    /** The pace after the first token, in tokens (words) per second; 0 = unpaced. */
    public Builder tokensPerSecond(double rate) {
      if (!(rate >= 0) || Double.isInfinite(rate)) {
        throw new IllegalArgumentException("tokensPerSecond must be finite and >= 0, was " + rate);
      }
      Builder b = copy();
      b.tokensPerSecond = rate;
      return b;
    }

    /** The seed of the generated text. */
    public Builder seed(long seed) {
      Builder b = copy();
      b.seed = seed;
      return b;
    }

    /** Every text answer has exactly this many words (unless the request limits it). */
    public Builder outputTokens(int words) {
      return outputTokens(words, words);
    }

    /** Text answers have between {@code min} and {@code max} words, drawn per request. */
    public Builder outputTokens(int min, int max) {
      if (min < 0 || max < min) {
        throw new IllegalArgumentException("output tokens must satisfy 0 <= min <= max, was "
            + min + ".." + max);
      }
      Builder b = copy();
      b.minOutputTokens = min;
      b.maxOutputTokens = max;
      return b;
    }

    /** Every normal answer is this text instead of generated words. */
    public Builder reply(String text) {
      Builder b = copy();
      b.fixedReply = Objects.requireNonNull(text, "reply");
      return b;
    }

    /** The prices. */
    public Builder pricing(Pricing pricing) {
      Builder b = copy();
      b.pricing = Objects.requireNonNull(pricing, "pricing");
      return b;
    }

    /** Prompt and completion prices in dollars per million tokens, e.g. "0.40" and "1.60". */
    public Builder pricePerMillion(String prompt, String completion) {
      return pricing(Pricing.perMillion(prompt, completion));
    }

    /** The prompt price in dollars per million tokens; other prices unchanged. */
    public Builder promptPrice(String dollarsPerMillion) {
      BigDecimal perToken = new BigDecimal(dollarsPerMillion).movePointLeft(6);
      Pricing p = pricing;
      return pricing(new Pricing(perToken, p.completion(), p.request(), p.image(), p.webSearch(),
          p.internalReasoning(), p.inputCacheRead(), p.inputCacheWrite(), p.inputCacheWrite1h(),
          p.overrides()));
    }

    /** The completion price in dollars per million tokens; other prices unchanged. */
    public Builder completionPrice(String dollarsPerMillion) {
      BigDecimal perToken = new BigDecimal(dollarsPerMillion).movePointLeft(6);
      Pricing p = pricing;
      return pricing(new Pricing(p.prompt(), perToken, p.request(), p.image(), p.webSearch(),
          p.internalReasoning(), p.inputCacheRead(), p.inputCacheWrite(), p.inputCacheWrite1h(),
          p.overrides()));
    }

    /** The context window reported in the catalog. */
    public Builder contextLength(int tokens) {
      if (tokens < 1) {
        throw new IllegalArgumentException("contextLength must be positive, was " + tokens);
      }
      Builder b = copy();
      b.contextLength = tokens;
      return b;
    }

    /** The completion limit reported in the catalog. */
    public Builder maxCompletionTokens(int tokens) {
      if (tokens < 1) {
        throw new IllegalArgumentException("maxCompletionTokens must be positive, was " + tokens);
      }
      Builder b = copy();
      b.maxCompletionTokens = tokens;
      return b;
    }

    /** The request parameters reported in the catalog (replacing the defaults). */
    public Builder supportedParameters(String... parameters) {
      Builder b = copy();
      b.supportedParameters = Set.of(parameters);
      return b;
    }

    /**
     * Whether the model calls tools on its own: when the request offers tools, tool choice is
     * not {@code none}, and the conversation does not end with a tool result. Requests that
     * force a tool ({@code required}, a named tool) get a call either way.
     */
    public Builder callsTools(boolean calls) {
      Builder b = copy();
      b.callsTools = calls;
      return b;
    }

    /** How many of the offered tools one answer calls, at most (default 1). */
    public Builder parallelToolCalls(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("parallelToolCalls must be at least 1, was " + calls);
      }
      Builder b = copy();
      b.parallelToolCalls = calls;
      return b;
    }

    /**
     * Whether prompt prefixes seen before are reported as cached: in 128-token blocks, from
     * 1024 tokens on (Anthropic: only for requests carrying {@code cache_control}).
     */
    public Builder promptCaching(boolean caching) {
      Builder b = copy();
      b.promptCaching = caching;
      return b;
    }

    /**
     * Whether each SSE stream opens with a comment line, {@code : keep-alive}, before its first
     * event (gateways send these; parsers must skip them). Not counted as an event by faults.
     */
    public Builder keepAliveComments(boolean comments) {
      Builder b = copy();
      b.keepAliveComments = comments;
      return b;
    }

    /** The faults for this model's first requests, in order; normal answers after them. */
    public Builder faults(Fault... script) {
      Builder b = copy();
      b.faults = faults.withScript(script);
      return b;
    }

    /** After the script, each request meets one of {@code choices} with this probability. */
    public Builder randomFaults(double probability, long seed, Fault... choices) {
      Builder b = copy();
      b.faults = faults.withRandom(probability, seed, choices);
      return b;
    }

    /** The whole fault plan. */
    public Builder faults(FaultPlan plan) {
      Builder b = copy();
      b.faults = Objects.requireNonNull(plan, "faults");
      return b;
    }

    /** Builds the spec. */
    public ModelSpec build() {
      return new ModelSpec(slug, upstreamModel, timeToFirstToken, tokensPerSecond, seed,
          minOutputTokens, maxOutputTokens, fixedReply, pricing, contextLength,
          maxCompletionTokens, supportedParameters, callsTools, parallelToolCalls, promptCaching,
          keepAliveComments, faults);
    }
  }
}
