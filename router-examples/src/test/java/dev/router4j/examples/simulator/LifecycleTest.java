package dev.router4j.examples.simulator;

import static dev.router4j.examples.simulator.SimClient.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.catalog.Endpoint;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  private static SimClient client;

  @BeforeAll
  static void client() {
    client = new SimClient();
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  private static LoopbackSimulator.Builder fleet() {
    return LoopbackSimulator.builder()
        .provider("fastco", Protocol.OPENAI, p -> p.apiKey("sk-1", "sk-2").displayName("FastCo")
            .model("acme/fast-1", m -> m.pricePerMillion("0.40", "1.60").contextLength(32_000)
                .outputTokens(4))
            .model("acme/fast-2", m -> m.upstreamModel("fast-2-2026").outputTokens(4)))
        .provider("claudeco", Protocol.ANTHROPIC, p -> p.model("anthropic/claude-x",
            m -> m.promptPrice("3").completionPrice("15").maxCompletionTokens(8192)))
        .provider("gem", Protocol.GEMINI, p -> p.model("google/gemini-x",
            m -> m.promptCaching(true)));
  }

  private static Response hello(LoopbackSimulator sim, String model) throws IOException {
    return client.post(sim.baseUrl("fastco") + "/chat/completions", "{\"model\":\"" + model
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        "Authorization", "Bearer sk-2");
  }

  private static List<Thread> simulatorThreads(int port) {
    List<Thread> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith(LoopbackSimulator.THREAD_PREFIX + "-" + port)) {
        out.add(t);
      }
    }
    return out;
  }

  @Test
  void bindsOnlyTheLoopbackInterface() throws Exception {
    try (LoopbackSimulator sim = fleet().start()) {
      InetAddress bound = sim.address().getAddress();
      assertThat(bound.isLoopbackAddress()).isTrue();
      assertThat(bound.getHostAddress()).isEqualTo("127.0.0.1");
      assertThat(sim.rootUrl()).isEqualTo("http://127.0.0.1:" + sim.port());
      // Every other address of this machine refuses the port.
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a.isLoopbackAddress() || a.isLinkLocalAddress() || !(a instanceof Inet4Address)) {
            continue;
          }
          try (Socket s = new Socket()) {
            assertThatThrownBy(() -> s.connect(new InetSocketAddress(a, sim.port()), 2000))
                .as("connecting via %s", a).isInstanceOf(IOException.class);
          }
        }
      }
    }
  }

  @Test
  void closeStopsServingCutsOpenConnectionsAndLeavesNoThreads() throws Exception {
    LoopbackSimulator sim = LoopbackSimulator.builder()
        .provider("s", Protocol.OPENAI, p -> p.model("acme/m",
            m -> m.faults(Fault.stall(Duration.ofSeconds(30)))))
        .start();
    int port = sim.port();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      // A streamed answer stalled in flight when close() comes.
      Future<IOException> inFlight = pool.submit(() -> {
        try (Response r = client.post(sim.baseUrl("s") + "/chat/completions", "{\"model\":\"m\","
            + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")) {
          return SimClient.readEvents(r, new ArrayList<>());
        }
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sim.requests("s") == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(sim.openConnections()).isEqualTo(1);
      assertThat(simulatorThreads(port)).isNotEmpty();
      sim.close();
      assertThat(sim.isClosed()).isTrue();
      assertThat(inFlight.get(10, TimeUnit.SECONDS)).isNotNull(); // the stream was cut
      assertThat(simulatorThreads(port)).isEmpty();
      assertThat(sim.openConnections()).isZero();
      try (Socket s = new Socket()) {
        assertThatThrownBy(() -> s.connect(new InetSocketAddress("127.0.0.1", port), 2000))
            .isInstanceOf(ConnectException.class);
      }
      sim.close(); // idempotent
    } finally {
      pool.shutdownNow();
      sim.close();
    }
  }

  @Test
  void keepAliveConnectionsAreReusedAcrossRequests() throws Exception {
    try (LoopbackSimulator sim = fleet().start()) {
      client.http.connectionPool().evictAll();
      for (int i = 0; i < 20; i++) {
        try (Response r = hello(sim, "fast-1")) {
          assertThat(r.code()).isEqualTo(200);
          r.body().string();
        }
      }
      assertThat(sim.openConnections()).isEqualTo(1);
      assertThat(simulatorThreads(sim.port())).hasSize(2); // the acceptor and one worker
      client.http.connectionPool().evictAll();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sim.openConnections() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(sim.openConnections()).isZero();
    }
  }

  @Test
  void manyConcurrentStreamsAreServed() throws Exception {
    try (LoopbackSimulator sim = LoopbackSimulator.builder()
        .provider("p", Protocol.OPENAI, p -> p.model("acme/m",
            m -> m.tokensPerSecond(200).outputTokens(10)))
        .start()) {
      List<CompletableFuture<Integer>> calls = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(32);
      try {
        for (int i = 0; i < 64; i++) {
          int n = i;
          calls.add(CompletableFuture.supplyAsync(() -> {
            try (Response r = client.post(sim.baseUrl("p") + "/chat/completions", "{\"model\":"
                + "\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + n
                + "\"}]}")) {
              return SimClient.events(r).size();
            } catch (IOException e) {
              throw new RuntimeException(e);
            }
          }, pool));
        }
        for (CompletableFuture<Integer> c : calls) {
          assertThat(c.get(30, TimeUnit.SECONDS)).isEqualTo(1 + 10 + 1 + 1);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(sim.requests("p", "acme/m")).isEqualTo(64);
    }
  }

  @Test
  void connectionsBeyondTheBoundAreAnswered503() throws Exception {
    try (LoopbackSimulator sim = LoopbackSimulator.builder().maxConnections(1)
        .provider("p", Protocol.OPENAI, p -> p.model("acme/m",
            m -> m.faults(Fault.stall(Duration.ofSeconds(2)))))
        .start()) {
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<Integer> first = pool.submit(() -> {
          try (Response r = client.post(sim.baseUrl("p") + "/chat/completions", "{\"model\":"
              + "\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")) {
            r.body().string();
            return r.code();
          }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sim.requests("p") == 0 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        try (Response r = client.post(sim.baseUrl("p") + "/chat/completions", "{}")) {
          assertThat(r.code()).isEqualTo(503);
        }
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(200);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void countersAndTheLastRequestShowWhatTheClientSent() throws Exception {
    try (LoopbackSimulator sim = fleet().start()) {
      try (Response r = hello(sim, "fast-1")) {
        assertThat(r.code()).isEqualTo(200);
      }
      try (Response r = hello(sim, "fast-2-2026")) {
        assertThat(r.code()).isEqualTo(200);
      }
      try (Response r = client.post(sim.baseUrl("fastco") + "/chat/completions",
          "{\"model\":\"fast-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
          "Authorization", "Bearer wrong")) {
        assertThat(r.code()).isEqualTo(401);
      }
      assertThat(sim.requests("fastco")).isEqualTo(3);
      assertThat(sim.requests("fastco", "acme/fast-1")).isEqualTo(2);
      assertThat(sim.requests("fastco", "fast-2-2026")).isEqualTo(1);
      assertThat(sim.requests("claudeco")).isZero();
      assertThat(sim.totalRequests()).isEqualTo(3);
      CapturedRequest last = sim.lastRequest("fastco");
      assertThat(last.method()).isEqualTo("POST");
      assertThat(last.path()).isEqualTo("/fastco/v1/chat/completions");
      assertThat(last.header("Authorization")).isEqualTo("Bearer wrong");
      assertThat(last.toString()).doesNotContain("wrong").contains("<redacted>");
      assertThat(SimClient.obj(sim.lastRequestBody("fastco")).get("model")).isEqualTo("fast-1");
      assertThat(sim.lastRequestBody("gem")).isNull();
      sim.resetCounters();
      assertThat(sim.totalRequests()).isZero();
      assertThat(sim.requests("fastco", "fast-1")).isZero();
      assertThat(sim.lastRequest("fastco")).isNull();
    }
  }

  @Test
  void endpointsDescribeTheFleetForACatalog() {
    try (LoopbackSimulator sim = fleet().start()) {
      List<Endpoint> all = sim.endpoints();
      assertThat(all).extracting(Endpoint::id).containsExactly("fastco:acme/fast-1",
          "fastco:acme/fast-2", "claudeco:anthropic/claude-x", "gem:google/gemini-x");
      Endpoint fast = all.get(0);
      assertThat(fast.providerName()).isEqualTo("FastCo");
      assertThat(fast.upstreamModel()).isEqualTo("fast-1");
      assertThat(fast.pricing().prompt()).isEqualByComparingTo(new BigDecimal("0.0000004"));
      assertThat(fast.pricing().completion()).isEqualByComparingTo(new BigDecimal("0.0000016"));
      assertThat(fast.contextLength()).isEqualTo(32_000);
      assertThat(fast.supports("tools")).isTrue();
      assertThat(all.get(1).upstreamModel()).isEqualTo("fast-2-2026");
      Endpoint claude = all.get(2);
      assertThat(claude.pricing().prompt()).isEqualByComparingTo(new BigDecimal("0.000003"));
      assertThat(claude.maxCompletionTokens()).isEqualTo(8192);
      assertThat(all.get(3).supportsImplicitCaching()).isTrue();
      assertThat(sim.endpoints("gem")).containsExactly(all.get(3));
      String root = "http://127.0.0.1:" + sim.port();
      assertThat(sim.baseUrl("fastco")).isEqualTo(root + "/fastco/v1");
      assertThat(sim.baseUrl("claudeco")).isEqualTo(root + "/claudeco/v1");
      assertThat(sim.baseUrl("gem")).isEqualTo(root + "/gem/v1beta");
      assertThat(sim.providerUrl("gem")).isEqualTo(root + "/gem");
      assertThat(sim.apiKey("fastco")).isEqualTo("sk-1");
      assertThat(sim.apiKey("gem")).isNull();
      assertThatThrownBy(() -> sim.baseUrl("nope")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("fastco");
    }
  }

  @Test
  void anUnknownProviderPathGets404() throws Exception {
    try (LoopbackSimulator sim = fleet().start();
        Response r = client.post(sim.rootUrl() + "/nope/v1/chat/completions", "{}")) {
      assertThat(r.code()).isEqualTo(404);
      assertThat((String) at(SimClient.obj(r.body().string()), "error", "message"))
          .contains("nope");
    }
  }

  @Test
  void buildersAreImmutableTemplates() throws Exception {
    ModelSpec.Builder base = ModelSpec.builder("acme/m").seed(1);
    ModelSpec.Builder fast = base.tokensPerSecond(500);
    assertThat(base.build().tokensPerSecond()).isZero();
    assertThat(fast.build().tokensPerSecond()).isEqualTo(500);
    assertThat(fast.build().seed()).isEqualTo(1);
    LoopbackSimulator.Builder template = fleet();
    LoopbackSimulator.Builder bigger = template.provider("extra", Protocol.OPENAI, "acme/e");
    try (LoopbackSimulator a = template.start(); LoopbackSimulator b = template.start();
        LoopbackSimulator c = bigger.start()) {
      assertThat(a.port()).isNotEqualTo(b.port());
      assertThat(a.providers()).hasSize(3);
      assertThat(c.providers()).hasSize(4);
      try (Response r = hello(a, "fast-1")) {
        assertThat(r.code()).isEqualTo(200);
      }
      assertThat(b.totalRequests()).isZero(); // each start has its own counters
    }
  }

  @Test
  void invalidSettingsAreRejectedWhenSet() {
    assertThatThrownBy(() -> ModelSpec.builder("m").timeToFirstToken(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelSpec.builder("m").tokensPerSecond(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelSpec.builder("m").outputTokens(5, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelSpec.builder("m").randomFaults(1.5, 1, Fault.ok()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelSpec.builder("m").randomFaults(0.5, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProviderSpec.builder("bad/slug", Protocol.OPENAI).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProviderSpec.builder("p", Protocol.OPENAI).model("a/m").model("b/m")
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'m'");
    assertThatThrownBy(() -> LoopbackSimulator.builder().provider("p", Protocol.GEMINI, "a/m")
        .provider("p", Protocol.OPENAI, "a/n")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.status(200)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.dropMidStream(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoopbackSimulator.builder().maxConnections(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void providerSpecToStringHidesTheKeys() {
    ProviderSpec p = ProviderSpec.builder("p", Protocol.OPENAI).apiKey("sk-secret").build();
    assertThat(p.toString()).doesNotContain("sk-secret").contains("1 key(s)");
  }
}
