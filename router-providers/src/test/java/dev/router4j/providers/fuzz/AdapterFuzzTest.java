package dev.router4j.providers.fuzz;

import dev.router4j.api.testing.FuzzGuard;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.Anthropic;
import dev.router4j.providers.Gemini;
import dev.router4j.providers.OpenAiCompatible;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fuzzes each adapter's response and stream decoder through the adapter itself, with no
 * network: an OkHttp interceptor answers every call with the fuzzed bytes as the body. The
 * first byte picks the status (mostly 200, also 400, 401, 429, 500, 503 and 529) and whether
 * the call is streamed; the rest is the body. A blocking call must give a response or a
 * {@link RouterException}; a stream must end with exactly one terminal callback —
 * {@code onComplete} or {@code onError} with a {@link RouterException} — with every chunk
 * before it, and nothing may escape {@code stream()}.
 */
class AdapterFuzzTest {
  private static final int[] STATUSES = {200, 200, 200, 200, 200, 400, 401, 429, 500, 503, 529, 200,
      200, 200, 200, 200};

  /** Runs OkHttp's "asynchronous" calls on the calling thread, so a stream ends within the input. */
  private static final class SameThread extends AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }

  /** The body and status the next call gets (one input at a time). */
  private static volatile byte[] body = new byte[0];
  private static volatile int status = 200;
  private static volatile boolean sse;

  private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
      .dispatcher(new Dispatcher(new SameThread()))
      .addInterceptor(chain -> new Response.Builder()
          .request(chain.request())
          .protocol(Protocol.HTTP_1_1)
          .code(status)
          .message("fuzz")
          .header("Content-Type", sse ? "text/event-stream" : "application/json")
          .header("Retry-After", "1")
          .body(ResponseBody.create(body, MediaType.get(sse ? "text/event-stream"
              : "application/json")))
          .build())
      .build();

  private static final String MODEL = "acme/fuzz";
  private static final Provider OPENAI = OpenAiCompatible.builder("fuzz-openai")
      .baseUrl("https://fuzz.invalid/v1").client(CLIENT).apiKey("sk-" + "fuzz-0123456789abcdef")
      .endpoint(Endpoint.builder("fuzz-openai", MODEL).pricing(Pricing.perMillion("1", "2")).build())
      .build();
  private static final Provider ANTHROPIC = Anthropic.builder().baseUrl("https://fuzz.invalid/v1")
      .client(CLIENT).apiKey("sk-ant-" + "fuzz-0123456789abcdef")
      .endpoint(Endpoint.builder("anthropic", MODEL).pricing(Pricing.perMillion("1", "2")).build())
      .build();
  private static final Provider GEMINI = Gemini.builder().baseUrl("https://fuzz.invalid/v1beta")
      .client(CLIENT).apiKey("AIza" + "-fuzz-0123456789abcdef")
      .endpoint(Endpoint.builder(Gemini.SLUG, MODEL).pricing(Pricing.perMillion("1", "2")).build())
      .build();
  private static final ChatRequest REQUEST = ChatRequest.builder().model(MODEL).user("hi").build();

  @FuzzTest(maxDuration = "5m")
  void openAi(byte[] data) {
    exercise(OPENAI, data);
  }

  @FuzzTest(maxDuration = "5m")
  void anthropic(byte[] data) {
    exercise(ANTHROPIC, data);
  }

  @FuzzTest(maxDuration = "5m")
  void gemini(byte[] data) {
    exercise(GEMINI, data);
  }

  private static void exercise(Provider provider, byte[] data) {
    FuzzGuard.run(data, () -> {
      if (data.length == 0) {
        return;
      }
      int control = data[0] & 0xFF;
      status = STATUSES[control & 0x0F];
      sse = (control & 0x10) != 0;
      body = Arrays.copyOfRange(data, 1, data.length);
      Endpoint endpoint = provider.endpoints().get(0);
      ProviderCall call = new ProviderCall(REQUEST, endpoint, provider.credentials().get(0),
          Duration.ofSeconds(5));
      if (!sse) {
        try {
          ChatResponse r = provider.adapter().chat(call);
          assertThat(r).isNotNull();
          assertThat(r.toString()).isNotNull();
          r.text();
          r.finishReason();
        } catch (RouterException typed) {
          FuzzGuard.hiddenBug(typed);
          assertThat(typed.getMessage()).doesNotContain(provider.credentials().get(0).secret());
        }
        return;
      }
      Listener listener = new Listener();
      provider.adapter().stream(call, listener);
      assertThat(listener.terminals).as("terminal callbacks").isEqualTo(1);
      assertThat(listener.afterEnd).as("callbacks after the end").isZero();
      if (listener.error != null) {
        FuzzGuard.hiddenBug(listener.error);
        assertThat(listener.error.getMessage())
            .doesNotContain(provider.credentials().get(0).secret());
      }
      for (ChatChunk c : listener.chunks) {
        assertThat(c.toString()).isNotNull();
        c.text();
      }
    });
  }

  /** Checks the listener contract: chunks, then exactly one terminal callback. */
  private static final class Listener implements ChunkListener {
    final List<ChatChunk> chunks = new ArrayList<>();
    int terminals;
    int afterEnd;
    RouterException error;

    @Override
    public void onChunk(ChatChunk chunk) {
      if (terminals > 0) {
        afterEnd++;
      }
      assertThat(chunk).isNotNull();
      chunks.add(chunk);
    }

    @Override
    public void onComplete() {
      if (terminals++ > 0) {
        afterEnd++;
      }
    }

    @Override
    public void onError(RouterException e) {
      if (terminals++ > 0) {
        afterEnd++;
      }
      assertThat(e).isNotNull();
      error = e;
    }
  }
}
