package dev.router4j.api.routing;

/** The numeric precision an endpoint serves a model at. */
public enum Quantization {
  /** 4-bit integer. */
  INT4("int4"),
  /** 8-bit integer. */
  INT8("int8"),
  /** 4-bit float. */
  FP4("fp4"),
  /** Microscaling 4-bit float. */
  MXFP4("mxfp4"),
  /** NVIDIA 4-bit float. */
  NVFP4("nvfp4"),
  /** 6-bit float. */
  FP6("fp6"),
  /** 8-bit float. */
  FP8("fp8"),
  /** Microscaling 8-bit float. */
  MXFP8("mxfp8"),
  /** 16-bit float. */
  FP16("fp16"),
  /** bfloat16. */
  BF16("bf16"),
  /** 32-bit float. */
  FP32("fp32"),
  /** Not disclosed. */
  UNKNOWN("unknown");

  private final String wire;

  Quantization(String wire) {
    this.wire = wire;
  }

  /** The wire name. */
  public String wireName() {
    return wire;
  }

  /** The value with the given wire name, or null when none has it. */
  public static Quantization fromWire(String wire) {
    for (Quantization q : values()) {
      if (q.wire.equals(wire)) {
        return q;
      }
    }
    return null;
  }
}
