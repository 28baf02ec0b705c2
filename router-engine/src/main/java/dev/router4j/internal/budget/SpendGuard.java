package dev.router4j.internal.budget;

import dev.router4j.api.cost.Cost;
import dev.router4j.api.error.BudgetExceededException;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.spi.Ticker;
import dev.router4j.workspace.BudgetPeriod;
import dev.router4j.workspace.SpendAlert;
import dev.router4j.workspace.SpendCap;
import dev.router4j.workspace.SpendListener;
import dev.router4j.workspace.Workspace;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the workspaces' {@link SpendCap spend caps}. Before an attempt the router
 * {@linkplain #reserve reserves} the attempt's worst-case cost; after it, it
 * {@linkplain #settle settles} the reservation with the actual cost, or
 * {@linkplain #release releases} it when the attempt failed and cost nothing.
 *
 * <h2>Why caps cannot be overshot</h2>
 * Each cap keeps, per subject and period, a counter of the exact dollars spent (settled) and
 * reserved (outstanding), as {@link BigDecimal}s. A reservation checks
 * {@code spent + reserved + worstCase <= limit} and adds its worst case to {@code reserved} in
 * one step, holding the locks of every counter it touches. The locks are taken in one global
 * order (each counter's creation number), so two calls never deadlock, and either every
 * applicable cap takes the reservation or none does. A settlement swaps the reservation for the
 * actual cost on each counter within one hold of its lock, so no reservation can be made
 * against a counter that has given a reservation back but not yet counted its cost. Hence at every moment
 * {@code spent + reserved <= limit} for every counter, whatever the number of threads, as long
 * as attempts cost no more than their worst case: concurrent requests can overshoot a cap only
 * by the amount their settlements exceed their reservations (usage estimated low, or a
 * settlement after the reservation timed out).
 *
 * <h2>Periods</h2>
 * Periods are read from the injected {@link Clock} and follow UTC ({@link BudgetPeriod}). A
 * counter starts a new period, at zero spent, the first time it is used after the boundary;
 * reservations still outstanding keep counting. A cost is counted in the period in which it is
 * settled. A clock that steps backwards does not bring an old period back.
 *
 * <h2>Alerts</h2>
 * When settled spend reaches one of a cap's alert thresholds the {@link SpendListener} hears it,
 * once per threshold per period, after the locks are released.
 *
 * <h2>Housekeeping</h2>
 * A reservation that is neither settled nor released within the reservation timeout (30 minutes
 * by default, measured with the injected {@link Ticker}) is given back with a warning. Counters
 * of per-subject caps whose period has ended and that hold no reservation are dropped, so
 * memory follows the subjects active in the current period.
 *
 * <p>Thread-safe.
 */
public final class SpendGuard {
  private static final Logger LOG = LoggerFactory.getLogger(SpendGuard.class);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final long SWEEP_NS = TimeUnit.SECONDS.toNanos(1);
  private static final long PRUNE_NS = TimeUnit.MINUTES.toNanos(1);
  /** How long a reservation may stay open before it is given back, by default. */
  public static final Duration DEFAULT_RESERVATION_TIMEOUT = Duration.ofMinutes(30);

  private final Map<String, Slot[]> workspaces;
  private final Clock clock;
  private final Ticker ticker;
  private final SpendListener listener;
  private final long timeoutNanos;
  private final AtomicLong counterOrder = new AtomicLong();
  private final Set<Reservation> outstanding = ConcurrentHashMap.newKeySet();
  private final AtomicLong nextSweep;
  private volatile long nextPrune;

  private SpendGuard(Builder b) {
    this.clock = b.clock;
    this.ticker = b.ticker;
    this.listener = b.listener;
    this.timeoutNanos = b.reservationTimeout.toNanos();
    Map<String, Slot[]> map = new HashMap<>();
    for (Workspace w : b.workspaces) {
      List<SpendCap> caps = w.spendCaps();
      Slot[] slots = new Slot[caps.size()];
      for (int i = 0; i < slots.length; i++) {
        slots[i] = new Slot(this, w.name(), caps.get(i));
      }
      if (map.put(w.name(), slots) != null) {
        throw new IllegalArgumentException("workspace '" + w.name() + "' is given twice");
      }
    }
    this.workspaces = Map.copyOf(map);
    long now = ticker.read();
    this.nextSweep = new AtomicLong(now + SWEEP_NS);
    this.nextPrune = now + PRUNE_NS;
  }

  /** A builder: no workspaces, the system clocks, no listener. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- reserve, settle, release -------------------------------------------------------------

  /**
   * Reserves an attempt's worst-case cost against every cap of the scope's workspace that
   * applies to the scope: the workspace's caps, the caps of its key label, its user and its
   * tags.
   *
   * @param scope who the attempt is for; with no workspace, no cap applies
   * @param worstCase the most the attempt can cost, in dollars (see {@link WorstCase})
   * @return the reservation, to settle or release once the attempt ends
   * @throws BudgetExceededException naming the first cap (in the workspace's order) that the
   *     reservation would take past its limit; nothing is reserved then
   * @throws InvalidRequestException when the workspace is not known
   * @throws IllegalArgumentException when the worst case is negative
   */
  public Reservation reserve(CallScope scope, BigDecimal worstCase) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(worstCase, "worstCase");
    if (worstCase.signum() < 0) {
      throw new IllegalArgumentException("worstCase must not be negative, was " + worstCase);
    }
    housekeeping();
    Slot[] slots = slots(scope.workspace());
    if (slots == null || slots.length == 0) {
      return Reservation.NONE;
    }
    while (true) {
      Counter[] counters = applicable(slots, scope);
      if (counters.length == 0) {
        return Reservation.NONE;
      }
      Counter[] locking = counters.length == 1 ? counters : sorted(counters);
      long now = nowSeconds();
      Counter refused = null;
      String refusal = null;
      boolean retry = false;
      lockAll(locking);
      try {
        for (Counter c : locking) {
          retry |= c.retired;
        }
        if (!retry) {
          for (Counter c : counters) {
            c.roll(now);
            if (refused == null
                && c.spent.add(c.reserved).add(worstCase).compareTo(c.slot.cap.limit()) > 0) {
              refused = c;
              refusal = refusal(c, worstCase);
            }
          }
          if (refused == null) {
            for (Counter c : counters) {
              c.reserved = c.reserved.add(worstCase);
            }
          }
        }
      } finally {
        unlockAll(locking);
      }
      if (retry) {
        continue; // a counter was dropped between lookup and lock: look again
      }
      if (refused != null) {
        throw new BudgetExceededException(refused.name(), refusal);
      }
      Reservation r = new Reservation(this, counters, worstCase, ticker.read());
      outstanding.add(r);
      return r;
    }
  }

  /**
   * Replaces the reservation by the attempt's actual cost: the worst case is given back and
   * {@code actual} is counted as spent in the current period of each cap the reservation held.
   * Listeners hear about any alert threshold reached.
   *
   * @param actual the actual cost; null when the provider reported no usage, in which case the
   *     worst case reserved is charged (the cautious choice)
   * @throws IllegalStateException when the reservation was already settled or released
   */
  public void settle(Reservation reservation, Cost actual) {
    Objects.requireNonNull(reservation, "reservation");
    settle(reservation, actual == null ? reservation.amount : actual.total());
  }

  /**
   * Replaces the reservation by the attempt's actual cost in dollars.
   *
   * @throws IllegalStateException when the reservation was already settled or released
   */
  public void settle(Reservation reservation, BigDecimal actual) {
    Objects.requireNonNull(reservation, "reservation");
    Objects.requireNonNull(actual, "actual");
    if (reservation.guard == null) {
      return;
    }
    own(reservation);
    int left = reservation.finish(Reservation.SETTLED);
    if ((left & Reservation.NOT_MOVED) != 0) {
      throw new IllegalStateException("the reservation was already "
          + ((left & ~Reservation.NOT_MOVED) == Reservation.SETTLED ? "settled" : "released"));
    }
    boolean wasOpen = left == Reservation.OPEN;
    if (wasOpen) {
      outstanding.remove(reservation);
    }
    long now = nowSeconds();
    List<SpendAlert> alerts = null;
    for (Counter c : reservation.counters) {
      alerts = charge(c, wasOpen ? reservation.amount : BigDecimal.ZERO, actual, now, alerts);
    }
    announce(alerts);
  }

  /**
   * Gives the reservation back without charging anything: the attempt failed before it cost
   * money. Does nothing when the reservation was already settled, released or expired.
   */
  public void release(Reservation reservation) {
    Objects.requireNonNull(reservation, "reservation");
    if (reservation.guard == null) {
      return;
    }
    own(reservation);
    if (reservation.finish(Reservation.RELEASED) == Reservation.OPEN) {
      outstanding.remove(reservation);
      unreserve(reservation);
    }
  }

  // ---- seeding and inspection ---------------------------------------------------------------

  /**
   * Sets what was already spent in the current period by the target, for example from a
   * durable ledger after a restart: every cap of the target's workspace with the target's
   * scope (and tag key) and the given period, whose subject is the target's or which counts
   * each subject separately, starts from {@code spent}. Thresholds already reached are marked
   * as reported without telling the listener again. Seed before traffic starts; a seed replaces
   * what the counter held, reservations excepted.
   *
   * @param spent the dollars spent since {@code period.start(clock.instant())}
   * @return how many counters were set (0 when no cap matches)
   * @throws InvalidRequestException when the workspace is not known
   */
  public int seed(SpendTarget target, BudgetPeriod period, BigDecimal spent) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(spent, "spent");
    Slot[] slots = slots(target.workspace());
    long now = nowSeconds();
    int seeded = 0;
    for (Slot slot : slots) {
      SpendCap cap = slot.cap;
      if (cap.scope() != target.scope() || cap.period() != period
          || !Objects.equals(cap.tagKey(), target.tagKey())) {
        continue;
      }
      if (cap.subject() != null && !cap.subject().equals(target.subject())) {
        continue;
      }
      Counter c = slot.fixed != null ? slot.fixed : slot.live(target.subject());
      while (true) {
        c.lock.lock();
        try {
          if (!c.retired) {
            c.roll(now);
            c.spent = spent;
            c.fired = 0;
            while (c.fired < slot.thresholds.length && c.reached(c.fired)) {
              c.fired++;
            }
            break;
          }
        } finally {
          c.lock.unlock();
        }
        c = slot.live(target.subject());
      }
      seeded++;
    }
    return seeded;
  }

  /**
   * The counters of the workspace's caps as they stand now: one for each cap with a fixed
   * subject, one per subject seen in the current period for a per-subject cap.
   *
   * @throws InvalidRequestException when the workspace is not known
   */
  public List<CapState> caps(String workspace) {
    Objects.requireNonNull(workspace, "workspace");
    Slot[] slots = slots(workspace);
    long now = nowSeconds();
    List<CapState> out = new ArrayList<>();
    for (Slot slot : slots) {
      Collection<Counter> counters = slot.fixed != null ? List.of(slot.fixed) : slot.each.values();
      for (Counter c : counters) {
        c.lock.lock();
        try {
          if (c.retired) {
            continue;
          }
          c.roll(now);
          out.add(new CapState(workspace, slot.cap, c.subject, instant(c.periodStart, Instant.EPOCH),
              instant(c.periodEnd, Instant.MAX), c.spent, c.reserved));
        } finally {
          c.lock.unlock();
        }
      }
    }
    return out;
  }

  /**
   * Whether the workspace has any spend cap, so that a caller can skip working out a worst case
   * that no cap would look at. False for no workspace or one the guard does not know.
   */
  public boolean hasCaps(String workspace) {
    if (workspace == null) {
      return false;
    }
    Slot[] slots = workspaces.get(workspace);
    return slots != null && slots.length > 0;
  }

  /** How many reservations are open. */
  public int outstanding() {
    return outstanding.size();
  }

  /**
   * Gives back the reservations held longer than the timeout and drops idle per-subject
   * counters now; {@link #reserve} does this on its own about once a second.
   *
   * @return how many reservations were given back
   */
  public int expireStale() {
    long now = ticker.read();
    nextPrune = now + PRUNE_NS;
    prune();
    return sweep(now);
  }

  // ---- internals ----------------------------------------------------------------------------

  private Slot[] slots(String workspace) {
    if (workspace == null) {
      return null;
    }
    Slot[] slots = workspaces.get(workspace);
    if (slots == null) {
      throw new InvalidRequestException("workspace",
          "unknown workspace '" + workspace + "' (known: " + new java.util.TreeSet<>(workspaces.keySet()) + ")");
    }
    return slots;
  }

  private static Counter[] applicable(Slot[] slots, CallScope scope) {
    Counter[] found = new Counter[slots.length];
    int n = 0;
    for (Slot slot : slots) {
      SpendCap cap = slot.cap;
      String value;
      switch (cap.scope()) {
        case WORKSPACE:
          found[n++] = slot.fixed;
          continue;
        case KEY:
          value = scope.keyLabel();
          break;
        case USER:
          value = scope.user();
          break;
        default:
          value = scope.tags().get(cap.tagKey());
          break;
      }
      if (value == null) {
        continue;
      }
      if (cap.subject() != null) {
        if (cap.subject().equals(value)) {
          found[n++] = slot.fixed;
        }
      } else {
        found[n++] = slot.live(value);
      }
    }
    return n == found.length ? found : Arrays.copyOf(found, n);
  }

  private static Counter[] sorted(Counter[] counters) {
    Counter[] copy = counters.clone();
    // Insertion sort: a handful of counters.
    for (int i = 1; i < copy.length; i++) {
      Counter c = copy[i];
      int j = i - 1;
      while (j >= 0 && copy[j].order > c.order) {
        copy[j + 1] = copy[j];
        j--;
      }
      copy[j + 1] = c;
    }
    return copy;
  }

  private static void lockAll(Counter[] ordered) {
    int locked = 0;
    try {
      for (Counter c : ordered) {
        c.lock.lock();
        locked++;
      }
    } catch (RuntimeException | Error e) {
      for (int i = locked - 1; i >= 0; i--) {
        ordered[i].lock.unlock();
      }
      throw e;
    }
  }

  private static void unlockAll(Counter[] ordered) {
    for (int i = ordered.length - 1; i >= 0; i--) {
      ordered[i].lock.unlock();
    }
  }

  private String refusal(Counter c, BigDecimal worstCase) {
    String resets = c.periodEnd == Long.MAX_VALUE ? "the cap never resets"
        : "it resets at " + Instant.ofEpochSecond(c.periodEnd);
    return "spend cap reached: " + c.name() + " — $" + money(c.spent) + " spent and $"
        + money(c.reserved) + " reserved by attempts in flight"
        + (c.periodEnd == Long.MAX_VALUE ? "" : " this period")
        + "; this attempt may cost up to $" + money(worstCase) + "; " + resets;
  }

  private static String money(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  /**
   * Gives back {@code reserved} and counts {@code spent} on the counter (or its successor), in
   * one hold of its lock. Two holds would open a window in which the reservation is gone and the
   * cost not yet counted, and a reservation made in it could take the counter past its limit.
   */
  private List<SpendAlert> charge(Counter c, BigDecimal reserved, BigDecimal spent, long now,
      List<SpendAlert> alerts) {
    while (true) {
      c.lock.lock();
      try {
        if (!c.retired) {
          c.roll(now);
          c.reserved = c.reserved.subtract(reserved);
          c.spent = c.spent.add(spent);
          return c.crossed(alerts);
        }
      } finally {
        c.lock.unlock();
      }
      // Only a counter that holds no reservation is dropped, so nothing was reserved here (a
      // zero worst case, or a reservation that expired): count the cost on the live counter.
      assert reserved.signum() == 0 : "a counter holding a reservation was dropped";
      c = c.slot.live(c.subject);
    }
  }

  private void unreserve(Reservation r) {
    if (r.amount.signum() == 0) {
      return;
    }
    for (Counter c : r.counters) {
      c.lock.lock();
      try {
        c.reserved = c.reserved.subtract(r.amount);
      } finally {
        c.lock.unlock();
      }
    }
  }

  private void own(Reservation r) {
    if (r.guard != this) {
      throw new IllegalArgumentException("the reservation was made by another SpendGuard");
    }
  }

  private void announce(List<SpendAlert> alerts) {
    if (alerts == null) {
      return;
    }
    for (SpendAlert a : alerts) {
      LOG.info("{}", a);
      if (listener != null) {
        try {
          listener.onThreshold(a);
        } catch (RuntimeException e) {
          LOG.warn("spend listener failed on {}", a, e);
        }
      }
    }
  }

  private long nowSeconds() {
    return Math.floorDiv(clock.millis(), 1000L);
  }

  private static Instant instant(long epochSecond, Instant unbounded) {
    return epochSecond == Long.MIN_VALUE || epochSecond == Long.MAX_VALUE ? unbounded
        : Instant.ofEpochSecond(epochSecond);
  }

  private void housekeeping() {
    long now = ticker.read();
    long due = nextSweep.get();
    if (now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_NS)) {
      sweep(now);
      if (now - nextPrune >= 0) {
        nextPrune = now + PRUNE_NS;
        prune();
      }
    }
  }

  private int sweep(long now) {
    int expired = 0;
    for (Reservation r : outstanding) {
      if (now - r.reservedAt > timeoutNanos && r.finish(Reservation.EXPIRED) == Reservation.OPEN) {
        outstanding.remove(r);
        unreserve(r);
        expired++;
        LOG.warn("gave back a reservation of ${} held for more than {} without a settlement or a "
            + "release (an attempt that never reported back?)", money(r.amount),
            Duration.ofNanos(timeoutNanos));
      }
    }
    return expired;
  }

  private void prune() {
    long now = nowSeconds();
    for (Slot[] slots : workspaces.values()) {
      for (Slot slot : slots) {
        if (slot.each == null || slot.cap.period() == BudgetPeriod.ALL_TIME) {
          continue;
        }
        for (Counter c : slot.each.values()) {
          c.lock.lock();
          try {
            if (c.reserved.signum() == 0 && now >= c.periodEnd) {
              c.retired = true;
              slot.each.remove(c.subject, c);
            }
          } finally {
            c.lock.unlock();
          }
        }
      }
    }
  }

  /** One configured cap. */
  static final class Slot {
    final SpendGuard guard;
    final String workspace;
    final SpendCap cap;
    /** The counter of a cap with one subject (or of a workspace cap); null for a per-subject cap. */
    final Counter fixed;
    /** The counters of a per-subject cap, by subject; null otherwise. */
    final ConcurrentHashMap<String, Counter> each;
    final int[] thresholds;
    /** limit × threshold, to compare with spent × 100. */
    final BigDecimal[] thresholdAmounts;

    Slot(SpendGuard guard, String workspace, SpendCap cap) {
      this.guard = guard;
      this.workspace = workspace;
      this.cap = cap;
      List<Integer> t = cap.alertThresholds();
      this.thresholds = new int[t.size()];
      this.thresholdAmounts = new BigDecimal[t.size()];
      for (int i = 0; i < thresholds.length; i++) {
        thresholds[i] = t.get(i);
        thresholdAmounts[i] = cap.limit().multiply(BigDecimal.valueOf(thresholds[i]));
      }
      if (cap.perSubject()) {
        this.fixed = null;
        this.each = new ConcurrentHashMap<>();
      } else {
        this.fixed = new Counter(this, cap.subject());
        this.each = null;
      }
    }

    /** The live counter of a subject of a per-subject cap. */
    Counter live(String subject) {
      Counter c = each.get(subject);
      return c != null ? c : each.computeIfAbsent(subject, s -> new Counter(this, s));
    }
  }

  /** Spend and reservations of one cap and subject in the current period; guarded by its lock. */
  static final class Counter {
    final Slot slot;
    final String subject;
    final long order;
    final ReentrantLock lock = new ReentrantLock();
    BigDecimal spent = BigDecimal.ZERO;
    BigDecimal reserved = BigDecimal.ZERO;
    long periodStart;
    long periodEnd;
    /** How many of the slot's thresholds were reported this period (they are reached in order). */
    int fired;
    /** Dropped from its slot; a caller holding it must look the subject up again. */
    boolean retired;

    Counter(Slot slot, String subject) {
      this.slot = slot;
      this.subject = subject;
      this.order = slot.guard.counterOrder.incrementAndGet();
      if (slot.cap.period() == BudgetPeriod.ALL_TIME) {
        periodStart = Long.MIN_VALUE;
        periodEnd = Long.MAX_VALUE;
      } else {
        periodStart = Long.MIN_VALUE;
        periodEnd = Long.MIN_VALUE; // the first roll opens the current period
      }
    }

    /** Moves to the period holding {@code now} when it has begun; never back. */
    void roll(long now) {
      if (now >= periodEnd) {
        long start = Periods.start(slot.cap.period(), now);
        if (start > periodStart) {
          periodStart = start;
          periodEnd = Periods.end(slot.cap.period(), now);
          spent = BigDecimal.ZERO;
          fired = 0;
        }
      }
    }

    boolean reached(int threshold) {
      return spent.signum() > 0
          && spent.multiply(HUNDRED).compareTo(slot.thresholdAmounts[threshold]) >= 0;
    }

    List<SpendAlert> crossed(List<SpendAlert> alerts) {
      while (fired < slot.thresholds.length && reached(fired)) {
        if (alerts == null) {
          alerts = new ArrayList<>(2);
        }
        alerts.add(new SpendAlert(slot.workspace, slot.cap, subject, slot.thresholds[fired], spent,
            instant(periodStart, Instant.EPOCH)));
        fired++;
      }
      return alerts;
    }

    String name() {
      return slot.cap.describe(slot.workspace, subject);
    }
  }

  /** Configures a {@link SpendGuard}. Not thread-safe. */
  public static final class Builder {
    private final List<Workspace> workspaces = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Ticker ticker = Ticker.system();
    private SpendListener listener;
    private Duration reservationTimeout = DEFAULT_RESERVATION_TIMEOUT;

    private Builder() {}

    /** Adds workspaces whose caps the guard enforces. */
    public Builder workspaces(Collection<Workspace> workspaces) {
      for (Workspace w : workspaces) {
        this.workspaces.add(Objects.requireNonNull(w, "workspace"));
      }
      return this;
    }

    /** Adds workspaces whose caps the guard enforces. */
    public Builder workspace(Workspace... workspaces) {
      return workspaces(Arrays.asList(workspaces));
    }

    /** The wall clock that places costs in periods (inject a fixed one in tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The monotonic clock that times reservations (inject one in tests). */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /** Hears about alert thresholds reached. */
    public Builder listener(SpendListener listener) {
      this.listener = listener;
      return this;
    }

    /** How long a reservation may stay open before it is given back (30 minutes by default). */
    public Builder reservationTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("reservationTimeout must be positive, was " + timeout);
      }
      this.reservationTimeout = timeout;
      return this;
    }

    /**
     * Builds the guard.
     *
     * @throws IllegalArgumentException when two workspaces share a name
     */
    public SpendGuard build() {
      return new SpendGuard(this);
    }
  }
}
