package dev.router4j;

import dev.router4j.api.ChatResponse;
import dev.router4j.api.Healing;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.error.RouterException;

/**
 * Hears what the router does, for logging, metrics and audits. Every method does nothing by
 * default; override the ones you need. Methods are called on the thread doing the work, so
 * they must be quick and must not call the router; an exception thrown by a listener is
 * caught and logged, never passed to the caller.
 */
public abstract class RouterListener {
  /** An attempt at one endpoint ended (success, retry, fallback, failure or skip). */
  public void attemptEnded(RouteAttempt attempt) {}

  /** The router repaired the answer before returning it. */
  public void healed(ChatResponse response, Healing healing) {}

  /** An endpoint's circuit breaker opened: it is skipped until its trial call succeeds. */
  public void circuitOpened(String endpointId, String lastFailure) {}

  /** An endpoint's circuit breaker closed again. */
  public void circuitClosed(String endpointId) {}

  /** A call finished with an answer. */
  public void callSucceeded(ChatResponse response) {}

  /** A call failed; {@code error} is what the caller gets. */
  public void callFailed(RouterException error) {}
}
