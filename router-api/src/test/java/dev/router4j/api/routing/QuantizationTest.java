package dev.router4j.api.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantizationTest {

  @Test
  void everyDocumentedPrecisionRoundTripsThroughItsWireName() {
    assertThat(Quantization.values()).extracting(Quantization::wireName).containsExactly(
        "int4", "int8", "fp4", "mxfp4", "nvfp4", "fp6", "fp8", "mxfp8", "fp16", "bf16", "fp32",
        "unknown");
    for (Quantization q : Quantization.values()) {
      assertThat(Quantization.fromWire(q.wireName())).isEqualTo(q);
    }
    assertThat(Quantization.fromWire("FP8")).isNull();
  }
}
