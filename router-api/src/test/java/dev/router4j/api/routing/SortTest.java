package dev.router4j.api.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SortTest {

  @Test
  void thePartitionDefaultsToModel() {
    assertThat(Sort.PRICE.partition()).isNull();
    assertThat(Sort.PRICE.effectivePartition()).isEqualTo(Sort.Partition.MODEL);
    assertThat(new Sort(Sort.By.LATENCY, Sort.Partition.NONE).effectivePartition())
        .isEqualTo(Sort.Partition.NONE);
    assertThatThrownBy(() -> new Sort(null, null)).isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("sort.by");
  }

  @Test
  void wireNamesRoundTrip() {
    for (Sort.By b : Sort.By.values()) {
      assertThat(Sort.By.fromWire(b.wireName())).isEqualTo(b);
    }
    for (Sort.Partition p : Sort.Partition.values()) {
      assertThat(Sort.Partition.fromWire(p.wireName())).isEqualTo(p);
    }
    assertThat(Sort.By.EXACTO.wireName()).isEqualTo("exacto");
    assertThat(Sort.By.fromWire("cost")).isNull();
  }
}
