package dev.router4j.api.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataCollectionTest {

  @Test
  void allowAndDenyRoundTripThroughTheirWireNames() {
    assertThat(DataCollection.fromWire("allow")).isEqualTo(DataCollection.ALLOW);
    assertThat(DataCollection.fromWire("deny")).isEqualTo(DataCollection.DENY);
    assertThat(DataCollection.fromWire("DENY")).isNull();
  }
}
