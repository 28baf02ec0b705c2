package dev.router4j.benchmarks;

import dev.router4j.Router;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The raw baseline and the router measured in pairs, in the same iteration of the same JVM:
 * each operation makes one raw call and one router call (raw first on even operations, the
 * router first on odd ones) and times each. On a shared two-core machine the speed moves from
 * one minute to the next, with other tenants and the compiler; two benchmarks measured one after
 * the other see different machines, and their ratio moves with that (a 1.10× target drowns in
 * it). Paired calls see the same machine, so their ratio holds still.
 *
 * <ul>
 *   <li>{@link #chat}: the non-streamed call of {@link OverheadBenchmark}, one thread;
 *   <li>{@link #chat8}: the same from 8 threads at once: the mean time of a raw call over that
 *       of a router call, both under the same load, is the throughput ratio of
 *       {@link ThroughputBenchmark} (each thread's calls per second go as the inverse of its
 *       time per call);
 *   <li>{@link #stream20} and {@link #stream1000}: the streams of 20 and 1,000 chunks of
 *       {@link StreamingBenchmark}, with the time to the first chunk with content;
 *   <li>{@link #failover}: one successful raw call, and {@link FailoverBenchmark}'s router call
 *       (503 from the first endpoint, the answer from the second): the target is a ratio to one
 *       raw call.
 * </ul>
 *
 * <p>The score (time per pair) is of little use; the auxiliary counters are what counts:
 * {@code rawNanos} and {@code routerNanos} (summed), {@code rawFirstNanos} and
 * {@code routerFirstNanos} for streams, over {@code pairs}. {@link RoutingReport} prints them as
 * means and ratios.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class PairedBenchmark {
  private BenchFleet fleet;
  private RawClient raw;
  private Router router;
  private StreamingBenchmark streams20;
  private StreamingBenchmark streams1000;
  private FailoverBenchmark failover;

  /** Both calls' times, summed, over the pairs made. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Pair {
    /** Nanoseconds in raw calls, summed. */
    public long rawNanos;
    /** Nanoseconds in router calls, summed. */
    public long routerNanos;
    /** Nanoseconds from a raw stream's call to its first chunk with content, summed. */
    public long rawFirstNanos;
    /** The same for the router's streams. */
    public long routerFirstNanos;
    /** Pairs made. */
    public long pairs;

    /** Starts each iteration at zero. */
    @Setup(Level.Iteration)
    public void reset() {
      rawNanos = 0;
      routerNanos = 0;
      rawFirstNanos = 0;
      routerFirstNanos = 0;
      pairs = 0;
    }
  }

  /** {@link #setup()}, then the pairs of the measured method for a while (see {@link WarmUp}). */
  @Setup
  public void setup(BenchmarkParams params) {
    String method = WarmUp.method(params);
    setup(method.equals("stream20") ? 20 : method.equals("stream1000") ? 1000 : 0);
    Pair ignored = new Pair();
    if (method.equals("failover")) {
      failover = new FailoverBenchmark();
      failover.setup();
    }
    switch (method) {
      case "failover":
        WarmUp.run(() -> failover(ignored));
        break;
      case "stream1000":
        streams1000.warmPerStreamCode(() -> stream1000(ignored));
        WarmUp.run(() -> stream1000(ignored));
        break;
      case "chat8":
        WarmUp.run(() -> chat(new Pair()), 8, ThroughputBenchmark.WARM_UP_MILLIS);
        break;
      case "stream20":
        WarmUp.run(() -> stream20(ignored));
        break;
      default:
        WarmUp.run(() -> chat(ignored));
    }
  }

  /** Starts the servers and the clients of every method. */
  public void setup() {
    setup(20);
    streams1000 = streaming(1000);
    failover = new FailoverBenchmark();
    failover.setup();
  }

  /**
   * Starts the server and both clients; for a stream of {@code chunks} (0: none), also the
   * streaming benchmark's state (its own server and clients).
   */
  private void setup(int chunks) {
    fleet = BenchFleet.start();
    raw = new RawClient(Clients.okHttp(), fleet.baseUrl("primary"), BenchFleet.KEY);
    router = Clients.router(fleet);
    OverheadBenchmark.check("raw", raw.chat(Clients.upstream(BenchFleet.CHAT_MODEL),
        BenchFleet.PROMPT));
    OverheadBenchmark.check("router", router.chat(OverheadBenchmark.request()).text());
    if (chunks == 20) {
      streams20 = streaming(20);
    } else if (chunks == 1000) {
      streams1000 = streaming(1000);
    }
  }

  private static StreamingBenchmark streaming(int chunks) {
    StreamingBenchmark b = new StreamingBenchmark();
    b.chunks = chunks;
    b.setup();
    return b;
  }

  /** Stops the clients and the servers. */
  @TearDown
  public void tearDown() {
    for (StreamingBenchmark b : new StreamingBenchmark[] {streams20, streams1000}) {
      if (b != null) {
        b.tearDown();
      }
    }
    if (failover != null) {
      failover.tearDown();
    }
    router.close();
    fleet.close();
  }

  /** One raw call and one {@code router.chat}, each timed. */
  @Benchmark
  @Threads(1)
  public int chat(Pair p) {
    return pairOfCalls(p);
  }

  /** The same, from 8 threads. */
  @Benchmark
  @Threads(8)
  public int chat8(Pair p) {
    return pairOfCalls(p);
  }

  private int pairOfCalls(Pair p) {
    return pair(p, first -> raw.chat(Clients.upstream(BenchFleet.CHAT_MODEL), BenchFleet.PROMPT)
        .length(), first -> router.chat(OverheadBenchmark.request()).text().length());
  }

  /**
   * Runs the raw half and the router half, raw first on even pairs, timing each and adding its
   * first chunk (0 where the half has none) to the pair's counters.
   */
  private static int pair(Pair p, ToIntFunction<StreamingBenchmark.FirstChunk> rawHalf,
      ToIntFunction<StreamingBenchmark.FirstChunk> routerHalf) {
    boolean rawFirst = (p.pairs & 1) == 0;
    int n = 0;
    for (int i = 0; i < 2; i++) {
      StreamingBenchmark.FirstChunk first = new StreamingBenchmark.FirstChunk();
      long start = System.nanoTime();
      if (rawFirst == (i == 0)) {
        n += rawHalf.applyAsInt(first);
        p.rawNanos += System.nanoTime() - start;
        p.rawFirstNanos += first.firstChunkNanos;
      } else {
        n += routerHalf.applyAsInt(first);
        p.routerNanos += System.nanoTime() - start;
        p.routerFirstNanos += first.firstChunkNanos;
      }
    }
    p.pairs++;
    return n;
  }

  /** One raw stream and one router stream of 20 chunks, each timed, with its first chunk. */
  @Benchmark
  @Threads(1)
  public int stream20(Pair p) {
    return pairOfStreams(streams20, p);
  }

  /** The same with streams of 1,000 chunks. */
  @Benchmark
  @Threads(1)
  public int stream1000(Pair p) {
    return pairOfStreams(streams1000, p);
  }

  private static int pairOfStreams(StreamingBenchmark streams, Pair p) {
    return pair(p, streams::raw, streams::router);
  }

  /** One successful raw call and one router call that fails over, each timed. */
  @Benchmark
  @Threads(1)
  public int failover(Pair p) {
    return pair(p, first -> failover.raw().length(), first -> failover.router().length());
  }
}
