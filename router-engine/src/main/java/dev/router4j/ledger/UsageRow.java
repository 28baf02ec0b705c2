package dev.router4j.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The totals of one group of records: how many requests, tokens of each kind, the exact cost
 * and the failures. The totals of a whole query are one row with no group keys.
 *
 * <p>The cost is the exact sum of the records' costs, normalized (trailing zeros stripped,
 * zero as {@link BigDecimal#ZERO}) so that equal sums compare equal with {@code equals}.
 *
 * @param groupBy the grouping this row belongs to (empty for totals)
 * @param key the group's key for each dimension of {@code groupBy}, in the same order; an
 *     element is null when the records have no value for it
 * @param requests how many records
 * @param promptTokens prompt tokens, cached and cache-write included
 * @param completionTokens completion tokens, reasoning included
 * @param reasoningTokens reasoning tokens
 * @param cachedTokens prompt tokens read from the cache
 * @param cacheWriteTokens prompt tokens written to the cache
 * @param cost the exact cost in US dollars
 * @param errors how many of the generations failed (finish reason {@code error})
 * @param failedAttempts how many attempts failed across the records (retried, fell back, failed)
 */
public record UsageRow(
    List<GroupBy> groupBy,
    List<String> key,
    long requests,
    long promptTokens,
    long completionTokens,
    long reasoningTokens,
    long cachedTokens,
    long cacheWriteTokens,
    BigDecimal cost,
    long errors,
    long failedAttempts) {

  /** Checks the fields, copies the lists and normalizes the cost. */
  public UsageRow {
    groupBy = List.copyOf(groupBy);
    key = Collections.unmodifiableList(new ArrayList<>(key));
    if (groupBy.size() != key.size()) {
      throw new IllegalArgumentException(
          "a key per grouping: " + groupBy.size() + " groupings, " + key.size() + " keys");
    }
    Objects.requireNonNull(cost, "cost");
    cost = cost.signum() == 0 ? BigDecimal.ZERO : cost.stripTrailingZeros();
  }

  /** The key of one dimension of this row's grouping (null when the records have none). */
  public String key(GroupBy dimension) {
    int i = groupBy.indexOf(dimension);
    if (i < 0) {
      throw new IllegalArgumentException("this row is not grouped by " + dimension);
    }
    return key.get(i);
  }

  /** Prompt plus completion tokens. */
  public long totalTokens() {
    return promptTokens + completionTokens;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("UsageRow[");
    for (int i = 0; i < groupBy.size(); i++) {
      sb.append(groupBy.get(i).label()).append('=').append(key.get(i)).append(", ");
    }
    return sb.append(requests).append(" requests, ").append(promptTokens).append('+')
        .append(completionTokens).append(" tokens, $").append(cost.toPlainString())
        .append(", ").append(errors).append(" errors]").toString();
  }
}
