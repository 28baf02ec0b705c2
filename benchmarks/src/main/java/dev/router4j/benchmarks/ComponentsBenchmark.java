package dev.router4j.benchmarks;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.Usage;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.cost.Cost;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.spi.Sleeper;
import dev.router4j.api.spi.Ticker;
import dev.router4j.healing.JsonHealer;
import dev.router4j.internal.budget.CallScope;
import dev.router4j.internal.budget.RateGate;
import dev.router4j.internal.cost.CostCalculator;
import dev.router4j.internal.routing.Breakers;
import dev.router4j.providers.internal.http.SseEvent;
import dev.router4j.providers.internal.http.SseReader;
import dev.router4j.providers.internal.openai.OpenAiChunkReader;
import dev.router4j.workspace.RateLimit;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The router's per-call parts, each alone, no I/O:
 *
 * <ul>
 *   <li>{@link #sseParse}: {@code SseReader} over a whole 20-chunk Chat Completions stream
 *       (24 events, 5.6 KB) in memory; {@link #sseParseAndDecode} also decodes each event
 *       into a {@code ChatChunk} ({@code OpenAiChunkReader}), as the streaming adapter does;
 *   <li>{@link #healValid} and {@link #healFenced}: {@code JsonHealer.heal} on a 200-byte JSON
 *       answer, as sent and wrapped in a Markdown fence with a trailing comma;
 *   <li>{@link #cost}: {@code CostCalculator.cost} of a usage with cached tokens, priced: what
 *       the router does per call, the total known (worked out in fixed point as the cost is
 *       made) and the cost kept, as the answer keeps it; {@link #costTotal} also reads the
 *       total as a {@code BigDecimal}, as the router's spend caps and ledgers do;
 *   <li>{@link #gate} and {@link #gateLimited}: what each attempt passes, the endpoint's
 *       circuit breaker ({@code permit}, then {@code success}) and the rate gate
 *       ({@code reserve}, then {@code reconcile} with the actual tokens), with the router's
 *       default limits (the free-variant limit, which does not match) and with a per-model
 *       limit that does.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class ComponentsBenchmark {
  private static final String ENDPOINT_ID = "primary:bench/chat-1";

  private byte[] stream;
  private JsonHealer healer;
  private String validAnswer;
  private String fencedAnswer;
  private CostCalculator costs;
  private Usage usage;
  private Pricing pricing;
  private Breakers breakers;
  private RateGate defaults;
  private RateGate limited;

  /** Builds the inputs. */
  @Setup
  public void setup() {
    stream = openAiStream(20).getBytes(StandardCharsets.UTF_8);
    healer = JsonHealer.create();
    validAnswer = "{\"rivers\": [{\"name\": \"Seine\", \"length_km\": 777, \"mouth\": \"English"
        + " Channel\"}, {\"name\": \"Loire\", \"length_km\": 1006, \"mouth\": \"Atlantic\"},"
        + " {\"name\": \"Rhône\", \"length_km\": 813, \"mouth\": \"Mediterranean\"}]}";
    fencedAnswer = "```json\n" + validAnswer.replace("}]}", "},]}") + "\n```";
    costs = CostCalculator.withoutFee();
    usage = Usage.builder().promptTokens(1200).completionTokens(150).totalTokens(1350)
        .cachedTokens(1024).build();
    pricing = Pricing.perMillion("0.40", "1.60").withCache(new BigDecimal("0.0000001"), null);
    breakers = new Breakers(5, Duration.ofSeconds(30));
    breakers.failure(ENDPOINT_ID, ErrorCategory.PROVIDER_ERROR, "seen once"); // a live breaker
    breakers.success(ENDPOINT_ID);
    defaults = RateGate.withDefaults(List.of(), Ticker.system(), Sleeper.system());
    // The largest limits there are still run dry at millions of calls a second: the limited
    // gate's clock runs 1,024 times fast, so that its buckets refill as fast as they are taken.
    Ticker fast = () -> System.nanoTime() << 10;
    limited = new RateGate(List.of(), List.of(RateLimit.FREE_VARIANTS,
        RateLimit.builder(RateLimit.Scope.MODEL).match("bench/*")
            .requestsPerMinute((int) RateLimit.MAX_PER_MINUTE)
            .tokensPerMinute(RateLimit.MAX_PER_MINUTE).build()),
        fast, Sleeper.system());
    for (int i = 0; i < 200_000; i++) {
      pass(limited); // never refused, even at full speed
    }
    if (sseParse() != 24 || sseParseAndDecode() != 5 + 19 * 6) {
      throw new IllegalStateException("unexpected stream");
    }
    var healed = healer.heal(fencedAnswer);
    if (healed.repairCount() == 0 || !healed.json().startsWith("{\"rivers\":[{")
        || healer.heal(validAnswer).json() != validAnswer) {
      throw new IllegalStateException("unexpected healing: " + healed.json());
    }
  }

  /** A Chat Completions stream as OpenAI sends it: role, content chunks, finish, usage, DONE. */
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

  /**
   * Parses the stream's events.
   *
   * @return the number of events
   */
  @Benchmark
  public int sseParse() {
    try (SseReader reader = SseReader.of(new Buffer().write(stream))) {
      int n = 0;
      while (reader.next() != null) {
        n++;
      }
      return n;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses the stream's events and decodes each into a chunk.
   *
   * @return the characters of content decoded
   */
  @Benchmark
  public int sseParseAndDecode() {
    try (SseReader reader = SseReader.of(new Buffer().write(stream))) {
      int n = 0;
      SseEvent e;
      while ((e = reader.next()) != null) {
        if (e.isDone()) {
          break;
        }
        ChatChunk c = OpenAiChunkReader.read(e.data());
        String t = c.text();
        n += t == null ? 0 : t.length();
      }
      return n;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Heals a valid answer (the fast path: a validating scan). */
  @Benchmark
  public int healValid() {
    return healer.heal(validAnswer).json().length();
  }

  /** Heals a fenced answer with a trailing comma. */
  @Benchmark
  public int healFenced() {
    return healer.heal(fencedAnswer).json().length();
  }

  /**
   * Prices a usage, its total known.
   *
   * @return the cost, which escapes as the router's answer keeps it
   */
  @Benchmark
  public Cost cost() {
    Cost c = costs.cost(usage, pricing, 0, 0);
    // Needs the total: a cost whose total was not worked out as it was made is priced here.
    if (c.isZero()) {
      throw new IllegalStateException("priced as free");
    }
    return c;
  }

  /**
   * Prices a usage and reads its total.
   *
   * @return the cost, its total made and kept
   */
  @Benchmark
  public Cost costTotal() {
    Cost c = costs.cost(usage, pricing, 0, 0);
    if (c.total().signum() == 0) {
      throw new IllegalStateException("priced as free");
    }
    return c;
  }

  /** Breaker and rate gate with the router's default limits. */
  @Benchmark
  public long gate() {
    return pass(defaults);
  }

  /** Breaker and rate gate with a per-model request and token limit that applies. */
  @Benchmark
  public long gateLimited() {
    return pass(limited);
  }

  private long pass(RateGate rates) {
    if (!breakers.permit(ENDPOINT_ID)) {
      throw new IllegalStateException("breaker open");
    }
    long wait = rates.reserve(CallScope.NONE, "primary", "bench/chat-1", 1_200 + 4_096,
        Long.MAX_VALUE);
    rates.reconcile(CallScope.NONE, "primary", "bench/chat-1", 1_200 + 4_096, 1_350);
    breakers.success(ENDPOINT_ID);
    return wait;
  }
}
