package dev.router4j.workspace;

import java.time.Duration;
import java.util.Objects;

/**
 * A limit on how many requests, and how many tokens, may be sent per minute. Each limit is a
 * token bucket that holds a full minute's allowance and refills continuously: 60 requests a
 * minute allow a burst of 60, then one a second.
 *
 * <p>A limit's {@linkplain #scope() scope} says what it counts, and its {@linkplain #match()
 * match} (a glob such as {@code openai}, {@code anthropic/*} or {@code *:free}) which of those:
 * <ul>
 *   <li>{@link Scope#WORKSPACE}: every request of the workspace, in one bucket (no match);</li>
 *   <li>{@link Scope#KEY}: requests paid with a provider key, by label;</li>
 *   <li>{@link Scope#PROVIDER}: requests sent to a provider, by slug;</li>
 *   <li>{@link Scope#MODEL}: requests for a model, by slug including any variant suffix.</li>
 * </ul>
 * Each key, provider or model the match accepts has its own bucket; no match accepts them all.
 *
 * <p>When the bucket is empty a request may wait for a slot up to {@link #maxWait()}; by default
 * it does not wait and fails at once with a
 * {@link RateLimitExceededException} whose {@code retryAfter()} says when a slot frees up.
 *
 * <pre>{@code
 * RateLimit.builder(RateLimit.Scope.PROVIDER).match("openai")
 *     .requestsPerMinute(500).tokensPerMinute(200_000).maxWait(Duration.ofSeconds(2)).build();
 * }</pre>
 *
 * @param scope what the limit counts
 * @param match a glob selecting the keys, providers or models limited, or null for all (always
 *     null for {@link Scope#WORKSPACE})
 * @param requestsPerMinute the requests allowed per minute, or 0 for no request limit
 * @param tokensPerMinute the tokens (prompt plus completion) allowed per minute, or 0 for none
 * @param maxWait the longest a request may wait for a slot; zero (the default) fails fast
 */
public record RateLimit(
    Scope scope, String match, int requestsPerMinute, long tokensPerMinute, Duration maxWait) {

  /** The largest allowance per minute, of requests or of tokens. */
  public static final long MAX_PER_MINUTE = 1_000_000_000L;
  /** The longest wait a limit may allow. */
  public static final Duration MAX_WAIT = Duration.ofMinutes(10);

  /**
   * OpenRouter's platform limit on free variants: 20 requests a minute for each {@code :free}
   * model. The router applies it unless told otherwise.
   */
  public static final RateLimit FREE_VARIANTS = new RateLimit(Scope.MODEL, "*:free", 20, 0, null);

  /** What a rate limit counts. */
  public enum Scope {
    /** Every request of the workspace. */
    WORKSPACE,
    /** Requests paid with a provider key, by its label. */
    KEY,
    /** Requests sent to a provider, by its slug. */
    PROVIDER,
    /** Requests for a model, by its slug. */
    MODEL
  }

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  public RateLimit {
    Valid.required(scope, "RateLimit.scope");
    if (scope == Scope.WORKSPACE && match != null) {
      throw new IllegalArgumentException(
          "RateLimit.match must be null for a WORKSPACE limit, was '" + match + "'");
    }
    if (match != null) {
      Valid.text(match, "RateLimit.match");
    }
    if (requestsPerMinute < 0 || requestsPerMinute > MAX_PER_MINUTE) {
      throw new IllegalArgumentException("RateLimit.requestsPerMinute must be between 0 and "
          + MAX_PER_MINUTE + ", was " + requestsPerMinute);
    }
    if (tokensPerMinute < 0 || tokensPerMinute > MAX_PER_MINUTE) {
      throw new IllegalArgumentException("RateLimit.tokensPerMinute must be between 0 and "
          + MAX_PER_MINUTE + ", was " + tokensPerMinute);
    }
    if (requestsPerMinute == 0 && tokensPerMinute == 0) {
      throw new IllegalArgumentException(
          "RateLimit needs requestsPerMinute or tokensPerMinute above 0 (both were 0)");
    }
    if (maxWait == null) {
      maxWait = Duration.ZERO;
    }
    if (maxWait.isNegative() || maxWait.compareTo(MAX_WAIT) > 0) {
      throw new IllegalArgumentException(
          "RateLimit.maxWait must be between 0 and " + MAX_WAIT + ", was " + maxWait);
    }
  }

  /** A builder for a limit of the given scope. */
  public static Builder builder(Scope scope) {
    return new Builder(scope);
  }

  /** A builder holding this limit's fields. */
  public Builder toBuilder() {
    Builder b = new Builder(scope);
    b.match = match;
    b.requestsPerMinute = requestsPerMinute;
    b.tokensPerMinute = tokensPerMinute;
    b.maxWait = maxWait;
    return b;
  }

  /** At most {@code requestsPerMinute} requests a minute for the whole workspace. */
  public static RateLimit workspace(int requestsPerMinute) {
    return new RateLimit(Scope.WORKSPACE, null, requestsPerMinute, 0, null);
  }

  /** At most {@code requestsPerMinute} requests a minute to each provider the glob accepts. */
  public static RateLimit provider(String match, int requestsPerMinute) {
    return new RateLimit(Scope.PROVIDER, Valid.required(match, "RateLimit.match"),
        requestsPerMinute, 0, null);
  }

  /** At most {@code requestsPerMinute} requests a minute for each model the glob accepts. */
  public static RateLimit model(String match, int requestsPerMinute) {
    return new RateLimit(Scope.MODEL, Valid.required(match, "RateLimit.match"),
        requestsPerMinute, 0, null);
  }

  /** At most {@code requestsPerMinute} requests a minute paid with each key the glob accepts. */
  public static RateLimit key(String match, int requestsPerMinute) {
    return new RateLimit(Scope.KEY, Valid.required(match, "RateLimit.match"),
        requestsPerMinute, 0, null);
  }

  /** A copy that lets a request wait up to {@code maxWait} for a slot. */
  public RateLimit withMaxWait(Duration maxWait) {
    return new RateLimit(scope, match, requestsPerMinute, tokensPerMinute,
        Valid.required(maxWait, "RateLimit.maxWait"));
  }

  /** A copy that also limits tokens per minute. */
  public RateLimit withTokensPerMinute(long tokensPerMinute) {
    return new RateLimit(scope, match, requestsPerMinute, tokensPerMinute, maxWait);
  }

  /** Whether a request waits at all before failing. */
  public boolean waits() {
    return !maxWait.isZero();
  }

  /** How the limit reads in messages, e.g. {@code model *:free: 20 requests/min}. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append(scope.name().toLowerCase(java.util.Locale.ROOT));
    if (match != null) {
      s.append(' ').append(match);
    }
    s.append(':');
    if (requestsPerMinute > 0) {
      s.append(' ').append(requestsPerMinute).append(" requests/min");
    }
    if (tokensPerMinute > 0) {
      s.append(requestsPerMinute > 0 ? "," : "").append(' ').append(tokensPerMinute)
          .append(" tokens/min");
    }
    return s.toString();
  }

  /** Two limits are duplicates when they count the same requests. */
  boolean sameBucketsAs(RateLimit other) {
    return scope == other.scope && Objects.equals(match, other.match);
  }

  /** Builds a {@link RateLimit}. Not thread-safe. */
  public static final class Builder {
    private final Scope scope;
    private String match;
    private int requestsPerMinute;
    private long tokensPerMinute;
    private Duration maxWait;

    private Builder(Scope scope) {
      this.scope = scope;
    }

    /** A glob selecting the keys, providers or models limited; null (the default) for all. */
    public Builder match(String match) {
      this.match = match;
      return this;
    }

    /** The requests allowed per minute (0 for no request limit). */
    public Builder requestsPerMinute(int requestsPerMinute) {
      this.requestsPerMinute = requestsPerMinute;
      return this;
    }

    /** The tokens allowed per minute (0 for no token limit). */
    public Builder tokensPerMinute(long tokensPerMinute) {
      this.tokensPerMinute = tokensPerMinute;
      return this;
    }

    /** The longest a request may wait for a slot (zero, the default, fails fast). */
    public Builder maxWait(Duration maxWait) {
      this.maxWait = maxWait;
      return this;
    }

    /**
     * Builds the limit.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public RateLimit build() {
      return new RateLimit(scope, match, requestsPerMinute, tokensPerMinute, maxWait);
    }
  }
}
