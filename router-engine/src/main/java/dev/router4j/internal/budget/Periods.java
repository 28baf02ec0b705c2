package dev.router4j.internal.budget;

import dev.router4j.workspace.BudgetPeriod;
import java.time.LocalDate;

/**
 * UTC period boundaries in epoch seconds, as OpenRouter resets key limits: a day starts at
 * midnight UTC, a week on Monday at midnight UTC, a month on the 1st at midnight UTC; an
 * all-time period never ends.
 */
public final class Periods {
  private static final long DAY = 86_400L;

  private Periods() {}

  /** The first second of the period holding {@code epochSecond}; {@code Long.MIN_VALUE} for all time. */
  public static long start(BudgetPeriod period, long epochSecond) {
    switch (period) {
      case DAY:
        return Math.floorDiv(epochSecond, DAY) * DAY;
      case WEEK: {
        long day = Math.floorDiv(epochSecond, DAY);
        // 1970-01-01 was a Thursday: three days after a Monday.
        return (day - Math.floorMod(day + 3, 7)) * DAY;
      }
      case MONTH: {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, DAY));
        return date.withDayOfMonth(1).toEpochDay() * DAY;
      }
      default:
        return Long.MIN_VALUE;
    }
  }

  /** The first second after the period holding {@code epochSecond}; {@code Long.MAX_VALUE} for all time. */
  public static long end(BudgetPeriod period, long epochSecond) {
    switch (period) {
      case DAY:
        return start(period, epochSecond) + DAY;
      case WEEK:
        return start(period, epochSecond) + 7 * DAY;
      case MONTH: {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, DAY));
        return date.withDayOfMonth(1).plusMonths(1).toEpochDay() * DAY;
      }
      default:
        return Long.MAX_VALUE;
    }
  }
}
