package dev.router4j.ledger;

import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.internal.ledger.RecordCsv;
import dev.router4j.internal.ledger.RecordJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes records in the export formats of {@link UsageQuery#exportCsv} and
 * {@link UsageQuery#exportJsonLines}: to move records between ledgers, archive them or load
 * them elsewhere. A record read back equals the record written.
 */
public final class LedgerExport {
  private LedgerExport() {}

  /** The CSV columns, in order, as the header names them. */
  public static List<String> csvColumns() {
    return RecordCsv.COLUMNS;
  }

  /**
   * Writes records as CSV with a header row; see {@link UsageQuery#exportCsv}.
   *
   * @param records the records
   * @param out where to write; not closed
   * @throws UncheckedIOException when writing fails
   */
  public static void writeCsv(Iterable<GenerationRecord> records, Writer out) {
    try {
      RecordCsv.writeHeader(out);
      for (GenerationRecord r : records) {
        RecordCsv.writeRow(out, r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads records written by {@link #writeCsv} or {@link UsageQuery#exportCsv}. Columns are
   * matched by the header's names, so their order may differ and unknown columns are ignored.
   *
   * @param in the CSV text; not closed
   * @return the records, in file order
   * @throws IllegalArgumentException when the text is not such CSV, naming the line
   * @throws UncheckedIOException when reading fails
   */
  public static List<GenerationRecord> readCsv(Reader in) {
    try {
      return RecordCsv.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes records as JSON Lines; see {@link UsageQuery#exportJsonLines}.
   *
   * @param records the records
   * @param out where to write; not closed
   * @throws UncheckedIOException when writing fails
   */
  public static void writeJsonLines(Iterable<GenerationRecord> records, Writer out) {
    try {
      for (GenerationRecord r : records) {
        out.write(RecordJson.toJson(r));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads records written as JSON Lines; blank lines are skipped, unknown fields ignored.
   *
   * @param in the text; not closed
   * @return the records, in file order
   * @throws IllegalArgumentException when a line is not a record, naming the line
   * @throws UncheckedIOException when reading fails
   */
  public static List<GenerationRecord> readJsonLines(Reader in) {
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    List<GenerationRecord> out = new ArrayList<>();
    try {
      String line;
      int n = 0;
      while ((line = lines.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(RecordJson.fromJson(line));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("line " + n + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
