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
    assertThat(l).hasToString("Ledger.inMemory(100000)");
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
}
