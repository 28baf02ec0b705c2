package dev.router4j.internal.routing;

import dev.failsafe.CircuitBreaker;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One circuit breaker per endpoint; while open the endpoint is skipped. Thread-safe.
 *
 * <p>A closed circuit opens when both hold: the last {@code threshold} outcomes were failures
 * that say the endpoint is unwell (a success resets the run), and failures are at least half
 * of the calls <em>started</em> on the endpoint in the last ten seconds. The second rule
 * matters under concurrent load: failures often come back at once while answers take their
 * time, so the first outcomes an endpoint reports can all be failures although most of the
 * calls in flight will succeed. Counting started calls rather than finished ones keeps a
 * provider that fails one request in ten from being cut off; a provider that is down fails
 * every call it is given and opens as soon as the run is long enough.
 *
 * <p>After the delay the circuit is half-open and lets {@value #TRIALS} trial calls through
 * (Failsafe's state machine): all must succeed to close it, one failure opens it again.
 */
public final class Breakers {
  /** Trial calls let through while half-open; all of them must succeed to close the circuit. */
  static final int TRIALS = 3;
  private static final int BUCKETS = 10;
  private static final long BUCKET_NANOS = 1_000_000_000L;

  private final int threshold;
  private final Duration delay;
  private final Ticker ticker;
  private final ConcurrentHashMap<String, Circuit> circuits = new ConcurrentHashMap<>();

  /** Hears a breaker open (with the last failure) or close again. */
  public interface Observer {
    /** The endpoint's circuit opened. */
    void opened(String endpointId, String reason);

    /** The endpoint's circuit closed again after successful trials. */
    void closed(String endpointId);
  }

  private final Observer observer;

  /** Breakers opening after {@code threshold} failures in a row, for {@code delay}. */
  public Breakers(int threshold, Duration delay) {
    this(threshold, delay, null, Ticker.system());
  }

  /** Breakers that tell the observer when they open and close, timed by the ticker. */
  public Breakers(int threshold, Duration delay, Observer observer, Ticker ticker) {
    this.threshold = threshold;
    this.delay = delay;
    this.observer = observer;
    this.ticker = ticker;
  }

  private Circuit circuit(String id) {
    Circuit c = circuits.get(id);
    return c != null ? c : circuits.computeIfAbsent(id, Circuit::new);
  }

  /** Whether a call to the endpoint may go ahead now (takes a trial permit when half-open). */
  public boolean permit(String endpointId) {
    return circuit(endpointId).permit();
  }

  /** Records a success. */
  public void success(String endpointId) {
    Circuit c = circuits.get(endpointId);
    if (c != null) {
      c.success();
    }
  }

  /** Records a failure; only failures that say the endpoint is unwell count. */
  public void failure(String endpointId, ErrorCategory category, String detail) {
    failure(endpointId, category, new Failure(category, detail, null));
  }

  /**
   * Records a failed attempt; only failures that say the endpoint is unwell count. The reason
   * shown in events and {@link #states()} is the error's message, made only when read.
   */
  public void failure(String endpointId, RouterException error) {
    failure(endpointId, error.category(), new Failure(error.category(), null, error));
  }

  private void failure(String endpointId, ErrorCategory category, Failure why) {
    if (HealthTracker.countsAgainstEndpoint(category)) {
      circuit(endpointId).failure(why);
    } else {
      success(endpointId); // the endpoint answered; the request was the problem
    }
  }

  /** The last failure of an endpoint, kept as it came: most are never read. */
  private record Failure(ErrorCategory category, String detail, RouterException error) {
    String text() {
      String d = error != null ? error.getMessage() : detail;
      return category + (d == null ? "" : ": " + d);
    }
  }

  /** One breaker's visible state. */
  public record State(String endpointId, String state, int consecutiveFailures,
      Duration remainingDelay, String lastFailure) {}

  /** Every breaker's state, by endpoint id. */
  public List<State> states() {
    Map<String, Circuit> sorted = new TreeMap<>(circuits);
    List<State> out = new ArrayList<>(sorted.size());
    sorted.forEach((id, c) -> out.add(new State(id, c.breaker.getState().name(), c.run.get(),
        c.breaker.getRemainingDelay(), c.reason())));
    return out;
  }

  /** Whether the endpoint's breaker is open now. */
  public boolean isOpen(String endpointId) {
    Circuit c = circuits.get(endpointId);
    return c != null && c.breaker.isOpen();
  }

  /** One endpoint's circuit: Failsafe's state machine and the counts that decide opening. */
  private final class Circuit {
    private static final int SECOND = 0;
    private static final int STARTED = 1;
    private static final int FAILED = 2;
    private static final int SLOTS = 3;

    private final CircuitBreaker<Object> breaker;
    /**
     * Whether the breaker is closed, as last read: the check made before every call reads this
     * one field rather than Failsafe's state objects, which a call that comes after a long
     * stream would find gone from the caches. Failsafe runs its transition listeners after
     * releasing its lock, so two of them may run out of order: each listener, and each
     * recorded outcome, therefore reads the live state again rather than trusting the event,
     * and the next outcome mends any stale value.
     */
    private volatile boolean closed = true;
    /** Failures in a row, reset by a success. */
    private final AtomicInteger run = new AtomicInteger();
    /** Per one-second bucket, side by side in one array: its second, calls started, failures. */
    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS * SLOTS);
    private volatile Failure last;

    Circuit(String id) {
      // Failsafe counts only while half-open (see failure()): one failed trial reopens.
      var b = CircuitBreaker.builder().withFailureThreshold(1).withSuccessThreshold(TRIALS)
          .withDelay(delay);
      b.onOpen(e -> {
        readState();
        if (observer != null) {
          observer.opened(id, reason());
        }
      });
      b.onHalfOpen(e -> readState());
      b.onClose(e -> {
        readState();
        if (observer != null) {
          observer.closed(id);
        }
      });
      this.breaker = b.build();
      for (int i = 0; i < BUCKETS; i++) {
        buckets.set(i * SLOTS + SECOND, Long.MIN_VALUE);
      }
    }

    boolean permit() {
      if (closed) {
        count(STARTED);
        return true;
      }
      return breaker.tryAcquirePermit();
    }

    void success() {
      run.set(0);
      if (!breaker.isClosed()) {
        breaker.recordSuccess();
        readState();
      } else if (!closed) {
        closed = true; // mends a stale value without writing the field on every call
      }
    }

    /** Reads the breaker's live state into {@link #closed}. */
    private void readState() {
      closed = breaker.isClosed();
    }

    String reason() {
      Failure f = last;
      return f == null ? null : f.text();
    }

    void failure(Failure why) {
      last = why;
      count(FAILED);
      int inARow = run.incrementAndGet();
      if (!breaker.isClosed()) {
        breaker.recordFailure(); // a failed trial
      } else if (inARow >= threshold && mostlyFailing()) {
        synchronized (this) { // concurrent failures open it once, and say so once
          if (breaker.isClosed()) {
            breaker.open();
          }
        }
      }
      readState();
    }

    /** Failures are at least half of the calls started in the window. */
    private boolean mostlyFailing() {
      long now = ticker.read() / BUCKET_NANOS;
      long starts = 0;
      long failures = 0;
      for (int i = 0; i < BUCKETS; i++) {
        long second = buckets.get(i * SLOTS + SECOND);
        long age = now - second;
        if (second != Long.MIN_VALUE && age >= 0 && age < BUCKETS) {
          starts += buckets.get(i * SLOTS + STARTED);
          failures += buckets.get(i * SLOTS + FAILED);
        }
      }
      return failures * 2 >= starts;
    }

    private void count(int slot) {
      long now = ticker.read() / BUCKET_NANOS;
      int at = (int) Math.floorMod(now, (long) BUCKETS) * SLOTS;
      long was = buckets.get(at + SECOND);
      if (was != now && buckets.compareAndSet(at + SECOND, was, now)) {
        // A new second takes over the bucket; a count racing with the reset may be lost,
        // which only nudges a heuristic.
        buckets.set(at + STARTED, 0);
        buckets.set(at + FAILED, 0);
      }
      buckets.incrementAndGet(at + slot);
    }
  }
}
