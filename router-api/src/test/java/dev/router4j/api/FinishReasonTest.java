package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FinishReasonTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      // OpenAI
      "stop, STOP",
      "length, LENGTH",
      "tool_calls, TOOL_CALLS",
      "function_call, TOOL_CALLS",
      "content_filter, CONTENT_FILTER",
      // Anthropic
      "end_turn, STOP",
      "stop_sequence, STOP",
      "max_tokens, LENGTH",
      "model_context_window_exceeded, LENGTH",
      "tool_use, TOOL_CALLS",
      "refusal, CONTENT_FILTER",
      "pause_turn, STOP",
      // Gemini
      "STOP, STOP",
      "MAX_TOKENS, LENGTH",
      "SAFETY, CONTENT_FILTER",
      "RECITATION, CONTENT_FILTER",
      "BLOCKLIST, CONTENT_FILTER",
      "PROHIBITED_CONTENT, CONTENT_FILTER",
      "SPII, CONTENT_FILTER",
      "IMAGE_SAFETY, CONTENT_FILTER",
      "MALFORMED_FUNCTION_CALL, ERROR",
      "FINISH_REASON_UNSPECIFIED, STOP",
      "OTHER, STOP",
      // OpenRouter
      "error, ERROR",
  })
  void normalizeMapsNativeReasonsFromEveryProvider(String nativeReason, FinishReason expected) {
    assertThat(FinishReason.normalize(nativeReason)).isEqualTo(expected);
  }

  @Test
  void normalizeReturnsNullForNullAndStopForAnythingUnknown() {
    assertThat(FinishReason.normalize(null)).isNull();
    assertThat(FinishReason.normalize("something_new")).isEqualTo(FinishReason.STOP);
    assertThat(FinishReason.normalize("")).isEqualTo(FinishReason.STOP);
  }

  @Test
  void wireNamesRoundTrip() {
    for (FinishReason f : FinishReason.values()) {
      assertThat(FinishReason.fromWire(f.wireName())).isEqualTo(f);
    }
    assertThat(FinishReason.TOOL_CALLS.wireName()).isEqualTo("tool_calls");
    assertThat(FinishReason.fromWire("end_turn")).isNull();
  }
}
