package dev.router4j.api.cost;

import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import dev.router4j.api.FinishReason;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a ledger keeps about one generation, like OpenRouter's generation stats
 * ({@code GET /api/v1/generation?id=}): who asked (workspace, key label, user, tags), what
 * answered (model, provider, endpoint, every attempt), how it ended, how many tokens it used,
 * what it cost exactly and how long it took. Immutable.
 *
 * <p>Token counts are the provider's native counts unless {@link #tokensEstimated()} says the
 * router counted them locally. As in {@link Usage}, cached and cache-write tokens are part of the
 * prompt tokens and reasoning tokens are part of the completion tokens.
 *
 * <p>The key label names the API key that paid (for example {@code "prod-openai-2"}); it is
 * never the key itself, and a label that looks like a secret key is refused. The prompt and
 * completion texts are null unless the workspace opted in to keeping them.
 *
 * <pre>{@code
 * GenerationRecord record = GenerationRecord.builder()
 *     .response(answer)                       // id, model, provider, finish, usage, cost, attempts
 *     .createdAt(started)
 *     .workspace("search").keyLabel("openai-prod").user("u-42").tag("feature", "summaries")
 *     .latency(Duration.ofMillis(840)).timeToFirstToken(Duration.ofMillis(210))
 *     .build();
 * }</pre>
 *
 * @param id the generation id, unique within a ledger
 * @param createdAt when the request started; between the years 1678 and 2262 (the range of
 *     signed 64-bit epoch nanoseconds, which durable ledgers store)
 * @param model the model that answered, or the one asked for when none answered
 * @param provider the provider that answered, or null
 * @param endpoint the catalog id of the endpoint that answered, or null
 * @param workspace the workspace (tenant, project) the request belongs to, or null
 * @param keyLabel the label of the API key that paid, never the key; or null
 * @param user the end user, or null
 * @param tags free-form labels for grouping spend; keys are not blank, values not null
 * @param streamed whether the answer was streamed
 * @param cancelled whether the caller cancelled it
 * @param finishReason the normalized finish reason, or null
 * @param nativeFinishReason the provider's own finish reason, or null
 * @param promptTokens prompt tokens, cached and cache-write tokens included
 * @param completionTokens completion tokens, reasoning included
 * @param reasoningTokens completion tokens spent reasoning
 * @param cachedTokens prompt tokens read from the cache
 * @param cacheWriteTokens prompt tokens written to the cache
 * @param tokensEstimated whether the counts were estimated locally rather than reported natively
 * @param cost what the generation cost, exactly (components of negative scale, such as
 *     {@code 1E+3}, are kept at scale 0: the same value)
 * @param latency from the request to the last byte of the answer
 * @param timeToFirstToken from the request to the first token, or null when not measured
 * @param generationTime from the first token to the last, or null when not measured
 * @param throughput completion tokens per second of generation time (0 when unknown)
 * @param attempts every attempt, in order, the answering one last
 * @param promptText the prompt text, or null unless the workspace opted in
 * @param completionText the completion text, or null unless the workspace opted in
 */
public record GenerationRecord(
    String id,
    Instant createdAt,
    String model,
    String provider,
    String endpoint,
    String workspace,
    String keyLabel,
    String user,
    Map<String, String> tags,
    boolean streamed,
    boolean cancelled,
    FinishReason finishReason,
    String nativeFinishReason,
    int promptTokens,
    int completionTokens,
    int reasoningTokens,
    int cachedTokens,
    int cacheWriteTokens,
    boolean tokensEstimated,
    Cost cost,
    Duration latency,
    Duration timeToFirstToken,
    Duration generationTime,
    double throughput,
    List<AttemptRecord> attempts,
    String promptText,
    String completionText) {

  private static final Instant EARLIEST = Instant.ofEpochSecond(0, Long.MIN_VALUE);
  private static final Instant LATEST = Instant.ofEpochSecond(0, Long.MAX_VALUE);

  /** Checks every field and copies the collections (tags are kept sorted by key). */
  public GenerationRecord {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    Objects.requireNonNull(createdAt, "createdAt");
    if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
      throw new IllegalArgumentException("createdAt must lie between " + EARLIEST + " and "
          + LATEST + ", was " + createdAt);
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    if (keyLabel != null && looksLikeSecret(keyLabel)) {
      throw new IllegalArgumentException(
          "keyLabel looks like an API key; record a label that names the key, never the key");
    }
    if (tags == null || tags.isEmpty()) {
      tags = Map.of(); // most records carry no tags: no copy to make
    } else {
      TreeMap<String, String> sorted = new TreeMap<>();
      for (Map.Entry<String, String> e : tags.entrySet()) {
        if (e.getKey() == null || e.getKey().isBlank()) {
          throw new IllegalArgumentException("tag keys must not be blank");
        }
        if (e.getValue() == null) {
          throw new IllegalArgumentException("tag '" + e.getKey() + "' has no value");
        }
        sorted.put(e.getKey(), e.getValue());
      }
      tags = Collections.unmodifiableMap(sorted);
    }
    notNegative(promptTokens, "promptTokens");
    notNegative(completionTokens, "completionTokens");
    notNegative(reasoningTokens, "reasoningTokens");
    notNegative(cachedTokens, "cachedTokens");
    notNegative(cacheWriteTokens, "cacheWriteTokens");
    cost = plainScale(Objects.requireNonNull(cost, "cost"));
    Objects.requireNonNull(latency, "latency");
    duration(latency, "latency");
    if (timeToFirstToken != null) {
      duration(timeToFirstToken, "timeToFirstToken");
    }
    if (generationTime != null) {
      duration(generationTime, "generationTime");
    }
    if (!(throughput >= 0) || Double.isInfinite(throughput)) {
      throw new IllegalArgumentException("throughput must be finite and not negative: " + throughput);
    }
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's fields. */
  public Builder toBuilder() {
    Builder b = new Builder().id(id).createdAt(createdAt).model(model).provider(provider)
        .endpoint(endpoint).workspace(workspace).keyLabel(keyLabel).user(user).tags(tags)
        .streamed(streamed).cancelled(cancelled).finishReason(finishReason)
        .nativeFinishReason(nativeFinishReason).promptTokens(promptTokens)
        .completionTokens(completionTokens).reasoningTokens(reasoningTokens)
        .cachedTokens(cachedTokens).cacheWriteTokens(cacheWriteTokens)
        .tokensEstimated(tokensEstimated).cost(cost).latency(latency)
        .timeToFirstToken(timeToFirstToken).generationTime(generationTime)
        .attempts(attempts).promptText(promptText).completionText(completionText);
    b.throughput = throughput;
    return b;
  }

  /** Prompt plus completion tokens. */
  public long totalTokens() {
    return (long) promptTokens + completionTokens;
  }

  /** The total cost in US dollars, exactly. */
  public BigDecimal totalCost() {
    return cost.total();
  }

  /** Whether the generation failed (its finish reason is {@link FinishReason#ERROR}). */
  public boolean failed() {
    return finishReason == FinishReason.ERROR;
  }

  /** How many attempts failed before (or instead of) the answer. */
  public int failedAttempts() {
    int n = 0;
    for (AttemptRecord a : attempts) {
      if (a.failed()) {
        n++;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "GenerationRecord[" + id + " " + model + (provider == null ? "" : " via " + provider)
        + " at " + createdAt + ", " + promptTokens + "+" + completionTokens + " tokens, " + cost
        + "]";
  }

  /**
   * The same cost with every component at a scale of at least 0 ({@code 1E+3} becomes
   * {@code 1000}): equal in value, and written and read back by every store unchanged.
   */
  private static Cost plainScale(Cost c) {
    if (c.plainScales()) {
      return c;
    }
    return new Cost(plain(c.prompt()), plain(c.completion()), plain(c.reasoning()),
        plain(c.cacheRead()), plain(c.cacheWrite()), plain(c.request()), plain(c.image()),
        plain(c.webSearch()), plain(c.platformFee()), c.estimated());
  }

  private static BigDecimal plain(BigDecimal v) {
    return v.scale() < 0 ? v.setScale(0) : v;
  }

  private static void notNegative(int v, String name) {
    if (v < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + v);
    }
  }

  private static void duration(Duration d, String name) {
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
    try {
      d.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(name + " is too long to store: " + d, e);
    }
  }

  /** Secret-key shapes: OpenAI/OpenRouter/Anthropic {@code sk-...}, Google {@code AIza...}. */
  private static boolean looksLikeSecret(String s) {
    String t = s.strip();
    if (t.length() < 24) {
      return false;
    }
    for (int i = 0; i < t.length(); i++) {
      if (Character.isWhitespace(t.charAt(i))) {
        return false;
      }
    }
    return t.startsWith("sk-") || t.startsWith("sk_") || t.startsWith("AIza")
        || t.startsWith("xai-") || t.startsWith("gsk_");
  }

  /** Builds a {@link GenerationRecord}. Not thread-safe. */
  public static final class Builder {
    private String id;
    private Instant createdAt;
    private String model;
    private String provider;
    private String endpoint;
    private String workspace;
    private String keyLabel;
    private String user;
    private TreeMap<String, String> tags; // made on the first tag: most records have none
    private boolean streamed;
    private boolean cancelled;
    private FinishReason finishReason;
    private String nativeFinishReason;
    private int promptTokens;
    private int completionTokens;
    private int reasoningTokens;
    private int cachedTokens;
    private int cacheWriteTokens;
    private boolean tokensEstimated;
    private Cost cost = Cost.ZERO;
    private Duration latency = Duration.ZERO;
    private Duration timeToFirstToken;
    private Duration generationTime;
    private Double throughput;
    private List<AttemptRecord> attempts = List.of();
    private String promptText;
    private String completionText;

    private Builder() {}

    /** The generation id. */
    public Builder id(String v) {
      id = v;
      return this;
    }

    /** When the request started. */
    public Builder createdAt(Instant v) {
      createdAt = v;
      return this;
    }

    /** The model that answered (or was asked for). */
    public Builder model(String v) {
      model = v;
      return this;
    }

    /** The provider that answered. */
    public Builder provider(String v) {
      provider = v;
      return this;
    }

    /** The catalog id of the endpoint that answered. */
    public Builder endpoint(String v) {
      endpoint = v;
      return this;
    }

    /** The workspace. */
    public Builder workspace(String v) {
      workspace = v;
      return this;
    }

    /** The label of the key that paid; never the key. */
    public Builder keyLabel(String v) {
      keyLabel = v;
      return this;
    }

    /** The end user. */
    public Builder user(String v) {
      user = v;
      return this;
    }

    /** Replaces the tags. */
    public Builder tags(Map<String, String> v) {
      tags = null;
      if (v != null && !v.isEmpty()) {
        tags = new TreeMap<>();
        tags.putAll(v);
      }
      return this;
    }

    /** Adds or replaces one tag. */
    public Builder tag(String key, String value) {
      Objects.requireNonNull(key, "key");
      if (tags == null) {
        tags = new TreeMap<>();
      }
      tags.put(key, value);
      return this;
    }

    /** Whether the answer was streamed. */
    public Builder streamed(boolean v) {
      streamed = v;
      return this;
    }

    /** Whether the caller cancelled it. */
    public Builder cancelled(boolean v) {
      cancelled = v;
      return this;
    }

    /** The normalized finish reason. */
    public Builder finishReason(FinishReason v) {
      finishReason = v;
      return this;
    }

    /** The provider's finish reason. */
    public Builder nativeFinishReason(String v) {
      nativeFinishReason = v;
      return this;
    }

    /** Prompt tokens. */
    public Builder promptTokens(int v) {
      promptTokens = v;
      return this;
    }

    /** Completion tokens. */
    public Builder completionTokens(int v) {
      completionTokens = v;
      return this;
    }

    /** Reasoning tokens. */
    public Builder reasoningTokens(int v) {
      reasoningTokens = v;
      return this;
    }

    /** Cached prompt tokens. */
    public Builder cachedTokens(int v) {
      cachedTokens = v;
      return this;
    }

    /** Prompt tokens written to the cache. */
    public Builder cacheWriteTokens(int v) {
      cacheWriteTokens = v;
      return this;
    }

    /** Whether the counts were estimated locally. */
    public Builder tokensEstimated(boolean v) {
      tokensEstimated = v;
      return this;
    }

    /**
     * Copies the token counts and their estimated flag from a usage (unknown counts become 0).
     * The usage's upstream-reported cost is not copied; set {@link #cost(Cost)}.
     */
    public Builder usage(Usage u) {
      if (u == null) {
        return this;
      }
      promptTokens = u.prompt();
      completionTokens = u.completion();
      reasoningTokens = nz(u.reasoningTokens());
      cachedTokens = nz(u.cachedTokens());
      cacheWriteTokens = nz(u.cacheWriteTokens());
      tokensEstimated = u.estimated();
      return this;
    }

    /** The exact cost; null means zero. */
    public Builder cost(Cost v) {
      cost = v == null ? Cost.ZERO : v;
      return this;
    }

    /** From the request to the last byte. */
    public Builder latency(Duration v) {
      latency = v;
      return this;
    }

    /** From the request to the first token. */
    public Builder timeToFirstToken(Duration v) {
      timeToFirstToken = v;
      return this;
    }

    /** From the first token to the last. */
    public Builder generationTime(Duration v) {
      generationTime = v;
      return this;
    }

    /**
     * Completion tokens per second. When not set, it is computed from the completion tokens
     * and the generation time (0 when the generation time is unknown or zero).
     */
    public Builder throughput(double v) {
      throughput = v;
      return this;
    }

    /** The attempts, in order, the answering one last. */
    public Builder attempts(List<AttemptRecord> v) {
      attempts = v == null ? List.of() : v;
      return this;
    }

    /** The prompt text, kept only when the workspace opted in. */
    public Builder promptText(String v) {
      promptText = v;
      return this;
    }

    /** The completion text, kept only when the workspace opted in. */
    public Builder completionText(String v) {
      completionText = v;
      return this;
    }

    /**
     * Copies what a response says: its id, model, provider, first choice's finish reasons,
     * usage, cost, creation time (when set and none was given) and route trace (the answering
     * attempt charged the whole cost, the others nothing; its endpoint becomes this record's
     * endpoint). Texts are not copied: they are kept only on opt-in.
     */
    public Builder response(ChatResponse r) {
      id = r.id();
      model = r.model();
      provider = r.provider();
      if (!r.choices().isEmpty()) {
        Choice c = r.choices().get(0);
        finishReason = c.finishReason();
        nativeFinishReason = c.nativeFinishReason();
      }
      usage(r.usage());
      cost(r.cost());
      if (createdAt == null && r.created() != null) {
        createdAt = Instant.ofEpochSecond(r.created());
      }
      BigDecimal total = r.cost() == null ? BigDecimal.ZERO : r.cost().total();
      List<RouteAttempt> route = r.route();
      AttemptRecord[] list = new AttemptRecord[route.size()];
      for (int i = 0; i < list.length; i++) {
        RouteAttempt a = route.get(i);
        list[i] = AttemptRecord.of(a, total);
        if (a.outcome() == RouteAttempt.Outcome.SUCCESS && a.endpoint() != null) {
          endpoint = a.endpoint();
        }
      }
      // An immutable list, so that the record keeps it rather than copying it again.
      attempts = list.length == 1 ? List.of(list[0]) : List.of(list);
      return this;
    }

    /** Builds the record. */
    public GenerationRecord build() {
      double tps;
      if (throughput != null) {
        tps = throughput;
      } else if (generationTime != null && !generationTime.isZero() && !generationTime.isNegative()) {
        tps = completionTokens / (generationTime.toNanos() / 1e9);
      } else {
        tps = 0;
      }
      return new GenerationRecord(id, createdAt, model, provider, endpoint, workspace, keyLabel,
          user, tags, streamed, cancelled, finishReason, nativeFinishReason, promptTokens,
          completionTokens, reasoningTokens, cachedTokens, cacheWriteTokens, tokensEstimated, cost,
          latency, timeToFirstToken, generationTime, tps, attempts, promptText, completionText);
    }

    private static int nz(Integer v) {
      return v == null ? 0 : Math.max(0, v);
    }
  }
}
