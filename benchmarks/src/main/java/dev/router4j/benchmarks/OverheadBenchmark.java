package dev.router4j.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.router4j.Router;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One non-streamed chat call against the loopback {@code primary} provider, four ways, in the
 * same run: {@link #raw} (OkHttp + Moshi by hand, the baseline), {@link #router}
 * ({@code router.chat} over one endpoint, cost accounting and the ledger on),
 * {@link #openAiJava} (the official SDK) and {@link #langChain4j}. Each builds its request
 * and reads the whole answer. Mean ({@code avgt}) and percentiles ({@code sample}); run with
 * {@code -prof gc} for the allocation per call.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class OverheadBenchmark {
  private BenchFleet fleet;
  private RawClient raw;
  private Router router;
  private OpenAIClient openAi;
  private OpenAiChatModel langChain4j;

  /** {@link #setup()}, then {@link WarmUp} of the measured method. */
  @Setup
  public void setup(BenchmarkParams params) {
    setup();
    String method = WarmUp.method(params);
    WarmUp.run(() -> {
      switch (method) {
        case "raw": raw(); break;
        case "router": router(); break;
        case "openAiJava": openAiJava(); break;
        default: langChain4j();
      }
    });
  }

  /** Starts the server and the four clients, and checks that each gets the answer. */
  public void setup() {
    fleet = BenchFleet.start();
    raw = new RawClient(Clients.okHttp(), fleet.baseUrl("primary"), BenchFleet.KEY);
    router = Clients.router(fleet);
    openAi = Clients.openAi(fleet);
    langChain4j = Clients.langChain4j(fleet, Clients.upstream(BenchFleet.CHAT_MODEL));
    check("raw", raw());
    ChatResponse r = router.chat(request());
    check("router", r.text());
    if (r.cost() == null || r.cost().total().signum() <= 0) {
      throw new IllegalStateException("the router did not price the call: " + r.cost());
    }
    check("openai-java", openAiJava());
    check("langchain4j", langChain4j());
  }

  static void check(String who, String text) {
    if (!BenchFleet.ANSWER.equals(text)) {
      throw new IllegalStateException(who + " got " + text);
    }
  }

  /** Stops the clients and the server. */
  @TearDown
  public void tearDown() {
    router.close();
    openAi.close();
    fleet.close();
  }

  static ChatRequest request() {
    return ChatRequest.builder().model(BenchFleet.CHAT_MODEL).user(BenchFleet.PROMPT).build();
  }

  /** The baseline: OkHttp + Moshi by hand. */
  @Benchmark
  public String raw() {
    return raw.chat(Clients.upstream(BenchFleet.CHAT_MODEL), BenchFleet.PROMPT);
  }

  /** {@code router.chat}: plan, gate, call, price, record. */
  @Benchmark
  public String router() {
    return router.chat(request()).text();
  }

  /** The official OpenAI Java SDK. */
  @Benchmark
  public String openAiJava() {
    ChatCompletion c = openAi.chat().completions().create(ChatCompletionCreateParams.builder()
        .model(Clients.upstream(BenchFleet.CHAT_MODEL)).addUserMessage(BenchFleet.PROMPT).build());
    return c.choices().get(0).message().content().orElse(null);
  }

  /** LangChain4j's OpenAI chat model. */
  @Benchmark
  public String langChain4j() {
    return langChain4j.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
        .messages(UserMessage.from(BenchFleet.PROMPT)).build()).aiMessage().text();
  }
}
