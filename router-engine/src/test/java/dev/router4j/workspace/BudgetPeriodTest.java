package dev.router4j.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BudgetPeriodTest {
  private static Instant at(String s) {
    return Instant.parse(s);
  }

  @Test
  void dayStartsAtUtcMidnight() {
    assertThat(BudgetPeriod.DAY.start(at("2026-08-22T23:59:59.999Z"))).isEqualTo(at("2026-08-22T00:00:00Z"));
    assertThat(BudgetPeriod.DAY.end(at("2026-08-22T23:59:59.999Z"))).isEqualTo(at("2026-08-23T00:00:00Z"));
    assertThat(BudgetPeriod.DAY.start(at("2026-08-23T00:00:00Z"))).isEqualTo(at("2026-08-23T00:00:00Z"));
    assertThat(BudgetPeriod.DAY.start(at("1969-12-31T12:00:00Z"))).isEqualTo(at("1969-12-31T00:00:00Z"));
  }

  @Test
  void weekStartsOnMondayUtc() {
    // 2026-08-23 is a Sunday, 2026-08-24 a Monday.
    assertThat(BudgetPeriod.WEEK.start(at("2026-08-23T23:59:59Z"))).isEqualTo(at("2026-08-17T00:00:00Z"));
    assertThat(BudgetPeriod.WEEK.end(at("2026-08-23T23:59:59Z"))).isEqualTo(at("2026-08-24T00:00:00Z"));
    assertThat(BudgetPeriod.WEEK.start(at("2026-08-24T00:00:00Z"))).isEqualTo(at("2026-08-24T00:00:00Z"));
    assertThat(BudgetPeriod.WEEK.start(at("1970-01-01T00:00:00Z"))).isEqualTo(at("1969-12-29T00:00:00Z"));
  }

  @Test
  void monthStartsOnTheFirstUtc() {
    assertThat(BudgetPeriod.MONTH.start(at("2028-02-29T23:00:00Z"))).isEqualTo(at("2028-02-01T00:00:00Z"));
    assertThat(BudgetPeriod.MONTH.end(at("2028-02-29T23:00:00Z"))).isEqualTo(at("2028-03-01T00:00:00Z"));
    assertThat(BudgetPeriod.MONTH.end(at("2026-12-31T23:59:59Z"))).isEqualTo(at("2027-01-01T00:00:00Z"));
  }

  @Test
  void allTimeNeverEnds() {
    assertThat(BudgetPeriod.ALL_TIME.start(at("2026-08-22T10:00:00Z"))).isEqualTo(Instant.EPOCH);
    assertThat(BudgetPeriod.ALL_TIME.end(at("2026-08-22T10:00:00Z"))).isEqualTo(Instant.MAX);
    assertThat(BudgetPeriod.ALL_TIME.adjective()).isEqualTo("all-time");
  }
}
