package dev.router4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * At least 2,000 concurrent requests, a third of them streams, against the loopback simulator
 * with 10% injected failures: every request ends with an answer or a typed error, none is lost
 * or answered twice, threads and heap stay bounded, and the ledger's total equals the sum of
 * the answers' costs (plus what streams broken after output were charged) exactly.
 *
 * <p>{@code -Drouter4j.load.requests=N} and {@code -Drouter4j.load.failureRate=R} change the
 * size; the figures are printed and written to {@code target/reliability/load-figures.md}.
 */
class LoadTest {

  @Test
  void everyRequestEndsOnceAndTheLedgerAddsUpExactly() throws Exception {
    int requests = Integer.getInteger("router4j.load.requests", 2000);
    double rate = Double.parseDouble(System.getProperty("router4j.load.failureRate", "0.10"));
    LoadScenario.Figures f = LoadScenario.run(requests, rate, 20260101L);
    String table = f.table();
    System.out.println("[load]\n" + table);
    write(table);

    assertThat(f.streams()).isEqualTo((requests + 2) / 3);
    assertThat(f.lost()).as("requests without an outcome").isZero();
    assertThat(f.answeredTwice()).as("requests answered twice").isZero();
    assertThat(f.untypedErrors()).as("errors that are not RouterExceptions: %s", f.errors()).isZero();
    assertThat(f.responses() + f.typedErrors()).isEqualTo(requests);
    // Launched together from one thread each; the 3 s first token keeps them in flight together.
    assertThat(f.maxInFlight()).as("requests in flight at once").isGreaterThanOrEqualTo(requests * 9 / 10);
    assertThat(f.simulatorRequests()).as("the faults made the router retry and fall back")
        .isGreaterThan(requests);
    // With three providers and 10% failures almost every request is answered.
    assertThat(f.responses()).isGreaterThan(requests * 9 / 10);

    assertThat(f.ledgerRecords()).isEqualTo(f.responses() + f.interruptedWithOutput());
    assertThat(f.recordsMatchResponses()).as("each answer's record has the answer's exact cost").isTrue();
    assertThat(f.ledgerTotal()).isEqualByComparingTo(f.responsesTotal().add(f.interruptedTotal()));

    // Bounded: one caller thread per request, at most one simulator thread per connection and
    // one OkHttp thread per stream, plus a fixed few; nothing of it stays.
    int bound = requests + f.streams() + 2 * requests + 200;
    assertThat(f.peakThreads()).as("peak threads").isLessThan(bound);
    assertThat(f.peakThreadsByKind().getOrDefault("router", 0)).as("router threads").isLessThanOrEqualTo(2);
    // After: back near the start; OkHttp's shared task-runner threads idle out within a minute.
    assertThat(f.threadsAfter()).as("threads after").isLessThan(f.threadsBefore() + 100);
    assertThat(f.heapAfterMb() - f.heapBeforeMb()).as("heap retained after the run (MB)")
        .isLessThan(64);
  }

  private static void write(String table) throws IOException {
    Path dir = Path.of("target", "reliability");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("load-figures.md"), table, StandardCharsets.UTF_8);
  }
}
