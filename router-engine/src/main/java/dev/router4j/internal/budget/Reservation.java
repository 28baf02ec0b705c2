package dev.router4j.internal.budget;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An attempt's worst-case cost held against every spend cap that applies to it, from
 * {@link SpendGuard#reserve} until {@link SpendGuard#settle settle} replaces it by the actual
 * cost or {@link SpendGuard#release release} (or {@link #close()}) gives it back.
 *
 * <p>Settling twice, or settling after a release, is a bug and fails; releasing is idempotent
 * and does nothing after a settlement, so {@code try { ... settle } finally { release }} is
 * safe. A reservation that is never settled nor released is given back after the guard's
 * reservation timeout, with a warning.
 */
public final class Reservation implements AutoCloseable {
  static final int OPEN = 0;
  static final int SETTLED = 1;
  static final int RELEASED = 2;
  static final int EXPIRED = 3;
  /** Added to the current state by {@link #finish} when it could not move the state. */
  static final int NOT_MOVED = 0x100;

  /** A reservation that holds nothing: the call has no applicable cap. */
  static final Reservation NONE = new Reservation(null, new SpendGuard.Counter[0], BigDecimal.ZERO, 0);

  final SpendGuard guard;
  final SpendGuard.Counter[] counters;
  final BigDecimal amount;
  final long reservedAt;
  private final AtomicInteger state = new AtomicInteger(OPEN);

  Reservation(SpendGuard guard, SpendGuard.Counter[] counters, BigDecimal amount, long reservedAt) {
    this.guard = guard;
    this.counters = counters;
    this.amount = amount;
    this.reservedAt = reservedAt;
  }

  /** The worst-case cost held. */
  public BigDecimal amount() {
    return amount;
  }

  /** How many caps hold it (0 when none applies). */
  public int caps() {
    return counters.length;
  }

  /** Whether it is still held: neither settled, released nor expired. */
  public boolean isOpen() {
    return guard != null && state.get() == OPEN;
  }

  /** Gives the reservation back unless it was settled: {@link SpendGuard#release}. */
  @Override
  public void close() {
    if (guard != null) {
      guard.release(this);
    }
  }

  /**
   * Moves OPEN (or EXPIRED, for a settlement) to {@code target} and returns the state it left;
   * when neither applies, returns the current state plus {@link #NOT_MOVED}.
   */
  int finish(int target) {
    if (state.compareAndSet(OPEN, target)) {
      return OPEN;
    }
    if (target == SETTLED && state.compareAndSet(EXPIRED, SETTLED)) {
      return EXPIRED;
    }
    return state.get() | NOT_MOVED;
  }

  @Override
  public String toString() {
    String[] names = {"open", "settled", "released", "expired"};
    return "Reservation[$" + amount.toPlainString() + " on " + counters.length + " caps, "
        + (guard == null ? "none" : names[state.get()]) + "]";
  }
}
