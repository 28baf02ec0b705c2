package dev.router4j.internal.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.cost.Cost;
import dev.router4j.api.error.BudgetExceededException;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.internal.budget.TestTime.ManualTicker;
import dev.router4j.internal.budget.TestTime.MutableClock;
import dev.router4j.workspace.BudgetPeriod;
import dev.router4j.workspace.SpendAlert;
import dev.router4j.workspace.SpendCap;
import dev.router4j.workspace.Workspace;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SpendGuardTest {
  private final MutableClock clock = new MutableClock("2026-08-22T12:00:00Z");
  private final ManualTicker ticker = new ManualTicker();
  private final List<SpendAlert> alerts = new CopyOnWriteArrayList<>();

  private SpendGuard guard(Workspace... workspaces) {
    return SpendGuard.builder().workspace(workspaces).clock(clock).ticker(ticker)
        .listener(alerts::add).build();
  }

  private static BigDecimal usd(String s) {
    return new BigDecimal(s);
  }

  private static Cost cost(String total) {
    return new Cost(usd(total), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
        BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, false);
  }

  private static Workspace daily(String limit) {
    return Workspace.builder("prod").spendCap(SpendCap.workspace(BudgetPeriod.DAY, limit)).build();
  }

  private static CapState only(SpendGuard g) {
    List<CapState> caps = g.caps("prod");
    assertThat(caps).hasSize(1);
    return caps.get(0);
  }

  @Test
  void reserveHoldsTheWorstCaseAndSettleReplacesItExactly() {
    SpendGuard g = guard(daily("1.00"));
    Reservation r = g.reserve(CallScope.of("prod"), usd("0.30"));
    assertThat(r.isOpen()).isTrue();
    assertThat(r.caps()).isEqualTo(1);
    assertThat(only(g).reserved()).isEqualByComparingTo("0.30");
    assertThat(g.outstanding()).isEqualTo(1);

    g.settle(r, cost("0.1234567"));
    CapState s = only(g);
    assertThat(s.spent()).isEqualTo(usd("0.1234567"));
    assertThat(s.reserved()).isEqualByComparingTo("0");
    assertThat(s.remaining()).isEqualByComparingTo("0.8765433");
    assertThat(s.periodStart()).isEqualTo(Instant.parse("2026-08-22T00:00:00Z"));
    assertThat(s.periodEnd()).isEqualTo(Instant.parse("2026-08-23T00:00:00Z"));
    assertThat(r.isOpen()).isFalse();
    assertThat(g.outstanding()).isZero();
  }

  @Test
  void refusalNamesTheCapAndLeavesNothingReserved() {
    SpendGuard g = guard(daily("1.00"));
    g.settle(g.reserve(CallScope.of("prod"), usd("0.9")), usd("0.9"));
    Reservation held = g.reserve(CallScope.of("prod"), usd("0.05"));
    assertThatThrownBy(() -> g.reserve(CallScope.of("prod"), usd("0.06")))
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
          assertThat(e.cap()).isEqualTo("workspace prod, daily $1.00");
          assertThat(e.category()).isEqualTo(ErrorCategory.PAYMENT);
          assertThat(e.getMessage()).isEqualTo("spend cap reached: workspace prod, daily $1.00 — "
              + "$0.9 spent and $0.05 reserved by attempts in flight this period; this attempt "
              + "may cost up to $0.06; it resets at 2026-08-23T00:00:00Z");
        });
    assertThat(only(g).reserved()).isEqualByComparingTo("0.05");
    // Exactly up to the limit is allowed.
    Reservation last = g.reserve(CallScope.of("prod"), usd("0.05"));
    assertThat(only(g).remaining()).isEqualByComparingTo("0");
    g.release(last);
    g.release(held);
    assertThat(only(g).reserved()).isEqualByComparingTo("0");
  }

  @Test
  void releaseIsIdempotentAndDoesNothingAfterASettlement() {
    SpendGuard g = guard(daily("1"));
    Reservation r = g.reserve(CallScope.of("prod"), usd("0.5"));
    g.settle(r, usd("0.2"));
    g.release(r);
    r.close();
    assertThat(only(g).spent()).isEqualByComparingTo("0.2");
    assertThat(only(g).reserved()).isEqualByComparingTo("0");
    assertThatThrownBy(() -> g.settle(r, usd("0.2"))).isInstanceOf(IllegalStateException.class)
        .hasMessage("the reservation was already settled");

    Reservation failed = g.reserve(CallScope.of("prod"), usd("0.5"));
    try (failed) {
      assertThat(only(g).reserved()).isEqualByComparingTo("0.5");
    }
    assertThat(only(g).reserved()).isEqualByComparingTo("0");
    assertThatThrownBy(() -> g.settle(failed, usd("0.1")))
        .hasMessage("the reservation was already released");
  }

  @Test
  void aMissingCostChargesTheWorstCase() {
    SpendGuard g = guard(daily("1"));
    g.settle(g.reserve(CallScope.of("prod"), usd("0.25")), (Cost) null);
    assertThat(only(g).spent()).isEqualByComparingTo("0.25");
  }

  @Test
  void everyApplicableCapIsCheckedAndEitherAllReserveOrNone() {
    Workspace w = Workspace.builder("prod")
        .spendCap(SpendCap.workspace(BudgetPeriod.MONTH, "100"))
        .spendCap(SpendCap.eachUser(BudgetPeriod.DAY, "1"))
        .spendCap(SpendCap.key("openai-main", BudgetPeriod.DAY, "50"))
        .spendCap(SpendCap.tag("feature", "chat", BudgetPeriod.WEEK, "10"))
        .spendCap(SpendCap.eachTag("team", BudgetPeriod.ALL_TIME, "0.7"))
        .build();
    SpendGuard g = guard(w);
    CallScope alice = new CallScope("prod", "openai-main", "alice",
        Map.of("feature", "chat", "team", "search"));
    Reservation r = g.reserve(alice, usd("0.6"));
    assertThat(r.caps()).isEqualTo(5);
    // The team tag cap (0.7) refuses the next 0.2; no other cap may keep any of it.
    assertThatThrownBy(() -> g.reserve(alice.withUser("bob"), usd("0.2")))
        .isInstanceOfSatisfying(BudgetExceededException.class, e ->
            assertThat(e.cap()).isEqualTo("tag team=search in workspace prod, all-time $0.7"));
    assertThat(g.caps("prod")).allSatisfy(c ->
        assertThat(c.reserved()).isEqualByComparingTo(c.subject() == null
            || !c.subject().equals("bob") ? "0.6" : "0"));
    // A call with no key, user or tags counts against the workspace cap only.
    Reservation plain = g.reserve(CallScope.of("prod"), usd("5"));
    assertThat(plain.caps()).isEqualTo(1);
    // Another key label is outside the key cap; another team has its own counter.
    Reservation other = g.reserve(new CallScope("prod", "anthropic", "carol",
        Map.of("team", "ads")), usd("0.7"));
    assertThat(other.caps()).isEqualTo(3);
    g.release(plain);
    g.release(other);
    g.settle(r, usd("0.55"));
    assertThat(g.caps("prod")).filteredOn(c -> "alice".equals(c.subject()))
        .singleElement().satisfies(c -> assertThat(c.spent()).isEqualByComparingTo("0.55"));
  }

  @Test
  void perUserCapsCountEachUserSeparately() {
    SpendGuard g = guard(Workspace.builder("prod")
        .spendCap(SpendCap.eachUser(BudgetPeriod.DAY, "1")).build());
    CallScope alice = CallScope.of("prod").withUser("alice");
    CallScope bob = CallScope.of("prod").withUser("bob");
    g.settle(g.reserve(alice, usd("1")), usd("1"));
    assertThatThrownBy(() -> g.reserve(alice, usd("0.000001")))
        .isInstanceOfSatisfying(BudgetExceededException.class,
            e -> assertThat(e.cap()).isEqualTo("user alice in workspace prod, daily $1"));
    g.settle(g.reserve(bob, usd("1")), usd("0.4"));
    assertThat(g.caps("prod")).extracting(CapState::subject).containsExactlyInAnyOrder("alice", "bob");
    // No user: a per-user cap does not apply.
    assertThat(g.reserve(CallScope.of("prod"), usd("100")).caps()).isZero();
  }

  @Test
  void workspacesAreSeparateAndUnknownOnesAreRefused() {
    SpendGuard g = guard(daily("1"), Workspace.builder("dev")
        .spendCap(SpendCap.workspace(BudgetPeriod.DAY, "0")).build());
    g.reserve(CallScope.of("prod"), usd("1"));
    assertThatThrownBy(() -> g.reserve(CallScope.of("dev"), usd("0.0001")))
        .isInstanceOf(BudgetExceededException.class);
    // A zero limit still lets free calls through.
    g.settle(g.reserve(CallScope.of("dev"), BigDecimal.ZERO), BigDecimal.ZERO);
    assertThatThrownBy(() -> g.reserve(CallScope.of("qa"), usd("1")))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("workspace");
          assertThat(e.getMessage()).isEqualTo("workspace: unknown workspace 'qa' (known: [dev, prod])");
        });
    assertThat(g.reserve(CallScope.NONE, usd("1000")).caps()).isZero();
    assertThatThrownBy(() -> g.reserve(CallScope.of("prod"), usd("-1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpendGuard.builder().workspace(daily("1"), daily("2")).build())
        .hasMessage("workspace 'prod' is given twice");
  }

  @Test
  void dailyCapRollsOverAtUtcMidnight() {
    SpendGuard g = guard(daily("1"));
    clock.set("2026-08-22T23:59:59Z");
    g.settle(g.reserve(CallScope.of("prod"), usd("1")), usd("1"));
    assertThatThrownBy(() -> g.reserve(CallScope.of("prod"), usd("0.01")))
        .hasMessageEndingWith("it resets at 2026-08-23T00:00:00Z");
    clock.set("2026-08-23T00:00:00Z");
    Reservation r = g.reserve(CallScope.of("prod"), usd("1"));
    assertThat(only(g).spent()).isEqualByComparingTo("0");
    assertThat(only(g).periodStart()).isEqualTo(Instant.parse("2026-08-23T00:00:00Z"));
    g.release(r);
  }

  @Test
  void weeklyCapRollsOverOnMondayUtc() {
    SpendGuard g = guard(Workspace.builder("prod")
        .spendCap(SpendCap.workspace(BudgetPeriod.WEEK, "1")).build());
    clock.set("2026-08-17T00:00:00Z"); // Monday
    g.settle(g.reserve(CallScope.of("prod"), usd("0.6")), usd("0.6"));
    clock.set("2026-08-23T23:59:59.999Z"); // Sunday, same week
    assertThatThrownBy(() -> g.reserve(CallScope.of("prod"), usd("0.5")))
        .hasMessageEndingWith("it resets at 2026-08-24T00:00:00Z");
    clock.set("2026-08-24T00:00:00Z"); // Monday
    g.settle(g.reserve(CallScope.of("prod"), usd("1")), usd("0.5"));
    assertThat(only(g).spent()).isEqualByComparingTo("0.5");
  }

  @Test
  void monthlyCapRollsOverOnTheFirst() {
    SpendGuard g = guard(Workspace.builder("prod")
        .spendCap(SpendCap.workspace(BudgetPeriod.MONTH, "1")).build());
    clock.set("2028-02-01T00:00:00Z");
    g.settle(g.reserve(CallScope.of("prod"), usd("0.6")), usd("0.6"));
    clock.set("2028-02-29T23:59:59Z"); // leap day, same month
    assertThatThrownBy(() -> g.reserve(CallScope.of("prod"), usd("0.5")))
        .hasMessageEndingWith("it resets at 2028-03-01T00:00:00Z");
    clock.set("2028-03-01T00:00:00Z");
    assertThat(g.reserve(CallScope.of("prod"), usd("1")).caps()).isEqualTo(1);
  }

  @Test
  void allTimeCapNeverResetsAndAClockSteppingBackDoesNotReopenAPeriod() {
    SpendGuard g = guard(Workspace.builder("prod")
        .spendCap(SpendCap.workspace(BudgetPeriod.ALL_TIME, "1"))
        .spendCap(SpendCap.eachUser(BudgetPeriod.DAY, "5")).build());
    CallScope u = CallScope.of("prod").withUser("u");
    g.settle(g.reserve(u, usd("0.9")), usd("0.9"));
    clock.set("2030-01-01T00:00:00Z");
    assertThatThrownBy(() -> g.reserve(CallScope.of("prod"), usd("0.2")))
        .hasMessageEndingWith("the cap never resets");
    g.settle(g.reserve(u, usd("0.05")), usd("0.05"));
    clock.set("2029-12-31T23:00:00Z"); // backwards: the 2030-01-01 period stays
    assertThat(g.caps("prod")).filteredOn(c -> "u".equals(c.subject())).singleElement()
        .satisfies(c -> {
          assertThat(c.spent()).isEqualByComparingTo("0.05");
          assertThat(c.periodStart()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        });
  }

  @Test
  void reservationsSpanningMidnightAreSettledIntoTheNewPeriod() {
    SpendGuard g = guard(daily("1"));
    clock.set("2026-08-22T23:59:00Z");
    Reservation r = g.reserve(CallScope.of("prod"), usd("0.8"));
    clock.set("2026-08-23T00:01:00Z");
    // Still held after the reset: the new period sees it.
    assertThat(only(g).reserved()).isEqualByComparingTo("0.8");
    assertThatThrownBy(() -> g.reserve(CallScope.of("prod"), usd("0.3")))
        .isInstanceOf(BudgetExceededException.class);
    g.settle(r, usd("0.7"));
    assertThat(only(g).spent()).isEqualByComparingTo("0.7");
    assertThat(only(g).reserved()).isEqualByComparingTo("0");
  }

  @Test
  void thresholdsFireOnceEachPerPeriodInOrder() {
    SpendGuard g = guard(daily("10.00"));
    CallScope s = CallScope.of("prod");
    g.settle(g.reserve(s, usd("4.99")), usd("4.99"));
    assertThat(alerts).isEmpty();
    g.settle(g.reserve(s, usd("0.01")), usd("0.01")); // exactly 50%
    assertThat(alerts).extracting(SpendAlert::percent).containsExactly(50);
    assertThat(alerts.get(0).spent()).isEqualByComparingTo("5.00");
    assertThat(alerts.get(0).capName()).isEqualTo("workspace prod, daily $10.00");
    assertThat(alerts.get(0).periodStart()).isEqualTo(Instant.parse("2026-08-22T00:00:00Z"));
    g.settle(g.reserve(s, usd("0.5")), usd("0.5"));
    assertThat(alerts).hasSize(1);
    // One settlement crossing 80% and 100% reports both, in order.
    g.settle(g.reserve(s, usd("4.5")), usd("4.5"));
    assertThat(alerts).extracting(SpendAlert::percent).containsExactly(50, 80, 100);
    g.settle(g.reserve(s, BigDecimal.ZERO), BigDecimal.ZERO);
    assertThat(alerts).hasSize(3);
    // A new day reports afresh.
    clock.set("2026-08-23T08:00:00Z");
    g.settle(g.reserve(s, usd("6")), usd("6"));
    assertThat(alerts).extracting(SpendAlert::percent).containsExactly(50, 80, 100, 50);
    assertThat(alerts.get(3).periodStart()).isEqualTo(Instant.parse("2026-08-23T00:00:00Z"));
  }

  @Test
  void perSubjectAlertsNameTheSubjectAndAFailingListenerIsIgnored() {
    List<SpendAlert> heard = new CopyOnWriteArrayList<>();
    SpendGuard g = SpendGuard.builder().clock(clock).ticker(ticker)
        .workspace(Workspace.builder("prod")
            .spendCap(SpendCap.eachUser(BudgetPeriod.DAY, "2").withAlertThresholds(50)).build())
        .listener(a -> {
          heard.add(a);
          throw new IllegalStateException("listener bug");
        }).build();
    g.settle(g.reserve(CallScope.of("prod").withUser("u-42"), usd("1")), usd("1"));
    assertThat(heard).singleElement().satisfies(a -> {
      assertThat(a.subject()).isEqualTo("u-42");
      assertThat(a.capName()).isEqualTo("user u-42 in workspace prod, daily $2");
      assertThat(a.toString()).startsWith("user u-42 in workspace prod, daily $2 reached 50%: $1");
    });
  }

  @Test
  void seedSetsTheCurrentPeriodAndMarksReachedThresholdsSilently() {
    Workspace w = Workspace.builder("prod")
        .spendCap(SpendCap.workspace(BudgetPeriod.MONTH, "100"))
        .spendCap(SpendCap.workspace(BudgetPeriod.DAY, "10"))
        .spendCap(SpendCap.eachUser(BudgetPeriod.DAY, "1"))
        .spendCap(SpendCap.user("vip", BudgetPeriod.DAY, "5"))
        .build();
    SpendGuard g = guard(w);
    assertThat(g.seed(SpendTarget.workspace("prod"), BudgetPeriod.MONTH, usd("85"))).isEqualTo(1);
    assertThat(g.seed(SpendTarget.user("prod", "vip"), BudgetPeriod.DAY, usd("0.9"))).isEqualTo(2);
    assertThat(g.seed(SpendTarget.user("prod", "x"), BudgetPeriod.WEEK, usd("1"))).isZero();
    assertThat(alerts).isEmpty();
    // Seeding twice replaces, it does not add.
    g.seed(SpendTarget.workspace("prod"), BudgetPeriod.MONTH, usd("85"));
    assertThatThrownBy(() -> g.reserve(CallScope.of("prod").withUser("vip"), usd("0.2")))
        .isInstanceOfSatisfying(BudgetExceededException.class,
            e -> assertThat(e.cap()).isEqualTo("user vip in workspace prod, daily $1"));
    // 85% of the monthly cap was reached before the seed: only 100% is still to come.
    g.settle(g.reserve(CallScope.of("prod"), usd("9")), usd("9"));
    assertThat(alerts).extracting(a -> a.cap().period() + " " + a.percent())
        .containsExactly("DAY 50", "DAY 80");
    g.seed(SpendTarget.workspace("prod"), BudgetPeriod.DAY, BigDecimal.ZERO);
    g.settle(g.reserve(CallScope.of("prod"), usd("6")), usd("6"));
    assertThat(alerts).extracting(a -> a.cap().period() + " " + a.percent())
        .containsExactly("DAY 50", "DAY 80", "MONTH 100", "DAY 50");
    assertThatThrownBy(() -> g.seed(SpendTarget.workspace("nope"), BudgetPeriod.DAY, usd("1")))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new SpendTarget("prod", SpendCap.Scope.USER, null, null))
        .hasMessage("a USER target needs a subject");
  }

  @Test
  void forgottenReservationsAreGivenBackAfterTheTimeout() {
    SpendGuard g = SpendGuard.builder().workspace(daily("1")).clock(clock).ticker(ticker)
        .reservationTimeout(Duration.ofMinutes(5)).build();
    Reservation lost = g.reserve(CallScope.of("prod"), usd("0.9"));
    ticker.advance(Duration.ofMinutes(4));
    assertThatThrownBy(() -> g.reserve(CallScope.of("prod"), usd("0.2")))
        .isInstanceOf(BudgetExceededException.class);
    ticker.advance(Duration.ofMinutes(2));
    // The next reserve sweeps on its own.
    Reservation next = g.reserve(CallScope.of("prod"), usd("0.2"));
    assertThat(lost.isOpen()).isFalse();
    assertThat(only(g).reserved()).isEqualByComparingTo("0.2");
    // The late settlement still counts the money spent, but gives nothing back twice.
    g.settle(lost, usd("0.3"));
    assertThat(only(g).spent()).isEqualByComparingTo("0.3");
    assertThat(only(g).reserved()).isEqualByComparingTo("0.2");
    g.release(next);
    assertThat(g.expireStale()).isZero();
  }

  @Test
  void idleSubjectsAreDroppedAfterTheirPeriodEnds() {
    SpendGuard g = guard(Workspace.builder("prod")
        .spendCap(SpendCap.eachUser(BudgetPeriod.DAY, "1")).build());
    for (int i = 0; i < 50; i++) {
      g.settle(g.reserve(CallScope.of("prod").withUser("u" + i), usd("0.1")), usd("0.1"));
    }
    Reservation open = g.reserve(CallScope.of("prod").withUser("held"), usd("0.5"));
    g.expireStale();
    assertThat(g.caps("prod")).hasSize(51);
    clock.set("2026-08-23T00:00:01Z");
    g.expireStale();
    // Only the subject with a reservation in flight is kept.
    assertThat(g.caps("prod")).extracting(CapState::subject).containsExactly("held");
    g.settle(open, usd("0.4"));
    assertThat(g.caps("prod")).singleElement()
        .satisfies(c -> assertThat(c.spent()).isEqualByComparingTo("0.4"));
    // A dropped subject starts afresh.
    g.settle(g.reserve(CallScope.of("prod").withUser("u1"), usd("1")), usd("1"));
  }

  @Test
  void aReservationBelongsToItsGuard() {
    SpendGuard a = guard(daily("1"));
    SpendGuard b = guard(daily("1"));
    Reservation r = a.reserve(CallScope.of("prod"), usd("0.1"));
    assertThatThrownBy(() -> b.settle(r, usd("0.1")))
        .hasMessage("the reservation was made by another SpendGuard");
    assertThat(r.toString()).isEqualTo("Reservation[$0.1 on 1 caps, open]");
  }

  @Test
  void hasCapsSaysWhetherAWorkspaceHasAnyCapWithoutFailingOnUnknownNames() {
    SpendGuard g = guard(daily("1.00"), Workspace.of("free"));
    assertThat(g.hasCaps("prod")).isTrue();
    assertThat(g.hasCaps("free")).isFalse();
    assertThat(g.hasCaps("nope")).isFalse();
    assertThat(g.hasCaps(null)).isFalse();
  }
}
