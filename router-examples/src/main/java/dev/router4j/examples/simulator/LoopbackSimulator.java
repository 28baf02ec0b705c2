package dev.router4j.examples.simulator;

import com.squareup.moshi.JsonReader;
import dev.router4j.api.catalog.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import okio.Buffer;

/**
 * A fleet of simulated LLM providers in this JVM, on 127.0.0.1 only, speaking the real wire
 * protocols: OpenAI Chat Completions, Anthropic Messages and Gemini generateContent, each
 * non-streamed and streamed (SSE). Each provider lives under {@code /{provider}}; its models
 * answer with deterministic text (the same request to the same seeded model gets the same
 * answer), at a configured time to first token and tokens per second, with usage counted from
 * the request, and fail when told to: error statuses in each protocol's own error shape,
 * dropped or stalled connections, broken JSON, tool calls.
 *
 * <pre>{@code
 * try (LoopbackSimulator sim = LoopbackSimulator.builder()
 *     .provider("fastco", Protocol.OPENAI, p -> p.apiKey("sk-fast")
 *         .model("acme/fast-1", m -> m.timeToFirstToken(Duration.ofMillis(20))
 *             .tokensPerSecond(200).pricePerMillion("0.40", "1.60").seed(42)
 *             .faults(Fault.status(503), Fault.ok(), Fault.dropMidStream(3))))
 *     .provider("claudeco", Protocol.ANTHROPIC, p -> p.apiKey("sk-ant").model("acme/smart-2"))
 *     .start()) {
 *   String base = sim.baseUrl("fastco");        // http://127.0.0.1:PORT/fastco/v1
 *   List<Endpoint> catalog = sim.endpoints();   // prices, upstream names, for a Router
 *   ...
 *   sim.requests("fastco", "acme/fast-1");      // what the client sent
 * }
 * }</pre>
 *
 * <p>Thread-safe. The server is a small HTTP/1.1 implementation with keep-alive connections
 * and a bounded pool of reused worker threads (one per open connection). {@link #close()}
 * stops accepting, cuts open connections and joins every thread it started.
 */
public final class LoopbackSimulator implements AutoCloseable {
  /** The name prefix of every thread a simulator starts. */
  public static final String THREAD_PREFIX = "loopback-sim";
  private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

  private final List<ProviderSpec> specs;
  private final Map<String, ProviderRuntime> providers = new LinkedHashMap<>();
  private final HttpCore core;
  private final String rootUrl;
  private final LongAdder total = new LongAdder();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean closed;

  private static final class ModelRuntime {
    final ModelSpec spec;
    final LongAdder requests = new LongAdder();
    final FaultState faults;
    final PromptCache cache = new PromptCache();

    ModelRuntime(ModelSpec spec) {
      this.spec = spec;
      this.faults = new FaultState(spec.faults());
    }
  }

  private static final class ProviderRuntime {
    final ProviderSpec spec;
    final Wire wire;
    final LongAdder requests = new LongAdder();
    final FaultState faults;
    final AtomicReference<CapturedRequest> last = new AtomicReference<>();
    /** By upstream name and by slug. */
    final Map<String, ModelRuntime> models = new LinkedHashMap<>();

    ProviderRuntime(ProviderSpec spec) {
      this.spec = spec;
      this.faults = new FaultState(spec.faults());
      switch (spec.protocol()) {
        case OPENAI: wire = new OpenAiWire(); break;
        case ANTHROPIC: wire = new AnthropicWire(); break;
        default: wire = new GeminiWire();
      }
      for (ModelSpec m : spec.models()) {
        ModelRuntime rt = new ModelRuntime(m);
        models.put(m.upstreamModel(), rt);
        models.putIfAbsent(m.slug(), rt);
      }
    }
  }

  private LoopbackSimulator(Builder b) throws IOException {
    this.specs = List.copyOf(b.providers);
    for (ProviderSpec p : specs) {
      providers.put(p.slug(), new ProviderRuntime(p));
    }
    this.core = new HttpCore(b.port, b.maxConnections, b.idleTimeout, THREAD_PREFIX, this::handle);
    this.rootUrl = "http://127.0.0.1:" + core.address().getPort();
  }

  /**
   * A builder with no providers, an ephemeral port, at most 512 connections, and a 10-minute
   * idle timeout (longer than OkHttp's 5-minute pool keep-alive, so that a pooled connection is
   * never closed under a client that is about to reuse it).
   */
  public static Builder builder() {
    return new Builder(List.of(), 0, 512, Duration.ofMinutes(10));
  }

  // ---- addresses and catalog ------------------------------------------------------------

  /** The address the server listens on: always 127.0.0.1. */
  public InetSocketAddress address() {
    return core.address();
  }

  /** The port. */
  public int port() {
    return core.address().getPort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String rootUrl() {
    return rootUrl;
  }

  /** The provider's root, {@code http://127.0.0.1:PORT/{provider}} (SDK-style base URL). */
  public String providerUrl(String provider) {
    return rootUrl + "/" + runtime(provider).spec.slug();
  }

  /**
   * The provider's versioned API root, what an adapter's base URL conventionally is:
   * {@code …/{provider}/v1} for OpenAI and Anthropic, {@code …/{provider}/v1beta} for Gemini.
   */
  public String baseUrl(String provider) {
    ProviderRuntime p = runtime(provider);
    return rootUrl + "/" + p.spec.slug() + p.spec.protocol().versionPath();
  }

  /** The provider's first key, or null when it needs none. */
  public String apiKey(String provider) {
    var keys = runtime(provider).spec.apiKeys();
    return keys.isEmpty() ? null : keys.iterator().next();
  }

  /** The providers, as configured. */
  public List<ProviderSpec> providers() {
    return specs;
  }

  /** One provider's configuration. */
  public ProviderSpec provider(String provider) {
    return runtime(provider).spec;
  }

  /** Every endpoint (provider × model) with the simulator's prices and upstream names. */
  public List<Endpoint> endpoints() {
    List<Endpoint> out = new ArrayList<>();
    for (ProviderSpec p : specs) {
      out.addAll(endpoints(p));
    }
    return List.copyOf(out);
  }

  /** One provider's endpoints. */
  public List<Endpoint> endpoints(String provider) {
    return endpoints(runtime(provider).spec);
  }

  private static List<Endpoint> endpoints(ProviderSpec p) {
    List<Endpoint> out = new ArrayList<>();
    for (ModelSpec m : p.models()) {
      out.add(Endpoint.builder(p.slug(), m.slug())
          .providerName(p.displayName())
          .upstreamModel(m.upstreamModel())
          .pricing(m.pricing())
          .contextLength(m.contextLength())
          .maxCompletionTokens(m.maxCompletionTokens())
          .supportedParameters(m.supportedParameters())
          .supportsImplicitCaching(m.promptCaching() && p.protocol() != Protocol.ANTHROPIC)
          .build());
    }
    return out;
  }

  // ---- counters -----------------------------------------------------------------------

  /** Requests that reached the provider (whatever their outcome). */
  public long requests(String provider) {
    return runtime(provider).requests.sum();
  }

  /** Requests that named the model (by slug or upstream name), whatever their outcome. */
  public long requests(String provider, String model) {
    return model(runtime(provider), model).requests.sum();
  }

  /** Requests that reached any provider. */
  public long totalRequests() {
    return total.sum();
  }

  /** Connections open now. */
  public int openConnections() {
    return core.openConnections();
  }

  /** The last request the provider received, or null. */
  public CapturedRequest lastRequest(String provider) {
    return runtime(provider).last.get();
  }

  /** The body of the last request the provider received, or null. */
  public String lastRequestBody(String provider) {
    CapturedRequest r = lastRequest(provider);
    return r == null ? null : r.body();
  }

  /** Sets the request counters to zero and forgets the last requests. */
  public void resetCounters() {
    total.reset();
    for (ProviderRuntime p : providers.values()) {
      p.requests.reset();
      p.last.set(null);
      for (ModelRuntime m : p.models.values()) {
        m.requests.reset();
      }
    }
  }

  // ---- run-time faults ------------------------------------------------------------------

  /** Queues faults for the provider's next requests, ahead of its configured plan. */
  public void inject(String provider, Fault... faults) {
    ProviderRuntime p = runtime(provider);
    for (Fault f : faults) {
      p.faults.inject(Objects.requireNonNull(f, "fault"));
    }
  }

  /** Queues faults for the model's next requests at this provider, ahead of everything else. */
  public void inject(String provider, String model, Fault... faults) {
    ModelRuntime m = model(runtime(provider), model);
    for (Fault f : faults) {
      m.faults.inject(Objects.requireNonNull(f, "fault"));
    }
  }

  private ProviderRuntime runtime(String provider) {
    ProviderRuntime p = providers.get(Objects.requireNonNull(provider, "provider"));
    if (p == null) {
      throw new IllegalArgumentException("no simulated provider '" + provider + "'; known: "
          + providers.keySet());
    }
    return p;
  }

  private static ModelRuntime model(ProviderRuntime p, String model) {
    ModelRuntime m = p.models.get(Objects.requireNonNull(model, "model"));
    if (m == null) {
      throw new IllegalArgumentException("provider " + p.spec.slug() + " serves no model '"
          + model + "'");
    }
    return m;
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Stops accepting connections, cuts the open ones (responses in flight end abruptly) and
   * waits for every simulator thread to end. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    core.close();
  }

  @Override
  public String toString() {
    return "LoopbackSimulator[" + rootUrl + ", providers=" + providers.keySet() + "]";
  }

  // ---- serving ----------------------------------------------------------------------------

  private void handle(Exchange ex) throws IOException, InterruptedException {
    long arrived = System.nanoTime();
    HttpRequest req = ex.request;
    long seq = sequence.incrementAndGet();
    String requestId = "req_loopback" + Long.toString(seq, 36);
    String path = req.path;
    int slash = path.indexOf('/', 1);
    String slug = path.length() <= 1 ? "" : slash < 0 ? path.substring(1) : path.substring(1, slash);
    ProviderRuntime p = providers.get(slug);
    if (p == null) {
      send(ex, new Wire.Out(404, Wire.headers("Content-Type", "application/json"),
          Wire.utf8("{\"error\":{\"message\":" + Json.quote("no simulated provider '" + slug
              + "'; known: " + providers.keySet()) + ",\"type\":\"not_found\"}}")));
      return;
    }
    String rest = slash < 0 ? "" : path.substring(slash);
    p.last.set(new CapturedRequest(p.spec.slug(), req.method, req.target, req.headers,
        new String(req.body, StandardCharsets.UTF_8)));
    p.requests.increment();
    total.increment();
    Wire wire = p.wire;
    Wire.Route route = wire.route(req, rest);
    if (route == null) {
      send(ex, wire.unknownRoute(req, requestId));
      return;
    }
    Map<String, Object> body = parse(req.body);
    WireRequest wr = body == null ? null : wire.parse(body, route);
    String modelName = route.pathModel() != null ? route.pathModel() : wr == null ? null : wr.model;
    ModelRuntime m = modelName == null ? null : p.models.get(modelName);
    if (m != null) {
      m.requests.increment();
    }
    Wire.Out refusal = wire.authError(req, p.spec.apiKeys(), requestId);
    if (refusal == null && wire instanceof AnthropicWire) {
      refusal = ((AnthropicWire) wire).versionError(req, requestId);
    }
    if (refusal == null && body == null) {
      refusal = wire.invalid("We could not parse the JSON body of your request.", requestId);
    }
    if (refusal == null && wr.invalid != null) {
      refusal = wire.invalid(wr.invalid, requestId);
    }
    if (refusal == null && m == null) {
      refusal = wire.modelNotFound(modelName, requestId);
    }
    if (refusal != null) {
      send(ex, refusal);
      return;
    }
    Fault fault = m.faults.next();
    if (fault == null) {
      fault = p.faults.next();
    }
    if (fault == null) {
      fault = Fault.ok();
    }
    answer(ex, p, m, wr, route, fault, arrived, seq, requestId);
  }

  private static Map<String, Object> parse(byte[] body) {
    try (JsonReader reader = JsonReader.of(new Buffer().write(body))) {
      Object v = reader.readJsonValue();
      return reader.peek() == JsonReader.Token.END_DOCUMENT ? Trees.obj(v) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private void answer(Exchange ex, ProviderRuntime p, ModelRuntime m, WireRequest wr,
      Wire.Route route, Fault fault, long arrived, long seq, String requestId)
      throws IOException, InterruptedException {
    Wire wire = p.wire;
    String model = m.spec.upstreamModel();
    long base = arrived;
    switch (fault.kind()) {
      case STATUS:
        send(ex, wire.status(fault.status(), fault.duration(), model, requestId));
        return;
      case OVERLOADED:
        send(ex, wire.overloaded(requestId));
        return;
      case QUOTA:
        send(ex, wire.quota(model, requestId));
        return;
      case DROP_BEFORE_HEADERS:
        ex.drop();
        return;
      case DELAY:
        pause(fault.duration());
        base = System.nanoTime();
        break;
      default:
        break;
    }
    Reply reply = Composer.compose(m.spec, wr, fault, m.cache, p.spec.protocol());
    String id = wire.idPrefix() + "loopback" + Long.toString(seq, 36);
    Wire.Ctx ctx = new Wire.Ctx(id, System.currentTimeMillis() / 1000, model, requestId,
        wr.includeUsage, route.sse());
    long ttft = m.spec.timeToFirstToken().toNanos();
    double tps = m.spec.tokensPerSecond();
    if (wr.stream) {
      stream(ex, wire, ctx, reply, fault, base, ttft, tps, m.spec.keepAliveComments());
    } else {
      long due = base + ttft + (tps > 0 ? (long) (reply.completionTokens * 1e9 / tps) : 0);
      sleepUntil(due);
      complete(ex, wire, ctx, reply, fault, model);
    }
  }

  private static void complete(Exchange ex, Wire wire, Wire.Ctx ctx, Reply reply, Fault fault,
      String model) throws IOException, InterruptedException {
    byte[] body = wire.complete(ctx, reply);
    Map<String, String> headers = wire.okHeaders(false, ctx);
    int half = body.length / 2;
    switch (fault.kind()) {
      case STALL:
        ex.sendHeaders(200, headers, body.length);
        ex.flush();
        pause(fault.duration());
        ex.write(body, 0, body.length);
        return;
      case DROP_MID_STREAM:
        ex.sendHeaders(200, headers, body.length);
        ex.write(body, 0, half);
        ex.drop();
        return;
      case STALL_MID_STREAM:
        ex.sendHeaders(200, headers, body.length);
        ex.write(body, 0, half);
        ex.flush();
        pause(fault.duration());
        ex.write(body, half, body.length - half);
        return;
      case ERROR_MID_STREAM:
        send(ex, wire.status(500, null, model, ctx.requestId()));
        return;
      default:
        ex.respond(200, headers, body);
    }
  }

  private static void stream(Exchange ex, Wire wire, Wire.Ctx ctx, Reply reply, Fault fault,
      long base, long ttft, double tps, boolean comments)
      throws IOException, InterruptedException {
    // As a provider does: the headers go out at once, and each event is flushed as it is
    // written, so that a client sees the first chunk as soon as it exists, however long the
    // stream (a buffer flushed only when full would hold it back behind the next 8 KB).
    ex.sendHeaders(200, wire.okHeaders(true, ctx), -1);
    ex.flush();
    List<Wire.Event> events = wire.stream(ctx, reply);
    if (comments && ctx.sse()) {
      ex.chunk(KEEP_ALIVE);
    }
    Fault.Kind kind = fault.kind();
    if (kind == Fault.Kind.STALL) {
      ex.flush();
      pause(fault.duration());
    }
    boolean midStream = kind == Fault.Kind.DROP_MID_STREAM || kind == Fault.Kind.ERROR_MID_STREAM
        || kind == Fault.Kind.STALL_MID_STREAM;
    int strikeAt = midStream ? Math.min(fault.afterEvents(), events.size()) : -1;
    double nanosPerToken = tps > 0 ? 1e9 / tps : 0;
    for (int i = 0; i <= events.size(); i++) {
      if (i == strikeAt) {
        if (kind == Fault.Kind.DROP_MID_STREAM) {
          ex.drop();
          return;
        }
        if (kind == Fault.Kind.ERROR_MID_STREAM) {
          ex.chunk(wire.streamError(ctx, i));
          ex.endChunks();
          return;
        }
        ex.flush();
        pause(fault.duration());
      }
      if (i == events.size()) {
        break;
      }
      Wire.Event e = events.get(i);
      if (e.token() >= 0) {
        long due = base + ttft + (long) (e.token() * nanosPerToken);
        sleepUntil(due);
      }
      ex.chunk(e.bytes());
      ex.flush();
    }
    ex.endChunks();
  }

  private static void send(Exchange ex, Wire.Out out) throws IOException {
    ex.respond(out.status(), out.headers(), out.body());
  }

  private static void pause(Duration d) throws InterruptedException {
    sleepUntil(System.nanoTime() + d.toNanos());
  }

  private static void sleepUntil(long deadline) throws InterruptedException {
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /**
   * Configures and starts a simulator. Immutable: every setter returns a new builder, so a
   * builder can be kept as a template and started several times (each start gets its own
   * port, counters and fault state).
   */
  public static final class Builder {
    private final List<ProviderSpec> providers;
    private final int port;
    private final int maxConnections;
    private final Duration idleTimeout;

    private Builder(List<ProviderSpec> providers, int port, int maxConnections,
        Duration idleTimeout) {
      this.providers = providers;
      this.port = port;
      this.maxConnections = maxConnections;
      this.idleTimeout = idleTimeout;
    }

    /**
     * Adds a provider configured by {@code config}, which gets a fresh builder and must return
     * the builder it made (an expression lambda does: {@code p -> p.apiKey("k").model("a/b")}).
     */
    public Builder provider(String slug, Protocol protocol,
        UnaryOperator<ProviderSpec.Builder> config) {
      ProviderSpec.Builder made = config.apply(ProviderSpec.builder(slug, protocol));
      return provider(Objects.requireNonNull(made, "the provider configuration returned null")
          .build());
    }

    /** Adds a provider with one default model. */
    public Builder provider(String slug, Protocol protocol, String model) {
      return provider(ProviderSpec.builder(slug, protocol).model(model).build());
    }

    /**
     * Adds a provider.
     *
     * @throws IllegalArgumentException when a provider with the same slug was added
     */
    public Builder provider(ProviderSpec spec) {
      Objects.requireNonNull(spec, "spec");
      for (ProviderSpec p : providers) {
        if (p.slug().equals(spec.slug())) {
          throw new IllegalArgumentException("provider '" + spec.slug() + "' added twice");
        }
      }
      List<ProviderSpec> next = new ArrayList<>(providers);
      next.add(spec);
      return new Builder(List.copyOf(next), port, maxConnections, idleTimeout);
    }

    /** Adds several providers. */
    public Builder providers(ProviderSpec... specs) {
      Builder b = this;
      for (ProviderSpec s : Arrays.asList(specs)) {
        b = b.provider(s);
      }
      return b;
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      return new Builder(providers, port, maxConnections, idleTimeout);
    }

    /** The most connections served at once (worker threads); more are answered 503. */
    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConnections must be positive, was " + max);
      }
      return new Builder(providers, port, max, idleTimeout);
    }

    /** How long an idle keep-alive connection stays open. */
    public Builder idleTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "idleTimeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive, was " + timeout);
      }
      return new Builder(providers, port, maxConnections, timeout);
    }

    /**
     * Binds 127.0.0.1 and starts serving.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public LoopbackSimulator start() {
      try {
        return new LoopbackSimulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException("loopback simulator could not start", e);
      }
    }
  }
}
