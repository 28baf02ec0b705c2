package dev.router4j.ledger;

import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.internal.ledger.RecordCsv;
import dev.router4j.internal.ledger.RecordJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A query over a ledger's committed records: narrow it with filters, then ask for the totals,
 * a series grouped by one or more dimensions, the records themselves, or an export. Immutable:
 * every filter method returns a new query, so a base query can be shared and refined.
 *
 * <pre>{@code
 * UsageQuery march = ledger.query().between(marchFirst, aprilFirst).workspace("search");
 * UsageRow total = march.totals();
 * List<UsageRow> daily = march.series(GroupBy.DAY);
 * List<UsageRow> byTeamAndModel = march.series(GroupBy.tag("team"), GroupBy.MODEL);
 * march.exportCsv(writer);
 * }</pre>
 */
public final class UsageQuery {
  private final Ledger ledger;
  private final UsageFilter filter;

  /**
   * A query over a ledger with a filter; ledgers return one from {@link Ledger#query()}.
   *
   * @param ledger the ledger that runs it
   * @param filter the conditions
   */
  public UsageQuery(Ledger ledger, UsageFilter filter) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.filter = Objects.requireNonNull(filter, "filter");
  }

  /** The conditions so far. */
  public UsageFilter filter() {
    return filter;
  }

  /** Records created at or after {@code from}. */
  public UsageQuery from(Instant from) {
    return with(filter.withRange(from, filter.to()));
  }

  /** Records created before {@code to}. */
  public UsageQuery to(Instant to) {
    return with(filter.withRange(filter.from(), to));
  }

  /** Records created in {@code [from, to)}. */
  public UsageQuery between(Instant from, Instant to) {
    return with(filter.withRange(from, to));
  }

  /** Records of this model. */
  public UsageQuery model(String model) {
    return with(filter.withModel(model));
  }

  /** Records served by this provider. */
  public UsageQuery provider(String provider) {
    return with(filter.withProvider(provider));
  }

  /** Records of this workspace. */
  public UsageQuery workspace(String workspace) {
    return with(filter.withWorkspace(workspace));
  }

  /** Records paid with the key of this label. */
  public UsageQuery keyLabel(String keyLabel) {
    return with(filter.withKeyLabel(keyLabel));
  }

  /** Records of this end user. */
  public UsageQuery user(String user) {
    return with(filter.withUser(user));
  }

  /** Records carrying the tag {@code key=value} (in addition to earlier tag conditions). */
  public UsageQuery tag(String key, String value) {
    return with(filter.withTag(key, value));
  }

  /** The totals of every matching record (a row of zeros when none match). */
  public UsageRow totals() {
    List<UsageRow> rows = ledger.rows(filter, List.of());
    return rows.isEmpty()
        ? new UsageRow(List.of(), List.of(), 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0)
        : rows.get(0);
  }

  /**
   * One row per distinct combination of the dimensions' keys among the matching records,
   * sorted by the keys (null first), so a series by {@link GroupBy#DAY} or
   * {@link GroupBy#HOUR} comes in time order. Only groups with records appear.
   *
   * @param groupBy at least one dimension, each at most once
   */
  public List<UsageRow> series(GroupBy... groupBy) {
    return series(Arrays.asList(groupBy));
  }

  /** See {@link #series(GroupBy...)}. */
  public List<UsageRow> series(List<GroupBy> groupBy) {
    if (groupBy.isEmpty()) {
      throw new IllegalArgumentException("a series needs at least one dimension");
    }
    if (groupBy.stream().distinct().count() != groupBy.size()) {
      throw new IllegalArgumentException("a dimension appears twice: " + groupBy);
    }
    return ledger.rows(filter, List.copyOf(groupBy));
  }

  /** Every matching record, oldest first (by creation time, then id). */
  public List<GenerationRecord> records() {
    List<GenerationRecord> out = new ArrayList<>();
    ledger.forEach(filter, out::add);
    return out;
  }

  /** Passes every matching record to the action, oldest first, without collecting them. */
  public void forEach(Consumer<? super GenerationRecord> action) {
    ledger.forEach(filter, action);
  }

  /**
   * Writes every matching record as CSV (RFC 4180: comma-separated, CRLF line ends, fields
   * quoted when they hold a comma, quote or line break, quotes doubled), with a header row.
   * An empty unquoted field is a null; an empty string is written {@code ""}. Tags and
   * attempts are JSON text in their columns; costs are exact decimal text; durations are
   * milliseconds with up to six decimals. {@link LedgerExport#readCsv} reads it back.
   *
   * @param out where to write; not closed
   * @throws UncheckedIOException when writing fails
   */
  public void exportCsv(Writer out) {
    try {
      RecordCsv.writeHeader(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ledger.forEach(filter, r -> {
      try {
        RecordCsv.writeRow(out, r);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * Writes every matching record as JSON Lines: one JSON object per line, LF-terminated, with
   * snake_case names; costs are decimal strings, durations milliseconds.
   * {@link LedgerExport#readJsonLines} reads it back.
   *
   * @param out where to write; not closed
   * @throws UncheckedIOException when writing fails
   */
  public void exportJsonLines(Writer out) {
    ledger.forEach(filter, r -> {
      try {
        out.write(RecordJson.toJson(r));
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private UsageQuery with(UsageFilter f) {
    return new UsageQuery(ledger, f);
  }

  @Override
  public String toString() {
    return "UsageQuery[" + filter + "]";
  }
}
