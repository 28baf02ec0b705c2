package dev.router4j;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Plugin;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.Usage;
import dev.router4j.api.cost.Cost;
import dev.router4j.api.internal.Checks;
import dev.router4j.api.error.InvalidOutputException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.catalog.Catalog;
import dev.router4j.internal.tokens.Tokenizer;
import dev.router4j.ledger.Ledger;
import dev.router4j.ledger.UsageQuery;
import dev.router4j.healing.JsonHealer;
import dev.router4j.healing.SchemaViolation;
import dev.router4j.healing.UnrecoverableOutputException;
import dev.router4j.internal.budget.CallScope;
import dev.router4j.internal.budget.RateGate;
import dev.router4j.internal.budget.SpendGuard;
import dev.router4j.internal.routing.AttemptGate;
import dev.router4j.internal.structured.AnswerHealing;
import dev.router4j.workspace.Guardrails;
import dev.router4j.workspace.RateLimit;
import dev.router4j.workspace.SpendListener;
import dev.router4j.workspace.Workspace;
import java.time.Clock;
import java.util.Map;
import dev.router4j.internal.structured.StructuredPrompt;
import dev.router4j.api.spi.ModelSelector;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.Sleeper;
import dev.router4j.api.spi.Ticker;
import dev.router4j.api.spi.WebResult;
import dev.router4j.api.spi.WebSearch;
import dev.router4j.internal.plugins.WebPlugin;
import dev.router4j.internal.cost.CostCalculator;
import dev.router4j.internal.routing.AttemptPolicy;
import dev.router4j.internal.routing.AttemptRunner;
import dev.router4j.internal.routing.Breakers;
import dev.router4j.internal.routing.HealthTracker;
import dev.router4j.internal.routing.KeyRing;
import dev.router4j.internal.routing.EndpointRegistry;
import dev.router4j.internal.routing.Planner;
import dev.router4j.internal.routing.Route;
import dev.router4j.internal.routing.RoutePlan;
import dev.router4j.internal.routing.Step;
import dev.router4j.internal.routing.StickyRoutes;
import dev.router4j.internal.tokens.TokenEstimator;
import dev.router4j.internal.streaming.ChunkSubscription;
import dev.router4j.internal.streaming.StreamSession;
import dev.router4j.internal.streaming.WatchTimer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.random.RandomGenerator;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;

/**
 * The in-process router: one OpenAI-style chat API in front of every registered provider.
 * A call goes through four stages, each one package of the engine:
 *
 * <pre>
 *   plan      the request's models and their endpoints, in the order to try them
 *   attempt   each endpoint in turn until one answers; failures classified, fallbacks taken
 *   finish    usage priced exactly from the serving endpoint's prices
 *   respond   the answer with its usage, cost and route trace
 * </pre>
 *
 * <p>A router is immutable and thread-safe once built; share one per application. It owns no
 * connection pool of its own (the providers' HTTP clients do) but owns the executor behind
 * {@link #chatAsync} unless one was given; {@link #close()} shuts that down.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *     .provider(OpenAi.apiKey(System.getenv("OPENAI_API_KEY")))
 *     .build();
 * ChatResponse answer = router.chat(ChatRequest.builder()
 *     .model("openai/gpt-4.1-mini")
 *     .user("Name three rivers in France.")
 *     .build());
 * System.out.println(answer.text() + " " + answer.cost());
 * }</pre>
 */
public final class Router implements AutoCloseable {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Router.class);
  private final List<Provider> providers;
  private final Planner planner;
  private final AttemptRunner attempts;
  private final CostCalculator costs;
  private final Executor executor;
  private final Ticker ticker;
  private final AttemptPolicy policy;
  private final Breakers breakers;
  private final HealthTracker health;
  private final ExecutorService ownedExecutor;
  private final WebPlugin webPlugin;
  private final StickyRoutes sticky;
  private final KeyRing keys;
  private final WatchTimer timer;
  private final Duration firstTokenTimeout;
  private final AnswerHealing healing;
  private final boolean structuredRetry;
  private final Events events;
  private final SpendGuard guard;
  private final RateGate rates;
  private final Map<String, Workspace> workspaces;
  private final BigDecimal platformFeePercent;
  private final CallScope scope;
  private final boolean root;
  private final Ledger ledger;
  private final java.util.random.RandomGenerator random;
  private final EndpointRegistry registry;
  private final GenerationIds ids;
  private final Clock clock;

  /** A view sharing everything with {@code base} but the call scope. */
  private Router(Router base, CallScope scope) {
    this.providers = base.providers;
    this.planner = base.planner;
    this.attempts = base.attempts;
    this.costs = base.costs;
    this.executor = base.executor;
    this.ticker = base.ticker;
    this.policy = base.policy;
    this.breakers = base.breakers;
    this.health = base.health;
    this.ownedExecutor = base.ownedExecutor;
    this.webPlugin = base.webPlugin;
    this.sticky = base.sticky;
    this.keys = base.keys;
    this.timer = base.timer;
    this.firstTokenTimeout = base.firstTokenTimeout;
    this.healing = base.healing;
    this.structuredRetry = base.structuredRetry;
    this.events = base.events;
    this.guard = base.guard;
    this.rates = base.rates;
    this.workspaces = base.workspaces;
    this.platformFeePercent = base.platformFeePercent;
    this.ledger = base.ledger;
    this.random = base.random;
    this.registry = base.registry;
    this.ids = base.ids;
    this.clock = base.clock;
    this.scope = scope;
    this.root = false;
  }

  private Router(Builder b) {
    this.root = true;
    this.ledger = b.ledger != null ? b.ledger : Ledger.inMemory();
    this.ids = new GenerationIds();
    this.clock = b.clock;
    this.scope = CallScope.NONE;
    this.platformFeePercent = b.platformFeePercent;
    Map<String, Workspace> ws = new java.util.LinkedHashMap<>();
    for (Workspace w : b.workspaces) {
      if (ws.put(w.name(), w) != null) {
        throw new IllegalStateException("workspace '" + w.name() + "' is configured twice");
      }
    }
    this.workspaces = Map.copyOf(ws);
    SpendGuard.Builder g = SpendGuard.builder().workspaces(b.workspaces).clock(b.clock)
        .ticker(b.ticker);
    for (SpendListener l : b.spendListeners) {
      g.listener(l);
    }
    this.guard = g.build();
    this.rates = new RateGate(b.workspaces, b.rateLimits, b.ticker, b.sleeper);
    this.events = new Events(b.listeners);
    this.healing = new AnswerHealing(b.healer);
    this.structuredRetry = b.structuredRetry;
    Catalog catalog = b.catalog;
    this.webPlugin = new WebPlugin(b.webSearch, b.webSearchTimeout);
    this.providers = List.copyOf(b.providers);
    this.ticker = b.ticker;
    this.policy = new AttemptPolicy(b.attemptTimeout, b.deadline, b.maxRetries, b.baseBackoff,
        b.maxBackoff, b.maxRetryAfter);
    this.health = new HealthTracker(b.ticker);
    this.breakers = new Breakers(b.breakerThreshold, b.breakerDelay, events, b.ticker);
    this.sticky = new StickyRoutes(b.ticker, 100_000);
    EndpointRegistry registry = EndpointRegistry.of(catalog.models(), catalog.endpoints(),
        providers, e -> orNaN(catalog.priors(e).throughputP50()),
        e -> orNaN(catalog.priors(e).latencyP50()));
    this.registry = registry;
    this.planner = new Planner(registry, health, b.random, TokenEstimator::promptTokens,
        b.defaultModel, b.autoSelector).withSticky(sticky);
    this.keys = new KeyRing(b.ticker);
    this.firstTokenTimeout = b.firstTokenTimeout;
    this.timer = new WatchTimer();
    this.random = b.random;
    this.attempts = new AttemptRunner(b.ticker, policy, breakers, health, b.random, b.sleeper,
        keys, events::attempt);
    this.costs = new CostCalculator(b.platformFeePercent);
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownedExecutor = null;
    } else {
      ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "router4j-async");
        t.setDaemon(true);
        return t;
      });
      this.executor = pool;
      this.ownedExecutor = pool;
    }
  }

  private static double orNaN(Double d) {
    return d == null ? Double.NaN : d;
  }

  /** A builder with no providers. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sends a chat request through the router and waits for the answer.
   *
   * @return the answer with its usage, exact cost and route trace
   * @throws dev.router4j.api.error.InvalidRequestException when the request cannot be sent
   * @throws dev.router4j.api.error.NoEndpointException when no endpoint serves its models
   * @throws RouterException the classified failure when no endpoint answered
   */
  public ChatResponse chat(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    events.callStarted();
    try {
      Call call = begin(request);
      WebStep web = web(call.plan());
      AttemptRunner.Success done = attempts.run(web.plan(), call.gate());
      remember(call.request(), done.step());
      ChatResponse answer = finish(call, done.response(), done.step(), done.trace(),
          web.results(), done.ticket());
      try {
        answer = healed(call, answer, done, web);
      } catch (InvalidOutputException e) {
        record(call, e.response(), done.step(), done.ticket(), false, false, 0);
        throw e;
      }
      record(call, answer, done.step(), done.ticket(), false, false, 0);
      events.succeeded(answer);
      return answer;
    } catch (RouterException e) {
      events.failed(e);
      throw e;
    }
  }

  /**
   * The answer with its JSON repaired where the request asked for JSON; when it cannot be
   * repaired, the same endpoint is asked once more with the problems (if so configured),
   * else the call fails with an {@link InvalidOutputException} holding the answer.
   */
  private ChatResponse healed(Call call, ChatResponse answer, AttemptRunner.Success done,
      WebStep web) {
    ChatRequest asked = done.step().request();
    try {
      return notify(healing.heal(asked, answer));
    } catch (UnrecoverableOutputException e) {
      List<String> problems = problems(e);
      if (!structuredRetry || asked.responseFormat() == null) {
        throw new InvalidOutputException(answer, "the answer is not the JSON asked for: "
            + e.getMessage(), problems, e);
      }
      // The rejected answer was billed: it is a generation of its own in the ledger.
      record(call, answer, done.step(), done.ticket(), false, false, 0);
      ChatRequest again = StructuredPrompt.retry(asked, answer.text(), String.join("; ", problems));
      Step step = new Step(done.step().route(), again);
      AttemptRunner.Success second =
          attempts.run(new RoutePlan(List.of(step), List.of()), call.gate());
      List<RouteAttempt> trace = new ArrayList<>(done.trace());
      trace.addAll(second.trace());
      ChatResponse retried = finish(call, second.response(), step, trace, web.results(),
          second.ticket());
      try {
        return notify(healing.heal(asked, retried));
      } catch (UnrecoverableOutputException twice) {
        throw new InvalidOutputException(retried, "the answer is not the JSON asked for, even "
            + "after asking again: " + twice.getMessage(), problems(twice), twice);
      }
    }
  }

  private ChatResponse notify(ChatResponse answer) {
    if (answer.healing() != null) {
      events.healed(answer);
    }
    return answer;
  }

  private static List<String> problems(UnrecoverableOutputException e) {
    if (e.violations().isEmpty()) {
      return List.of(e.reason() + ": " + e.getMessage());
    }
    List<String> out = new ArrayList<>();
    for (SchemaViolation v : e.violations()) {
      out.add((v.pointer().isEmpty() ? "/" : v.pointer()) + " " + v.message());
    }
    return out;
  }

  /**
   * Embeds texts with an embedding model: its endpoints are tried cheapest first, falling back
   * as a chat would; the response carries the usage and the exact cost.
   *
   * @throws dev.router4j.api.error.NoEndpointException when no registered provider serves the model
   * @throws RouterException the classified failure when no endpoint answered
   */
  public dev.router4j.api.EmbeddingResponse embed(dev.router4j.api.EmbeddingRequest request) {
    Objects.requireNonNull(request, "request");
    List<Route> routes = new ArrayList<>(registry.routes(request.model()));
    List<String> keyless = new ArrayList<>();
    for (Route r : routes) {
      if (r.lacksKey()) { // no key of the provider may be used for this model
        keyless.add(r.id() + " — " + r.noKeyReason());
      }
    }
    routes.removeIf(Route::lacksKey);
    if (routes.isEmpty()) {
      throw new dev.router4j.api.error.NoEndpointException(keyless.isEmpty()
          ? "no registered provider serves the embedding model " + request.model() + "."
          : "no key may call the embedding model " + request.model() + ":", keyless);
    }
    routes.sort(java.util.Comparator.comparing(r -> r.endpoint().pricing().prompt()));
    List<RouterException> failures = new ArrayList<>();
    for (Route route : routes) {
      var key = keys.pick(route.provider(), route.endpoint().model());
      try {
        var answer = route.provider().adapter().embed(request, route.endpoint(), key,
            policy.attemptTimeout());
        Cost cost = answer.usage() == null ? null
            : costs.cost(answer.usage(), route.endpoint().pricing(), 0, 0);
        return new dev.router4j.api.EmbeddingResponse(route.endpoint().model(),
            route.provider().slug(), answer.data(), answer.usage(), cost);
      } catch (RouterException e) {
        failures.add(e);
        keys.rest(route.provider(), route.endpoint().model(), key, e);
        if (!e.fallbackWorthy()) {
          break;
        }
      }
    }
    throw failures.size() == 1 ? failures.get(0)
        : new dev.router4j.api.error.AllRoutesFailedException(failures);
  }

  /**
   * Sends one user message to a model and waits for the answer.
   *
   * @param model the model slug, possibly with a variant suffix
   * @param prompt the user's message
   */
  public ChatResponse chat(String model, String prompt) {
    return chat(ChatRequest.builder().model(model).user(prompt).build());
  }

  /**
   * Sends a chat request without blocking the caller. The future fails with the same
   * {@link RouterException} that {@link #chat(ChatRequest)} would throw.
   */
  public CompletableFuture<ChatResponse> chatAsync(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    return CompletableFuture.supplyAsync(() -> chat(request), executor);
  }

  /**
   * Sends a chat request and streams the answer as it arrives.
   *
   * @return the open stream; close it (try-with-resources) to stop early
   * @throws dev.router4j.api.error.InvalidRequestException when the request cannot be sent
   * @throws dev.router4j.api.error.NoEndpointException when no endpoint serves its models
   */
  public ChatStream stream(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    events.callStarted();
    Call call;
    WebStep web;
    try {
      call = begin(request);
      web = web(call.plan());
    } catch (RouterException e) {
      events.failed(e);
      throw e;
    }
    StreamSession session = new StreamSession(web.plan(), ticker, policy.attemptTimeout(),
        breakers, health, keys, timer.forStreams(), firstTokenTimeout, events::attempt,
        call.gate(),
        new StreamSession.Finisher() {
          @Override
          public ChatResponse finish(ChatResponse raw, Step step, List<RouteAttempt> trace,
              AttemptGate.Ticket ticket, long firstTokenNanos) {
            remember(call.request(), step);
            ChatResponse answer = Router.this.finish(call, raw, step, trace, web.results(), ticket);
            record(call, answer, step, ticket, true, false, firstTokenNanos);
            events.succeeded(answer);
            return answer;
          }

          @Override
          public void interrupted(ChatResponse partial, Step step, List<RouteAttempt> trace,
              AttemptGate.Ticket ticket, long firstTokenNanos, boolean cancelled) {
            ChatResponse billed = Router.this.finish(call, partial.toBuilder().usage(null).build(),
                step, trace, web.results(), ticket);
            record(call, billed, step, ticket, true, cancelled, firstTokenNanos);
          }

          @Override
          public void failed(RouterException error) {
            events.failed(error);
          }
        }).retrying(policy, random).deadline(policy.deadline());
    session.start();
    return new ChatStream(session);
  }

  /**
   * Streams the answer as a {@link Flow.Publisher} with back-pressure: the call starts when a
   * subscriber subscribes, chunks are delivered as demanded, and cancelling the subscription
   * cancels the call. Each subscription makes its own call.
   */
  public Flow.Publisher<ChatChunk> publisher(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    return subscriber -> new ChunkSubscription(() -> stream(request), subscriber, executor).start();
  }

  private void remember(ChatRequest request, Step step) {
    var endpoint = step.route().endpoint();
    sticky.served(endpoint.model(), request, step.route().id(), endpoint.pricing());
  }

  /** A call after its workspace is applied: the request to plan, its plan and its gate. */
  private record Call(ChatRequest request, RoutePlan plan, AttemptGate gate, CallScope scope,
      long startNanos, java.time.Instant createdAt) {}

  /**
   * Applies the view's workspace (default model, merged provider preferences, guardrails) and
   * plans; the gate charges the call's scope (workspace, key, user, tags).
   */
  private Call begin(ChatRequest request) {
    long startNanos = ticker.read();
    Workspace ws = scope.workspace() == null ? null : workspaces.get(scope.workspace());
    ChatRequest r = request;
    java.util.function.Function<dev.router4j.api.catalog.Endpoint, String> guardrail = null;
    if (ws != null) {
      String model = ws.modelFor(r.model());
      ChatRequest.Builder b = r.toBuilder().model(model)
          .provider(ws.effectivePreferences(r.provider()));
      r = b.build();
      for (String m : r.candidateModels()) {
        String refused = ws.guardrails().checkModel(m);
        if (refused != null) {
          throw new RouterException(dev.router4j.api.error.ErrorCategory.PERMISSION,
              "workspace " + ws.name() + ": " + refused);
        }
      }
      Guardrails rails = ws.guardrails();
      guardrail = rails.isEmpty() ? null : e -> rails.check(null, e);
    }
    RoutePlan plan = planner.plan(r, guardrail);
    CallScope s = r.user() == null ? scope : scope.withUser(r.user());
    AttemptGate gate = new CallGate(guard, rates, s, r,
        platformFeePercent);
    return new Call(r, plan, gate, s, startNanos, clock.instant());
  }

  /**
   * A view of this router for the named workspace: its default model, provider preferences,
   * guardrails, spend caps and rate limits apply to every call made through the view. Views
   * share everything else (endpoints, health, budgets, the ledger) with the router.
   *
   * @throws IllegalArgumentException when no such workspace was configured
   */
  public Router workspace(String name) {
    if (!workspaces.containsKey(name)) {
      throw new IllegalArgumentException("no workspace '" + name + "'; configured: "
          + new java.util.TreeSet<>(workspaces.keySet()));
    }
    return new Router(this, new CallScope(name, null, scope.user(), scope.tags()));
  }

  /** A view of this router whose calls carry the given tags (for spend caps and records). */
  public Router tagged(Map<String, String> tags) {
    Map<String, String> all = new java.util.LinkedHashMap<>(scope.tags());
    all.putAll(tags);
    return new Router(this, scope.withTags(all));
  }

  /** The plan with web results injected into the steps that asked for them, and the results. */
  private record WebStep(RoutePlan plan, List<WebResult> results) {}

  private WebStep web(RoutePlan plan) {
    WebPlugin.Augmented augmented = null;
    ChatRequest original = null;
    List<Step> steps = null;
    for (int i = 0; i < plan.steps().size(); i++) {
      Step step = plan.steps().get(i);
      if (step.request().plugin(Plugin.WEB) == null) {
        continue;
      }
      if (original != step.request()) {
        // One search per call; each distinct step request gets the same results injected.
        augmented = augmented == null ? webPlugin.augment(step.request())
            : new WebPlugin.Augmented(webPlugin.inject(step.request(), augmented.results()),
                augmented.results());
        original = step.request();
      }
      if (steps == null) {
        steps = new ArrayList<>(plan.steps());
      }
      steps.set(i, new Step(step.route(), augmented.request()));
    }
    return steps == null ? new WebStep(plan, List.of())
        : new WebStep(new RoutePlan(List.copyOf(steps), plan.exclusions()), augmented.results());
  }

  /**
   * Prices the answer from its usage (counted locally and marked estimated when the provider
   * sent none), settles the attempt's budget ticket, and gives the answer the router's
   * generation id, the catalog model, the provider, the citations and the route trace.
   */
  private ChatResponse finish(Call call, ChatResponse raw, Step step, List<RouteAttempt> trace,
      List<WebResult> webResults, AttemptGate.Ticket ticket) {
    Route route = step.route();
    Usage usage;
    Cost cost;
    try {
      usage = raw.usage() != null ? raw.usage()
          : Tokenizer.forModel(route.endpoint().model()).estimateUsage(step.request(), raw.message());
      cost = CostCalculator.insured(usage, raw.finishReason()) ? Cost.ZERO
          : costs.cost(usage, route.endpoint().pricing(), images(step.request()), webResults.size());
      // Makes the total here where it was not made in fixed point (a fee, a price beyond a
      // long), so that a failure to price still releases the ticket.
      cost.isZero();
    } catch (RuntimeException e) {
      ticket.release();
      throw e;
    }
    ticket.settle(cost, usage);
    ChatResponse cited = WebPlugin.cite(raw, webResults);
    // The provider's extra map is already a checked, frozen copy: add the upstream id in one
    // more copy, and build the answer once (its constructor then copies nothing).
    Map<String, Object> extra = raw.id() == null ? raw.extra()
        : Checks.jsonObjectWith(raw.extra(), "upstream_id", raw.id());
    return new ChatResponse(ids.next(), cited.object(), cited.created(), route.endpoint().model(),
        route.provider().slug(), cited.choices(), cited.systemFingerprint(), usage, cost, trace,
        cited.healing(), extra);
  }

  /** Input images, billed per image where the endpoint has an image price. */
  private static int images(ChatRequest r) {
    int n = 0;
    List<dev.router4j.api.Message> messages = r.messages();
    for (int i = 0; i < messages.size(); i++) {
      List<dev.router4j.api.ContentPart> parts = messages.get(i).parts();
      if (parts != null) {
        for (int j = 0; j < parts.size(); j++) {
          if (parts.get(j) instanceof dev.router4j.api.ContentPart.Image) {
            n++;
          }
        }
      }
    }
    return n;
  }

  /** One ledger record for the generation; a ledger failure never fails the call. */
  private void record(Call call, ChatResponse answer, Step step, AttemptGate.Ticket ticket,
      boolean streamed, boolean cancelled, long firstTokenNanos) {
    try {
      long now = ticker.read();
      Duration latency = Duration.ofNanos(Math.max(0, now - call.startNanos()));
      Workspace ws = call.scope().workspace() == null ? null : workspaces.get(call.scope().workspace());
      GenerationRecord.Builder r = GenerationRecord.builder().response(answer)
          .createdAt(call.createdAt())
          .workspace(call.scope().workspace())
          .keyLabel(ticket.keyLabel())
          .user(call.scope().user())
          .streamed(streamed)
          .cancelled(cancelled)
          .latency(latency);
      if (!call.scope().tags().isEmpty()) {
        r.tags(call.scope().tags());
      }
      if (streamed && firstTokenNanos > 0) {
        Duration ttft = Duration.ofNanos(firstTokenNanos);
        r.timeToFirstToken(ttft).generationTime(latency.minus(ttft).isNegative() ? Duration.ZERO
            : latency.minus(ttft));
      } else {
        r.generationTime(latency);
      }
      if (ws != null && ws.keepContent()) {
        r.promptText(promptText(step.request())).completionText(answer.text());
      }
      ledger.record(r.build());
    } catch (RuntimeException e) {
      log.warn("could not record generation {}: {}", answer.id(), e.toString());
    }
  }

  private static String promptText(ChatRequest r) {
    StringBuilder b = new StringBuilder();
    for (dev.router4j.api.Message m : r.messages()) {
      b.append(m.role().wireName()).append(": ").append(m.text()).append('\n');
    }
    return b.toString();
  }

  /**
   * The record of one generation, by the id the router gave its answer.
   *
   * @return the record, or empty when the ledger has none (evicted, or never recorded)
   */
  public java.util.Optional<GenerationRecord> generation(String id) {
    return ledger.generation(id);
  }

  /** Queries the ledger: totals and series by model, provider, workspace, key, user, tag, time. */
  public UsageQuery usage() {
    return ledger.query();
  }

  /** The ledger this router records to. */
  public Ledger ledger() {
    return ledger;
  }

  /**
   * What the router has observed of each endpoint it has called: circuit state, recent
   * failures and statistics, sorted by endpoint id.
   */
  public List<EndpointHealth> health() {
    List<EndpointHealth> out = new ArrayList<>();
    long window = java.util.concurrent.TimeUnit.MINUTES.toNanos(30);
    for (Breakers.State s : breakers.states()) {
      String id = s.endpointId();
      out.add(new EndpointHealth(id, s.state(), s.consecutiveFailures(), s.remainingDelay(),
          s.lastFailure(), health.isStable(id),
          health.uptime(id, java.util.concurrent.TimeUnit.MINUTES.toNanos(5)),
          health.uptime(id, window), health.toolCallSuccess(id, window),
          health.latency(id, 50, window), health.throughput(id, 50, window)));
    }
    return List.copyOf(out);
  }

  /** Counters since the router was built. */
  public RouterMetrics metrics() {
    return events.metrics();
  }

  /** The providers registered with this router. */
  public List<Provider> providers() {
    return providers;
  }

  /** Shuts down the executor the router created for asynchronous calls. Idempotent. */
  @Override
  public void close() {
    if (!root) {
      return; // a view owns nothing; close the router it came from
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
    timer.shutdownNow();
    ledger.close();
  }

  /** Configures and builds a {@link Router}. Not thread-safe. */
  public static final class Builder {
    private final List<Provider> providers = new ArrayList<>();
    private String defaultModel;
    private Ticker ticker = Ticker.system();
    private Duration attemptTimeout = AttemptPolicy.DEFAULTS.attemptTimeout();
    private Duration deadline = AttemptPolicy.DEFAULTS.deadline();
    private int maxRetries = AttemptPolicy.DEFAULTS.maxRetries();
    private Duration baseBackoff = AttemptPolicy.DEFAULTS.baseBackoff();
    private Duration maxBackoff = AttemptPolicy.DEFAULTS.maxBackoff();
    private Duration maxRetryAfter = AttemptPolicy.DEFAULTS.maxRetryAfter();
    private Duration firstTokenTimeout = Duration.ofSeconds(60);
    private Catalog catalog;
    private JsonHealer healer = JsonHealer.create();
    private boolean structuredRetry;
    private final List<RouterListener> listeners = new ArrayList<>();
    private final List<Workspace> workspaces = new ArrayList<>();
    private final List<RateLimit> rateLimits = new ArrayList<>(List.of(RateLimit.FREE_VARIANTS));
    private final List<SpendListener> spendListeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Ledger ledger;
    private int breakerThreshold = 5;
    private Duration breakerDelay = Duration.ofSeconds(30);
    private RandomGenerator random = new SplittableRandom();
    private Sleeper sleeper = Sleeper.system();
    private BigDecimal platformFeePercent = BigDecimal.ZERO;
    private Executor executor;
    private WebSearch webSearch;
    private ModelSelector autoSelector;
    private Duration webSearchTimeout = Duration.ofSeconds(15);

    private Builder() {}

    /**
     * The web search engine behind the {@code web} plugin and {@code :online} models, for
     * example {@code Exa.apiKey(key)}; without one, such requests are refused.
     */
    public Builder webSearch(WebSearch webSearch) {
      this.webSearch = Objects.requireNonNull(webSearch, "webSearch");
      return this;
    }

    /**
     * Chooses the models for {@code openrouter/auto}; by default a built-in selector that
     * classifies the task (code, math, long context, vision, tools, chat) and picks by
     * capability within the cost tier of the {@code auto-router} plugin.
     */
    public Builder autoSelector(ModelSelector selector) {
      this.autoSelector = Objects.requireNonNull(selector, "selector");
      return this;
    }

    /** How long a web search may take, 15 seconds by default. */
    public Builder webSearchTimeout(Duration timeout) {
      this.webSearchTimeout = positive(timeout, "webSearchTimeout");
      return this;
    }

    /**
     * Registers a provider with its credentials and any endpoints it brings.
     *
     * @throws IllegalStateException when a provider with the same slug is already registered
     */
    public Builder provider(Provider provider) {
      Objects.requireNonNull(provider, "provider");
      for (Provider p : providers) {
        if (p.slug().equals(provider.slug())) {
          throw new IllegalStateException("provider '" + provider.slug() + "' is registered twice");
        }
      }
      providers.add(provider);
      return this;
    }

    /** The model used when a request names none. */
    public Builder defaultModel(String model) {
      this.defaultModel = Objects.requireNonNull(model, "model");
      return this;
    }

    /** The monotonic clock used for latencies and timeouts (inject one in tests). */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * How long one attempt at one endpoint may take, 120 seconds by default.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder attemptTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("attemptTimeout must be positive, was " + timeout);
      }
      this.attemptTimeout = timeout;
      return this;
    }

    /**
     * The models and endpoints to route over, with their prices; by default the bundled
     * catalog ({@link Catalog#bundled()}). Endpoints of providers that are not registered are
     * never called; providers may add or override endpoints of their own.
     */
    public Builder catalog(Catalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /** The healer that repairs JSON answers; by default {@link JsonHealer#create()}. */
    public Builder healer(JsonHealer healer) {
      this.healer = Objects.requireNonNull(healer, "healer");
      return this;
    }

    /**
     * Whether an answer that cannot be repaired into the requested JSON is asked for once
     * more, with the problems, before the call fails; off by default.
     */
    public Builder structuredOutputRetry(boolean retry) {
      this.structuredRetry = retry;
      return this;
    }

    /**
     * Adds a workspace: its credentials-independent routing defaults, guardrails, spend caps
     * and rate limits apply to calls made through {@link Router#workspace(String)}.
     */
    public Builder workspace(Workspace workspace) {
      workspaces.add(Objects.requireNonNull(workspace, "workspace"));
      return this;
    }

    /**
     * Adds a router-wide rate limit (per key, provider or model). The free-variant limit of 20
     * requests a minute per {@code :free} model is there by default.
     */
    public Builder rateLimit(RateLimit limit) {
      rateLimits.add(Objects.requireNonNull(limit, "limit"));
      return this;
    }

    /** Hears spend caps passing their alert thresholds (50, 80 and 100% by default). */
    public Builder spendListener(SpendListener listener) {
      spendListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** The wall clock for budget periods (UTC days, weeks, months); inject one in tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where generation records go: {@link Ledger#inMemory()} by default; {@link Ledger#sqlite}
     * keeps them across restarts. The router owns the ledger: {@link Router#close()} flushes
     * and closes it.
     */
    public Builder ledger(Ledger ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      return this;
    }

    /** Adds a listener. */
    public Builder listener(RouterListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * How long a stream may wait for its first token before the attempt counts as timed out
     * and the router moves on; 60 seconds by default.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder firstTokenTimeout(Duration timeout) {
      this.firstTokenTimeout = positive(timeout, "firstTokenTimeout");
      return this;
    }

    /**
     * How long a whole call may take, every retry and fallback included; 300 seconds by default.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    /**
     * Retries on the same endpoint after a transport failure, a short Retry-After or a 503:
     * at most {@code maxRetries} (1 by default, 0 turns them off), with exponential backoff and
     * full jitter between {@code base} and {@code max}; a Retry-After longer than
     * {@code maxRetryAfter} (10 s by default) moves on to the next endpoint instead.
     *
     * @throws IllegalArgumentException for a negative count or a non-positive duration
     */
    public Builder retries(int maxRetries, Duration base, Duration max, Duration maxRetryAfter) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      this.baseBackoff = positive(base, "base");
      this.maxBackoff = positive(max, "max");
      this.maxRetryAfter = positive(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /**
     * Each endpoint's circuit breaker opens after {@code failures} consecutive failures (5 by
     * default) for {@code openFor} (30 s by default), then lets three trial calls through: all
     * three must succeed to close it, one failure opens it again. Under concurrent load a run of
     * failures opens the circuit only when failures are also at least half of the calls started
     * on the endpoint in the last ten seconds, so fast errors racing ahead of slow answers do
     * not cut off an endpoint that serves most of its calls.
     *
     * @throws IllegalArgumentException for fewer than one failure or a non-positive duration
     */
    public Builder circuitBreaker(int failures, Duration openFor) {
      if (failures < 1) {
        throw new IllegalArgumentException("failures must be at least 1, was " + failures);
      }
      this.breakerThreshold = failures;
      this.breakerDelay = positive(openFor, "openFor");
      return this;
    }

    /** The random source of the default price-weighted draw and of retry jitter (seed it in tests). */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** How the router waits between retries (tests may record instead of sleeping). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }

    /**
     * A percentage added to every cost, to mirror a gateway's billing; 0 by default.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder platformFeePercent(BigDecimal percent) {
      Objects.requireNonNull(percent, "percent");
      if (percent.signum() < 0) {
        throw new IllegalArgumentException("platformFeePercent must not be negative, was " + percent);
      }
      this.platformFeePercent = percent;
      return this;
    }

    /** The executor for {@link Router#chatAsync}; by default the router makes its own. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Builds the router.
     *
     * @throws IllegalStateException when no provider is registered
     */
    public Router build() {
      if (providers.isEmpty()) {
        throw new IllegalStateException("register at least one provider");
      }
      if (catalog == null) {
        catalog = Catalog.bundled();
      }
      return new Router(this);
    }
  }
}
