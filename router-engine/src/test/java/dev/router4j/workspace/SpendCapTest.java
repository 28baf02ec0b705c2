package dev.router4j.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpendCapTest {

  @Test
  void factoriesFillScopeSubjectAndDefaultThresholds() {
    SpendCap ws = SpendCap.workspace(BudgetPeriod.MONTH, "500.00");
    assertThat(ws.scope()).isEqualTo(SpendCap.Scope.WORKSPACE);
    assertThat(ws.subject()).isNull();
    assertThat(ws.limit()).isEqualByComparingTo("500");
    assertThat(ws.alertThresholds()).containsExactly(50, 80, 100);
    assertThat(ws.perSubject()).isFalse();

    SpendCap user = SpendCap.user("u-42", BudgetPeriod.DAY, "2");
    assertThat(user.subject()).isEqualTo("u-42");
    assertThat(user.perSubject()).isFalse();
    assertThat(SpendCap.eachUser(BudgetPeriod.DAY, "2").perSubject()).isTrue();
    assertThat(SpendCap.eachKey(BudgetPeriod.WEEK, "2").scope()).isEqualTo(SpendCap.Scope.KEY);

    SpendCap tag = SpendCap.tag("feature", "summaries", BudgetPeriod.WEEK, "40");
    assertThat(tag.tagKey()).isEqualTo("feature");
    assertThat(tag.subject()).isEqualTo("summaries");
    assertThat(SpendCap.eachTag("feature", BudgetPeriod.WEEK, "40").perSubject()).isTrue();
  }

  @Test
  void thresholdsAreSortedAndDeduplicatedAndMayBeEmpty() {
    SpendCap cap = SpendCap.workspace(BudgetPeriod.DAY, "10").withAlertThresholds(90, 25, 90);
    assertThat(cap.alertThresholds()).containsExactly(25, 90);
    assertThat(SpendCap.workspace(BudgetPeriod.DAY, "10").withAlertThresholds().alertThresholds())
        .isEmpty();
    assertThat(SpendCap.builder(SpendCap.Scope.WORKSPACE).period(BudgetPeriod.DAY).limit("1")
        .alertThresholds(List.of(100)).build().alertThresholds()).containsExactly(100);
  }

  @Test
  void describesTheCapAsErrorsNameIt() {
    assertThat(SpendCap.workspace(BudgetPeriod.DAY, "10.00").describe("prod", null))
        .isEqualTo("workspace prod, daily $10.00");
    assertThat(SpendCap.eachUser(BudgetPeriod.MONTH, "5").describe("prod", "u-42"))
        .isEqualTo("user u-42 in workspace prod, monthly $5");
    assertThat(SpendCap.key("openai-main", BudgetPeriod.WEEK, "3").describe("prod", "ignored"))
        .isEqualTo("key openai-main in workspace prod, weekly $3");
    assertThat(SpendCap.eachTag("feature", BudgetPeriod.ALL_TIME, "1").describe("x", "chat"))
        .isEqualTo("tag feature=chat in workspace x, all-time $1");
  }

  @Test
  void builderRoundTrips() {
    SpendCap cap = SpendCap.builder(SpendCap.Scope.TAG).tagKey("team").subject("search")
        .period(BudgetPeriod.WEEK).limit(new BigDecimal("12.5")).alertThresholds(75).build();
    assertThat(cap.toBuilder().build()).isEqualTo(cap);
    assertThat(cap.toString()).contains("tag team=search", "weekly $12.5", "[75]");
  }

  @Test
  void validationNamesTheField() {
    assertThatThrownBy(() -> SpendCap.builder(SpendCap.Scope.WORKSPACE).limit("1").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("SpendCap.period is required");
    assertThatThrownBy(() -> SpendCap.builder(SpendCap.Scope.WORKSPACE).period(BudgetPeriod.DAY)
        .build()).hasMessage("SpendCap.limit is required");
    assertThatThrownBy(() -> SpendCap.builder(null).period(BudgetPeriod.DAY).limit("1").build())
        .hasMessage("SpendCap.scope is required");
    assertThatThrownBy(() -> SpendCap.workspace(BudgetPeriod.DAY, "-0.01"))
        .hasMessage("SpendCap.limit must not be negative, was -0.01");
    assertThatThrownBy(() -> SpendCap.workspace(BudgetPeriod.DAY, "ten dollars"))
        .hasMessage("SpendCap.limit must be a decimal number of dollars such as \"10.00\", "
            + "was 'ten dollars'");
    assertThatThrownBy(() -> SpendCap.builder(SpendCap.Scope.TAG).period(BudgetPeriod.DAY)
        .limit("1").build()).hasMessage("SpendCap.tagKey (for a TAG cap) is required");
    assertThatThrownBy(() -> SpendCap.builder(SpendCap.Scope.USER).tagKey("team")
        .period(BudgetPeriod.DAY).limit("1").build())
        .hasMessage("SpendCap.tagKey applies to TAG caps only; this cap's scope is USER");
    assertThatThrownBy(() -> SpendCap.builder(SpendCap.Scope.WORKSPACE).subject("x")
        .period(BudgetPeriod.DAY).limit("1").build())
        .hasMessage("SpendCap.subject must be null for a WORKSPACE cap (the workspace is the "
            + "subject), was 'x'");
    assertThatThrownBy(() -> SpendCap.user(" ", BudgetPeriod.DAY, "1"))
        .hasMessage("SpendCap.subject must not be blank");
    assertThatThrownBy(() -> SpendCap.user(null, BudgetPeriod.DAY, "1"))
        .hasMessage("SpendCap user is required");
    assertThatThrownBy(() -> SpendCap.workspace(BudgetPeriod.DAY, "1").withAlertThresholds(0))
        .hasMessage("SpendCap.alertThresholds: each percent must be between 1 and 100, was 0");
    assertThatThrownBy(() -> SpendCap.workspace(BudgetPeriod.DAY, "1").withAlertThresholds(101))
        .hasMessage("SpendCap.alertThresholds: each percent must be between 1 and 100, was 101");
    assertThatThrownBy(() -> new SpendCap(SpendCap.Scope.WORKSPACE, null, null, BudgetPeriod.DAY,
        BigDecimal.ONE, Arrays.asList(50, null)))
        .hasMessage("SpendCap.alertThresholds[] is required");
  }
}
