package dev.router4j.ledger;

import static dev.router4j.ledger.LedgerFixtures.T0;
import static dev.router4j.ledger.LedgerFixtures.simple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.cost.GenerationRecord;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The contract, and the bound, of {@link Ledger#inMemory(int)}. */
class InMemoryLedgerTest extends LedgerContractTest {

  @Override
  protected Ledger open() {
    return Ledger.inMemory(20_000);
  }

  @Override
  protected Ledger reopen(Ledger closed) {
    return closed;
  }

  @Test
  void theOldestRecordsAreEvictedBeyondTheBound() {
    Ledger small = Ledger.inMemory(3);
    for (int i = 1; i <= 5; i++) {
      small.record(simple("e" + i, T0.plusSeconds(i), "m", "0.1"));
    }
    assertThat(small.generation("e1")).isEmpty();
    assertThat(small.generation("e2")).isEmpty();
    assertThat(small.generation("e3")).isPresent();
    assertThat(small.query().records()).extracting(GenerationRecord::id)
        .containsExactly("e3", "e4", "e5");
    assertThat(small.query().totals().requests()).isEqualTo(3);
    assertThat(small.query().totals().cost()).isEqualTo(new BigDecimal("0.3"));
    assertThat(small.stats().evicted()).isEqualTo(2);
    assertThat(small.stats().recorded()).isEqualTo(5);
  }

  @Test
  void evictionFollowsRecordingOrderNotCreationTime() {
    Ledger small = Ledger.inMemory(2);
    small.record(simple("late", T0.plusSeconds(100), "m", "1"));
    small.record(simple("early", T0, "m", "1"));
    small.record(simple("middle", T0.plusSeconds(50), "m", "1"));
    assertThat(small.generation("late")).isEmpty();
    assertThat(small.query().records()).extracting(GenerationRecord::id)
        .containsExactly("early", "middle");
  }

  @Test
  void aDuplicateDoesNotEvict() {
    Ledger small = Ledger.inMemory(2);
    small.record(simple("a", T0, "m", "1"));
    small.record(simple("b", T0, "m", "1"));
    small.record(simple("a", T0, "m", "5"));
    assertThat(small.query().totals().cost()).isEqualTo(new BigDecimal("2"));
    assertThat(small.stats().evicted()).isZero();
    assertThat(small.stats().duplicates()).isEqualTo(1);
  }

  @Test
  void theDefaultBoundIsAHundredThousand() {
    Ledger l = Ledger.inMemory();
    assertThat(l).hasToString("Ledger.inMemory(10000)");
  }

  @Test
  void theBoundMustBePositive() {
    assertThatThrownBy(() -> Ledger.inMemory(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  @Test
  void aClosedInMemoryLedgerStaysReadable() {
    ledger.record(simple("kept", T0, "m", "1"));
    ledger.close();
    assertThat(ledger.generation("kept")).isPresent();
  }

  @Test
  void manyThreadsRecordingPastTheBoundKeepExactlyTheBound() throws Exception {
    int threads = 8;
    int each = 2_000;
    Ledger small = Ledger.inMemory(100);
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    java.util.List<Thread> workers = new java.util.ArrayList<>();
    java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread w = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < each; i++) {
            small.record(simple("b-" + thread + "-" + i, T0.plusMillis(i), "m", "1"));
            small.record(simple("shared-" + i, T0, "m", "1")); // every thread records these
          }
        } catch (Throwable e) {
          failure.set(e);
        }
      });
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join(60_000);
    }
    assertThat(failure.get()).isNull();
    assertThat(((dev.router4j.internal.ledger.InMemoryLedger) small).size()).isEqualTo(100);
    assertThat(small.query().totals().requests()).isEqualTo(100);
    assertThat(small.query().records()).hasSize(100);
    LedgerStats stats = small.stats();
    assertThat(stats.recorded()).isEqualTo(2L * threads * each);
    // A shared id may be evicted and recorded again, so duplicates vary from run to run (none
    // at all when every thread's copy came after the eviction); but every record that was not a
    // duplicate is either held or was evicted, once.
    assertThat(stats.duplicates()).isBetween(0L, (threads - 1L) * each);
    assertThat(stats.recorded() - stats.duplicates()).isEqualTo(stats.evicted() + 100);
  }
}
