package dev.router4j.internal.routing;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.Plugin;
import dev.router4j.api.Reasoning;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.error.NoEndpointException;
import dev.router4j.api.routing.DataCollection;
import dev.router4j.api.routing.MaxPrice;
import dev.router4j.api.routing.PercentileCutoffs;
import dev.router4j.api.routing.ProviderPreferences;
import dev.router4j.api.routing.Quantization;
import dev.router4j.api.routing.Sort;
import dev.router4j.api.spi.ModelSelector;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * Turns a request into a route plan, as OpenRouter would: resolve each candidate model and its
 * variant suffixes, drop the endpoints a hard filter excludes (recording why), keep the
 * endpoints supporting tools or a response format when some do, then order what is left —
 * {@code order} first, an explicit {@code sort}, or by default one endpoint drawn at random
 * with weight 1/price² among the stable ones, the rest cheapest first and unstable ones last.
 * Endpoints missing a {@code preferred_*} cutoff move to the end, never out.
 *
 * <p>Thread-safe. All randomness comes from the injected generator and all time from the
 * health tracker's ticker, so a seeded planner gives exact plans.
 */
public final class Planner {
  private static final long WINDOW_30M = TimeUnit.MINUTES.toNanos(30);
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final EndpointRegistry registry;
  private final HealthTracker health;
  private final RandomGenerator random;
  private final ToIntFunction<ChatRequest> promptTokens;
  private final String defaultModel;
  private final ModelSelector autoSelector;
  private StickyRoutes sticky;

  /** Enables sticky routing of conversations through the given memory. */
  public Planner withSticky(StickyRoutes sticky) {
    this.sticky = sticky;
    return this;
  }

  /** The slugs of the auto router. */
  static final Set<String> AUTO = Set.of("openrouter/auto", "auto");
  /** The slugs of the free router. */
  static final Set<String> FREE = Set.of("openrouter/free", "free");

  /**
   * A planner.
   *
   * @param registry the callable endpoints, by model
   * @param health observed endpoint health and statistics
   * @param random the source of the default draw
   * @param promptTokens estimates a request's prompt tokens (for the context-fit filter)
   * @param defaultModel the model for requests that name none, or null
   */
  public Planner(EndpointRegistry registry, HealthTracker health, RandomGenerator random,
      ToIntFunction<ChatRequest> promptTokens, String defaultModel) {
    this(registry, health, random, promptTokens, defaultModel, null);
  }

  /** A planner with a custom selector for {@code openrouter/auto} (null for the built-in one). */
  public Planner(EndpointRegistry registry, HealthTracker health, RandomGenerator random,
      ToIntFunction<ChatRequest> promptTokens, String defaultModel, ModelSelector autoSelector) {
    this.registry = registry;
    this.health = health;
    this.random = random;
    this.promptTokens = promptTokens;
    this.defaultModel = defaultModel;
    this.autoSelector = autoSelector != null ? autoSelector
        : new AutoSelector(registry::cheapestPrice, promptTokens);
  }

  /**
   * Plans the request.
   *
   * @throws InvalidRequestException when no model is named and there is no default, or a
   *     suffix is unknown
   * @throws NoEndpointException when nothing is left, listing every exclusion
   */
  public RoutePlan plan(ChatRequest request) {
    return plan(request, null);
  }

  /**
   * Plans the request with one more hard filter (a workspace's guardrails): it gives the reason
   * an endpoint is excluded, or null.
   */
  public RoutePlan plan(ChatRequest request,
      java.util.function.Function<Endpoint, String> guardrail) {
    List<String> models = request.candidateModels();
    if (models.isEmpty()) {
      if (defaultModel == null) {
        throw new InvalidRequestException("model", "is required (the router has no default model)");
      }
      models = List.of(defaultModel);
    }
    List<String> asked = models;
    models = expandRouters(models, request);
    if (models.isEmpty()) {
      throw new NoEndpointException("the router " + asked
          + " found no callable model supporting what the request needs", List.of());
    }
    ProviderPreferences prefs =
        request.provider() == null ? ProviderPreferences.NONE : request.provider();
    int estimatedPrompt = -1;
    List<String> exclusions = new ArrayList<>();
    List<List<Step>> perModel = new ArrayList<>(models.size());
    Sort sortAcross = null;
    for (String requested : models) {
      ResolvedModel resolved = resolve(requested);
      List<Route> routes = registry.routes(resolved.slug());
      if (routes.isEmpty()) {
        exclusions.add(requested + " — no registered provider serves this model");
        continue;
      }
      ChatRequest modelRequest = adjust(request, resolved);
      Sort sort = effectiveSort(prefs, resolved);
      if (sort != null && sort.effectivePartition() == Sort.Partition.NONE) {
        sortAcross = sort;
      }
      if (estimatedPrompt < 0) {
        estimatedPrompt = promptTokens.applyAsInt(request);
      }
      Model model = registry.model(resolved.slug());
      List<Route> kept = new ArrayList<>(routes.size());
      for (Route r : routes) {
        String reason = guardrail == null ? null : guardrail.apply(r.endpoint());
        if (reason == null) {
          reason = exclusion(r.endpoint(), model, modelRequest, prefs, resolved, estimatedPrompt);
        }
        if (reason == null) {
          kept.add(r);
        } else {
          exclusions.add(r.endpoint().id() + " — " + reason);
        }
      }
      kept = softFilter(kept, modelRequest);
      List<Route> ordered = stick(order(kept, prefs, sort), resolved.slug(), request, prefs);
      List<Step> steps = new ArrayList<>(ordered.size());
      for (Route r : ordered) {
        steps.add(new Step(r, modelRequest));
      }
      perModel.add(steps);
    }
    List<Step> plan = new ArrayList<>();
    for (List<Step> steps : perModel) {
      plan.addAll(steps);
    }
    if (sortAcross != null) {
      plan.sort(Comparator.comparing(s -> s.route(), comparator(sortAcross)));
    }
    plan = preferThresholds(plan, prefs);
    if (plan.isEmpty()) {
      String known = "";
      if (perModel.isEmpty()) {
        // No candidate model is known at all: name what is, so a typo is easy to see.
        Set<String> all = knownModels();
        known = " Known models: " + (all.size() <= 30 ? all.toString()
            : new ArrayList<>(all).subList(0, 30) + " and " + (all.size() - 30) + " more") + ".";
      }
      throw new NoEndpointException("no endpoint can serve " + models + "." + known, exclusions);
    }
    return new RoutePlan(List.copyOf(plan), List.copyOf(exclusions));
  }

  // ---- resolution -------------------------------------------------------------------------

  /** Replaces the auto and free routers in the model list by the models they choose. */
  private List<String> expandRouters(List<String> models, ChatRequest request) {
    boolean any = false;
    for (String m : models) {
      any |= AUTO.contains(m) || FREE.contains(m);
    }
    if (!any) {
      return models;
    }
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    for (String m : models) {
      if (AUTO.contains(m)) {
        out.addAll(autoSelector.select(request, capable(request, false)));
      } else if (FREE.contains(m)) {
        List<Model> free = capable(request, true);
        if (!free.isEmpty()) {
          // One free model drawn uniformly; the others stay behind it as fallbacks.
          List<String> shuffled = new ArrayList<>();
          for (Model f : free) {
            shuffled.add(f.id());
          }
          java.util.Collections.swap(shuffled, 0, random.nextInt(shuffled.size()));
          out.addAll(shuffled);
        }
      } else {
        out.add(m);
      }
    }
    return List.copyOf(out);
  }

  /** Callable models supporting the request's images, tools and structured output. */
  private List<Model> capable(ChatRequest r, boolean freeOnly) {
    boolean images = hasImages(r);
    boolean tools = !r.tools().isEmpty();
    boolean schema = r.responseFormat() != null
        && r.responseFormat().type() == ResponseFormat.Type.JSON_SCHEMA;
    List<Model> out = new ArrayList<>();
    for (Model m : registry.callableModels()) {
      if (freeOnly && !(m.id().endsWith(":free") || registry.cheapestPrice(m.id()) == 0)) {
        continue;
      }
      if (images && !m.acceptsImages()) {
        continue;
      }
      Set<String> params = m.supportedParameters();
      if (tools && !params.isEmpty() && !params.contains("tools")) {
        continue;
      }
      if (schema && !params.isEmpty() && !params.contains("structured_outputs")
          && !params.contains("response_format")) {
        continue;
      }
      out.add(m);
    }
    return out;
  }

  ResolvedModel resolve(String requested) {
    int slash = requested.indexOf('/');
    int colon = requested.indexOf(':', Math.max(0, slash));
    if (colon < 0 || registry.hasModel(requested)) {
      return new ResolvedModel(requested, requested, Set.of());
    }
    String base = requested.substring(0, colon);
    EnumSet<Variant> variants = EnumSet.noneOf(Variant.class);
    String staticSlug = null;
    for (String suffix : requested.substring(colon + 1).split(":")) {
      Variant v = Variant.of(suffix);
      if (v == null) {
        if (registry.hasModel(base + ":" + suffix)) {
          staticSlug = base + ":" + suffix;
          continue;
        }
        throw new InvalidRequestException("model", "unknown variant ':" + suffix + "' in '"
            + requested + "' (known: :free :extended :thinking :nitro :floor :exacto :online)");
      }
      if (v.isStatic() && registry.hasModel(base + ":" + suffix)) {
        staticSlug = base + ":" + suffix;
      } else if (v == Variant.FREE || v == Variant.EXTENDED) {
        // A static variant the catalog does not carry has no endpoints: the planner reports it.
        staticSlug = base + ":" + suffix;
      } else {
        variants.add(v);
      }
    }
    return new ResolvedModel(requested, staticSlug != null ? staticSlug : base, variants);
  }

  private static ChatRequest adjust(ChatRequest request, ResolvedModel resolved) {
    if (resolved.variants().isEmpty()) {
      return request;
    }
    ChatRequest.Builder b = null;
    if (resolved.has(Variant.THINKING) && request.effectiveReasoning() == null) {
      b = request.toBuilder().reasoning(new Reasoning(null, null, null, Boolean.TRUE));
    }
    if (resolved.has(Variant.ONLINE) && request.plugin(Plugin.WEB) == null) {
      List<Plugin> plugins = new ArrayList<>(request.plugins());
      plugins.add(Plugin.of(Plugin.WEB));
      b = (b == null ? request.toBuilder() : b).plugins(plugins);
    }
    return b == null ? request : b.build();
  }

  private static Sort effectiveSort(ProviderPreferences prefs, ResolvedModel resolved) {
    if (prefs.sort() != null) {
      return prefs.sort();
    }
    if (resolved.has(Variant.NITRO)) {
      return Sort.THROUGHPUT;
    }
    if (resolved.has(Variant.FLOOR)) {
      return Sort.PRICE;
    }
    if (resolved.has(Variant.EXACTO)) {
      return new Sort(Sort.By.EXACTO, null);
    }
    return null;
  }

  // ---- filters ----------------------------------------------------------------------------

  /** Why the endpoint cannot serve the request, or null when it can. */
  private static String exclusion(Endpoint e, Model model, ChatRequest r, ProviderPreferences p,
      ResolvedModel resolved, int promptTokens) {
    if (p.only() != null && !matchesAny(e, p.only())) {
      return "not in provider.only " + p.only();
    }
    if (p.ignore() != null && matchesAny(e, p.ignore())) {
      return "in provider.ignore";
    }
    if (isTier(e, "/priority") && !resolved.has(Variant.NITRO) && !named(e, p)) {
      return "priority tier needs :nitro or an explicit provider name";
    }
    if (isTier(e, "/flex") && !resolved.has(Variant.FLOOR) && !named(e, p)) {
      return "flex tier needs :floor or an explicit provider name";
    }
    if (p.quantizations() != null) {
      Quantization q = e.quantization() == null ? Quantization.UNKNOWN : e.quantization();
      if (!p.quantizations().contains(q)) {
        return "quantization " + q.wireName() + " not in provider.quantizations";
      }
    }
    if (p.dataCollection() == DataCollection.DENY && e.dataPolicy().collectsData()) {
      return "data_collection deny: the provider retains or trains on prompts";
    }
    if (Boolean.TRUE.equals(p.zdr()) && !e.dataPolicy().zeroDataRetention()) {
      return "zdr: the endpoint is not zero-data-retention";
    }
    if (Boolean.TRUE.equals(p.enforceDistillableText()) && model != null && !model.distillable()) {
      return "enforce_distillable_text: the model's output may not be distilled";
    }
    if (Boolean.TRUE.equals(p.requireParameters())) {
      String missing = unsupportedParameter(e, r);
      if (missing != null) {
        return "require_parameters: does not support '" + missing + "'";
      }
    }
    Integer maxTokens = r.effectiveMaxTokens();
    if (maxTokens != null && e.maxCompletionTokens() != null && maxTokens > e.maxCompletionTokens()) {
      return "max_tokens " + maxTokens + " exceeds the endpoint's " + e.maxCompletionTokens();
    }
    long needed = (long) promptTokens + (maxTokens == null ? 0 : maxTokens);
    // Compression can shorten the prompt, never the completion.
    boolean compressible = dev.router4j.internal.plugins.ContextCompression.applies(r, e.contextLength())
        && (maxTokens == null || maxTokens < e.contextLength());
    if (needed > e.contextLength() && !compressible
        && preciseNeeded(r, e, promptTokens, maxTokens) > e.contextLength()) {
      return "context: about " + promptTokens + " prompt tokens"
          + (maxTokens == null ? "" : " + " + maxTokens + " max_tokens")
          + " exceed the endpoint's " + e.contextLength();
    }
    if (e.maxPromptTokens() != null && promptTokens > e.maxPromptTokens()) {
      return "context: about " + promptTokens + " prompt tokens exceed the endpoint's max prompt "
          + e.maxPromptTokens();
    }
    if (p.maxPrice() != null) {
      String over = overPrice(e.pricing(), p.maxPrice());
      if (over != null) {
        return over;
      }
    }
    if (model != null && !model.acceptsImages() && hasImages(r)) {
      return "the model does not accept images";
    }
    return null;
  }

  /**
   * The heuristic count can be off for some scripts and code: close to the limit (within a
   * third), count with the model's real tokenizer before excluding an endpoint.
   */
  private static long preciseNeeded(ChatRequest r, Endpoint e, int heuristic, Integer maxTokens) {
    long completion = maxTokens == null ? 0 : maxTokens;
    if (heuristic + completion > e.contextLength() * 4L / 3) {
      return heuristic + completion;
    }
    return dev.router4j.internal.tokens.Tokenizer.forModel(e.model()).promptTokens(r) + completion;
  }

  private static boolean isTier(Endpoint e, String slashTier) {
    return e.tag().endsWith(slashTier);
  }

  private static boolean named(Endpoint e, ProviderPreferences p) {
    return (p.order() != null && p.order().contains(e.tag()))
        || (p.only() != null && p.only().contains(e.tag()));
  }

  /** A preference slug matches an endpoint by its full tag, or by its provider when it has no '/'. */
  static boolean matches(Endpoint e, String slug) {
    return slug.equals(e.tag()) || (slug.indexOf('/') < 0 && slug.equals(e.provider()));
  }

  private static boolean matchesAny(Endpoint e, List<String> slugs) {
    for (String s : slugs) {
      if (matches(e, s)) {
        return true;
      }
    }
    return false;
  }

  private static String overPrice(Pricing price, MaxPrice max) {
    if (max.prompt() != null && price.prompt().multiply(MILLION).compareTo(max.prompt()) > 0) {
      return "max_price.prompt: $" + plain(price.prompt().multiply(MILLION)) + "/M over $"
          + plain(max.prompt()) + "/M";
    }
    if (max.completion() != null
        && price.completion().multiply(MILLION).compareTo(max.completion()) > 0) {
      return "max_price.completion: $" + plain(price.completion().multiply(MILLION)) + "/M over $"
          + plain(max.completion()) + "/M";
    }
    if (max.request() != null && price.request() != null
        && price.request().compareTo(max.request()) > 0) {
      return "max_price.request: $" + plain(price.request()) + " over $" + plain(max.request());
    }
    if (max.image() != null && price.image() != null && price.image().compareTo(max.image()) > 0) {
      return "max_price.image: $" + plain(price.image()) + " over $" + plain(max.image());
    }
    return null;
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  private static boolean hasImages(ChatRequest r) {
    for (Message m : r.messages()) {
      if (m.parts() != null) {
        for (ContentPart p : m.parts()) {
          if (p instanceof ContentPart.Image) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The first parameter the request sets that the endpoint does not list, or null. */
  static String unsupportedParameter(Endpoint e, ChatRequest r) {
    if (e.supportedParameters().isEmpty()) {
      return null; // unknown: assume the endpoint takes what it is given
    }
    for (String param : RequestParameters.used(r)) {
      if (!e.supports(param)) {
        return param;
      }
    }
    return null;
  }

  /** Tools and response formats: keep the endpoints that support them, when any does. */
  private static List<Route> softFilter(List<Route> routes, ChatRequest r) {
    List<Route> out = routes;
    if (!r.tools().isEmpty()) {
      out = keepSupporting(out, "tools");
    }
    if (r.responseFormat() != null && r.responseFormat().type() != ResponseFormat.Type.TEXT) {
      out = keepSupporting(out, "response_format");
    }
    return out;
  }

  private static List<Route> keepSupporting(List<Route> routes, String param) {
    List<Route> supporting = new ArrayList<>(routes.size());
    for (Route r : routes) {
      if (r.endpoint().supportedParameters().isEmpty() || r.endpoint().supports(param)) {
        supporting.add(r);
      }
    }
    return supporting.isEmpty() ? routes : supporting;
  }

  // ---- ordering ---------------------------------------------------------------------------

  private List<Route> order(List<Route> routes, ProviderPreferences p, Sort sort) {
    if (routes.size() <= 1) {
      return routes;
    }
    List<Route> ordered = new ArrayList<>(routes.size());
    List<Route> rest = new ArrayList<>(routes);
    if (p.order() != null) {
      for (String slug : p.order()) {
        for (int i = 0; i < rest.size(); i++) {
          if (matches(rest.get(i).endpoint(), slug)) {
            ordered.add(rest.remove(i--));
          }
        }
      }
      if (!p.fallbacksAllowed()) {
        return ordered;
      }
      rest.sort(comparator(sort != null ? sort : Sort.PRICE));
      ordered.addAll(rest);
      return ordered;
    }
    if (sort != null) {
      rest.sort(comparator(sort));
      return p.fallbacksAllowed() ? rest : List.of(rest.get(0));
    }
    ordered = weightedDraw(rest);
    return p.fallbacksAllowed() ? ordered : List.of(ordered.get(0));
  }

  /** Moves the endpoint the conversation stuck to to the front, while it is stable. */
  private List<Route> stick(List<Route> ordered, String model, ChatRequest request,
      ProviderPreferences p) {
    if (sticky == null || p.order() != null || ordered.size() < 2) {
      return ordered;
    }
    String id = sticky.endpointFor(model, request);
    if (id == null || !health.isStable(id)) {
      return ordered;
    }
    for (int i = 1; i < ordered.size(); i++) {
      if (ordered.get(i).endpoint().id().equals(id)) {
        List<Route> moved = new ArrayList<>(ordered);
        moved.add(0, moved.remove(i));
        return moved;
      }
    }
    return ordered;
  }

  /**
   * The default order: among stable endpoints one drawn with weight 1/price² (free ones
   * uniformly first), then the other stable ones cheapest first, then the unstable ones.
   */
  private List<Route> weightedDraw(List<Route> routes) {
    List<Route> stable = new ArrayList<>(routes.size());
    List<Route> unstable = new ArrayList<>();
    for (Route r : routes) {
      (health.isStable(r.endpoint().id()) ? stable : unstable).add(r);
    }
    Comparator<Route> byPrice = comparator(Sort.PRICE);
    stable.sort(byPrice);
    unstable.sort(byPrice);
    if (stable.size() > 1) {
      int pick = draw(stable);
      if (pick > 0) {
        stable.add(0, stable.remove(pick));
      }
    }
    stable.addAll(unstable);
    return stable;
  }

  private int draw(List<Route> cheapestFirst) {
    int free = 0;
    while (free < cheapestFirst.size() && price(cheapestFirst.get(free)) == 0) {
      free++;
    }
    if (free > 0) {
      return free == 1 ? 0 : random.nextInt(free);
    }
    double total = 0;
    double[] weights = new double[cheapestFirst.size()];
    for (int i = 0; i < weights.length; i++) {
      double price = price(cheapestFirst.get(i));
      weights[i] = 1.0 / (price * price);
      total += weights[i];
    }
    double x = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** The price used to compare endpoints: prompt plus completion, dollars per million tokens. */
  static double price(Route r) {
    return r.price();
  }

  private Comparator<Route> comparator(Sort sort) {
    switch (sort.by()) {
      case THROUGHPUT:
        return Comparator.comparingDouble((Route r) -> -orZero(throughput(r)))
            .thenComparingDouble(Planner::price);
      case LATENCY:
        return Comparator.comparingDouble((Route r) -> orInfinity(latency(r)))
            .thenComparingDouble(Planner::price);
      case EXACTO:
        // Quality first: usable tool calls, then few errors, then speed, then price.
        return Comparator.comparingDouble(
                (Route r) -> -health.toolCallSuccess(r.endpoint().id(), WINDOW_30M))
            .thenComparingDouble(r -> -health.uptime(r.endpoint().id(), WINDOW_30M))
            .thenComparingDouble(r -> -orZero(throughput(r)))
            .thenComparingDouble(Planner::price);
      default:
        return Comparator.comparingDouble(Planner::price);
    }
  }

  private double throughput(Route r) {
    double seen = health.throughput(r.endpoint().id(), 50, WINDOW_30M);
    return Double.isNaN(seen) ? registry.throughputPrior(r.endpoint()) : seen;
  }

  private double latency(Route r) {
    double seen = health.latency(r.endpoint().id(), 50, WINDOW_30M);
    return Double.isNaN(seen) ? registry.latencyPrior(r.endpoint()) : seen;
  }

  private static double orZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  private static double orInfinity(double v) {
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
  }

  /** Endpoints that miss a preferred throughput or latency cutoff move to the end, in order. */
  private List<Step> preferThresholds(List<Step> plan, ProviderPreferences p) {
    PercentileCutoffs minThroughput = p.preferredMinThroughput();
    PercentileCutoffs maxLatency = p.preferredMaxLatency();
    if (minThroughput == null && maxLatency == null) {
      return plan;
    }
    List<Step> hits = new ArrayList<>(plan.size());
    List<Step> misses = new ArrayList<>();
    for (Step s : plan) {
      boolean ok = (minThroughput == null || meets(s.route(), minThroughput, false))
          && (maxLatency == null || meets(s.route(), maxLatency, true));
      (ok ? hits : misses).add(s);
    }
    hits.addAll(misses);
    return hits;
  }

  private boolean meets(Route r, PercentileCutoffs cutoffs, boolean latency) {
    return meets(r, 50, cutoffs.p50(), latency) && meets(r, 75, cutoffs.p75(), latency)
        && meets(r, 90, cutoffs.p90(), latency) && meets(r, 99, cutoffs.p99(), latency);
  }

  private boolean meets(Route r, int percentile, BigDecimal cutoff, boolean latency) {
    if (cutoff == null) {
      return true;
    }
    String id = r.endpoint().id();
    double v = latency ? health.latency(id, percentile, WINDOW_30M)
        : health.throughput(id, percentile, WINDOW_30M);
    if (Double.isNaN(v) && percentile == 50) {
      v = latency ? registry.latencyPrior(r.endpoint()) : registry.throughputPrior(r.endpoint());
    }
    if (Double.isNaN(v)) {
      return false; // nothing known: it cannot be shown to meet the cutoff
    }
    return latency ? v <= cutoff.doubleValue() : v >= cutoff.doubleValue();
  }

  /** The model slugs the registry knows, sorted; for error messages. */
  public Set<String> knownModels() {
    return new TreeSet<>(registry.models());
  }
}
