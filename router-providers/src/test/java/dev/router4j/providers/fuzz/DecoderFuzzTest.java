package dev.router4j.providers.fuzz;

import dev.router4j.api.testing.FuzzGuard;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.error.ProviderException;
import dev.router4j.providers.internal.http.ErrorClassifier;
import dev.router4j.providers.internal.openai.OpenAiChunkReader;
import dev.router4j.providers.internal.openai.OpenAiResponseReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import okio.Buffer;

/**
 * Fuzzes the public decoders directly (faster than through an adapter): the OpenAI reply and
 * chunk readers, and the error classifier that reads every provider's error bodies, retry
 * headers and in-stream error events. The classifier must always classify — it never throws.
 */
class DecoderFuzzTest {
  private static final ErrorClassifier ERRORS =
      new ErrorClassifier(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  private static final int[] STATUSES = {400, 401, 402, 403, 404, 408, 409, 413, 422, 429, 500,
      502, 503, 504, 529, 418};

  @FuzzTest(maxDuration = "5m")
  void openAiReply(byte[] data) {
    FuzzGuard.run(data, () -> {
      ChatResponse r = OpenAiResponseReader.read(new Buffer().write(data));
      assertThat(r.toString()).isNotNull();
      r.text();
    });
  }

  @FuzzTest(maxDuration = "5m")
  void openAiChunk(byte[] data) {
    FuzzGuard.run(data, () -> {
      ChatChunk c = OpenAiChunkReader.read(new String(data, StandardCharsets.UTF_8));
      assertThat(c.toString()).isNotNull();
      c.text();
    });
  }

  /** First byte: the status; the rest: "retry-after value\n" then the body. */
  @FuzzTest(maxDuration = "5m")
  void errorBody(byte[] data) {
    FuzzGuard.run(data, () -> {
      if (data.length == 0) {
        return;
      }
      int status = STATUSES[data[0] & 0x0F];
      String rest = new String(Arrays.copyOfRange(data, 1, data.length), StandardCharsets.UTF_8);
      int nl = rest.indexOf('\n');
      String retryAfter = nl < 0 ? null : rest.substring(0, nl);
      String body = nl < 0 ? rest : rest.substring(nl + 1);
      Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("retry-after", retryAfter,
          "retry-after-ms", retryAfter, "x-ratelimit-reset-requests", retryAfter,
          "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset", retryAfter,
          "anthropic-ratelimit-requests-reset", retryAfter);
      ProviderException e = ERRORS.classify(status, headers::get, body, "fuzz", "m");
      assertThat(e).isNotNull();
      assertThat(e.httpStatus()).isEqualTo(status);
      assertThat(e.getMessage()).isNotNull();
      if (e.retryAfter() != null) {
        assertThat(e.retryAfter().isNegative()).as("retry-after %s", e.retryAfter()).isFalse();
      }
      ERRORS.findStreamError(body);
      ERRORS.streamError(body);
      ERRORS.streamInterrupted(body, "partial", "fuzz", "m");
    });
  }
}
