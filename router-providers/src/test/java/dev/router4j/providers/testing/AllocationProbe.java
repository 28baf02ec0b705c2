package dev.router4j.providers.testing;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.OpenAiCompatible;
import dev.router4j.providers.internal.http.ErrorClassifier;
import dev.router4j.providers.internal.http.SseEvent;
import dev.router4j.providers.internal.http.SseReader;
import dev.router4j.providers.internal.openai.OpenAiChunkReader;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * Bytes allocated per operation on the provider's hot paths, measured with the thread's
 * allocation counter, no network: run its {@code main} from the test classpath. Not a test
 * and not a timing benchmark (the benchmarks module has those); it exists so that a change to
 * the parsers can be checked for allocation in seconds.
 *
 * <ul>
 *   <li>{@code sseParse}: a 24-event Chat Completions stream (the benchmarks' input) read with
 *       {@link SseReader} from an in-memory source; {@code sseParseAndDecode} also decodes each
 *       event into a {@link ChatChunk};
 *   <li>{@code chat}: {@code OpenAiChatAdapter.chat} through an OkHttp client whose interceptor
 *       answers at once, so OkHttp's own call machinery is included; {@code stream of 20}: the
 *       same for a streamed call of the {@code sseParse} stream, measured on the OkHttp thread
 *       that reads it, from the first interceptor to the listener's end;
 *   <li>{@code classify502Html}: classifying a 502 HTML proxy page.
 * </ul>
 */
public final class AllocationProbe {
  // Reached reflectively: the module under test does not read java.management.
  private static final Object THREADS;
  private static final Method ALLOCATED;

  static {
    try {
      THREADS = Class.forName("java.lang.management.ManagementFactory")
          .getMethod("getThreadMXBean").invoke(null);
      ALLOCATED = Class.forName("com.sun.management.ThreadMXBean")
          .getMethod("getCurrentThreadAllocatedBytes");
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static long allocated() {
    try {
      return (long) ALLOCATED.invoke(THREADS);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final MediaType JSON = MediaType.get("application/json");
  private static final MediaType SSE = MediaType.get("text/event-stream");

  private AllocationProbe() {}

  /** Prints bytes per operation for each path. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    byte[] stream = openAiStream(20).getBytes(StandardCharsets.UTF_8);
    report("sseParse", rounds, () -> sseParse(stream));
    report("sseParseAndDecode", rounds, () -> sseParseAndDecode(stream));

    String completion = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":"
        + "1767225600,\"model\":\"chat-1\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
        + "\"assistant\",\"content\":\"" + "word ".repeat(20).strip() + "\",\"refusal\":null},"
        + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":7,"
        + "\"completion_tokens\":20,\"total_tokens\":27}}";
    byte[] completionBytes = completion.getBytes(StandardCharsets.UTF_8);
    // A stream is read on the OkHttp thread that ran the interceptors: the first one notes
    // that thread's counter, so that the whole call is measured there.
    long[] streamStart = new long[1];
    OkHttpClient client = new OkHttpClient.Builder().addInterceptor(chain -> {
      streamStart[0] = allocated();
      return chain.proceed(chain.request());
    }).addInterceptor(chain -> {
      boolean sse = chain.request().header("Accept").contains("event-stream");
      return new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1)
          .code(200).message("OK")
          .body(ResponseBody.create(sse ? stream : completionBytes, sse ? SSE : JSON)).build();
    }).build();
    Provider p = OpenAiCompatible.builder("probe").baseUrl("https://probe.invalid/v1")
        .client(client).apiKey("sk-" + "probe-0123456789")
        .endpoint(Endpoint.builder("probe", "acme/chat-1").pricing(Pricing.FREE).build())
        .build();
    ProviderCall call = new ProviderCall(ChatRequest.builder().model("acme/chat-1")
        .user("Say twenty words.").build(), p.endpoints().get(0), p.credentials().get(0),
        Duration.ofSeconds(5));
    report("chat (incl. OkHttp)", rounds, () -> {
      ChatResponse r = p.adapter().chat(call);
      return r.text().length();
    });
    long[] streamBytes = new long[2];
    int streams = rounds / 4 + 1;
    for (int i = 0; i < 2 * streams; i++) {
      CountDownLatch done = new CountDownLatch(1);
      boolean measured = i >= streams;
      p.adapter().stream(call, new ChunkListener() {
        @Override
        public void onChunk(ChatChunk chunk) {}

        @Override
        public void onComplete() {
          if (measured) {
            streamBytes[0] += allocated() - streamStart[0];
            streamBytes[1]++;
          }
          done.countDown();
        }

        @Override
        public void onError(RouterException error) {
          throw new IllegalStateException(error);
        }
      });
      done.await();
    }
    System.out.printf("%-24s %10d B/op   (on OkHttp's thread, incl. OkHttp)%n", "stream of 20",
        streamBytes[0] / streamBytes[1]);

    ErrorClassifier errors = new ErrorClassifier();
    String page = "<html><head><title>502 Bad Gateway</title><style>body{}</style></head><body>"
        + "<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
    report("classify502Html", rounds,
        () -> errors.classify(502, name -> null, page, "probe", "m").httpStatus());
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private interface Op {
    int run() throws Exception;
  }

  private static void report(String name, int rounds, Op op) throws Exception {
    int sink = 0;
    for (int i = 0; i < rounds; i++) {
      sink += op.run(); // warm up
    }
    long before = allocated();
    for (int i = 0; i < rounds; i++) {
      sink += op.run();
    }
    long per = (allocated() - before) / rounds;
    System.out.printf("%-24s %10d B/op   (%d)%n", name, per, sink & 1);
  }

  private static int sseParse(byte[] stream) throws IOException {
    try (SseReader reader = SseReader.of(new Buffer().write(stream))) {
      int n = 0;
      while (reader.next() != null) {
        n++;
      }
      return n;
    }
  }

  private static int sseParseAndDecode(byte[] stream) throws IOException {
    try (SseReader reader = SseReader.of(new Buffer().write(stream))) {
      int n = 0;
      for (SseEvent e; (e = reader.next()) != null && !e.isDone(); ) {
        String t = OpenAiChunkReader.read(e.data()).text();
        n += t == null ? 0 : t.length();
      }
      return n;
    }
  }

  /** The benchmarks' Chat Completions stream: role, content chunks, finish, usage, DONE. */
  static String openAiStream(int chunks) {
    String head = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1767225600,\"model\":\"chat-1\",\"system_fingerprint\":\"fp_bench\","
        + "\"choices\":[{\"index\":0,\"delta\":";
    String open = ",\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n";
    StringBuilder b = new StringBuilder();
    b.append(head).append("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}")
        .append(open);
    for (int i = 0; i < chunks; i++) {
      b.append(head).append("{\"content\":\"").append(i == 0 ? "" : " ").append("word")
          .append(i % 10).append("\"}").append(open);
    }
    b.append(head).append("{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n");
    b.append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1767225600,\"model\":\"chat-1\",\"choices\":[],\"usage\":"
        + "{\"prompt_tokens\":7,\"completion_tokens\":20,\"total_tokens\":27}}\n\n");
    b.append("data: [DONE]\n\n");
    return b.toString();
  }
}
