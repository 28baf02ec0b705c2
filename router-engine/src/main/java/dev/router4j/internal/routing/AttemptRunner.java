package dev.router4j.internal.routing;

import dev.router4j.api.ChatResponse;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.error.AllRoutesFailedException;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.Sleeper;
import dev.router4j.api.spi.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a route plan for a blocking call: skips endpoints whose circuit is open, calls each
 * adapter under a timeout cut to the remaining deadline, retries the same endpoint where
 * {@link AttemptPolicy} says it helps, falls back where another endpoint may succeed, and
 * records every attempt for the route trace, the health tracker and the circuit breakers.
 */
public final class AttemptRunner {
  private static final Logger log = LoggerFactory.getLogger(AttemptRunner.class);

  private final Ticker ticker;
  private final AttemptPolicy policy;
  private final Breakers breakers;
  private final HealthTracker health;
  private final RandomGenerator random;
  private final Sleeper sleeper;
  private final KeyRing keys;
  private final java.util.function.Consumer<RouteAttempt> observer;

  /** A runner. */
  public AttemptRunner(Ticker ticker, AttemptPolicy policy, Breakers breakers, HealthTracker health,
      RandomGenerator random, Sleeper sleeper, KeyRing keys,
      java.util.function.Consumer<RouteAttempt> observer) {
    this.ticker = ticker;
    this.policy = policy;
    this.breakers = breakers;
    this.health = health;
    this.random = random;
    this.sleeper = sleeper;
    this.keys = keys;
    this.observer = observer;
  }

  private void note(List<RouteAttempt> trace, RouteAttempt attempt) {
    trace.add(attempt);
    observer.accept(attempt);
  }

  /** What a successful walk produced; its ticket is settled once the cost is known. */
  public record Success(ChatResponse response, Step step, List<RouteAttempt> trace,
      AttemptGate.Ticket ticket) {}

  /**
   * Tries the plan's steps in order.
   *
   * @throws RouterException the first failure not worth a fallback, the only failure, or an
   *     {@link AllRoutesFailedException} holding every failure
   */
  public Success run(RoutePlan plan) {
    return run(plan, AttemptGate.OPEN);
  }

  /**
   * Tries the plan's steps in order, each admitted by the gate first; a step the gate refuses
   * is skipped (the next may be cheaper or under another limit).
   */
  public Success run(RoutePlan plan, AttemptGate gate) {
    long deadline = ticker.read() + policy.deadline().toNanos();
    List<Step> steps = plan.steps();
    List<RouteAttempt> trace = new ArrayList<>(steps.size());
    List<RouterException> failures = new ArrayList<>();
    int contextNeeded = 0; // after a context-length error, only larger contexts are worth trying
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      String id = step.route().id(); // made once per route: its hash too, for every lookup
      if (contextNeeded > 0 && step.route().endpoint().contextLength() <= contextNeeded) {
        note(trace, skipped(step, "context " + step.route().endpoint().contextLength()
            + " is not larger than the one that overflowed"));
        continue;
      }
      if (!breakers.permit(id)) {
        note(trace, skipped(step, "circuit open"));
        continue;
      }
      int rotations = 0;
      for (int retry = 0; ; retry++) {
        long remaining = deadline - ticker.read();
        if (remaining <= 0) {
          failures.add(new RouterException(ErrorCategory.TIMEOUT,
              "deadline of " + policy.deadline().toMillis() + " ms passed before " + id));
          throw fail(failures);
        }
        Duration timeout = Duration.ofNanos(Math.min(policy.attemptTimeout().toNanos(), remaining));
        long start = ticker.read();
        Credential key = keys.pick(step.route().provider(), step.route().endpoint().model());
        AttemptGate.Ticket ticket;
        try {
          ticket = gate.enter(step, key, remaining);
        } catch (RouterException refused) {
          failures.add(refused);
          note(trace, skipped(step, refused.getMessage()));
          if (!refused.fallbackWorthy()) {
            throw fail(failures);
          }
          break;
        }
        try {
          ChatResponse response = call(step, key, timeout);
          long took = ticker.read() - start;
          health.success(id, took, completionTokens(response), took);
          if (!step.request().tools().isEmpty() && !response.toolCalls().isEmpty()) {
            health.toolCalls(id, usableToolCalls(response));
          }
          breakers.success(id);
          note(trace, record(step, RouteAttempt.Outcome.SUCCESS, null, start));
          return new Success(response, step, List.copyOf(trace), ticket);
        } catch (RouterException e) {
          ticket.release();
          health.failure(id, e.category());
          breakers.failure(id, e);
          failures.add(e);
          if (keys.rest(step.route().provider(), step.route().endpoint().model(), key, e)
              && ++rotations < step.route().provider().credentials().size()) {
            // The key, not the endpoint, was the problem: go on at once with another key.
            note(trace, record(step, RouteAttempt.Outcome.RETRIED, e, start));
            retry--;
            continue;
          }
          Duration delay = policy.retryDelay(e, retry + 1, random);
          if (delay != null && ticker.read() + delay.toNanos() < deadline) {
            note(trace, record(step, RouteAttempt.Outcome.RETRIED, e, start));
            if (log.isDebugEnabled()) { // three arguments: an array and a box otherwise
              log.debug("retrying {} in {} ms after {}", id, delay.toMillis(), e.category());
            }
            pause(delay);
            continue;
          }
          boolean more = i < steps.size() - 1;
          if (!more || !AttemptPolicy.fallBack(e)) {
            note(trace, record(step, RouteAttempt.Outcome.FAILED, e, start));
            throw fail(failures);
          }
          note(trace, record(step, RouteAttempt.Outcome.FELL_BACK, e, start));
          log.debug("attempt {} failed ({}), falling back", id, e.category());
          if (e.category() == ErrorCategory.CONTEXT_LENGTH_EXCEEDED) {
            contextNeeded = Math.max(contextNeeded, step.route().endpoint().contextLength());
          }
          break;
        }
      }
    }
    if (failures.isEmpty()) {
      throw new RouterException(ErrorCategory.PROVIDER_OVERLOADED,
          "every endpoint was skipped: " + trace);
    }
    throw fail(failures);
  }

  private ChatResponse call(Step step, Credential credential, Duration timeout) {
    Route route = step.route();
    ProviderCall call = new ProviderCall(
        RequestShaper.forEndpoint(step.request(), route.endpoint()), route.endpoint(), credential,
        timeout);
    return route.provider().adapter().chat(call);
  }

  private void pause(Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new RouterException(ErrorCategory.CANCELLED, "interrupted while waiting to retry", ie);
    }
  }

  /**
   * What the caller gets: the only failure, or every failure in an {@link
   * AllRoutesFailedException} (made here, with the caller's stack trace). An only failure that
   * an adapter made without a stack trace is rethrown as a copy that has the caller's.
   */
  private static RouterException fail(List<RouterException> failures) {
    if (failures.size() > 1) {
      return new AllRoutesFailedException(failures);
    }
    RouterException only = failures.get(0);
    if (only instanceof ProviderException p && p.getStackTrace().length == 0) {
      return p.toBuilder().build();
    }
    return only;
  }

  private static boolean usableToolCalls(ChatResponse r) {
    for (var call : r.toolCalls()) {
      if (!dev.router4j.internal.healing.StrictJsonScanner.isValid(call.arguments())) {
        return false;
      }
    }
    return true;
  }

  private static int completionTokens(ChatResponse r) {
    return r.usage() == null ? 0 : r.usage().completion();
  }

  private RouteAttempt skipped(Step step, String why) {
    Route route = step.route();
    return new RouteAttempt(route.provider().slug(), route.endpoint().model(),
        route.id(), RouteAttempt.Outcome.SKIPPED, null, 0, why, Duration.ZERO);
  }

  private RouteAttempt record(Step step, RouteAttempt.Outcome outcome, RouterException e,
      long start) {
    Route route = step.route();
    Duration latency = Duration.ofNanos(Math.max(0, ticker.read() - start));
    int status = e instanceof ProviderException p ? p.httpStatus() : 0;
    return new RouteAttempt(route.provider().slug(), route.endpoint().model(),
        route.id(), outcome, e == null ? null : e.category(), status,
        e == null ? null : e.getMessage(), latency);
  }
}
