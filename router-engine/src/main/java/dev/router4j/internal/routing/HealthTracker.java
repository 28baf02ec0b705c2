package dev.router4j.internal.routing;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.spi.Ticker;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the router has seen of each endpoint: outcomes, time to first token and throughput, in
 * a bounded ring of recent samples per endpoint. Planning asks it whether an endpoint had a
 * significant outage in the last 30 seconds, and for percentiles over 5- and 30-minute windows.
 * Thread-safe; each endpoint's ring is guarded by its own lock.
 */
public final class HealthTracker {
  /** How far back an outage keeps an endpoint out of first place. */
  public static final long OUTAGE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final int RING = 256;

  private final Ticker ticker;
  private final ConcurrentHashMap<String, Ring> rings = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Ring> toolRings = new ConcurrentHashMap<>();
  /** When the latest failure anywhere was recorded; meaningful once {@link #anyFailure} is set. */
  private volatile long lastFailure;
  private volatile boolean anyFailure;
  private final Object failureLock = new Object();

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
    synchronized (failureLock) {
      if (!anyFailure || now - lastFailure > 0) {
        lastFailure = now;
      }
      anyFailure = true;
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
    return anyFailure && lastFailure - since >= 0;
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
    return rings.computeIfAbsent(id, k -> new Ring());
  }

  private static final class Ring {
    private final long[] times = new long[RING];
    private final boolean[] ok = new boolean[RING];
    private final double[] ttft = new double[RING];
    private final double[] tps = new double[RING];
    private int next;
    private int size;

    synchronized void add(long time, boolean success, double ttftSeconds, double tokensPerSecond) {
      times[next] = time;
      ok[next] = success;
      ttft[next] = ttftSeconds;
      tps[next] = tokensPerSecond;
      next = (next + 1) % RING;
      size = Math.min(size + 1, RING);
    }

    synchronized boolean stable(long since) {
      int failures = 0;
      int successes = 0;
      long latest = Long.MIN_VALUE;
      boolean latestOk = true;
      for (int i = 0; i < size; i++) {
        if (times[i] - since < 0) {
          continue;
        }
        if (ok[i]) {
          successes++;
        } else {
          failures++;
        }
        if (times[i] - latest > 0 || latest == Long.MIN_VALUE) {
          latest = times[i];
          latestOk = ok[i];
        }
      }
      return failures == 0 || (latestOk && failures <= successes);
    }

    synchronized double percentile(long since, int p, boolean latency) {
      double[] values = new double[size];
      int n = 0;
      for (int i = 0; i < size; i++) {
        double v = latency ? ttft[i] : tps[i];
        if (times[i] - since >= 0 && ok[i] && !Double.isNaN(v)) {
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

    synchronized double uptime(long since) {
      int total = 0;
      int good = 0;
      for (int i = 0; i < size; i++) {
        if (times[i] - since >= 0) {
          total++;
          if (ok[i]) {
            good++;
          }
        }
      }
      return total == 0 ? 1.0 : (double) good / total;
    }
  }
}
