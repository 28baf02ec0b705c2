package dev.router4j.workspace;

import dev.router4j.internal.budget.Periods;
import java.time.Instant;
import java.util.Objects;

/**
 * How often a {@link SpendCap} starts again from zero. Periods follow UTC, as OpenRouter resets
 * its key limits: a day starts at midnight UTC, a week on Monday at midnight UTC, a month on
 * the 1st at midnight UTC. An {@link #ALL_TIME} cap never resets.
 */
public enum BudgetPeriod {
  /** From midnight UTC to the next midnight UTC. */
  DAY("daily"),
  /** From Monday 00:00 UTC to the next Monday 00:00 UTC. */
  WEEK("weekly"),
  /** From the 1st of a month, 00:00 UTC, to the 1st of the next. */
  MONTH("monthly"),
  /** Never resets. */
  ALL_TIME("all-time");

  private final String adjective;

  BudgetPeriod(String adjective) {
    this.adjective = adjective;
  }

  /** How the period reads in messages: {@code daily}, {@code weekly}, {@code monthly}, {@code all-time}. */
  public String adjective() {
    return adjective;
  }

  /**
   * When the period holding {@code at} began, for example to ask a ledger what was spent so
   * far; {@link Instant#EPOCH} for {@link #ALL_TIME}.
   */
  public Instant start(Instant at) {
    Objects.requireNonNull(at, "at");
    long s = Periods.start(this, at.getEpochSecond());
    return s == Long.MIN_VALUE ? Instant.EPOCH : Instant.ofEpochSecond(s);
  }

  /** When the period holding {@code at} ends (the next reset); {@link Instant#MAX} for {@link #ALL_TIME}. */
  public Instant end(Instant at) {
    Objects.requireNonNull(at, "at");
    long e = Periods.end(this, at.getEpochSecond());
    return e == Long.MAX_VALUE ? Instant.MAX : Instant.ofEpochSecond(e);
  }
}
