package dev.router4j.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.router4j.ChatStream;
import dev.router4j.Router;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One streamed chat call of 20 or 1,000 content chunks, read to the end, four ways in the same
 * run: {@link #raw} (OkHttp, the SSE body read line by line, each {@code data:} payload parsed
 * with Moshi: the baseline), {@link #router} ({@code router.stream}, iterated), {@link #openAiJava}
 * and {@link #langChain4j}. Every stream asks for the usage chunk.
 *
 * <p>Besides the time per stream, each method reports its time to the first chunk with content
 * through JMH's auxiliary counters: {@code firstChunkNanos} (summed) over {@code streams} is the
 * mean; {@link RoutingReport} does the division.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class StreamingBenchmark {
  /** Streams run by {@link #warmPerStreamCode} before a long stream's warm-up. */
  static final int PER_STREAM_WARM_UP = 12_000;
  /** The chunks of the short streams that warm the per-stream code. */
  static final int SHORT_CHUNKS = 20;
  /** One stream in this many of {@link #warmPerStreamCode} is a long one. */
  static final int LONG_EVERY = 25;

  /** Content chunks per stream. */
  @Param({"20", "1000"})
  public int chunks;

  private BenchFleet fleet;
  private RawClient raw;
  private Router router;
  private OpenAIClient openAi;
  private OpenAiStreamingChatModel langChain4j;
  private String model;
  private String upstream;
  private String answer;

  /** The time to the first chunk with content, summed, and the streams counted. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class FirstChunk {
    /** Nanoseconds from the call to its first chunk with content, summed over the streams. */
    public long firstChunkNanos;
    /** Streams read. */
    public long streams;

    /** Starts each iteration at zero. */
    @Setup(Level.Iteration)
    public void reset() {
      firstChunkNanos = 0;
      streams = 0;
    }

    void add(long nanos) {
      firstChunkNanos += nanos;
      streams++;
    }
  }

  /** {@link #setup()}, then {@link #warmPerStreamCode} and {@link WarmUp} of the measured method. */
  @Setup
  public void setup(BenchmarkParams params) {
    setup();
    String method = WarmUp.method(params);
    FirstChunk ignored = new FirstChunk();
    Runnable op = () -> {
      switch (method) {
        case "raw": raw(ignored); break;
        case "router": router(ignored); break;
        case "openAiJava": openAiJava(ignored); break;
        default: langChain4j(ignored);
      }
    };
    if (!method.equals("langChain4j")) { // its model is fixed when it is built
      warmPerStreamCode(op);
    }
    WarmUp.run(op);
  }

  /**
   * For streams longer than {@value #SHORT_CHUNKS} chunks, runs {@code op} {@value
   * #PER_STREAM_WARM_UP} times, on streams of {@value #SHORT_CHUNKS} chunks but for every
   * {@value #LONG_EVERY}th, which is of {@link #chunks}.
   *
   * <p>Why: what runs once per stream (for the router: planning, the gate, the request, the
   * session; for every client: OkHttp's call) is called only a few hundred times a second when
   * each stream is 1,000 chunks long, so the few thousand streams of JMH's warm-up leave it in
   * C1's profiling tier. That code is slower than C2's and, with its profile counters, touches
   * far more memory, which a long stream has just evicted from the caches: the first chunk came
   * about 100 µs late for that reason alone. A long-running service compiles it with C2; the
   * short streams get it there in seconds. The long ones among them let the compiled code see
   * both kinds, so that switching to long streams does not undo it.
   */
  void warmPerStreamCode(Runnable op) {
    if (chunks <= SHORT_CHUNKS) {
      return;
    }
    String longModel = model;
    String longUpstream = upstream;
    String shortModel = BenchFleet.streamModel(SHORT_CHUNKS);
    String shortUpstream = Clients.upstream(shortModel);
    try {
      for (int i = 1; i <= PER_STREAM_WARM_UP; i++) {
        boolean longOne = i % LONG_EVERY == 0;
        model = longOne ? longModel : shortModel;
        upstream = longOne ? longUpstream : shortUpstream;
        op.run();
      }
    } finally {
      model = longModel;
      upstream = longUpstream;
    }
  }

  /** Starts the server and the clients, and checks that each reads the whole answer. */
  public void setup() {
    fleet = BenchFleet.start();
    model = BenchFleet.streamModel(chunks);
    upstream = Clients.upstream(model);
    answer = BenchFleet.streamAnswer(chunks);
    raw = new RawClient(Clients.okHttp(), fleet.baseUrl("primary"), BenchFleet.KEY);
    router = Clients.router(fleet);
    openAi = Clients.openAi(fleet);
    langChain4j = Clients.langChain4jStreaming(fleet, upstream);
    FirstChunk probe = new FirstChunk();
    check("raw", raw(probe));
    check("router", router(probe));
    check("openai-java", openAiJava(probe));
    check("langchain4j", langChain4j(probe));
  }

  private void check(String who, int length) {
    if (length != answer.length()) {
      throw new IllegalStateException(who + " read " + length + " characters, expected "
          + answer.length());
    }
  }

  /** Stops the clients and the server. */
  @TearDown
  public void tearDown() {
    router.close();
    openAi.close();
    fleet.close();
  }

  /** The baseline: OkHttp, SSE lines and Moshi by hand. */
  @Benchmark
  public int raw(FirstChunk first) {
    RawClient.Streamed s = raw.stream(upstream, BenchFleet.PROMPT);
    if (s.completionTokens() < 0) {
      throw new IllegalStateException("no usage chunk");
    }
    first.add(s.firstChunkNanos());
    return s.text().length();
  }

  /** {@code router.stream}, iterated to the end; the response carries the cost. */
  @Benchmark
  public int router(FirstChunk first) {
    long start = System.nanoTime();
    StringBuilder text = new StringBuilder();
    try (ChatStream stream = router.stream(
        ChatRequest.builder().model(model).user(BenchFleet.PROMPT).build())) {
      for (ChatChunk c : stream) {
        String t = c.text();
        if (t != null && !t.isEmpty()) {
          if (text.length() == 0) {
            first.add(System.nanoTime() - start);
          }
          text.append(t);
        }
      }
      if (stream.response().cost() == null) {
        throw new IllegalStateException("no cost");
      }
    }
    return text.length();
  }

  /** The official OpenAI Java SDK's streaming call. */
  @Benchmark
  public int openAiJava(FirstChunk first) {
    long start = System.nanoTime();
    StringBuilder text = new StringBuilder();
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(upstream)
        .addUserMessage(BenchFleet.PROMPT)
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .build();
    try (StreamResponse<ChatCompletionChunk> s =
        openAi.chat().completions().createStreaming(params)) {
      s.stream().forEach(c -> {
        if (!c.choices().isEmpty()) {
          String t = c.choices().get(0).delta().content().orElse(null);
          if (t != null && !t.isEmpty()) {
            if (text.length() == 0) {
              first.add(System.nanoTime() - start);
            }
            text.append(t);
          }
        }
      });
    }
    return text.length();
  }

  /** LangChain4j's streaming model, waited for. */
  @Benchmark
  public int langChain4j(FirstChunk first) {
    long start = System.nanoTime();
    AtomicLong firstAt = new AtomicLong();
    StringBuilder text = new StringBuilder();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    langChain4j.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
        .messages(UserMessage.from(BenchFleet.PROMPT)).build(), new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            if (partial != null && !partial.isEmpty()) {
              synchronized (text) {
                if (text.length() == 0) {
                  firstAt.set(System.nanoTime() - start);
                }
                text.append(partial);
              }
            }
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    try {
      done.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
    first.add(firstAt.get());
    synchronized (text) {
      return text.length();
    }
  }
}
