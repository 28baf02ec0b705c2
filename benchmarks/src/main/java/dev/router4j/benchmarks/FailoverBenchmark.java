package dev.router4j.benchmarks;

import dev.router4j.Router;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.RouteAttempt;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
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
 * A failover: the first endpoint ({@code down}) answers 503, the second ({@code up}) answers.
 * {@link #router} is one {@code router.chat} that takes both attempts (no same-endpoint retry,
 * breaker never opening: see {@link Clients#failoverRouter}); the baselines in the same run are
 * {@link #raw}, one successful raw call, and {@link #rawFailover}, the same two calls by hand.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class FailoverBenchmark {
  private BenchFleet fleet;
  private RawClient primary;
  private RawClient down;
  private RawClient up;
  private Router router;

  /** {@link #setup()}, then {@link WarmUp} of the measured method. */
  @Setup
  public void setup(BenchmarkParams params) {
    setup();
    String method = WarmUp.method(params);
    WarmUp.run(() -> {
      switch (method) {
        case "raw": raw(); break;
        case "rawFailover": rawFailover(); break;
        default: router();
      }
    });
  }

  /** Starts the server and the clients, and checks the failover's trace. */
  public void setup() {
    fleet = BenchFleet.start();
    OkHttpClient http = Clients.okHttp();
    primary = new RawClient(http, fleet.baseUrl("primary"), BenchFleet.KEY);
    down = new RawClient(http, fleet.baseUrl("down"), BenchFleet.KEY);
    up = new RawClient(http, fleet.baseUrl("up"), BenchFleet.KEY);
    router = Clients.failoverRouter(fleet);
    OverheadBenchmark.check("raw", raw());
    OverheadBenchmark.check("raw failover", rawFailover());
    ChatResponse r = router.chat(request());
    OverheadBenchmark.check("router", r.text());
    if (r.route().size() != 2 || r.route().get(0).outcome() != RouteAttempt.Outcome.FELL_BACK
        || !"up".equals(r.provider())) {
      throw new IllegalStateException("not a failover: " + r.route());
    }
  }

  /** Stops the router and the server. */
  @TearDown
  public void tearDown() {
    router.close();
    fleet.close();
  }

  private static ChatRequest request() {
    return ChatRequest.builder().model(BenchFleet.CHAT_MODEL).user(BenchFleet.PROMPT)
        .provider(p -> p.order("down", "up")).build();
  }

  /** The baseline: one successful raw call. */
  @Benchmark
  public String raw() {
    return primary.chat(Clients.upstream(BenchFleet.CHAT_MODEL), BenchFleet.PROMPT);
  }

  /** The same failover by hand: a raw call that gets 503, then a raw call that answers. */
  @Benchmark
  public String rawFailover() {
    String model = Clients.upstream(BenchFleet.CHAT_MODEL);
    if (down.status(model, BenchFleet.PROMPT) != 503) {
      throw new IllegalStateException("down did not answer 503");
    }
    return up.chat(model, BenchFleet.PROMPT);
  }

  /** {@code router.chat}: 503 from {@code down}, classified, fallback to {@code up}. */
  @Benchmark
  public String router() {
    return router.chat(request()).text();
  }
}
