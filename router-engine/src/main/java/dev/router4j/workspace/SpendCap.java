package dev.router4j.workspace;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A limit on what a workspace, or part of it, may spend in US dollars per {@link BudgetPeriod}.
 * Before each attempt the router reserves the attempt's worst-case cost against every cap that
 * applies; an attempt that would take a cap past its limit is refused with a
 * {@link dev.router4j.api.error.BudgetExceededException} naming the cap. After the attempt the
 * reservation is replaced by what the attempt actually cost.
 *
 * <p>A cap's {@linkplain #scope() scope} says whose spend it counts:
 * <ul>
 *   <li>{@link Scope#WORKSPACE}: everything the workspace spends;</li>
 *   <li>{@link Scope#KEY}: what is paid with one provider key, by its label (never the secret);</li>
 *   <li>{@link Scope#USER}: what one end user spends;</li>
 *   <li>{@link Scope#TAG}: what requests carrying one tag value spend, e.g. {@code feature=summaries}.</li>
 * </ul>
 * With a {@linkplain #subject() subject} the cap counts that key, user or tag value only; without
 * one it counts each key, user or tag value separately against the same limit ("every user may
 * spend $5 a day").
 *
 * <pre>{@code
 * SpendCap.workspace(BudgetPeriod.MONTH, "500.00");
 * SpendCap.eachUser(BudgetPeriod.DAY, "2.00").withAlertThresholds(90);
 * SpendCap.tag("feature", "summaries", BudgetPeriod.WEEK, "40");
 * }</pre>
 *
 * @param scope whose spend the cap counts
 * @param tagKey the tag's key for a {@link Scope#TAG} cap, else null
 * @param subject the key label, user or tag value counted, or null to count each one separately
 *     (always null for a {@link Scope#WORKSPACE} cap)
 * @param period how often the cap starts again from zero (UTC)
 * @param limit the most that may be spent per period, in US dollars; zero refuses every paid call
 * @param alertThresholds percentages of the limit at which listeners hear about the spend, once
 *     each per period; ascending, each between 1 and 100, 50/80/100 by default, empty for none
 */
public record SpendCap(
    Scope scope,
    String tagKey,
    String subject,
    BudgetPeriod period,
    BigDecimal limit,
    List<Integer> alertThresholds) {

  /** Whose spend a cap counts. */
  public enum Scope {
    /** Everything the workspace spends. */
    WORKSPACE,
    /** What is paid with a provider key, by the key's label. */
    KEY,
    /** What an end user spends. */
    USER,
    /** What requests carrying a tag spend. */
    TAG
  }

  /** The alert thresholds when none are given: 50, 80 and 100 percent. */
  public static final List<Integer> DEFAULT_ALERT_THRESHOLDS = List.of(50, 80, 100);

  /**
   * Checks the fields and sorts the thresholds.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  public SpendCap {
    Valid.required(scope, "SpendCap.scope");
    Valid.required(period, "SpendCap.period");
    Valid.required(limit, "SpendCap.limit");
    if (limit.signum() < 0) {
      throw new IllegalArgumentException(
          "SpendCap.limit must not be negative, was " + limit.toPlainString());
    }
    if (scope == Scope.TAG) {
      Valid.required(tagKey, "SpendCap.tagKey (for a TAG cap)");
      Valid.text(tagKey, "SpendCap.tagKey");
    } else if (tagKey != null) {
      throw new IllegalArgumentException(
          "SpendCap.tagKey applies to TAG caps only; this cap's scope is " + scope);
    }
    if (scope == Scope.WORKSPACE && subject != null) {
      throw new IllegalArgumentException(
          "SpendCap.subject must be null for a WORKSPACE cap (the workspace is the subject), was '"
              + subject + "'");
    }
    if (scope != Scope.TAG) {
      Valid.text(subject, "SpendCap.subject");
    } else if (subject != null && subject.isEmpty()) {
      throw new IllegalArgumentException("SpendCap.subject (the tag value) must not be empty");
    }
    alertThresholds = thresholds(alertThresholds);
  }

  private static List<Integer> thresholds(List<Integer> given) {
    if (given == null) {
      return DEFAULT_ALERT_THRESHOLDS;
    }
    TreeSet<Integer> sorted = new TreeSet<>();
    for (Integer p : given) {
      Valid.required(p, "SpendCap.alertThresholds[]");
      if (p < 1 || p > 100) {
        throw new IllegalArgumentException(
            "SpendCap.alertThresholds: each percent must be between 1 and 100, was " + p);
      }
      sorted.add(p);
    }
    return List.copyOf(sorted);
  }

  /** A cap on everything the workspace spends. */
  public static SpendCap workspace(BudgetPeriod period, BigDecimal limit) {
    return new SpendCap(Scope.WORKSPACE, null, null, period, limit, null);
  }

  /** A cap on everything the workspace spends; the limit as a decimal string such as {@code "10.00"}. */
  public static SpendCap workspace(BudgetPeriod period, String limit) {
    return workspace(period, dollars(limit));
  }

  /** A cap on what one provider key (by its label) pays. */
  public static SpendCap key(String label, BudgetPeriod period, String limit) {
    return new SpendCap(Scope.KEY, null, Valid.required(label, "SpendCap key label"), period,
        dollars(limit), null);
  }

  /** The same cap on each provider key, counted separately. */
  public static SpendCap eachKey(BudgetPeriod period, String limit) {
    return new SpendCap(Scope.KEY, null, null, period, dollars(limit), null);
  }

  /** A cap on what one end user spends. */
  public static SpendCap user(String user, BudgetPeriod period, String limit) {
    return new SpendCap(Scope.USER, null, Valid.required(user, "SpendCap user"), period,
        dollars(limit), null);
  }

  /** The same cap on each end user, counted separately. */
  public static SpendCap eachUser(BudgetPeriod period, String limit) {
    return new SpendCap(Scope.USER, null, null, period, dollars(limit), null);
  }

  /** A cap on what requests tagged {@code key=value} spend. */
  public static SpendCap tag(String key, String value, BudgetPeriod period, String limit) {
    return new SpendCap(Scope.TAG, key, Valid.required(value, "SpendCap tag value"), period,
        dollars(limit), null);
  }

  /** The same cap on each value of the tag {@code key}, counted separately. */
  public static SpendCap eachTag(String key, BudgetPeriod period, String limit) {
    return new SpendCap(Scope.TAG, key, null, period, dollars(limit), null);
  }

  /** A builder for a cap of the given scope. */
  public static Builder builder(Scope scope) {
    return new Builder(scope);
  }

  /** A builder holding this cap's fields. */
  public Builder toBuilder() {
    Builder b = new Builder(scope);
    b.tagKey = tagKey;
    b.subject = subject;
    b.period = period;
    b.limit = limit;
    b.alertThresholds = alertThresholds;
    return b;
  }

  /** A copy alerting at the given percentages of the limit (none for no alerts). */
  public SpendCap withAlertThresholds(int... percents) {
    List<Integer> list = new ArrayList<>(percents.length);
    for (int p : percents) {
      list.add(p);
    }
    return new SpendCap(scope, tagKey, subject, period, limit, list);
  }

  /** Whether the cap counts each key, user or tag value separately. */
  public boolean perSubject() {
    return scope != Scope.WORKSPACE && subject == null;
  }

  /**
   * How the cap reads in messages and in {@link dev.router4j.api.error.BudgetExceededException#cap()},
   * e.g. {@code workspace prod, daily $10.00} or {@code user u-42 in workspace prod, monthly $5}.
   *
   * @param workspace the workspace's name
   * @param counted the key label, user or tag value being counted (for a per-subject cap), or null
   */
  public String describe(String workspace, String counted) {
    String who = subject != null ? subject : counted;
    StringBuilder s = new StringBuilder();
    switch (scope) {
      case KEY:
        s.append("key ").append(who).append(" in ");
        break;
      case USER:
        s.append("user ").append(who).append(" in ");
        break;
      case TAG:
        s.append("tag ").append(tagKey).append('=').append(who).append(" in ");
        break;
      default:
        break;
    }
    s.append("workspace ").append(workspace).append(", ").append(period.adjective())
        .append(" $").append(limit.toPlainString());
    return s.toString();
  }

  private static BigDecimal dollars(String limit) {
    Valid.required(limit, "SpendCap.limit");
    try {
      return new BigDecimal(limit.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "SpendCap.limit must be a decimal number of dollars such as \"10.00\", was '" + limit + "'");
    }
  }

  @Override
  public String toString() {
    return "SpendCap[" + describe("*", subject == null ? "*" : subject) + ", alerts at "
        + alertThresholds + "%]";
  }

  /** Builds a {@link SpendCap}. Not thread-safe. */
  public static final class Builder {
    private final Scope scope;
    private String tagKey;
    private String subject;
    private BudgetPeriod period;
    private BigDecimal limit;
    private List<Integer> alertThresholds;

    private Builder(Scope scope) {
      this.scope = scope;
    }

    /** The tag's key, for a {@link Scope#TAG} cap. */
    public Builder tagKey(String tagKey) {
      this.tagKey = tagKey;
      return this;
    }

    /** The key label, user or tag value counted; null (the default) counts each separately. */
    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** How often the cap resets. */
    public Builder period(BudgetPeriod period) {
      this.period = period;
      return this;
    }

    /** The limit in US dollars. */
    public Builder limit(BigDecimal limit) {
      this.limit = limit;
      return this;
    }

    /** The limit in US dollars, as a decimal string such as {@code "10.00"}. */
    public Builder limit(String limit) {
      this.limit = dollars(limit);
      return this;
    }

    /** The alert thresholds, percentages of the limit between 1 and 100. */
    public Builder alertThresholds(Integer... percents) {
      this.alertThresholds = java.util.Arrays.asList(percents);
      return this;
    }

    /** The alert thresholds, percentages of the limit between 1 and 100. */
    public Builder alertThresholds(List<Integer> percents) {
      this.alertThresholds = percents;
      return this;
    }

    /**
     * Builds the cap.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public SpendCap build() {
      return new SpendCap(scope, tagKey, subject, period, limit, alertThresholds);
    }
  }

  /** Two caps are duplicates when they count the same spend over the same period. */
  boolean sameCounterAs(SpendCap other) {
    return scope == other.scope && period == other.period
        && Objects.equals(tagKey, other.tagKey) && Objects.equals(subject, other.subject);
  }
}
