package dev.router4j.internal.streaming;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The router's one timer thread, for the watch that every stream attempt sets (its first
 * token, its timeout, the deadline) and cancels once it is moot.
 *
 * <p>A scheduled executor wakes its thread whenever a new task becomes the earliest one. With
 * streams one after another, every watch would be the earliest (the last stream's was
 * cancelled and removed), and each stream would wake the timer thread for nothing: a context
 * switch on the path to its first chunk. Once streams are used, a no-op task
 * therefore runs every {@link #PACE_SECONDS} seconds: it is always the earliest task, so that a
 * watch of a minute or more is queued without waking anyone. Watches due sooner than the next
 * pace still wake the thread, and fire on time.
 */
public final class WatchTimer {
  /** How often the no-op task runs, once a stream has asked for the timer. */
  static final long PACE_SECONDS = 10;

  private final ScheduledThreadPoolExecutor executor;
  private final AtomicBoolean paced = new AtomicBoolean();

  /** A timer whose thread is a daemon named {@code router4j-timer}, started on first use. */
  public WatchTimer() {
    executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "router4j-timer");
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true); // watches are cancelled far more often than run
  }

  /** The executor for streams' watches, the pace started on the first call. */
  public ScheduledExecutorService forStreams() {
    if (!paced.get() && paced.compareAndSet(false, true)) {
      executor.scheduleWithFixedDelay(() -> { }, PACE_SECONDS, PACE_SECONDS, TimeUnit.SECONDS);
    }
    return executor;
  }

  /** Stops the thread; watches not yet run never run. */
  public void shutdownNow() {
    executor.shutdownNow();
  }

  /** Whether the pace task has been started (for tests). */
  boolean paced() {
    return paced.get();
  }

  /** How many tasks are queued, the pace included (for tests). */
  int queued() {
    return executor.getQueue().size();
  }

  /** The earliest queued task's delay, in nanoseconds, or -1 when none (for tests). */
  long earliestDelayNanos() {
    java.util.concurrent.Delayed head = (java.util.concurrent.Delayed) executor.getQueue().peek();
    return head == null ? -1 : head.getDelay(TimeUnit.NANOSECONDS);
  }
}
