package dev.router4j.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataPolicyTest {

  @Test
  void collectsDataWhenItRetainsOrTrainsAndUnknownIsTreatedCautiously() {
    assertThat(DataPolicy.ZDR.collectsData()).isFalse();
    assertThat(DataPolicy.UNKNOWN.collectsData()).isTrue();
    assertThat(new DataPolicy(false, null, true, false).collectsData()).isTrue();
    assertThat(new DataPolicy(true, 30, false, false).collectsData()).isTrue();
    assertThat(new DataPolicy(false, null, false, false).collectsData()).isFalse();
  }
}
