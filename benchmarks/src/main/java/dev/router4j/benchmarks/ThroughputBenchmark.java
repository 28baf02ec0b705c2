package dev.router4j.benchmarks;

import dev.router4j.Router;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Calls per second from 8 threads sharing one client: {@link #raw} (one OkHttp client, the
 * baseline) against {@link #router} (one router), the same non-streamed call as
 * {@link OverheadBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(2)
@Threads(8)
@State(Scope.Benchmark)
public class ThroughputBenchmark {
  private BenchFleet fleet;
  private RawClient raw;
  private Router router;

  /**
   * {@link #setup()}, then {@link WarmUp} of the measured method from 8 threads for
   * {@link #WARM_UP_MILLIS}: on two cores shared with the server, the router's call path is
   * still being compiled after 10 s of 8-thread calls, which the few warm-up iterations of a
   * short profile would otherwise measure.
   */
  @Setup
  public void setup(BenchmarkParams params) {
    setup();
    Runnable op = WarmUp.method(params).equals("raw") ? this::raw : this::router;
    WarmUp.run(op, 8, WARM_UP_MILLIS);
  }

  /** How long {@link #setup(BenchmarkParams)} calls the measured method from 8 threads. */
  static final long WARM_UP_MILLIS = 10_000;

  /** Starts the server and both clients. */
  public void setup() {
    fleet = BenchFleet.start();
    raw = new RawClient(Clients.okHttp(), fleet.baseUrl("primary"), BenchFleet.KEY);
    router = Clients.router(fleet);
    OverheadBenchmark.check("raw", raw());
    OverheadBenchmark.check("router", router());
  }

  /** Stops the router and the server. */
  @TearDown
  public void tearDown() {
    router.close();
    fleet.close();
  }

  /** The baseline. */
  @Benchmark
  public String raw() {
    return raw.chat(Clients.upstream(BenchFleet.CHAT_MODEL), BenchFleet.PROMPT);
  }

  /** {@code router.chat}. */
  @Benchmark
  public String router() {
    return router.chat(OverheadBenchmark.request()).text();
  }
}
