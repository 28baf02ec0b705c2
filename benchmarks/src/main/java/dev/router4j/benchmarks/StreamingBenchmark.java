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

  /** {@link #setup()}, then {@link WarmUp} of the measured method. */
  @Setup
  public void setup(BenchmarkParams params) {
    setup();
    String method = WarmUp.method(params);
    FirstChunk ignored = new FirstChunk();
    WarmUp.run(() -> {
      switch (method) {
        case "raw": raw(ignored); break;
        case "router": router(ignored); break;
        case "openAiJava": openAiJava(ignored); break;
        default: langChain4j(ignored);
      }
    });
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
