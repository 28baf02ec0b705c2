package dev.router4j.internal.routing;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.spi.Ticker;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the router has seen of each endpoint: outcomes, time to first token and throughput, in
 * a bounded ring of recent samples per endpoint. Planning asks it whether an endpoint had a
 * significant outage in the last 30 seconds, and for percentiles over 5- and 30-minute windows.
 * Thread-safe and lock-free on the call path: every call records an outcome, and calls from many
 * threads to one endpoint must not queue on a lock for it. A ring slot is claimed with one atomic
 * increment and holds an immutable sample; readers look at whatever samples are published.
 */
public final class HealthTracker {
  /** How far back an outage keeps an endpoint out of first place. */
  public static final long OUTAGE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final int RING = 256;

  private final Ticker ticker;
  private final ConcurrentHashMap<String, Ring> rings = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Ring> toolRings = new ConcurrentHashMap<>();
  /** When the latest failure anywhere was recorded; meaningful once {@link #anyFailure} is set. */
  private final AtomicLong lastFailure = new AtomicLong();
  private volatile boolean anyFailure;
  /** Taken once, by the first failure, so that {@link #lastFailure} starts from a real time. */
  private final Object firstFailureLock = new Object();

  /** A tracker reading time from the ticker. */
  public HealthTracker(Ticker ticker) {
    this.ticker = ticker;
  }

  /**
   * Records a successful attempt.
   *
   * @param endpointId the endpoint's id
   * @param ttftNanos time to first token (or to the whole reply when not streamed)
   * @param completionTokens tokens generated
   * @param generationNanos time from the first token to the end
   */
  public void success(String endpointId, long ttftNanos, int completionTokens, long generationNanos) {
    double tps = generationNanos <= 0 || completionTokens <= 0 ? Double.NaN
        : completionTokens / (generationNanos / 1e9);
    ring(endpointId).add(ticker.read(), true, ttftNanos / 1e9, tps);
  }

  /**
   * Records whether an answer's tool calls were usable (arguments that are valid JSON), the
   * quality signal behind {@code :exacto}.
   */
  public void toolCalls(String endpointId, boolean usable) {
    toolRings.computeIfAbsent(endpointId, k -> new Ring()).add(ticker.read(), usable, Double.NaN,
        Double.NaN);
  }

  /** The share of answers with usable tool calls over the window (1.0 without samples). */
  public double toolCallSuccess(String endpointId, long windowNanos) {
    Ring r = toolRings.get(endpointId);
    return r == null ? 1.0 : r.uptime(ticker.read() - windowNanos);
  }

  /** Records a failed attempt; failures that say nothing about the endpoint are ignored. */
  public void failure(String endpointId, ErrorCategory category) {
    if (!countsAgainstEndpoint(category)) {
      return;
    }
    long now = ticker.read();
    // Noted before the ring so that a planner seeing no recent failure anywhere can skip the
    // per-endpoint lookups; a planner racing this call sees the endpoint as it was before.
    if (!anyFailure) {
      synchronized (firstFailureLock) {
        if (!anyFailure) {
          lastFailure.set(now);
          anyFailure = true;
        }
      }
    }
    long latest = lastFailure.get();
    while (now - latest > 0 && !lastFailure.compareAndSet(latest, now)) {
      latest = lastFailure.get(); // never moves back, and is not written when already later
    }
    ring(endpointId).add(now, false, Double.NaN, Double.NaN);
  }

  /** Whether a failure of this category says the endpoint is unwell. */
  public static boolean countsAgainstEndpoint(ErrorCategory category) {
    switch (category) {
      case TIMEOUT:
      case RATE_LIMITED:
      case PROVIDER_OVERLOADED:
      case PROVIDER_ERROR:
      case TRANSPORT:
      case STREAM_INTERRUPTED:
        return true;
      default:
        return false;
    }
  }

  /**
   * Whether the endpoint has had no significant outage in the last 30 seconds: it is unstable
   * when its latest outcome in the window was a failure, or failures outnumber successes there.
   */
  public boolean isStable(String endpointId) {
    long since = ticker.read() - OUTAGE_WINDOW_NANOS;
    if (!failedSince(since)) {
      return true;
    }
    Ring r = rings.get(endpointId);
    return r == null || r.stable(since);
  }

  /**
   * Whether every endpoint is stable: no failure at all was recorded in the last 30 seconds.
   * One read of the ticker, no lookup; when it is false, ask {@link #isStable} per endpoint.
   */
  public boolean allStable() {
    return !failedSince(ticker.read() - OUTAGE_WINDOW_NANOS);
  }

  /** Whether some endpoint recorded a failure at or after {@code since}. */
  private boolean failedSince(long since) {
    return anyFailure && lastFailure.get() - since >= 0;
  }

  /**
   * A percentile of time to first token in seconds over the window, or NaN without samples.
   *
   * @param percentile 50, 75, 90 or 99
   */
  public double latency(String endpointId, int percentile, long windowNanos) {
    Ring r = rings.get(endpointId);
    return r == null ? Double.NaN : r.percentile(ticker.read() - windowNanos, percentile, true);
  }

  /** A percentile of throughput in tokens per second over the window, or NaN without samples. */
  public double throughput(String endpointId, int percentile, long windowNanos) {
    Ring r = rings.get(endpointId);
    return r == null ? Double.NaN : r.percentile(ticker.read() - windowNanos, percentile, false);
  }

  /** The share of successful attempts over the window (1.0 without samples). */
  public double uptime(String endpointId, long windowNanos) {
    Ring r = rings.get(endpointId);
    return r == null ? 1.0 : r.uptime(ticker.read() - windowNanos);
  }

  private Ring ring(String id) {
    Ring r = rings.get(id);
    return r != null ? r : rings.computeIfAbsent(id, k -> new Ring());
  }

  /** One outcome; immutable, so a reader sees all of it or none. */
  private record Sample(long time, boolean ok, double ttft, double tps) {}

  /** The latest {@value #RING} samples of one endpoint (fewer until it has had as many). */
  private static final class Ring {
    private final AtomicReferenceArray<Sample> samples = new AtomicReferenceArray<>(RING);
    /** Samples written so far; its low bits pick the next slot (it may wrap: RING is 2^k). */
    private final AtomicInteger written = new AtomicInteger();

    void add(long time, boolean success, double ttftSeconds, double tokensPerSecond) {
      int slot = written.getAndIncrement() & (RING - 1);
      samples.setRelease(slot, new Sample(time, success, ttftSeconds, tokensPerSecond));
    }

    /** How many slots may hold a sample: those claimed so far, at most all of them. */
    private int filled() {
      int w = written.get();
      return w < 0 || w > RING ? RING : w;
    }

    boolean stable(long since) {
      int failures = 0;
      int successes = 0;
      long latest = Long.MIN_VALUE;
      boolean latestOk = true;
      for (int i = 0, n = filled(); i < n; i++) {
        Sample s = samples.getAcquire(i);
        if (s == null || s.time() - since < 0) {
          continue;
        }
        if (s.ok()) {
          successes++;
        } else {
          failures++;
        }
        if (s.time() - latest > 0 || latest == Long.MIN_VALUE) {
          latest = s.time();
          latestOk = s.ok();
        }
      }
      return failures == 0 || (latestOk && failures <= successes);
    }

    double percentile(long since, int p, boolean latency) {
      int size = filled();
      double[] values = new double[size];
      int n = 0;
      for (int i = 0; i < size; i++) {
        Sample s = samples.getAcquire(i);
        if (s == null) {
          continue;
        }
        double v = latency ? s.ttft() : s.tps();
        if (s.time() - since >= 0 && s.ok() && !Double.isNaN(v)) {
          values[n++] = v;
        }
      }
      if (n == 0) {
        return Double.NaN;
      }
      Arrays.sort(values, 0, n);
      int rank = (int) Math.ceil(p / 100.0 * n) - 1;
      return values[Math.max(0, Math.min(n - 1, rank))];
    }

    double uptime(long since) {
      int total = 0;
      int good = 0;
      for (int i = 0, n = filled(); i < n; i++) {
        Sample s = samples.getAcquire(i);
        if (s != null && s.time() - since >= 0) {
          total++;
          if (s.ok()) {
            good++;
          }
        }
      }
      return total == 0 ? 1.0 : (double) good / total;
    }
  }
}
