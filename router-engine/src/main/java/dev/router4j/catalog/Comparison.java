package dev.router4j.catalog;

import dev.router4j.api.catalog.DataPolicy;
import dev.router4j.api.catalog.Model;
import dev.router4j.internal.catalog.TextTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * A model's endpoints side by side, as OpenRouter's provider comparison shows them: one
 * {@link ComparisonRow} per endpoint, in catalog order. {@link #toTable()} (and
 * {@code toString()}) prints an aligned text table with prices in dollars per million tokens:
 *
 * <pre>
 * meta-llama/llama-3.3-70b-instruct  Meta: Llama 3.3 70B Instruct  (USD per million tokens)
 * endpoint         prompt  completion  cache read  cache write  tiers  context  max out  quant    data        tok/s  ttft s  uptime
 * groq               0.59        0.79           -            -      -   131072    32768  unknown  no storage    280    0.20   99.5%
 * </pre>
 *
 * <p>Immutable.
 *
 * @param model the model compared
 * @param rows one row per endpoint
 */
public record Comparison(Model model, List<ComparisonRow> rows) {

  private static final String[] HEADER = {
      "endpoint", "prompt", "completion", "cache read", "cache write", "tiers", "context",
      "max out", "quant", "data", "tok/s", "ttft s", "uptime"};
  private static final boolean[] RIGHT = {
      false, true, true, true, true, true, true, true, false, false, true, true, true};

  /** Copies the rows. */
  public Comparison {
    rows = List.copyOf(rows);
  }

  /** The number of endpoints. */
  public int size() {
    return rows.size();
  }

  /**
   * The comparison as an aligned text table: a title line, a header line and one line per
   * endpoint. Prices are dollars per million tokens with at least two decimals; "-" marks a
   * price or value the endpoint does not have; "tiers" shows the prompt size from which
   * higher prices apply.
   *
   * @return the table, lines separated by {@code \n}, ending with a newline
   */
  public String toTable() {
    TextTable table = new TextTable(HEADER, RIGHT);
    for (ComparisonRow r : rows) {
      table.row(
          r.tag(),
          money(r.promptPerMillion()),
          money(r.completionPerMillion()),
          money(r.cacheReadPerMillion()),
          money(r.cacheWritePerMillion()),
          r.tieredFromTokens() == null ? "-" : ">" + tokens(r.tieredFromTokens()),
          Integer.toString(r.contextLength()),
          r.maxCompletionTokens() == null ? "-" : Integer.toString(r.maxCompletionTokens()),
          r.quantization().wireName(),
          policy(r.dataPolicy()),
          r.priors().throughputP50() == null ? "-" : String.format(Locale.ROOT, "%.0f",
              r.priors().throughputP50()),
          r.priors().latencyP50() == null ? "-" : String.format(Locale.ROOT, "%.2f",
              r.priors().latencyP50()),
          r.priors().uptimeLast30m() == null ? "-" : String.format(Locale.ROOT, "%.1f%%",
              r.priors().uptimeLast30m()));
    }
    String title = model.id() + (model.name().equals(model.id()) ? "" : "  " + model.name())
        + "  (USD per million tokens)\n";
    return title + table.render();
  }

  @Override
  public String toString() {
    return toTable();
  }

  /** Dollars with at least two decimals, exact: {@code 2.00}, {@code 0.075}, {@code 0.0375}. */
  static String money(BigDecimal perMillion) {
    if (perMillion == null) {
      return "-";
    }
    BigDecimal v = perMillion.stripTrailingZeros();
    if (v.scale() < 2) {
      v = v.setScale(2);
    }
    return v.toPlainString();
  }

  private static String tokens(int n) {
    if (n % 1000 == 0) {
      return (n / 1000) + "k";
    }
    if (n % 1024 == 0) {
      return (n / 1024) + "Ki";
    }
    return Integer.toString(n);
  }

  private static String policy(DataPolicy p) {
    if (p.zeroDataRetention()) {
      return "zdr";
    }
    if (p.trainsOnData()) {
      return "trains";
    }
    if (p.retainsPrompts()) {
      return p.retentionDays() == null ? "retains" : "retains " + p.retentionDays() + "d";
    }
    return "no storage";
  }
}
