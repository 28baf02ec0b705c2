package dev.router4j.internal.routing;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.NoEndpointException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses among a provider's keys that {@linkplain Credential#servesModel(String) serve the
 * model} in proportion to their {@linkplain Credential#weight() weights}, skipping keys that
 * rest. A key that gets 401, 402, 403 or 429 rests for a while (until its Retry-After for a
 * 429), for every model, and the call goes on with another key serving its model.
 *
 * <p>The choice is a smooth weighted round-robin, as nginx balances upstreams: at each pick
 * every serving key that is not resting adds its weight to a running score, the key with the
 * highest score is chosen and loses the sum of the weights. From equal scores, every run of
 * picks as long as the sum of the weights gives each key exactly its weight; the picks of a
 * heavy key are spread out rather than bunched (weights 2 and 1 give A B A, A B A, ...); and
 * nothing is random, so tests can assert the sequence. A resting key's score stands still and
 * it takes up its share again when it wakes; since scores stay bounded, shares stay within a
 * few picks of exact across rests.
 *
 * <p>Models served by the same keys share one set of scores (a lane), so that their calls
 * together are shared exactly; models served by different keys have lanes of their own, since
 * one set of scores over changing subsets of keys would drift. A provider whose keys serve
 * every model has a single lane.
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
   * The key to use next for a call of the model to the provider, chosen among its keys that
   * serve the model; when every such key rests, the one whose rest ends first. Null when the
   * provider has no keys at all (a host without auth). A provider's only key, when it serves
   * the model, is always used.
   *
   * @param model the slug of the endpoint's model
   * @throws NoEndpointException when the provider has keys but none serves the model (the
   *     planner leaves such endpoints out, so a caller that planned never sees it)
   */
  public Credential pick(Provider provider, String model) {
    Objects.requireNonNull(model, "model");
    return choose(provider, model);
  }

  /**
   * The key to use next for the provider, chosen among all its keys whatever models they are
   * restricted to; for a caller that does not know the model. Prefer {@link #pick(Provider,
   * String)}.
   */
  public Credential pick(Provider provider) {
    return choose(provider, null);
  }

  private Credential choose(Provider provider, String model) {
    List<Credential> keys = provider.credentials();
    if (keys.isEmpty()) {
      return null;
    }
    if (keys.size() == 1) {
      Credential only = keys.get(0);
      if (model == null || only.servesModel(model)) {
        return only;
      }
      throw noKey(provider, model);
    }
    Wheel w = wheel(provider);
    Lane lane = w.lane(model);
    if (lane == null) {
      throw noKey(provider, model);
    }
    return w.pick(lane, ticker.read());
  }

  /**
   * Rests the key after a failure that is about the key, and says whether the provider has
   * another key serving the model to try now.
   *
   * @param model the slug of the endpoint's model that the key was used for
   */
  public boolean rest(Provider provider, String model, Credential key, RouterException failure) {
    Objects.requireNonNull(model, "model");
    return restKey(provider, model, key, failure);
  }

  /**
   * Rests the key after a failure that is about the key, and says whether the provider has
   * another key, whatever its models, to try now. Prefer {@link #rest(Provider, String,
   * Credential, RouterException)}.
   */
  public boolean rest(Provider provider, Credential key, RouterException failure) {
    return restKey(provider, null, key, failure);
  }

  private boolean restKey(Provider provider, String model, Credential key,
      RouterException failure) {
    if (key == null) {
      return false;
    }
    Duration rest = rest(failure);
    if (rest == null) {
      return false;
    }
    Wheel w = wheel(provider);
    return w.rest(key, w.lane(model), ticker.read(), rest.toNanos());
  }

  private static NoEndpointException noKey(Provider provider, String model) {
    List<String> labels = new ArrayList<>();
    for (Credential c : provider.credentials()) {
      labels.add(c.label());
    }
    return new NoEndpointException("no key of provider " + provider.slug() + " serves the model "
        + model + " (its keys " + labels + " are restricted to other models)", List.of());
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

  /** The keys serving some models, by position in the provider's list, and their scores. */
  private static final class Lane {
    static final Lane NONE = new Lane(new int[0]);

    final int[] members;
    final long[] score;

    Lane(int[] members) {
      this.members = members;
      this.score = new long[members.length];
    }
  }

  /**
   * One provider's keys, their rests (shared by every model) and their lanes; rests and scores
   * are guarded by its monitor.
   */
  private static final class Wheel {
    final List<Credential> keys;
    private final boolean[] resting;
    private final long[] restingUntil;
    /** Every key: the only lane when no key is restricted, and the lane of unknown models. */
    private final Lane all;
    private final boolean restricted;
    /** Each model's lane, or {@link Lane#NONE}; filled on first use (models are few). */
    private final ConcurrentHashMap<String, Lane> byModel = new ConcurrentHashMap<>();
    /** The lanes by their members, so that models served by the same keys share one. */
    private final Map<String, Lane> byMembers = new HashMap<>();

    Wheel(List<Credential> keys) {
      this.keys = keys;
      this.resting = new boolean[keys.size()];
      this.restingUntil = new long[keys.size()];
      int[] every = new int[keys.size()];
      boolean anyRestricted = false;
      for (int i = 0; i < every.length; i++) {
        every[i] = i;
        anyRestricted |= !keys.get(i).servesEveryModel();
      }
      this.all = new Lane(every);
      this.restricted = anyRestricted;
      byMembers.put(Arrays.toString(every), all);
    }

    /** The lane of the keys serving the model (every key for null), or null when none does. */
    Lane lane(String model) {
      if (model == null || !restricted) {
        return all;
      }
      Lane lane = byModel.get(model);
      if (lane == null) {
        lane = byModel.computeIfAbsent(model, this::newLane);
      }
      return lane == Lane.NONE ? null : lane;
    }

    private Lane newLane(String model) {
      int[] members = new int[keys.size()];
      int n = 0;
      for (int i = 0; i < members.length; i++) {
        if (keys.get(i).servesModel(model)) {
          members[n++] = i;
        }
      }
      if (n == 0) {
        return Lane.NONE;
      }
      int[] exact = Arrays.copyOf(members, n);
      synchronized (this) {
        return byMembers.computeIfAbsent(Arrays.toString(exact), k -> new Lane(exact));
      }
    }

    synchronized Credential pick(Lane lane, long now) {
      int[] members = lane.members;
      long[] score = lane.score;
      long total = 0;
      int best = -1;
      int soonest = -1;
      for (int j = 0; j < members.length; j++) {
        int i = members[j];
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
        score[j] += weight;
        total += weight;
        if (best < 0 || score[j] > score[best]) {
          best = j;
        }
      }
      if (best < 0) {
        return keys.get(soonest); // every serving key rests: the one that wakes first
      }
      score[best] -= total;
      return keys.get(members[best]);
    }

    /**
     * Rests every key of the label, and says whether another key of the lane is awake (none
     * when the lane is null).
     */
    synchronized boolean rest(Credential key, Lane lane, long now, long nanos) {
      for (int i = 0; i < resting.length; i++) {
        if (keys.get(i).label().equals(key.label())) {
          resting[i] = true;
          restingUntil[i] = now + nanos;
        }
      }
      if (lane == null) {
        return false;
      }
      for (int i : lane.members) {
        if (!keys.get(i).label().equals(key.label())
            && (!resting[i] || restingUntil[i] - now <= 0)) {
          return true;
        }
      }
      return false;
    }
  }
}
