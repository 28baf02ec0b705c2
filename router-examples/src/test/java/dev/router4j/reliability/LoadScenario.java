package dev.router4j.reliability;

import dev.router4j.ChatStream;
import dev.router4j.Router;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.examples.simulator.Fault;
import dev.router4j.examples.simulator.LoopbackSimulator;
import dev.router4j.examples.simulator.ProviderSpec;
import dev.router4j.examples.simulator.Protocol;
import dev.router4j.providers.Gemini;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The load scenario behind {@link LoadTest} and {@link LoadHarness}: N requests launched at
 * once (one thread each, released together), a third of them streams, against three
 * simulated providers speaking the OpenAI, Anthropic and Gemini protocols that serve the same
 * model, each failing a given share of requests in one of the ways providers fail (500,
 * overload 503/529, 429 with a short Retry-After, connection dropped before headers, stream
 * cut after tokens, in-stream error event). The router retries, falls back and breaks
 * streams as it would in production; the scenario counts what every caller got and measures
 * threads and heap while it runs.
 */
final class LoadScenario {
  static final String MODEL = "acme/load";
  static final long TIME_TO_FIRST_TOKEN_MS = 1000;

  /** What one run measured. */
  record Figures(
      int requests, int streams, double failureRate, long wallMillis, int maxInFlight,
      int responses, int typedErrors, int untypedErrors, int lost, int answeredTwice,
      Map<String, Integer> errors, int interruptedWithOutput, long simulatorRequests,
      int ledgerRecords, BigDecimal ledgerTotal, BigDecimal responsesTotal,
      BigDecimal interruptedTotal, boolean recordsMatchResponses,
      long p50Millis, long p99Millis,
      int threadsBefore, int peakThreads, Map<String, Integer> peakThreadsByKind, int threadsAfter,
      long heapBeforeMb, long peakHeapMb, long heapAfterMb, String machine,
      Map<String, Integer> attempts, long rampMillis) {

    String table() {
      StringBuilder s = new StringBuilder();
      s.append("| figure | value |\n| --- | --- |\n");
      row(s, "requests (streams)", requests + " (" + streams + ")");
      row(s, "injected failure rate per provider request", String.format(Locale.ROOT, "%.0f%%",
          failureRate * 100));
      row(s, "simulator requests (with retries and fallbacks)", simulatorRequests);
      row(s, "most requests in flight at once (all started within)", maxInFlight + " ("
          + rampMillis + " ms)");
      row(s, "attempts by outcome", attempts);
      row(s, "wall time", wallMillis + " ms");
      row(s, "latency p50 / p99", p50Millis + " ms / " + p99Millis + " ms");
      row(s, "answers / typed errors / other errors", responses + " / " + typedErrors + " / "
          + untypedErrors);
      row(s, "typed errors by category", errors);
      row(s, "lost / answered twice", lost + " / " + answeredTwice);
      row(s, "ledger records (answers + streams broken after output)", ledgerRecords + " = "
          + responses + " + " + interruptedWithOutput);
      row(s, "ledger total = answers' costs + broken streams' charges", "$"
          + ledgerTotal.toPlainString() + " = $" + responsesTotal.toPlainString() + " + $"
          + interruptedTotal.toPlainString());
      row(s, "threads before / peak / after", threadsBefore + " / " + peakThreads + " / "
          + threadsAfter);
      row(s, "peak threads by kind", peakThreadsByKind);
      row(s, "heap used before / peak / after (MB)", heapBeforeMb + " / " + peakHeapMb + " / "
          + heapAfterMb);
      row(s, "machine", machine);
      return s.toString();
    }

    private static void row(StringBuilder s, String name, Object value) {
      s.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }
  }

  private LoadScenario() {}

  static Figures run(int requests, double failureRate, long seed) throws InterruptedException {
    return run(requests, failureRate, seed, DEFAULT_BREAKER);
  }

  /**
   * The router's default breaker threshold: the load runs keep the breakers on, since a
   * provider failing one request in ten must not have its circuit opened by failures that
   * race ahead of its slower answers.
   */
  static final int DEFAULT_BREAKER = 5;

  static Figures run(int requests, double failureRate, long seed, int breakerThreshold)
      throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long heapBefore = settledHeapMb(memory);
    int threadsBefore = threads.getThreadCount();
    Fault[] faults = {
        Fault.status(500), Fault.overloaded(), Fault.status(429, Duration.ofMillis(200)),
        Fault.dropBeforeHeaders(), Fault.dropMidStream(3), Fault.errorMidStream(4)};
    int streams = 0;
    Figures figures;
    try (Rig rig = new Rig()) {
      rig.patienceMillis = 20_000;
      LoopbackSimulator sim = rig.simulator(s -> s.maxConnections(requests * 3 + 64)
          .provider(spec("openai-sim", Protocol.OPENAI, "0.40", "1.60", failureRate, seed, faults))
          .provider(spec("anthropic", Protocol.ANTHROPIC, "0.50", "2.00", failureRate, seed + 1,
              faults))
          .provider(spec(Gemini.SLUG, Protocol.GEMINI, "0.30", "2.50", failureRate, seed + 2,
              faults)));
      warmUp(sim, requests + requests / 3);
      Map<String, Integer> attempts = new java.util.concurrent.ConcurrentSkipListMap<>();
      dev.router4j.RouterListener counter = new dev.router4j.RouterListener() {
        @Override
        public void attemptEnded(dev.router4j.api.RouteAttempt a) {
          String key = a.outcome() + (a.errorCategory() == null ? "" : " " + a.errorCategory())
              + (a.httpStatus() > 0 ? " " + a.httpStatus() : "");
          attempts.merge(key, 1, Integer::sum);
        }
      };
      Router router = rig.router(b -> b.listener(counter).sleeper(dev.router4j.api.spi.Sleeper.system())
              .retries(1, Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(1))
              .circuitBreaker(breakerThreshold, Duration.ofSeconds(1))
              .attemptTimeout(Duration.ofSeconds(30)).firstTokenTimeout(Duration.ofSeconds(30))
              .deadline(Duration.ofSeconds(60)),
          rig.openAi(sim, "openai-sim"), rig.anthropic(sim), rig.gemini(sim));

      AtomicReferenceArray<Object> outcome = new AtomicReferenceArray<>(requests);
      AtomicIntegerArray sawText = new AtomicIntegerArray(requests);
      long[] latency = new long[requests];
      long[] startedAt = new long[requests];
      AtomicInteger answeredTwice = new AtomicInteger();
      AtomicInteger inFlight = new AtomicInteger();
      AtomicInteger maxInFlight = new AtomicInteger();
      CountDownLatch ready = new CountDownLatch(requests);
      // One start gate per 20 callers: a single latch wakes its waiters one after another,
      // which on two cores spreads two thousand starts over seconds.
      CountDownLatch[] gates = new CountDownLatch[(requests + 19) / 20];
      Arrays.setAll(gates, k -> new CountDownLatch(1));
      CountDownLatch done = new CountDownLatch(requests);
      Sampler sampler = new Sampler(memory, threads);
      List<Thread> callers = new ArrayList<>(requests);
      for (int i = 0; i < requests; i++) {
        int id = i;
        boolean stream = i % 3 == 0;
        if (stream) {
          streams++;
        }
        ChatRequest request = ChatRequest.builder().model(MODEL).user("request " + id)
            .maxTokens(16).build();
        CountDownLatch go = gates[i / 20];
        Thread t = new Thread(() -> {
          ready.countDown();
          try {
            go.await();
          } catch (InterruptedException e) {
            return;
          }
          startedAt[id] = System.nanoTime();
          int now = inFlight.incrementAndGet();
          maxInFlight.accumulateAndGet(now, Math::max);
          long t0 = System.nanoTime();
          Object result;
          try {
            if (stream) {
              try (ChatStream s = router.stream(request)) {
                for (ChatChunk c : s) {
                  if (!c.text().isEmpty()) {
                    sawText.set(id, 1);
                  }
                }
                result = s.response();
              }
            } else {
              result = router.chat(request);
            }
          } catch (RuntimeException | Error e) {
            result = e;
          } finally {
            inFlight.decrementAndGet();
          }
          latency[id] = (System.nanoTime() - t0) / 1_000_000;
          if (!outcome.compareAndSet(id, null, result)) {
            answeredTwice.incrementAndGet();
          }
          done.countDown();
        }, "load-caller-" + i);
        t.setDaemon(true);
        callers.add(t);
      }
      sampler.start();
      for (Thread t : callers) {
        t.start();
      }
      ready.await(60, TimeUnit.SECONDS);
      long start = System.nanoTime();
      for (CountDownLatch g : gates) {
        g.countDown();
      }
      boolean finished = done.await(120, TimeUnit.SECONDS);
      long wall = (System.nanoTime() - start) / 1_000_000;
      for (Thread t : callers) {
        t.join(finished ? 5000 : 10);
      }
      sampler.stop();

      long lastStart = start;
      for (long t : startedAt) {
        lastStart = Math.max(lastStart, t);
      }
      long ramp = (lastStart - start) / 1_000_000;
      int responses = 0;
      int typed = 0;
      int untyped = 0;
      int lost = 0;
      int interruptedWithOutput = 0;
      Map<String, Integer> errors = new TreeMap<>();
      BigDecimal responsesTotal = BigDecimal.ZERO;
      Set<String> responseIds = new HashSet<>();
      Map<String, BigDecimal> costById = new java.util.HashMap<>();
      for (int i = 0; i < requests; i++) {
        Object o = outcome.get(i);
        if (o == null) {
          lost++;
        } else if (o instanceof ChatResponse r) {
          responses++;
          responsesTotal = responsesTotal.add(r.cost().total());
          if (!responseIds.add(r.id())) {
            answeredTwice.incrementAndGet();
          }
          costById.put(r.id(), r.cost().total());
        } else if (o instanceof RouterException e) {
          typed++;
          String kind = e.getClass().getSimpleName() + " " + e.category();
          errors.merge(kind, 1, Integer::sum);
          if (e instanceof StreamInterruptedException && sawText.get(i) == 1) {
            interruptedWithOutput++;
          }
        } else {
          untyped++;
          errors.merge("UNTYPED " + o.getClass().getName(), 1, Integer::sum);
        }
      }
      List<GenerationRecord> records = router.usage().records();
      BigDecimal ledgerTotal = router.usage().totals().cost();
      BigDecimal interruptedTotal = BigDecimal.ZERO;
      boolean match = true;
      for (GenerationRecord r : records) {
        BigDecimal answered = costById.get(r.id());
        if (answered == null) {
          interruptedTotal = interruptedTotal.add(r.totalCost());
          match &= r.streamed();
        } else {
          match &= answered.compareTo(r.totalCost()) == 0;
        }
      }
      long[] sorted = Arrays.copyOf(latency, requests);
      Arrays.sort(sorted);
      figures = new Figures(requests, streams, failureRate, wall, maxInFlight.get(), responses,
          typed, untyped, lost, answeredTwice.get(), errors, interruptedWithOutput,
          sim.totalRequests(), records.size(), ledgerTotal, responsesTotal, interruptedTotal, match,
          sorted[requests / 2], sorted[Math.min(requests - 1, requests * 99 / 100)], threadsBefore,
          sampler.peakThreads, sampler.peakByKind, -1, heapBefore, sampler.peakHeapMb, -1,
          machine(), new TreeMap<>(attempts), ramp);
    }
    // The rig has closed the router, the client and the simulator, and checked for leaks.
    long heapAfter = settledHeapMb(memory);
    int threadsAfter = threads.getThreadCount();
    return new Figures(figures.requests(), figures.streams(), figures.failureRate(),
        figures.wallMillis(), figures.maxInFlight(), figures.responses(), figures.typedErrors(),
        figures.untypedErrors(), figures.lost(), figures.answeredTwice(), figures.errors(),
        figures.interruptedWithOutput(), figures.simulatorRequests(), figures.ledgerRecords(),
        figures.ledgerTotal(), figures.responsesTotal(), figures.interruptedTotal(),
        figures.recordsMatchResponses(), figures.p50Millis(), figures.p99Millis(),
        figures.threadsBefore(), figures.peakThreads(), figures.peakThreadsByKind(), threadsAfter,
        figures.heapBeforeMb(), figures.peakHeapMb(), heapAfter, figures.machine(),
        figures.attempts(), figures.rampMillis());
  }

  /**
   * Opens {@code n} idle connections to the simulator and closes them again, so that its
   * connection threads (kept 30 s when idle) exist before the run: on a small machine, starting
   * two thousand threads during the run would measure thread creation, not the router.
   */
  private static void warmUp(LoopbackSimulator sim, int n) {
    List<java.net.Socket> sockets = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        java.net.Socket s = new java.net.Socket();
        s.connect(sim.address(), 5000);
        sockets.add(s);
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (sim.openConnections() < n && System.nanoTime() - until < 0) {
        Rig.sleep(20);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      for (java.net.Socket s : sockets) {
        try {
          s.close();
        } catch (java.io.IOException ignored) {
          // closing an idle socket
        }
      }
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (sim.openConnections() > 0 && System.nanoTime() - until < 0) {
      Rig.sleep(20);
    }
  }

  private static ProviderSpec spec(String slug, Protocol protocol, String prompt, String completion,
      double failureRate, long seed, Fault... faults) {
    ProviderSpec.Builder b = ProviderSpec.builder(slug, protocol).apiKey("sk-test-" + slug + "-0123456789")
        .model(MODEL, m -> m.pricePerMillion(prompt, completion).outputTokens(4, 12).seed(seed)
            // A short time to first token keeps the requests in flight together.
            .timeToFirstToken(Duration.ofMillis(TIME_TO_FIRST_TOKEN_MS)));
    return failureRate > 0 ? b.randomFaults(failureRate, seed, faults).build() : b.build();
  }

  /** Heap in use after garbage collection has settled, in MB. */
  static long settledHeapMb(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Rig.sleep(50);
    }
    return memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  static String machine() {
    String cpu = "unknown CPU";
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).strip();
          break;
        }
      }
    } catch (java.io.IOException | RuntimeException ignored) {
      // not Linux: keep the generic name
    }
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
        + (Runtime.getRuntime().maxMemory() / (1024 * 1024)) + " MB max heap, Java "
        + System.getProperty("java.version") + ", " + System.getProperty("os.name");
  }

  /** Samples heap and threads while the load runs. */
  private static final class Sampler implements Runnable {
    private final MemoryMXBean memory;
    private final ThreadMXBean threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread = new Thread(this, "load-sampler");
    volatile int peakThreads;
    volatile long peakHeapMb;
    volatile Map<String, Integer> peakByKind = Map.of();

    Sampler(MemoryMXBean memory, ThreadMXBean threads) {
      this.memory = memory;
      this.threads = threads;
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }

    @Override
    public void run() {
      int tick = 0;
      while (running.get()) {
        peakHeapMb = Math.max(peakHeapMb, memory.getHeapMemoryUsage().getUsed() / (1024 * 1024));
        int n = threads.getThreadCount();
        if (n > peakThreads) {
          peakThreads = n;
        }
        if (tick++ % 4 == 0) {
          // ThreadGroup.enumerate, not getAllStackTraces: no stack walks of thousands of threads.
          ThreadGroup root = Thread.currentThread().getThreadGroup();
          while (root.getParent() != null) {
            root = root.getParent();
          }
          Thread[] all = new Thread[n + 256];
          int count = root.enumerate(all, true);
          Map<String, Integer> byKind = new TreeMap<>();
          for (int k = 0; k < count; k++) {
            byKind.merge(kind(all[k].getName()), 1, Integer::sum);
          }
          int total = byKind.values().stream().mapToInt(Integer::intValue).sum();
          if (total >= peakByKind.values().stream().mapToInt(Integer::intValue).sum()) {
            peakByKind = byKind;
          }
        }
        Rig.sleep(25);
      }
    }

    private static String kind(String name) {
      if (name.startsWith("load-caller")) {
        return "callers";
      }
      if (name.startsWith(LoopbackSimulator.THREAD_PREFIX)) {
        return "simulator";
      }
      if (name.startsWith("rig-okhttp") || name.startsWith("OkHttp")) {
        return "okhttp";
      }
      if (name.startsWith("router4j")) {
        return "router";
      }
      return "other";
    }
  }
}
