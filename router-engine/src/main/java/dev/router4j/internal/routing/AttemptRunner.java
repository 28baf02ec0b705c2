package dev.router4j.internal.routing;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.error.AllRoutesFailedException;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a route plan: calls each route's adapter in turn until one answers, moving on only
 * when the failure is worth a fallback, and records every attempt for the route trace.
 */
public final class AttemptRunner {
  private static final Logger log = LoggerFactory.getLogger(AttemptRunner.class);

  private final Ticker ticker;
  private final Duration attemptTimeout;

  /** A runner timing attempts with the ticker, each bounded by {@code attemptTimeout}. */
  public AttemptRunner(Ticker ticker, Duration attemptTimeout) {
    this.ticker = ticker;
    this.attemptTimeout = attemptTimeout;
  }

  /** What a successful walk produced. */
  public record Success(ChatResponse response, Route route, List<RouteAttempt> trace) {}

  /**
   * Tries the routes in order.
   *
   * @throws RouterException the first failure not worth a fallback, the only failure, or an
   *     {@link AllRoutesFailedException} holding every failure
   */
  public Success run(ChatRequest request, List<Route> plan) {
    List<RouteAttempt> trace = new ArrayList<>(plan.size());
    List<RouterException> failures = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      Route route = plan.get(i);
      Credential credential = route.provider().credentials().isEmpty()
          ? null : route.provider().credentials().get(0);
      ProviderCall call = new ProviderCall(request, route.endpoint(), credential, attemptTimeout);
      long start = ticker.read();
      try {
        ChatResponse response = route.provider().adapter().chat(call);
        trace.add(attempt(route, RouteAttempt.Outcome.SUCCESS, null, start));
        return new Success(response, route, List.copyOf(trace));
      } catch (RouterException e) {
        boolean last = i == plan.size() - 1;
        boolean fallBack = e.fallbackWorthy() && !last;
        trace.add(attempt(route,
            fallBack ? RouteAttempt.Outcome.FELL_BACK : RouteAttempt.Outcome.FAILED, e, start));
        log.debug("attempt {} failed ({}), {}", route.endpoint().id(), e.category(),
            fallBack ? "falling back" : "giving up");
        failures.add(e);
        if (!fallBack) {
          throw failures.size() == 1 ? e : new AllRoutesFailedException(failures);
        }
      }
    }
    throw new IllegalStateException("empty route plan");
  }

  private RouteAttempt attempt(Route route, RouteAttempt.Outcome outcome, RouterException e,
      long start) {
    Duration latency = Duration.ofNanos(Math.max(0, ticker.read() - start));
    int status = e instanceof ProviderException p ? p.httpStatus() : 0;
    return new RouteAttempt(route.provider().slug(), route.endpoint().model(),
        route.endpoint().id(), outcome, e == null ? null : e.category(), status,
        e == null ? null : e.getMessage(), latency);
  }
}
