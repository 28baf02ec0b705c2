package dev.router4j;

import dev.router4j.api.ChatResponse;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.error.RouterException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts what the router does and tells the listeners, shielding calls from their failures. */
final class Events implements dev.router4j.internal.routing.Breakers.Observer {
  private static final Logger log = LoggerFactory.getLogger(Events.class);

  // An array, walked by index: no iterator per event, and nothing at all without listeners.
  private final RouterListener[] listeners;
  private final LongAdder calls = new LongAdder();
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder attempts = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder fallbacks = new LongAdder();
  private final LongAdder healed = new LongAdder();

  Events(List<RouterListener> listeners) {
    this.listeners = List.copyOf(listeners).toArray(new RouterListener[0]);
  }

  void callStarted() {
    calls.increment();
  }

  void attempt(RouteAttempt a) {
    if (a.outcome() != RouteAttempt.Outcome.SKIPPED) {
      attempts.increment();
    }
    if (a.outcome() == RouteAttempt.Outcome.RETRIED) {
      retries.increment();
    } else if (a.outcome() == RouteAttempt.Outcome.FELL_BACK) {
      fallbacks.increment();
    }
    for (RouterListener l : listeners) {
      try {
        l.attemptEnded(a);
      } catch (RuntimeException e) {
        log.warn("listener {} failed in attemptEnded", l.getClass().getName(), e);
      }
    }
  }

  @Override
  public void opened(String endpointId, String reason) {
    circuitOpened(endpointId, reason);
  }

  @Override
  public void closed(String endpointId) {
    circuitClosed(endpointId);
  }

  void circuitOpened(String endpointId, String reason) {
    for (RouterListener l : listeners) {
      try {
        l.circuitOpened(endpointId, reason);
      } catch (RuntimeException e) {
        log.warn("listener {} failed in circuitOpened", l.getClass().getName(), e);
      }
    }
  }

  void circuitClosed(String endpointId) {
    for (RouterListener l : listeners) {
      try {
        l.circuitClosed(endpointId);
      } catch (RuntimeException e) {
        log.warn("listener {} failed in circuitClosed", l.getClass().getName(), e);
      }
    }
  }

  void healed(ChatResponse r) {
    healed.increment();
    for (RouterListener l : listeners) {
      try {
        l.healed(r, r.healing());
      } catch (RuntimeException e) {
        log.warn("listener {} failed in healed", l.getClass().getName(), e);
      }
    }
  }

  void succeeded(ChatResponse r) {
    succeeded.increment();
    for (RouterListener l : listeners) {
      try {
        l.callSucceeded(r);
      } catch (RuntimeException e) {
        log.warn("listener {} failed in callSucceeded", l.getClass().getName(), e);
      }
    }
  }

  void failed(RouterException error) {
    failed.increment();
    for (RouterListener l : listeners) {
      try {
        l.callFailed(error);
      } catch (RuntimeException e) {
        log.warn("listener {} failed in callFailed", l.getClass().getName(), e);
      }
    }
  }

  RouterMetrics metrics() {
    return new RouterMetrics(calls.sum(), succeeded.sum(), failed.sum(), attempts.sum(),
        retries.sum(), fallbacks.sum(), healed.sum());
  }
}
