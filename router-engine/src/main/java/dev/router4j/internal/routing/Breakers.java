package dev.router4j.internal.routing;

import dev.failsafe.CircuitBreaker;
import dev.router4j.api.error.ErrorCategory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per endpoint (Failsafe's), opened by consecutive failures that say the
 * endpoint is unwell; while open the endpoint is skipped, after the delay one trial call is let
 * through. Thread-safe.
 */
public final class Breakers {
  private final int threshold;
  private final Duration delay;
  private final ConcurrentHashMap<String, CircuitBreaker<Object>> breakers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> reasons = new ConcurrentHashMap<>();

  /** Hears a breaker open (with the last failure) or close again. */
  public interface Observer {
    /** The endpoint's circuit opened. */
    void opened(String endpointId, String reason);

    /** The endpoint's circuit closed again after a successful trial. */
    void closed(String endpointId);
  }

  private final Observer observer;

  /** Breakers opening after {@code threshold} consecutive failures, for {@code delay}. */
  public Breakers(int threshold, Duration delay) {
    this(threshold, delay, null);
  }

  /** Breakers that tell the observer when they open and close. */
  public Breakers(int threshold, Duration delay, Observer observer) {
    this.threshold = threshold;
    this.delay = delay;
    this.observer = observer;
  }

  private CircuitBreaker<Object> breaker(String id) {
    return breakers.computeIfAbsent(id, k -> {
      var b = CircuitBreaker.builder().withFailureThreshold(threshold).withDelay(delay);
      if (observer != null) {
        b.onOpen(e -> observer.opened(id, reasons.get(id)));
        b.onClose(e -> observer.closed(id));
      }
      return b.build();
    });
  }

  /** Whether a call to the endpoint may go ahead now (takes the trial permit when half-open). */
  public boolean permit(String endpointId) {
    CircuitBreaker<Object> b = breakers.get(endpointId);
    return b == null || b.tryAcquirePermit();
  }

  /** Records a success. */
  public void success(String endpointId) {
    CircuitBreaker<Object> b = breakers.get(endpointId);
    if (b != null) {
      b.recordSuccess();
    }
  }

  /** Records a failure; only failures that say the endpoint is unwell count. */
  public void failure(String endpointId, ErrorCategory category, String detail) {
    if (HealthTracker.countsAgainstEndpoint(category)) {
      reasons.put(endpointId, category + (detail == null ? "" : ": " + detail));
      breaker(endpointId).recordFailure();
    } else {
      success(endpointId); // the endpoint answered; the request was the problem
    }
  }

  /** One breaker's visible state. */
  public record State(String endpointId, String state, int consecutiveFailures,
      Duration remainingDelay, String lastFailure) {}

  /** Every breaker's state, by endpoint id. */
  public List<State> states() {
    Map<String, CircuitBreaker<Object>> sorted = new TreeMap<>(breakers);
    List<State> out = new ArrayList<>(sorted.size());
    sorted.forEach((id, b) -> out.add(new State(id, b.getState().name(), (int) b.getFailureCount(),
        b.getRemainingDelay(), reasons.get(id))));
    return out;
  }

  /** Whether the endpoint's breaker is open now. */
  public boolean isOpen(String endpointId) {
    CircuitBreaker<Object> b = breakers.get(endpointId);
    return b != null && b.isOpen();
  }
}
