package dev.router4j.benchmarks;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.examples.simulator.Fault;
import dev.router4j.examples.simulator.LoopbackSimulator;
import dev.router4j.examples.simulator.ModelSpec;
import dev.router4j.examples.simulator.Protocol;
import dev.router4j.examples.simulator.ProviderSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The loopback providers every routing benchmark calls, and where they run.
 *
 * <p>Providers (all OpenAI Chat Completions, key {@link #KEY}, no wait, unpaced):
 *
 * <ul>
 *   <li>{@code primary}: {@code bench/chat-1} (a fixed 12-word answer), {@code bench/stream-20}
 *       and {@code bench/stream-1000} (fixed answers of 20 and 1,000 words: one SSE chunk per
 *       word);
 *   <li>{@code down}: {@code bench/chat-1}, every request answered 503;
 *   <li>{@code up}: {@code bench/chat-1}, answered normally.
 * </ul>
 *
 * <p>By default the fleet runs in a child JVM ({@link #main}), warmed up before it is used, so
 * that the server's threads, allocation and JIT work are not counted in the benchmark's
 * {@code -prof gc} figures (JMH's GC profiler sums the allocation of every thread of the
 * measured JVM) and do not stretch its warm-up. The system property
 * {@code router4j.bench.server=inprocess} runs it on this JVM's own threads instead (the smoke
 * test does, to stay fast).
 */
public final class BenchFleet implements AutoCloseable {
  /** The key every simulated provider accepts. */
  public static final String KEY = "sk-bench-0123456789abcdef";
  /** The model of the non-streamed benchmarks. */
  public static final String CHAT_MODEL = "bench/chat-1";
  /** The prompt of every benchmark call. */
  public static final String PROMPT = "Name three rivers in France.";
  /** The answer of {@link #CHAT_MODEL}. */
  public static final String ANSWER =
      "The Seine, the Loire and the Rhône are three of the rivers in France.";
  /** The system property that picks where the server runs: {@code process} or {@code inprocess}. */
  public static final String SERVER_PROPERTY = "router4j.bench.server";

  private final LoopbackSimulator inProcess;
  private final Process process;
  private final String rootUrl;

  private BenchFleet(LoopbackSimulator inProcess, Process process, String rootUrl) {
    this.inProcess = inProcess;
    this.process = process;
    this.rootUrl = rootUrl;
  }

  /** The model streaming {@code words} chunks of content. */
  public static String streamModel(int words) {
    return "bench/stream-" + words;
  }

  /** The answer of {@link #streamModel(int)}: {@code words} words, one chunk each. */
  public static String streamAnswer(int words) {
    StringBuilder b = new StringBuilder(words * 8);
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append("word").append(i % 1000);
    }
    return b.toString();
  }

  /** The providers, as configured. */
  static List<ProviderSpec> specs() {
    ModelSpec.Builder base = ModelSpec.builder(CHAT_MODEL).pricePerMillion("0.40", "1.60")
        .seed(7).reply(ANSWER);
    return List.of(
        ProviderSpec.builder("primary", Protocol.OPENAI).apiKey(KEY)
            .model(base.build())
            .model(ModelSpec.builder(streamModel(20)).pricePerMillion("0.40", "1.60")
                .reply(streamAnswer(20)).build())
            .model(ModelSpec.builder(streamModel(1000)).pricePerMillion("0.40", "1.60")
                .reply(streamAnswer(1000)).build())
            .build(),
        ProviderSpec.builder("down", Protocol.OPENAI).apiKey(KEY)
            .model(base.build())
            .randomFaults(1.0, 1, Fault.status(503))
            .build(),
        ProviderSpec.builder("up", Protocol.OPENAI).apiKey(KEY)
            .model(base.build())
            .build());
  }

  /** The simulator configuration. */
  static LoopbackSimulator.Builder simulator() {
    return LoopbackSimulator.builder().providers(specs().toArray(new ProviderSpec[0]));
  }

  /** Starts the fleet where {@link #SERVER_PROPERTY} says (a child JVM by default). */
  public static BenchFleet start() {
    String where = System.getProperty(SERVER_PROPERTY, "process").toLowerCase(Locale.ROOT);
    return where.equals("inprocess") ? startInProcess() : startProcess();
  }

  /** Starts the fleet on this JVM's threads. */
  public static BenchFleet startInProcess() {
    LoopbackSimulator sim = simulator().start();
    return new BenchFleet(sim, null, sim.rootUrl());
  }

  /** Starts the fleet in a child JVM with the same class path and waits for its port. */
  public static BenchFleet startProcess() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), BenchFleet.class.getName());
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the loopback server JVM", e);
    }
    BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    try {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("LISTENING ")) {
          return new BenchFleet(null, p, line.substring("LISTENING ".length()).trim());
        }
      }
      throw new IllegalStateException("the loopback server JVM exited without a port");
    } catch (IOException | RuntimeException e) {
      p.destroyForcibly();
      throw e instanceof RuntimeException ? (RuntimeException) e
          : new UncheckedIOException((IOException) e);
    }
  }

  /**
   * Runs the fleet until standard input closes (the parent's end of the pipe). Before it says
   * where it listens, it serves itself every kind of request for {@link #WARM_UP_MILLIS}, so
   * that its own JIT warm-up is not part of the benchmark's.
   */
  public static void main(String[] args) throws IOException {
    try (LoopbackSimulator sim = simulator().start()) {
      warmUp(sim.rootUrl(), WARM_UP_MILLIS);
      System.out.println("LISTENING " + sim.rootUrl());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to go away or to close the pipe
      }
    }
  }

  /** How long a child-JVM server serves itself before it serves the benchmark. */
  static final long WARM_UP_MILLIS = 1_500;

  /** Calls every provider and model of a fleet at {@code rootUrl} for about {@code millis}. */
  static void warmUp(String rootUrl, long millis) {
    okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
    try {
      RawClient primary = new RawClient(http, rootUrl + "/primary/v1", KEY);
      RawClient down = new RawClient(http, rootUrl + "/down/v1", KEY);
      RawClient up = new RawClient(http, rootUrl + "/up/v1", KEY);
      String chat = CHAT_MODEL.substring(CHAT_MODEL.indexOf('/') + 1);
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      for (int i = 0; System.nanoTime() < end; i++) {
        primary.chat(chat, PROMPT);
        if (i % 4 == 0) {
          down.status(chat, PROMPT);
          up.chat(chat, PROMPT);
          primary.stream("stream-20", PROMPT);
        }
        if (i % 64 == 0) {
          primary.stream("stream-1000", PROMPT);
        }
      }
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String rootUrl() {
    return rootUrl;
  }

  /** The provider's OpenAI base URL, {@code …/{provider}/v1}. */
  public String baseUrl(String provider) {
    return rootUrl + "/" + provider + "/v1";
  }

  /** Whether the server runs in a child JVM. */
  public boolean outOfProcess() {
    return process != null;
  }

  /** The endpoints a router needs for the provider, priced as the simulator reports. */
  public static List<Endpoint> endpoints(String provider) {
    List<Endpoint> out = new ArrayList<>();
    for (ProviderSpec p : specs()) {
      if (!p.slug().equals(provider)) {
        continue;
      }
      for (ModelSpec m : p.models()) {
        out.add(Endpoint.builder(p.slug(), m.slug())
            .providerName(p.displayName())
            .upstreamModel(m.upstreamModel())
            .pricing(m.pricing())
            .contextLength(m.contextLength())
            .maxCompletionTokens(m.maxCompletionTokens())
            .supportedParameters(m.supportedParameters())
            .build());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no provider " + provider);
    }
    return out;
  }

  /** The price of {@link #CHAT_MODEL}, for checks. */
  static Pricing chatPricing() {
    return Pricing.perMillion("0.40", "1.60");
  }

  @Override
  public void close() {
    if (inProcess != null) {
      inProcess.close();
    }
    if (process != null) {
      try {
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (IOException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
