package dev.router4j.internal.budget;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Sleeper;
import dev.router4j.api.spi.Ticker;
import dev.router4j.workspace.RateLimit;
import dev.router4j.workspace.RateLimitExceededException;
import dev.router4j.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Enforces {@link RateLimit rate limits}: the workspaces' own and router-wide ones (by default
 * {@link RateLimit#FREE_VARIANTS}, 20 requests a minute for each {@code :free} model).
 *
 * <h2>Buckets</h2>
 * Each limit keeps one bucket per key, provider or model it counts (one for a workspace
 * limit), for requests and for tokens. A bucket is a token bucket holding a minute's allowance
 * and refilling continuously, kept as a generic cell rate algorithm: the only state is the
 * "theoretical arrival time" TAT, the moment the bucket would be full again. A request of cost
 * {@code c} (one request, or its tokens) moves TAT to {@code max(TAT, now) + c × 60 s / allowance},
 * and fits at once when TAT then lies at most a minute ahead. Time is counted in whole
 * nanoseconds plus an exact fraction in units of 1/allowance, so refills are exact: no drift,
 * no floating point.
 *
 * <h2>Waiting</h2>
 * A request that does not fit at once needs to wait until it does. When every limit involved
 * allows that wait ({@link RateLimit#maxWait()}, and the caller's own bound), the request takes
 * its place in every bucket at once (so later requests queue behind it) and
 * {@link #acquire acquire} waits with the injected {@link Sleeper}; otherwise nothing is taken
 * and a {@link RateLimitExceededException} says how long the wait would have been. Every bucket
 * a request touches is locked in one global order while it decides, so the decision is atomic
 * and two requests never deadlock.
 *
 * <h2>Tokens</h2>
 * A request is admitted on its estimated tokens (prompt plus expected completion) and
 * {@link #reconcile reconciled} with its actual usage afterwards; the difference is given back
 * or owed. A request larger than a whole minute's token allowance waits for a full bucket and
 * empties it rather than being refused forever.
 *
 * <p>Thread-safe. The hot path takes one lock per bucket involved and allocates nothing once
 * the buckets exist.
 */
public final class RateGate {
  static final long MINUTE_NS = 60_000_000_000L;
  private static final Rule[] NO_RULES = new Rule[0];
  private static final ThreadLocal<Limiter[]> SCRATCH = ThreadLocal.withInitial(() -> new Limiter[8]);

  private final Map<String, Rule[]> byWorkspace;
  private final Rule[] global;
  /** The workspaces with a token limit of their own. */
  private final java.util.Set<String> countTokens;
  /** Whether a router-wide limit counts tokens. */
  private final boolean globalCountsTokens;
  private final Ticker ticker;
  private final Sleeper sleeper;
  private final AtomicLong limiterOrder = new AtomicLong();

  /**
   * A gate.
   *
   * @param workspaces the workspaces whose limits apply to their calls
   * @param routerWide limits that apply to every call, whatever its workspace (typically
   *     {@code List.of(RateLimit.FREE_VARIANTS)}; empty for none)
   * @param ticker the monotonic clock of the buckets
   * @param sleeper how {@link #acquire} waits
   * @throws IllegalArgumentException when two workspaces share a name
   */
  public RateGate(Collection<Workspace> workspaces, List<RateLimit> routerWide, Ticker ticker,
      Sleeper sleeper) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    long now = ticker.read();
    Map<String, Rule[]> map = new HashMap<>();
    for (Workspace w : workspaces) {
      List<RateLimit> limits = w.rateLimits();
      Rule[] rules = new Rule[limits.size()];
      for (int i = 0; i < rules.length; i++) {
        rules[i] = new Rule(this, w.name(), limits.get(i), now);
      }
      if (map.put(w.name(), rules) != null) {
        throw new IllegalArgumentException("workspace '" + w.name() + "' is given twice");
      }
    }
    this.byWorkspace = Map.copyOf(map);
    Rule[] g = new Rule[routerWide.size()];
    for (int i = 0; i < g.length; i++) {
      g[i] = new Rule(this, null, Objects.requireNonNull(routerWide.get(i), "routerWide limit"), now);
    }
    this.global = g;
    java.util.Set<String> tokens = new java.util.HashSet<>();
    map.forEach((name, rules) -> {
      if (countsTokens(rules)) {
        tokens.add(name);
      }
    });
    this.countTokens = java.util.Set.copyOf(tokens);
    this.globalCountsTokens = countsTokens(g);
  }

  private static boolean countsTokens(Rule[] rules) {
    for (Rule r : rules) {
      if (r.limit.tokensPerMinute() > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a call of the workspace may meet a token limit (its own or a router-wide one), so
   * that a caller can skip counting tokens that no limit would look at.
   *
   * @param workspace the workspace's name, or null for none
   */
  public boolean countsTokens(String workspace) {
    return globalCountsTokens || (workspace != null && countTokens.contains(workspace));
  }

  /** A gate with the router-wide free-variant limit. */
  public static RateGate withDefaults(Collection<Workspace> workspaces, Ticker ticker,
      Sleeper sleeper) {
    return new RateGate(workspaces, List.of(RateLimit.FREE_VARIANTS), ticker, sleeper);
  }

  /**
   * Lets an attempt through once every limit that applies has a slot, waiting for one up to the
   * limits' {@code maxWait}.
   *
   * @param scope who the attempt is for (its workspace and key label select limits)
   * @param provider the provider slug of the endpoint
   * @param model the model slug of the endpoint, including any variant suffix
   * @param tokens the tokens the attempt is expected to use (prompt plus completion)
   * @throws RateLimitExceededException when a limit has no slot within its wait
   * @throws RouterException of category {@code CANCELLED} when interrupted while waiting
   */
  public void acquire(CallScope scope, String provider, String model, long tokens) {
    acquire(scope, provider, model, tokens, Long.MAX_VALUE);
  }

  /**
   * As {@link #acquire(CallScope, String, String, long)}, waiting no longer than
   * {@code maxWaitNanos} whatever the limits allow (e.g. the call's remaining deadline).
   */
  public void acquire(CallScope scope, String provider, String model, long tokens,
      long maxWaitNanos) {
    long wait = reserve(scope, provider, model, tokens, maxWaitNanos);
    if (wait > 0) {
      try {
        sleeper.sleep(Duration.ofNanos(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        refund(scope, provider, model, tokens);
        throw new RouterException(ErrorCategory.CANCELLED,
            "interrupted while waiting " + Duration.ofNanos(wait) + " for a rate-limit slot", e);
      }
    }
  }

  /**
   * Takes the attempt's slot in every limit that applies without waiting for it: the caller must
   * wait the returned time before sending (for example by scheduling the attempt).
   *
   * @param maxWaitNanos the caller's own bound on the wait; {@code Long.MAX_VALUE} for none
   * @return nanoseconds to wait before sending, 0 to send at once
   * @throws RateLimitExceededException when a limit has no slot within its wait; nothing is taken
   * @throws InvalidRequestException when the scope's workspace is not known
   */
  public long reserve(CallScope scope, String provider, String model, long tokens,
      long maxWaitNanos) {
    Objects.requireNonNull(scope, "scope");
    if (tokens < 0) {
      throw new IllegalArgumentException("tokens must not be negative, was " + tokens);
    }
    Rule[] local = rules(scope.workspace());
    int most = local.length + global.length;
    if (most == 0) {
      return 0;
    }
    Limiter[] buf = SCRATCH.get();
    if (buf.length < most) {
      buf = new Limiter[Math.max(most, buf.length * 2)];
      SCRATCH.set(buf);
    }
    int n = collect(local, scope, provider, model, buf, 0);
    n = collect(global, scope, provider, model, buf, n);
    if (n == 0) {
      return 0;
    }
    sort(buf, n);
    long wait = 0;
    Limiter worst = null;
    long worstWait = -1;
    boolean fallbackWorthy = true;
    for (int i = 0; i < n; i++) {
      buf[i].lock.lock();
    }
    try {
      long now = ticker.read();
      for (int i = 0; i < n; i++) {
        Limiter l = buf[i];
        long w = l.waitFor(now, tokens);
        wait = Math.max(wait, w);
        if (w > Math.min(l.rule.maxWaitNanos, maxWaitNanos)) {
          if (w > worstWait) {
            worstWait = w;
            worst = l;
          }
          fallbackWorthy &= l.rule.limit.scope() != RateLimit.Scope.WORKSPACE;
        }
      }
      if (worst == null) {
        for (int i = 0; i < n; i++) {
          buf[i].take(now, tokens);
        }
      }
    } finally {
      for (int i = n - 1; i >= 0; i--) {
        buf[i].lock.unlock();
      }
    }
    if (worst != null) {
      throw refusal(worst, wait, worstWait, fallbackWorthy, maxWaitNanos);
    }
    return wait;
  }

  /**
   * Corrects the token buckets once the attempt's actual usage is known: tokens estimated too
   * high are given back, tokens used beyond the estimate are owed (later requests wait for
   * them). Request counts are not changed.
   */
  public void reconcile(CallScope scope, String provider, String model, long estimatedTokens,
      long actualTokens) {
    if (estimatedTokens == actualTokens) {
      return;
    }
    adjust(scope, provider, model, 0, actualTokens - estimatedTokens);
  }

  /**
   * Gives back an attempt's request and tokens when it was never sent (for example, a spend cap
   * refused it after the gate let it through).
   */
  public void refund(CallScope scope, String provider, String model, long tokens) {
    adjust(scope, provider, model, -1, -tokens);
  }

  private void adjust(CallScope scope, String provider, String model, int requests, long tokens) {
    Objects.requireNonNull(scope, "scope");
    Rule[] local = rules(scope.workspace());
    List<Limiter> found = new ArrayList<>(local.length + global.length);
    for (Rule[] rules : new Rule[][] {local, global}) {
      for (Rule r : rules) {
        Limiter l = r.limiterFor(subject(r.limit.scope(), scope, provider, model));
        if (l != null) {
          found.add(l);
        }
      }
    }
    for (Limiter l : found) {
      l.lock.lock();
      try {
        l.adjust(ticker.read(), requests, tokens);
      } finally {
        l.lock.unlock();
      }
    }
  }

  private Rule[] rules(String workspace) {
    if (workspace == null) {
      return NO_RULES;
    }
    Rule[] rules = byWorkspace.get(workspace);
    if (rules == null) {
      throw new InvalidRequestException("workspace", "unknown workspace '" + workspace
          + "' (known: " + new java.util.TreeSet<>(byWorkspace.keySet()) + ")");
    }
    return rules;
  }

  private static int collect(Rule[] rules, CallScope scope, String provider, String model,
      Limiter[] buf, int n) {
    for (Rule r : rules) {
      Limiter l = r.limiterFor(subject(r.limit.scope(), scope, provider, model));
      if (l != null) {
        buf[n++] = l;
      }
    }
    return n;
  }

  private static String subject(RateLimit.Scope scope, CallScope call, String provider,
      String model) {
    switch (scope) {
      case WORKSPACE:
        return call.workspace();
      case KEY:
        return call.keyLabel();
      case PROVIDER:
        return provider;
      default:
        return model;
    }
  }

  private static void sort(Limiter[] a, int n) {
    for (int i = 1; i < n; i++) {
      Limiter x = a[i];
      int j = i - 1;
      while (j >= 0 && a[j].order > x.order) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  }

  private static RateLimitExceededException refusal(Limiter worst, long wait, long worstWait,
      boolean fallbackWorthy, long callerBound) {
    Rule rule = worst.rule;
    String name = (rule.workspace == null ? "router-wide" : "workspace " + rule.workspace) + ", "
        + rule.limit.describe();
    long bound = Math.min(rule.maxWaitNanos, callerBound);
    String message = "rate limit reached: " + name
        + (rule.limit.scope() == RateLimit.Scope.WORKSPACE ? "" : " (for " + worst.subject + ")")
        + "; a slot frees up in " + seconds(worstWait) + ", longer than the "
        + seconds(bound) + " this request may wait"
        + (wait > worstWait ? "; all limits allow it in " + seconds(wait) : "");
    return new RateLimitExceededException(name, Duration.ofNanos(wait), fallbackWorthy, message);
  }

  private static String seconds(long nanos) {
    return java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + " s";
  }

  /** One configured limit and its buckets. */
  static final class Rule {
    final RateGate gate;
    final String workspace;
    final RateLimit limit;
    final long maxWaitNanos;
    /** The only bucket of a workspace limit or of a match without wildcards; else null. */
    final Limiter single;
    /** The buckets of a wildcard (or absent) match, by subject; else null. */
    final ConcurrentHashMap<String, Limiter> each;
    final long created;

    Rule(RateGate gate, String workspace, RateLimit limit, long now) {
      this.gate = gate;
      this.workspace = workspace;
      this.limit = limit;
      this.maxWaitNanos = limit.maxWait().toNanos();
      this.created = now;
      boolean one = limit.scope() == RateLimit.Scope.WORKSPACE
          || (limit.match() != null && Glob.isLiteral(limit.match()));
      this.single = one ? new Limiter(this, limit.match() != null ? limit.match() : workspace, now)
          : null;
      this.each = one ? null : new ConcurrentHashMap<>();
    }

    /** The bucket counting {@code subject} under this limit, or null when it does not apply. */
    Limiter limiterFor(String subject) {
      if (subject == null) {
        return null;
      }
      if (single != null) {
        return limit.match() == null || Glob.matches(limit.match(), subject) ? single : null;
      }
      if (limit.match() != null && !Glob.matches(limit.match(), subject)) {
        return null;
      }
      Limiter l = each.get(subject);
      return l != null ? l : each.computeIfAbsent(subject,
          s -> new Limiter(this, s, gate.ticker.read()));
    }
  }

  /** The request and token buckets of one limit and subject; guarded by its lock. */
  static final class Limiter {
    final Rule rule;
    final String subject;
    final long order;
    final ReentrantLock lock = new ReentrantLock();
    final Bucket requests;
    final Bucket tokens;

    Limiter(Rule rule, String subject, long now) {
      this.rule = rule;
      this.subject = subject;
      this.order = rule.gate.limiterOrder.incrementAndGet();
      this.requests = rule.limit.requestsPerMinute() > 0
          ? new Bucket(rule.limit.requestsPerMinute(), now) : null;
      this.tokens = rule.limit.tokensPerMinute() > 0
          ? new Bucket(rule.limit.tokensPerMinute(), now) : null;
    }

    long waitFor(long now, long n) {
      long w = requests == null ? 0 : requests.waitFor(now, 1);
      if (tokens != null && n > 0) {
        w = Math.max(w, tokens.waitFor(now, n));
      }
      return w;
    }

    void take(long now, long n) {
      if (requests != null) {
        requests.add(now, 1);
      }
      if (tokens != null && n > 0) {
        tokens.add(now, n);
      }
    }

    void adjust(long now, int requestDelta, long tokenDelta) {
      if (requests != null && requestDelta < 0) {
        requests.remove(now, -requestDelta);
      }
      if (tokens != null && tokenDelta != 0) {
        if (tokenDelta > 0) {
          tokens.add(now, tokenDelta);
        } else {
          tokens.remove(now, -tokenDelta);
        }
      }
    }
  }

  /**
   * A token bucket as a generic cell rate algorithm. The bucket is full when the theoretical
   * arrival time {@code tat} (nanoseconds plus {@code tatFraction}/allowance) is not after now;
   * a unit of cost moves it by {@code 60 s / allowance}, held exactly as whole nanoseconds
   * {@code unitNanos} plus {@code unitFraction}/allowance.
   */
  static final class Bucket {
    final long allowance;
    final long unitNanos;
    final long unitFraction;
    long tat;
    long tatFraction;

    Bucket(long allowance, long now) {
      this.allowance = allowance;
      this.unitNanos = MINUTE_NS / allowance;
      this.unitFraction = MINUTE_NS % allowance;
      this.tat = now;
    }

    /** Nanoseconds until {@code n} units fit, 0 when they fit now. */
    long waitFor(long now, long n) {
      n = Math.min(n, allowance);
      long whole = n * unitNanos;
      long frac = n * unitFraction; // < allowance², within range for allowances up to 1e9
      whole += frac / allowance;
      frac %= allowance;
      long baseNanos;
      long baseFraction;
      if (tat - now < 0) {
        baseNanos = now;
        baseFraction = 0;
      } else {
        baseNanos = tat;
        baseFraction = tatFraction;
      }
      long endNanos = baseNanos + whole;
      long endFraction = baseFraction + frac;
      if (endFraction >= allowance) {
        endFraction -= allowance;
        endNanos++;
      }
      long over = endNanos - now - MINUTE_NS;
      if (over < 0) {
        return 0;
      }
      return endFraction > 0 ? over + 1 : over;
    }

    /** Takes {@code n} units (the bucket may go into debt). */
    void add(long now, long n) {
      n = Math.min(n, allowance);
      long whole = n * unitNanos;
      long frac = n * unitFraction;
      whole += frac / allowance;
      frac %= allowance;
      if (tat - now < 0) {
        tat = now;
        tatFraction = 0;
      }
      tat += whole;
      tatFraction += frac;
      if (tatFraction >= allowance) {
        tatFraction -= allowance;
        tat++;
      }
    }

    /** Gives {@code n} units back, never filling past full. */
    void remove(long now, long n) {
      n = Math.min(n, allowance);
      long whole = n * unitNanos;
      long frac = n * unitFraction;
      whole += frac / allowance;
      frac %= allowance;
      tat -= whole;
      tatFraction -= frac;
      if (tatFraction < 0) {
        tatFraction += allowance;
        tat--;
      }
      if (tat - now < 0) {
        tat = now;
        tatFraction = 0;
      }
    }
  }
}
