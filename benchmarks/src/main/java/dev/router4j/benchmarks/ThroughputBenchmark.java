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

  /** {@link #setup()}, then {@link WarmUp} of the measured method (on one thread). */
  @Setup
  public void setup(BenchmarkParams params) {
    setup();
    if (WarmUp.method(params).equals("raw")) {
      WarmUp.run(this::raw);
    } else {
      WarmUp.run(this::router);
    }
  }

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
