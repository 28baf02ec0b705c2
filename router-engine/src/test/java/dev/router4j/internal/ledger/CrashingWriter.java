package dev.router4j.internal.ledger;

import dev.router4j.ledger.Ledger;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link JdbcLedgerCrashTest}: records {@code flushed} records, flushes,
 * says so, records more without flushing, then halts the JVM at once (no shutdown hooks, no
 * close), as a crash would.
 */
public final class CrashingWriter {
  private CrashingWriter() {}

  /** Arguments: the SQLite file, how many records to flush, how many more to leave queued. */
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int flushed = Integer.parseInt(args[1]);
    int more = Integer.parseInt(args[2]);
    Ledger ledger = Ledger.sqlite(file);
    for (int i = 0; i < flushed + more; i++) {
      ledger.record(JdbcLedgerCrashTest.record(i));
      if (i == flushed - 1) {
        ledger.flush();
        System.out.println("flushed " + flushed);
        System.out.flush();
      }
    }
    Runtime.getRuntime().halt(77);
  }
}
