package dev.router4j.internal.routing;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses among a provider's keys in proportion to their {@linkplain Credential#weight()
 * weights}, skipping keys that rest. A key that gets 401, 402, 403 or 429 rests for a while
 * (until its Retry-After for a 429) and the call goes on with another.
 *
 * <p>The choice is a smooth weighted round-robin, as nginx balances upstreams: at each pick
 * every key that is not resting adds its weight to a running score, the key with the highest
 * score is chosen and loses the sum of the weights. From equal scores, every run of picks as
 * long as the sum of the weights gives each key exactly its weight; the picks of a heavy key
 * are spread out rather than bunched (weights 2 and 1 give A B A, A B A, ...); and nothing is
 * random, so tests can assert the sequence. A resting key's score stands still and it takes up
 * its share again when it wakes; since scores stay bounded, shares stay within a few picks of
 * exact across rests.
 *
 * <p>Thread-safe: each provider's keys are chosen under a lock of their own, held for a few
 * additions.
 */
public final class KeyRing {
  private static final Duration BAD_KEY_REST = Duration.ofMinutes(10);
  private static final Duration NO_CREDIT_REST = Duration.ofHours(1);
  private static final Duration RATE_LIMIT_REST = Duration.ofSeconds(30);

  private final Ticker ticker;
  private final ConcurrentHashMap<String, Wheel> wheels = new ConcurrentHashMap<>();

  /** A key ring timed by the ticker. */
  public KeyRing(Ticker ticker) {
    this.ticker = ticker;
  }

  /**
   * The key to use for the provider next, or null when it has none; when every key rests,
   * the one whose rest ends first. A provider's only key is always used.
   */
  public Credential pick(Provider provider) {
    List<Credential> keys = provider.credentials();
    if (keys.isEmpty()) {
      return null;
    }
    if (keys.size() == 1) {
      return keys.get(0);
    }
    return wheel(provider).pick(ticker.read());
  }

  /**
   * Rests the key after a failure that is about the key, and says whether the provider has
   * another key to try now.
   */
  public boolean rest(Provider provider, Credential key, RouterException failure) {
    if (key == null) {
      return false;
    }
    Duration rest = rest(failure);
    if (rest == null) {
      return false;
    }
    return wheel(provider).rest(key, ticker.read(), rest.toNanos());
  }

  private Wheel wheel(Provider provider) {
    List<Credential> keys = provider.credentials();
    Wheel w = wheels.get(provider.slug());
    if (w != null && (w.keys == keys || w.keys.equals(keys))) {
      return w;
    }
    // First use, or a provider of the same slug with other keys: start a fresh wheel.
    return wheels.compute(provider.slug(),
        (slug, old) -> old != null && old.keys.equals(keys) ? old : new Wheel(keys));
  }

  private static Duration rest(RouterException failure) {
    ErrorCategory c = failure.category();
    switch (c) {
      case AUTHENTICATION:
      case PERMISSION:
        return BAD_KEY_REST;
      case PAYMENT:
        return NO_CREDIT_REST;
      case RATE_LIMITED:
        return failure.retryAfter() != null ? failure.retryAfter() : RATE_LIMIT_REST;
      default:
        return null;
    }
  }

  /** One provider's keys, their scores and their rests; guarded by its own monitor. */
  private static final class Wheel {
    final List<Credential> keys;
    private final long[] score;
    private final boolean[] resting;
    private final long[] restingUntil;

    Wheel(List<Credential> keys) {
      this.keys = keys;
      this.score = new long[keys.size()];
      this.resting = new boolean[keys.size()];
      this.restingUntil = new long[keys.size()];
    }

    synchronized Credential pick(long now) {
      long total = 0;
      int best = -1;
      int soonest = -1;
      for (int i = 0; i < score.length; i++) {
        if (resting[i]) {
          if (restingUntil[i] - now > 0) {
            if (soonest < 0 || restingUntil[i] - restingUntil[soonest] < 0) {
              soonest = i;
            }
            continue;
          }
          resting[i] = false;
        }
        int weight = keys.get(i).weight();
        score[i] += weight;
        total += weight;
        if (best < 0 || score[i] > score[best]) {
          best = i;
        }
      }
      if (best < 0) {
        return keys.get(soonest); // every key rests: the one that wakes first
      }
      score[best] -= total;
      return keys.get(best);
    }

    synchronized boolean rest(Credential key, long now, long nanos) {
      boolean another = false;
      for (int i = 0; i < score.length; i++) {
        Credential c = keys.get(i);
        if (c.label().equals(key.label())) {
          resting[i] = true;
          restingUntil[i] = now + nanos;
        } else if (!resting[i] || restingUntil[i] - now <= 0) {
          another = true;
        }
      }
      return another;
    }
  }
}
