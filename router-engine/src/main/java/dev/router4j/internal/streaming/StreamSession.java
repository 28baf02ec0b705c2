package dev.router4j.internal.streaming;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.error.AllRoutesFailedException;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.PulledStream;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.api.spi.Ticker;
import dev.router4j.internal.routing.AttemptGate;
import dev.router4j.internal.routing.AttemptPolicy;
import dev.router4j.internal.routing.Breakers;
import dev.router4j.internal.routing.HealthTracker;
import dev.router4j.internal.routing.KeyRing;
import dev.router4j.internal.routing.RequestShaper;
import dev.router4j.internal.routing.Route;
import dev.router4j.internal.routing.RoutePlan;
import dev.router4j.internal.routing.Step;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One routed stream: walks the route plan like the blocking path, but may fall back only
 * while nothing has reached the caller. Chunks that carry no output (a role-only first chunk)
 * are held back until the first one that does, so a failure before the first token can still
 * move to the next endpoint. After that, a failure ends the stream with the typed error.
 *
 * <p>The rules are the blocking path's: a key that the provider refused is rotated out and the
 * same endpoint is asked again with the next key; after a context-length error only endpoints
 * with a larger context are tried; and one deadline bounds the whole stream, every retry and
 * fallback included — when it passes, the attempt in flight is cancelled and the stream ends
 * with a timeout (a stream-interrupted error carrying the partial text once output has
 * started). Each attempt is also bounded by its own timeout and, until its first output, by
 * the first-token timeout; the session keeps both with one timer task per attempt.
 *
 * <p>Where the adapter offers a {@link PulledStream}, the consumer's thread reads the reply
 * itself inside {@link #next()}: what the pump delivers on that thread goes to a plain deque
 * that only the consumer's thread touches, so each chunk reaches the caller without a hand-off
 * between threads or a lock on a queue. Otherwise the adapter's thread hands chunks over
 * through a bounded queue: a slow consumer slows the read of the HTTP body (back-pressure)
 * instead of filling the heap. The queue also carries what other threads decide (a timer's
 * timeout, a cancellation, a retry that starts a new attempt); {@link #next()} takes the
 * pumped items first, which keeps the order in which the attempt's lock let them through.
 */
public final class StreamSession {
  /** Prices and records a finished stream. */
  public interface Finisher {
    /** Turns the assembled answer into the final response. */
    ChatResponse finish(ChatResponse assembled, Step step, List<RouteAttempt> trace,
        AttemptGate.Ticket ticket, long firstTokenNanos);

    /**
     * A stream that had delivered output ended early (broken, or cancelled by the caller):
     * the provider has billed what it generated, so the partial answer is priced from an
     * estimate, charged and recorded.
     */
    void interrupted(ChatResponse partial, Step step, List<RouteAttempt> trace,
        AttemptGate.Ticket ticket, long firstTokenNanos, boolean cancelled);

    /** The stream ended with this error (not a cancellation by the caller). */
    void failed(RouterException error);
  }

  private static final Object END = new Object();
  /** Wakes a waiting consumer to read a pulled attempt started on another thread. */
  private static final Object WAKE = new Object();
  private static final int CAPACITY = 256;

  private final List<Step> plan;
  private final Ticker ticker;
  private final Duration timeout;
  private final Breakers breakers;
  private final HealthTracker health;
  private final KeyRing keys;
  private final Finisher finisher;
  private final ScheduledExecutorService timer;
  private final Duration firstTokenTimeout;
  private final java.util.function.Consumer<RouteAttempt> observer;
  private final AttemptGate gate;
  private AttemptPolicy policy = null;
  private java.util.random.RandomGenerator random;
  private final int[] retries;
  private final int[] rotations;
  private long deadlineAt = Long.MAX_VALUE;
  private Duration deadline;
  private volatile boolean deadlinePassed;
  private volatile Attempt current;
  private int contextNeeded; // after a context-length error, only larger contexts are worth trying
  // Linked: most streams are pulled and pass next to nothing through it, so it costs no array.
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(CAPACITY);
  /** What a pump delivered on the consumer's thread; only that thread touches it. */
  private final ArrayDeque<Object> pumped = new ArrayDeque<>();
  /**
   * The consumer's thread while it pumps, else null: a delivery made on it goes to {@link
   * #pumped}. Another thread never reads its own identity here, whatever it sees.
   */
  private volatile Thread pumping;
  /**
   * Whether {@link #start()} has returned: before, no consumer can be waiting on the queue, so
   * a pulled attempt needs no wake-up (the consumer finds it in {@link #current}).
   */
  private volatile boolean opened;
  private final List<RouteAttempt> trace = new ArrayList<>();
  private final List<RouterException> failures = new ArrayList<>();

  private volatile boolean cancelled;
  private volatile StreamHandle handle;
  private volatile ChatResponse response;
  private boolean finished;

  /** A session over the plan; call {@link #start()} to begin. */
  public StreamSession(RoutePlan plan, Ticker ticker, Duration timeout, Breakers breakers,
      HealthTracker health, KeyRing keys, ScheduledExecutorService timer,
      Duration firstTokenTimeout, java.util.function.Consumer<RouteAttempt> observer,
      AttemptGate gate, Finisher finisher) {
    this.observer = observer;
    this.gate = gate;
    this.retries = new int[plan.steps().size()];
    this.rotations = new int[plan.steps().size()];
    this.timer = timer;
    this.firstTokenTimeout = firstTokenTimeout;
    this.plan = plan.steps();
    this.ticker = ticker;
    this.timeout = timeout;
    this.breakers = breakers;
    this.health = health;
    this.keys = keys;
    this.finisher = finisher;
  }

  /** Retries the same endpoint where the policy says it helps, before any output (as chat does). */
  public StreamSession retrying(AttemptPolicy policy, java.util.random.RandomGenerator random) {
    this.policy = policy;
    this.random = random;
    return this;
  }

  /** Bounds the whole stream, every retry and fallback included, by the deadline. */
  public StreamSession deadline(Duration deadline) {
    this.deadline = deadline;
    return this;
  }

  /**
   * Starts the first attempt. The deadline needs no timer task of its own: every attempt's
   * time is cut to what is left of it, so the attempt's watch fires by then, and a retry is
   * only scheduled when it starts before it.
   */
  public void start() {
    if (deadline != null) {
      deadlineAt = ticker.read() + deadline.toNanos();
    }
    attempt(0);
    opened = true;
  }

  private RouterException deadlineError(String before) {
    return new RouterException(ErrorCategory.TIMEOUT,
        "deadline of " + deadline.toMillis() + " ms passed before " + before);
  }

  /** The time left until the deadline at {@code now} (a ticker reading); all of it if none. */
  private long untilDeadline(long now) {
    return deadline == null ? Long.MAX_VALUE : deadlineAt - now;
  }

  /** No time is left for the route: the stream ends with the deadline's error. */
  private void failAtTheDeadline(Route route) {
    deadlinePassed = true;
    failures.add(deadlineError(route.id()));
    fail(failures.size() == 1 ? failures.get(0) : new AllRoutesFailedException(failures));
  }

  private void attempt(int index) {
    Step step = plan.get(index);
    Route route = step.route();
    String skip = null;
    if (contextNeeded > 0 && route.endpoint().contextLength() <= contextNeeded) {
      skip = "context " + route.endpoint().contextLength()
          + " is not larger than the one that overflowed";
    } else if (!breakers.permit(route.id())) {
      skip = "circuit open";
    }
    if (skip != null) {
      note(new RouteAttempt(route.provider().slug(), route.endpoint().model(),
          route.id(), RouteAttempt.Outcome.SKIPPED, null, 0, skip, Duration.ZERO));
      if (index + 1 < plan.size()) {
        attempt(index + 1);
      } else {
        fail(failures.isEmpty()
            ? new RouterException(ErrorCategory.PROVIDER_OVERLOADED, "every endpoint was skipped: " + trace)
            : failures.size() == 1 ? failures.get(0) : new AllRoutesFailedException(failures));
      }
      return;
    }
    long remaining = untilDeadline(ticker.read());
    if (deadlinePassed || remaining <= 0) {
      failAtTheDeadline(route);
      return;
    }
    Credential credential = keys.pick(route.provider(), route.endpoint().model());
    AttemptGate.Ticket ticket;
    try {
      // A rate limit may hold the call here, at most until the deadline.
      ticket = gate.enter(step, credential, Math.min(remaining, timeout.toNanos()));
    } catch (RouterException refused) {
      failures.add(refused);
      note(new RouteAttempt(route.provider().slug(), route.endpoint().model(),
          route.id(), RouteAttempt.Outcome.SKIPPED, refused.category(), 0,
          refused.getMessage(), Duration.ZERO));
      if (refused.fallbackWorthy() && index + 1 < plan.size()) {
        attempt(index + 1);
      } else {
        fail(failures.size() == 1 ? refused : new AllRoutesFailedException(failures));
      }
      return;
    }
    // The attempt's time counts from here, after any wait at the gate, and ends at the
    // deadline at the latest.
    long start = ticker.read();
    long left = untilDeadline(start);
    if (left <= 0) {
      ticket.release();
      failAtTheDeadline(route);
      return;
    }
    boolean byDeadline = left < timeout.toNanos();
    Duration attemptTimeout = byDeadline ? Duration.ofNanos(left) : timeout;
    Attempt listener = new Attempt(index, step, credential, ticket, start);
    current = listener;
    try {
      listener.handle = route.provider().adapter().openStream(new ProviderCall(
          RequestShaper.forEndpoint(step.request(), route.endpoint()), route.endpoint(),
          credential, attemptTimeout), listener);
      handle = listener.handle;
      if (listener.handle instanceof PulledStream && opened && Thread.currentThread() != pumping) {
        queue.offer(WAKE); // a consumer already waiting must come and read it
      }
      listener.watch(attemptTimeout.toNanos(), byDeadline);
    } catch (RouterException e) {
      listener.onError(e);
    }
    if (deadlinePassed) {
      listener.deadlinePassed(); // the deadline passed while the call was being set up
    }
  }

  /**
   * The next chunk, waiting for it; null once the stream has ended cleanly.
   *
   * @throws RouterException the failure that ended the stream
   */
  public ChatChunk next() {
    if (finished) {
      return null;
    }
    Object item;
    do {
      if (cancelled) {
        pumped.clear(); // as cancel() clears the queue: the cancellation comes next
      }
      item = pumped.poll();
      if (item == null) {
        item = queue.poll();
      }
      if (item == null) {
        Attempt a = current;
        if (a != null && !a.over && !cancelled && a.handle instanceof PulledStream pulled) {
          // Reads on this thread; what it decodes lands in the pumped deque.
          boolean more;
          pumping = Thread.currentThread();
          try {
            more = pulled.pump();
          } finally {
            pumping = null;
          }
          if (!more && !a.over) {
            a.onError(new RouterException(ErrorCategory.PROVIDER_ERROR, "the "
                + a.route.provider().slug() + " adapter ended a stream without a last callback"));
          }
          continue;
        }
        try {
          item = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          cancel();
          throw new RouterException(ErrorCategory.CANCELLED,
              "interrupted while waiting for the stream", e);
        }
      }
    } while (item == null || item == WAKE);
    if (item == END) {
      finished = true;
      return null;
    }
    if (item instanceof RouterException e) {
      finished = true;
      throw e;
    }
    return (ChatChunk) item;
  }

  /** The final response once the stream has completed, else null. */
  public ChatResponse response() {
    return response;
  }

  /** Cancels the stream and closes its connection; the consumer sees a cancelled error. */
  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    StreamHandle h = handle;
    if (h != null) {
      h.cancel();
    }
    queue.clear();
    queue.offer(new RouterException(ErrorCategory.CANCELLED, "stream cancelled by the caller"));
  }

  /** Whether the caller cancelled. */
  public boolean isCancelled() {
    return cancelled;
  }

  private void note(RouteAttempt attempt) {
    trace.add(attempt);
    observer.accept(attempt);
  }

  private void fail(RouterException error) {
    try {
      finisher.failed(error);
    } catch (RuntimeException ignored) {
      // a listener's failure never changes what the caller gets
    }
    deliver(error);
  }

  private void deliver(Object item) {
    if (cancelled) {
      return;
    }
    if (Thread.currentThread() == pumping) {
      pumped.add(item); // the consumer is pumping: it takes this when the pump returns
      return;
    }
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
    }
  }

  private RouteAttempt record(Route route, String endpointId, RouteAttempt.Outcome outcome,
      RouterException e, long start) {
    return new RouteAttempt(route.provider().slug(), route.endpoint().model(),
        endpointId, outcome, e == null ? null : e.category(),
        e instanceof ProviderException p ? p.httpStatus() : 0, e == null ? null : e.getMessage(),
        Duration.ofNanos(Math.max(0, ticker.read() - start)));
  }

  /** Listens to one attempt; callbacks from an abandoned attempt are ignored. */
  private final class Attempt implements ChunkListener {
    private final int index;
    private final Step step;
    private final Route route;
    /** The endpoint's id, made once: it is asked for at every step of the attempt. */
    private final String id;
    private final Credential key;
    private final AttemptGate.Ticket ticket;
    private final long start;
    private long firstOutput;
    /** When the attempt's timeout passes, on the ticker. */
    private long endsAt;
    /** Whether that time is the session's deadline rather than the attempt's own timeout. */
    private boolean byDeadline;
    private final StreamAssembler assembler = new StreamAssembler();
    private final List<ChatChunk> held = new ArrayList<>();
    private volatile boolean started;
    private volatile boolean over;
    volatile StreamHandle handle;
    volatile ScheduledFuture<?> watchdog;

    Attempt(int index, Step step, Credential key, AttemptGate.Ticket ticket, long start) {
      this.index = index;
      this.step = step;
      this.key = key;
      this.ticket = ticket;
      this.route = step.route();
      this.id = route.id();
      this.start = start;
    }

    /**
     * Arms this attempt's one watch: it fires when the first token is due or the attempt's
     * timeout passes, whichever is sooner, and once output has started it waits again for the
     * timeout. The session keeps the attempt's time itself rather than leaving it to the
     * adapter's HTTP call: a pulled stream's call carries no timeout (see {@link
     * PulledStream}), so that sending it arms nothing and wakes no watchdog thread.
     */
    synchronized void watch(long timeoutNanos, boolean byDeadline) {
      if (over) {
        return; // ended while it was being opened: nothing to watch
      }
      endsAt = start + timeoutNanos;
      this.byDeadline = byDeadline;
      long due = Math.min(firstTokenTimeout.toNanos(), timeoutNanos);
      watchdog = timer.schedule(this::overdue, due, TimeUnit.NANOSECONDS);
    }

    /**
     * The watch: output and time left waits again. When the attempt's time was what was left
     * of the deadline and it is over, the deadline has passed: the stream ends (see {@link
     * #deadlinePassed()}). Otherwise no output yet ends this attempt as a timeout (the session
     * may fall back), and output with no time left ends the stream as a timeout that keeps the
     * text so far.
     */
    void overdue() {
      StreamHandle h = handle;
      long limit = endsAt - start;
      boolean deadlineOver;
      synchronized (this) {
        if (over) {
          return;
        }
        long now = ticker.read();
        long left = endsAt - now;
        if (started && left > 0) {
          watchdog = timer.schedule(this::overdue, left, TimeUnit.NANOSECONDS);
          return;
        }
        boolean firstTokenDue = !started && firstTokenTimeout.toNanos() < limit;
        // A late timer may find the deadline passed although it fired for the first token.
        deadlineOver = (byDeadline && !firstTokenDue) || untilDeadline(now) <= 0;
        if (deadlineOver) {
          // Said before the error is: the deadline's cut is not held against the endpoint.
          StreamSession.this.deadlinePassed = true;
        } else {
          onError(started
              ? new StreamInterruptedException("the attempt's timeout of "
                  + TimeUnit.NANOSECONDS.toMillis(limit) + " ms passed while " + id
                  + " was streaming", assembler.text(), ErrorCategory.TIMEOUT, null)
              : new RouterException(ErrorCategory.TIMEOUT, "no first token from " + id
                  + " within " + TimeUnit.NANOSECONDS.toMillis(
                      Math.min(firstTokenTimeout.toNanos(), limit)) + " ms"));
        }
      }
      if (deadlineOver) {
        deadlinePassed(); // ends the stream and cancels the call
      } else if (h != null) {
        h.cancel();
      }
    }

    /** The deadline passed while this attempt was in flight: it ends the stream as a timeout. */
    void deadlinePassed() {
      StreamHandle h = handle;
      synchronized (this) {
        if (over) {
          return;
        }
        onError(atTheDeadline());
      }
      if (h != null) {
        h.cancel();
      }
    }

    /** The deadline's error for this attempt: with the text so far once output has started. */
    private RouterException atTheDeadline() {
      return started ? new StreamInterruptedException("deadline of " + deadline.toMillis()
          + " ms passed while " + id + " was streaming", assembler.text(),
          ErrorCategory.TIMEOUT, null) : deadlineError("the first token from " + id);
    }

    private void stopWatchdog() {
      ScheduledFuture<?> w = watchdog;
      if (w != null) {
        w.cancel(false);
      }
    }

    @Override
    public synchronized void onChunk(ChatChunk chunk) {
      if (over || cancelled) {
        return;
      }
      assembler.add(chunk);
      if (!started && !StreamAssembler.carriesOutput(chunk)) {
        held.add(chunk);
        return;
      }
      if (!started) {
        started = true; // the watch stays: it now waits for the attempt's timeout
        firstOutput = ticker.read();
        for (ChatChunk c : held) {
          deliver(c);
        }
        held.clear();
      }
      deliver(chunk);
    }

    @Override
    public synchronized void onComplete() {
      if (over) {
        return;
      }
      over = true;
      stopWatchdog();
      for (ChatChunk c : held) {
        deliver(c);
      }
      note(record(route, id, RouteAttempt.Outcome.SUCCESS, null, start));
      long end = ticker.read();
      breakers.success(id);
      long ttft = (started ? firstOutput : end) - start;
      health.success(id, ttft, assembler.usage() == null ? 0 : assembler.usage().completion(),
          started ? end - firstOutput : 0);
      try {
        response = finisher.finish(assembler.response(), step, List.copyOf(trace), ticket,
            firstOutput - start);
        deliver(END);
      } catch (RouterException e) {
        fail(e);
      }
    }

    @Override
    public synchronized void onError(RouterException error) {
      if (over) {
        return;
      }
      over = true;
      stopWatchdog();
      if (cancelled) {
        note(record(route, id, RouteAttempt.Outcome.FAILED, error, start));
        endEarly(true);
        return;
      }
      if (!deadlinePassed && untilDeadline(ticker.read()) <= 0) {
        // Another limit (a pushed call's own timeout) ended the attempt at the deadline: it
        // is the deadline's error, and nothing against the endpoint.
        deadlinePassed = true;
        error = atTheDeadline();
      }
      failures.add(error);
      boolean late = deadlinePassed;
      if (!late) { // the deadline cut the attempt short: say nothing against the endpoint
        health.failure(id, error.category());
        breakers.failure(id, error);
      }
      boolean otherKey = keys.rest(route.provider(), route.endpoint().model(), key, error);
      if (!started && !late && otherKey
          && ++rotations[index] < route.provider().credentials().size()) {
        // The key, not the endpoint, was the problem: go on at once with another key.
        ticket.release();
        note(record(route, id, RouteAttempt.Outcome.RETRIED, error, start));
        attempt(index);
        return;
      }
      if (!started && !late && policy != null) {
        Duration delay = policy.retryDelay(error, ++retries[index], random);
        if (delay != null && ticker.read() + delay.toNanos() - deadlineAt < 0) {
          ticket.release();
          note(record(route, id, RouteAttempt.Outcome.RETRIED, error, start));
          timer.schedule(() -> attempt(index), delay.toNanos(), TimeUnit.NANOSECONDS);
          return;
        }
      }
      boolean more = index + 1 < plan.size();
      // Nothing reached the caller yet: a stream that broke before its first token is as
      // worth a fallback as a failed request.
      boolean worthIt = error.fallbackWorthy() || error instanceof StreamInterruptedException;
      if (!started && !late && more && worthIt) {
        ticket.release();
        note(record(route, id, RouteAttempt.Outcome.FELL_BACK, error, start));
        if (error.category() == ErrorCategory.CONTEXT_LENGTH_EXCEEDED) {
          contextNeeded = Math.max(contextNeeded, route.endpoint().contextLength());
        }
        attempt(index + 1);
        return;
      }
      note(record(route, id, RouteAttempt.Outcome.FAILED, error, start));
      endEarly(false);
      fail(!started && failures.size() > 1 ? new AllRoutesFailedException(failures) : error);
    }

    /** Charges and records what a stream produced before it ended early, or frees its ticket. */
    private void endEarly(boolean byCaller) {
      if (!started) {
        ticket.release();
        return;
      }
      try {
        finisher.interrupted(assembler.response(), step, List.copyOf(trace), ticket,
            firstOutput - start, byCaller);
      } catch (RuntimeException e) {
        ticket.release();
      }
    }
  }
}
