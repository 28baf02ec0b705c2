package dev.router4j.internal.routing;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses among a provider's keys: in turn among the keys that are not resting, so load
 * spreads evenly. A key that gets 401, 402, 403 or 429 rests for a while (until its
 * Retry-After for a 429) and the call goes on with another. Thread-safe.
 */
public final class KeyRing {
  private static final Duration BAD_KEY_REST = Duration.ofMinutes(10);
  private static final Duration NO_CREDIT_REST = Duration.ofHours(1);
  private static final Duration RATE_LIMIT_REST = Duration.ofSeconds(30);

  private final Ticker ticker;
  private final ConcurrentHashMap<String, Long> restingUntil = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> turns = new ConcurrentHashMap<>();

  /** A key ring timed by the ticker. */
  public KeyRing(Ticker ticker) {
    this.ticker = ticker;
  }

  /**
   * The key to use for the provider next, or null when it has none; when every key rests,
   * the one whose rest ends first.
   */
  public Credential pick(Provider provider) {
    List<Credential> keys = provider.credentials();
    if (keys.isEmpty()) {
      return null;
    }
    if (keys.size() == 1) {
      return keys.get(0);
    }
    int start = Math.floorMod(turns.computeIfAbsent(provider.slug(), k -> new AtomicInteger())
        .getAndIncrement(), keys.size());
    long now = ticker.read();
    Credential soonest = null;
    long soonestEnd = Long.MAX_VALUE;
    for (int i = 0; i < keys.size(); i++) {
      Credential c = keys.get((start + i) % keys.size());
      Long until = restingUntil.get(id(provider, c));
      if (until == null || until - now <= 0) {
        return c;
      }
      if (until < soonestEnd) {
        soonestEnd = until;
        soonest = c;
      }
    }
    return soonest;
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
    restingUntil.put(id(provider, key), ticker.read() + rest.toNanos());
    long now = ticker.read();
    for (Credential c : provider.credentials()) {
      Long until = restingUntil.get(id(provider, c));
      if (until == null || until - now <= 0) {
        return true;
      }
    }
    return false;
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

  private static String id(Provider p, Credential c) {
    return p.slug() + "\u0000" + c.label();
  }
}
