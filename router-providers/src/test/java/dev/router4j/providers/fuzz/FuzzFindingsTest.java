package dev.router4j.providers.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.OpenAiCompatible;
import dev.router4j.providers.internal.http.ErrorClassifier;
import dev.router4j.providers.internal.openai.OpenAiChunkReader;
import dev.router4j.providers.internal.openai.OpenAiResponseReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What the fuzzers found, as plain regression tests at full size (the fuzzers' inputs are
 * capped at 4 KiB, where these cost a fraction of a second; at the 64 KiB an error body may
 * have they cost seconds).
 */
class FuzzFindingsTest {
  private static final ErrorClassifier ERRORS = new ErrorClassifier();
  private static final int MAX = (int) ErrorClassifier.MAX_ERROR_BODY_BYTES;

  private static ProviderException classify(String body) {
    return assertTimeoutPreemptively(Duration.ofSeconds(2),
        () -> ERRORS.classify(502, name -> null, body, "proxy", "m"));
  }

  /** An error page of the largest size read, made of what the HTML clean-up scans for. */
  @Test
  void aHostileErrorPageIsClassifiedQuickly() {
    for (String piece : new String[] {"<", "<!--", "<script>"}) {
      String body = "<html>" + piece.repeat(MAX / piece.length());
      ProviderException e = classify(body);
      assertThat(e.httpStatus()).isEqualTo(502);
    }
  }

  /** A normal HTML error page of the largest size is quick (the clean-up is fine when tags close). */
  @Test
  void aLargeOrdinaryErrorPageIsClassifiedQuickly() {
    String body = "<html><body>" + "<p>Bad <b>Gateway</b></p>".repeat(MAX / 26) + "</body></html>";
    ProviderException e = classify(body);
    assertThat(e.providerMessage()).contains("Bad Gateway").doesNotContain("<");
  }

  /** DeepSeek's cache count as a fraction: found by {@code DecoderFuzzTest#openAiChunk}. */
  private static final String USAGE = "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,"
      + "\"prompt_cache_hit_tokens\":0.5}";

  @Test
    void aFractionalCacheCountIsATypedError() {
    assertThatThrownBy(() -> OpenAiChunkReader.read("{\"id\":\"c\",\"choices\":[]," + USAGE + "}"))
        .isInstanceOf(RouterException.class);
    assertThatThrownBy(() -> OpenAiResponseReader.read(new Buffer().writeUtf8(
        "{\"id\":\"c\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"hi\"},\"finish_reason\":\"stop\"}]," + USAGE + "}")))
        .isInstanceOf(RouterException.class);
  }

  /**
   * The same value in a stream's usage chunk, after the text: the untyped exception escapes the
   * stream call, so the listener never hears the end and the caller waits forever (the
   * first-token watchdog has already stopped).
   */
  @Test
    void aStreamWhoseDecoderThrowsStillEnds() throws Exception {
    String sse = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"
        + "data: {\"id\":\"c\",\"choices\":[]," + USAGE + "}\n\ndata: [DONE]\n\n";
    OkHttpClient client = new OkHttpClient.Builder().addInterceptor(chain -> new Response.Builder()
        .request(chain.request()).protocol(Protocol.HTTP_1_1).code(200).message("OK")
        .body(ResponseBody.create(sse, MediaType.get("text/event-stream"))).build()).build();
    Provider p = OpenAiCompatible.builder("deepseekish").baseUrl("https://fuzz.invalid/v1")
        .client(client).apiKey("sk-test-0123456789")
        .endpoint(Endpoint.builder("deepseekish", "acme/m").pricing(Pricing.perMillion("1", "2")).build())
        .build();
    AtomicInteger ends = new AtomicInteger();
    List<ChatChunk> chunks = new ArrayList<>();
    p.adapter().stream(new ProviderCall(ChatRequest.builder().model("acme/m").user("hi").build(),
        p.endpoints().get(0), p.credentials().get(0), Duration.ofSeconds(5)), new ChunkListener() {
          @Override
          public void onChunk(ChatChunk chunk) {
            chunks.add(chunk);
          }

          @Override
          public void onComplete() {
            ends.incrementAndGet();
          }

          @Override
          public void onError(RouterException error) {
            ends.incrementAndGet();
          }
        });
    long until = System.nanoTime() + 3_000_000_000L;
    while (ends.get() == 0 && System.nanoTime() - until < 0) {
      LockSupport.parkNanos(10_000_000L);
    }
    assertThat(chunks).isNotEmpty();
    assertThat(ends.get()).as("terminal callbacks").isEqualTo(1);
    client.dispatcher().executorService().shutdown();
  }
}
