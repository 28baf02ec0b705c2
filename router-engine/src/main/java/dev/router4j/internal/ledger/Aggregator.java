package dev.router4j.internal.ledger;

import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.ledger.GroupBy;
import dev.router4j.ledger.UsageRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates records into {@link UsageRow}s in Java: what the in-memory ledger runs, and the
 * reference the SQL ledgers must agree with. Not thread-safe.
 */
public final class Aggregator {
  /** Row order: by each key in turn, null first, then by text. */
  public static final Comparator<List<String>> KEY_ORDER = (a, b) -> {
    for (int i = 0; i < a.size(); i++) {
      String x = a.get(i);
      String y = b.get(i);
      if (x == null || y == null) {
        if (x != y) {
          return x == null ? -1 : 1;
        }
        continue;
      }
      int c = x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  };

  private final List<GroupBy> groupBy;
  private final Map<List<String>, Totals> groups = new HashMap<>();

  /** An aggregator for the grouping (empty for plain totals). */
  public Aggregator(List<GroupBy> groupBy) {
    this.groupBy = List.copyOf(groupBy);
  }

  /** Counts one record. */
  public void add(GenerationRecord r) {
    List<String> key = new ArrayList<>(groupBy.size());
    for (GroupBy g : groupBy) {
      key.add(g.keyOf(r));
    }
    groups.computeIfAbsent(key, k -> new Totals()).add(r);
  }

  /** The rows, sorted by key; one row of zeros for plain totals over nothing. */
  public List<UsageRow> rows() {
    if (groupBy.isEmpty() && groups.isEmpty()) {
      return List.of(new Totals().row(groupBy, List.of()));
    }
    List<List<String>> keys = new ArrayList<>(groups.keySet());
    keys.sort(KEY_ORDER);
    List<UsageRow> out = new ArrayList<>(keys.size());
    for (List<String> k : keys) {
      out.add(groups.get(k).row(groupBy, k));
    }
    return out;
  }

  /** Running totals of one group. */
  static final class Totals {
    long requests;
    long prompt;
    long completion;
    long reasoning;
    long cached;
    long cacheWrite;
    BigDecimal cost = BigDecimal.ZERO;
    long errors;
    long failedAttempts;

    void add(GenerationRecord r) {
      requests++;
      prompt += r.promptTokens();
      completion += r.completionTokens();
      reasoning += r.reasoningTokens();
      cached += r.cachedTokens();
      cacheWrite += r.cacheWriteTokens();
      cost = cost.add(r.cost().total());
      if (r.failed()) {
        errors++;
      }
      failedAttempts += r.failedAttempts();
    }

    UsageRow row(List<GroupBy> groupBy, List<String> key) {
      return new UsageRow(groupBy, key, requests, prompt, completion, reasoning, cached,
          cacheWrite, cost, errors, failedAttempts);
    }
  }
}
