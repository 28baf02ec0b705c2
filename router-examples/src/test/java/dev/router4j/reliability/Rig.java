package dev.router4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.EndpointHealth;
import dev.router4j.Router;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.api.spi.Provider;
import dev.router4j.catalog.Catalog;
import dev.router4j.examples.simulator.LoopbackSimulator;
import dev.router4j.providers.Anthropic;
import dev.router4j.providers.Gemini;
import dev.router4j.providers.OpenAiCompatible;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * One fault case's world: an OkHttp client of its own (its own dispatcher threads and
 * connection pool, so that leaks are attributable), the hosts it talks to, a router with a
 * recording sleeper and an in-memory ledger, and a snapshot of the live threads taken before
 * anything started. {@link #close()} closes everything and then asserts that nothing leaked:
 * no call still running or queued, no connection still in use (an unclosed response body), no
 * thread left behind by the router, the client, the mock hosts or the simulator.
 *
 * <p>Everything a case produces (responses, exceptions, health, records) can be handed to
 * {@link #observe(Object)} so that the secret scan can read it afterwards.
 */
final class Rig implements AutoCloseable {
  /** Threads that belong to the JVM or to process-wide singletons (OkHttp's task runner, Okio's watchdog). */
  private static final List<String> GLOBAL_THREADS = List.of("OkHttp TaskRunner", "Okio Watchdog",
      "OkHttp ConnectionPool", "MockWebServer TaskRunner",
      "Common-Cleaner", "process reaper", "Attach Listener", "ForkJoinPool.commonPool",
      "junit-timeout", "surefire", "Signal Dispatcher", "Finalizer", "Reference Handler",
      "Notification Thread", "Jazzer", "RMI", "JFR");

  private static final AtomicInteger CLIENTS = new AtomicInteger();

  final Keys keys;
  final OkHttpClient client;
  private final ExecutorService dispatcherThreads;
  private final String threadPrefix;
  private final Set<Thread> threadsBefore;
  private final List<AutoCloseable> hosts = new ArrayList<>();
  private final List<Router> routers = new ArrayList<>();
  /** The waits the routers asked for, in order (nobody sleeps). */
  final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
  /** Everything the case saw, for the secret scan. */
  final List<Object> observed = Collections.synchronizedList(new ArrayList<>());
  /** Whether routers also report every listener event into {@link #observed}. */
  boolean listen;
  /** How long {@link #close()} waits for calls, connections and threads to wind down. */
  long patienceMillis = 5000;

  Rig(Keys keys) {
    this.keys = keys;
    this.threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
    this.threadPrefix = "rig-okhttp-" + CLIENTS.incrementAndGet() + "-";
    AtomicInteger n = new AtomicInteger();
    this.dispatcherThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, threadPrefix + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    Dispatcher dispatcher = new Dispatcher(dispatcherThreads);
    dispatcher.setMaxRequests(4096);
    dispatcher.setMaxRequestsPerHost(4096);
    this.client = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(64, 1, TimeUnit.MINUTES))
        .retryOnConnectionFailure(false)
        .build();
  }

  Rig() {
    this(Keys.plain());
  }

  // ---- hosts --------------------------------------------------------------------------------

  /** A started mock host, closed with the rig. */
  MockWebServer mock() {
    MockWebServer s = new MockWebServer();
    try {
      s.start(0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    hosts.add(s);
    return s;
  }

  /** A started simulator, closed with the rig. */
  LoopbackSimulator simulator(UnaryOperator<LoopbackSimulator.Builder> config) {
    LoopbackSimulator sim = config.apply(LoopbackSimulator.builder()).start();
    hosts.add(sim);
    return sim;
  }

  /** Any other host, closed with the rig. */
  <T extends AutoCloseable> T host(T host) {
    hosts.add(host);
    return host;
  }

  /** A loopback URL on which nothing listens: connections to it are refused. */
  static String refusingUrl() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + s.getLocalPort() + "/v1";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- providers ----------------------------------------------------------------------------

  /** An OpenAI-compatible provider serving {@code model} at the given prices, with the slug's keys. */
  Provider openAi(String slug, String baseUrl, String model, Pricing pricing) {
    OpenAiCompatible.Builder b = OpenAiCompatible.builder(slug).baseUrl(baseUrl).client(client)
        .endpoint(Endpoint.builder(slug, model).pricing(pricing).build());
    for (String key : keys.of(slug)) {
      b.apiKey(key);
    }
    return b.build();
  }

  /** An OpenAI-compatible provider with the simulator's endpoints for it. */
  Provider openAi(LoopbackSimulator sim, String slug) {
    OpenAiCompatible.Builder b = OpenAiCompatible.builder(slug).baseUrl(sim.baseUrl(slug))
        .client(client);
    sim.endpoints(slug).forEach(b::endpoint);
    for (String key : keys.of(slug)) {
      b.apiKey(key);
    }
    return b.build();
  }

  /** Anthropic's adapter pointed at the simulator's provider {@code anthropic}. */
  Provider anthropic(LoopbackSimulator sim) {
    Anthropic.Builder b = Anthropic.builder().baseUrl(sim.baseUrl("anthropic")).client(client);
    sim.endpoints("anthropic").forEach(b::endpoint);
    for (String key : keys.of("anthropic")) {
      b.apiKey(key);
    }
    return b.build();
  }

  /** Gemini's adapter pointed at the simulator's provider {@code google-ai-studio}. */
  Provider gemini(LoopbackSimulator sim) {
    Gemini.Builder b = Gemini.builder().baseUrl(sim.baseUrl(Gemini.SLUG)).client(client);
    sim.endpoints(Gemini.SLUG).forEach(b::endpoint);
    for (String key : keys.of(Gemini.SLUG)) {
      b.apiKey(key);
    }
    return b.build();
  }

  // ---- routers ------------------------------------------------------------------------------

  /**
   * A router over the providers with an empty catalog (only what the providers bring), a
   * recording sleeper, fixed random seed, short timeouts and breakers that open after two
   * consecutive failures for a minute; {@code config} may change any of it.
   */
  Router router(UnaryOperator<Router.Builder> config, Provider... providers) {
    Router.Builder b = Router.builder()
        .catalog(Catalog.builder().build())
        .sleeper(waits::add)
        .random(new java.util.SplittableRandom(7))
        .retries(1, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(2))
        .circuitBreaker(2, Duration.ofMinutes(1))
        .attemptTimeout(Duration.ofSeconds(5))
        .firstTokenTimeout(Duration.ofSeconds(2))
        // The checks count every record: a bound no load run reaches (the default evicts
        // past 10,000).
        .ledger(dev.router4j.ledger.Ledger.inMemory(1_000_000));
    for (Provider p : providers) {
      b.provider(p);
      observe(p);
    }
    if (listen) {
      b.listener(new dev.router4j.RouterListener() {
        @Override
        public void attemptEnded(RouteAttempt attempt) {
          observe(attempt);
        }

        @Override
        public void callSucceeded(dev.router4j.api.ChatResponse response) {
          observe(response);
        }

        @Override
        public void callFailed(dev.router4j.api.error.RouterException error) {
          observe(error);
        }
      });
    }
    Router r = config.apply(b).build();
    routers.add(r);
    return r;
  }

  Router router(Provider... providers) {
    return router(b -> b, providers);
  }

  /** The routers made so far. */
  List<Router> routers() {
    return List.copyOf(routers);
  }

  /** Records what a case saw, for the secret scan; returns it. */
  <T> T observe(T thing) {
    if (thing != null) {
      observed.add(thing);
    }
    return thing;
  }

  // ---- what the router knows ----------------------------------------------------------------

  /** The circuit state of each endpoint the router has a breaker for. */
  static Map<String, String> circuits(Router router) {
    Map<String, String> out = new TreeMap<>();
    for (EndpointHealth h : router.health()) {
      out.put(h.endpointId(), h.circuit());
    }
    return out;
  }

  /** The endpoint's circuit: CLOSED when the router never needed a breaker for it. */
  static String circuit(Router router, String endpointId) {
    return circuits(router).getOrDefault(endpointId, "CLOSED");
  }

  /** The route trace as {@code provider OUTCOME CATEGORY status} lines, for readable asserts. */
  static List<String> trace(List<RouteAttempt> route) {
    List<String> out = new ArrayList<>();
    for (RouteAttempt a : route) {
      out.add(a.provider() + " " + a.outcome()
          + (a.errorCategory() == null ? "" : " " + a.errorCategory())
          + (a.httpStatus() > 0 ? " " + a.httpStatus() : ""));
    }
    return out;
  }

  /** The ledger's records, asserting the ledger's invariants on each. */
  static List<GenerationRecord> records(Router router) {
    List<GenerationRecord> records = router.usage().records();
    for (GenerationRecord r : records) {
      for (var a : r.attempts()) {
        if (a.outcome() != RouteAttempt.Outcome.SUCCESS) {
          assertThat(a.cost().signum()).as("a failed attempt is never charged: %s", a).isZero();
        }
      }
    }
    return records;
  }

  // ---- the leak check -----------------------------------------------------------------------

  /** Waits until the client has no call in flight and no connection in use. */
  void awaitQuiet() {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMillis);
    while (System.nanoTime() - until < 0) {
      if (client.dispatcher().runningCallsCount() == 0 && client.dispatcher().queuedCallsCount() == 0
          && client.connectionPool().connectionCount() == client.connectionPool().idleConnectionCount()) {
        return;
      }
      sleep(20);
    }
  }

  @Override
  public void close() {
    awaitQuiet();
    int running = client.dispatcher().runningCallsCount();
    int queued = client.dispatcher().queuedCallsCount();
    int inUse = client.connectionPool().connectionCount()
        - client.connectionPool().idleConnectionCount();
    for (Router r : routers) {
      r.close();
    }
    client.connectionPool().evictAll();
    dispatcherThreads.shutdown();
    for (AutoCloseable h : hosts) {
      try {
        h.close();
      } catch (Exception ignored) {
        // the leak check below is what matters
      }
    }
    try {
      dispatcherThreads.awaitTermination(patienceMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertThat(running).as("OkHttp calls still running after the case").isZero();
    assertThat(queued).as("OkHttp calls still queued after the case").isZero();
    assertThat(inUse).as("connections still in use (a response body was not closed)").isZero();
    assertThat(client.connectionPool().connectionCount()).as("connections after evictAll").isZero();
    List<String> left = leftoverThreads(patienceMillis);
    assertThat(left).as("threads left behind by the case").isEmpty();
  }

  /** Threads started since the rig was made that are still alive, after waiting for them to end. */
  private List<String> leftoverThreads(long waitMillis) {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    List<String> left;
    do {
      left = new ArrayList<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.isAlive() && !threadsBefore.contains(t) && !global(t.getName())) {
          left.add(t.getName() + " (" + t.getState() + ")");
        }
      }
      if (left.isEmpty()) {
        return left;
      }
      sleep(25);
    } while (System.nanoTime() - until < 0);
    return left;
  }

  private static boolean global(String name) {
    for (String g : GLOBAL_THREADS) {
      if (name.startsWith(g)) {
        return true;
      }
    }
    return false;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The API keys the providers are built with: plain test keys, or distinctive canaries. */
  record Keys(Map<String, List<String>> bySlug) {
    static Keys plain() {
      return new Keys(Map.of());
    }

    List<String> of(String slug) {
      return bySlug.getOrDefault(slug, List.of("sk-test-" + slug + "-0123456789"));
    }

    /** Every key, for scans. */
    List<String> all() {
      List<String> out = new ArrayList<>();
      bySlug.values().forEach(out::addAll);
      return out;
    }
  }
}
