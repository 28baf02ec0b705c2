package dev.router4j.internal.routing;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.Plugin;
import dev.router4j.api.Reasoning;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.error.NoEndpointException;
import dev.router4j.api.routing.PercentileCutoffs;
import dev.router4j.api.routing.ProviderPreferences;
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
 * <p>What no request changes (each model's routes cheapest first, their draw weights) is
 * worked out once by the {@link EndpointRegistry}: an exact slug with nothing filtered out and
 * no recent failure is planned without copying a route, and exclusion reasons are written only
 * when read.
 *
 * <p>Thread-safe. All randomness comes from the injected generator and all time from the
 * health tracker's ticker, so a seeded planner gives exact plans.
 */
public final class Planner {
  private static final long WINDOW_30M = TimeUnit.MINUTES.toNanos(30);

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
    // An exact slug with no fallbacks is the common case: no set of candidates to build.
    List<String> models = request.models().isEmpty() && request.model() != null
        ? List.of(request.model()) : request.candidateModels();
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
    Exclusions exclusions = new Exclusions();
    // One model's steps are the plan as they are; only several models are copied into one list.
    PlannedSteps single = null;
    List<PlannedSteps> perModel = null;
    Sort sortAcross = null;
    for (String requested : models) {
      ModelRoutes entry = registry.entry(requested);
      ResolvedModel resolved;
      if (entry != null) {
        resolved = entry.exact();
      } else {
        resolved = resolve(requested);
        entry = registry.entry(resolved.slug());
      }
      if (entry == null) {
        exclusions.note(requested + " — no registered provider serves this model");
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
      PlannedSteps steps = planModel(entry, resolved, request, modelRequest, prefs, sort,
          guardrail, estimatedPrompt, exclusions);
      if (single == null) {
        single = steps;
      } else {
        if (perModel == null) {
          perModel = new ArrayList<>();
          perModel.add(single);
        }
        perModel.add(steps);
      }
    }
    List<Step> plan;
    if (perModel == null && sortAcross == null) {
      plan = single == null ? List.of() : single;
    } else {
      plan = new ArrayList<>();
      if (perModel == null) {
        plan.addAll(single);
      } else {
        for (PlannedSteps steps : perModel) {
          plan.addAll(steps);
        }
      }
      if (sortAcross != null) {
        plan.sort(Comparator.comparing(s -> s.route(), comparator(sortAcross)));
      }
    }
    plan = preferThresholds(plan, prefs);
    if (plan.isEmpty()) {
      String known = "";
      if (single == null) {
        // No candidate model is known at all: name what is, so a typo is easy to see.
        Set<String> all = knownModels();
        known = " Known models: " + (all.size() <= 30 ? all.toString()
            : new ArrayList<>(all).subList(0, 30) + " and " + (all.size() - 30) + " more") + ".";
      }
      throw new NoEndpointException("no endpoint can serve " + models + "." + known, exclusions);
    }
    return new RoutePlan(plan instanceof PlannedSteps ? plan : List.copyOf(plan),
        exclusions.isEmpty() ? List.of() : exclusions);
  }

  /**
   * One model's steps: its routes through the hard filters (reasons added to
   * {@code exclusions}), the soft filters, the order and the sticky route.
   */
  private PlannedSteps planModel(ModelRoutes entry, ResolvedModel resolved, ChatRequest request,
      ChatRequest modelRequest, ProviderPreferences prefs, Sort sort,
      java.util.function.Function<Endpoint, String> guardrail, int estimatedPrompt,
      Exclusions exclusions) {
    List<Route> routes = entry.routes();
    int n = routes.size();
    EndpointFilter filter =
        new EndpointFilter(entry.model(), modelRequest, prefs, resolved, estimatedPrompt);
    // Left out by a filter, by position in the price order; null while nothing is.
    boolean[] dropped = null;
    int kept = n;
    for (int i = 0; i < n; i++) {
      Route r = routes.get(i);
      String reason = guardrail == null ? null : guardrail.apply(r.endpoint());
      int code = EndpointFilter.PASS;
      if (reason != null) {
        exclusions.note(r.id() + " — " + reason);
      } else {
        code = filter.check(r);
        if (code != EndpointFilter.PASS) {
          exclusions.note(r, filter, code);
        }
      }
      if (reason != null || code != EndpointFilter.PASS) {
        if (dropped == null) {
          dropped = new boolean[n];
        }
        dropped[entry.priceRank(i)] = true;
        kept--;
      }
    }
    if (!modelRequest.tools().isEmpty()) {
      dropped = keepSupporting(entry, dropped, kept, "tools");
      kept = count(dropped, n);
    }
    if (modelRequest.responseFormat() != null
        && modelRequest.responseFormat().type() != ResponseFormat.Type.TEXT) {
      dropped = keepSupporting(entry, dropped, kept, "response_format");
      kept = count(dropped, n);
    }
    PlannedSteps ordered = order(entry, dropped, kept, prefs, sort, modelRequest);
    return stick(ordered, resolved.slug(), request, prefs);
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
    boolean images = EndpointFilter.hasImages(r);
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

  /** A preference slug matches an endpoint by its full tag, or by its provider when it has no '/'. */
  static boolean matches(Endpoint e, String slug) {
    return slug.equals(e.tag()) || (slug.indexOf('/') < 0 && slug.equals(e.provider()));
  }

  /** The first parameter the request sets that the endpoint does not list, or null. */
  static String unsupportedParameter(Endpoint e, ChatRequest r) {
    return EndpointFilter.unsupportedParameter(e, RequestParameters.used(r));
  }

  /**
   * A soft filter (tools, response formats): of the routes still in, drop those that do not
   * support the parameter, unless none does. Returns the updated mask of dropped routes.
   */
  private static boolean[] keepSupporting(ModelRoutes entry, boolean[] dropped, int kept,
      String param) {
    Route[] byPrice = entry.byPrice();
    int supporting = 0;
    for (int k = 0; k < byPrice.length; k++) {
      if ((dropped == null || !dropped[k]) && supports(byPrice[k], param)) {
        supporting++;
      }
    }
    if (supporting == 0 || supporting == kept) {
      return dropped;
    }
    boolean[] out = dropped == null ? new boolean[byPrice.length] : dropped;
    for (int k = 0; k < byPrice.length; k++) {
      if (!supports(byPrice[k], param)) {
        out[k] = true;
      }
    }
    return out;
  }

  private static boolean supports(Route r, String param) {
    return r.endpoint().supportedParameters().isEmpty() || r.endpoint().supports(param);
  }

  private static int count(boolean[] dropped, int n) {
    if (dropped == null) {
      return n;
    }
    int kept = 0;
    for (boolean d : dropped) {
      if (!d) {
        kept++;
      }
    }
    return kept;
  }

  /** The routes left in, in catalog order. */
  private static List<Route> keptInCatalogOrder(ModelRoutes entry, boolean[] dropped, int kept) {
    List<Route> routes = entry.routes();
    if (dropped == null) {
      return new ArrayList<>(routes);
    }
    List<Route> out = new ArrayList<>(kept);
    for (int i = 0; i < routes.size(); i++) {
      if (!dropped[entry.priceRank(i)]) {
        out.add(routes.get(i));
      }
    }
    return out;
  }

  /** The routes left in, cheapest first (equal prices in catalog order). */
  private static Route[] keptByPrice(ModelRoutes entry, boolean[] dropped, int kept) {
    Route[] byPrice = entry.byPrice();
    if (dropped == null) {
      return byPrice;
    }
    Route[] out = new Route[kept];
    int j = 0;
    for (int k = 0; k < byPrice.length; k++) {
      if (!dropped[k]) {
        out[j++] = byPrice[k];
      }
    }
    return out;
  }

  // ---- ordering ---------------------------------------------------------------------------

  private PlannedSteps order(ModelRoutes entry, boolean[] dropped, int kept, ProviderPreferences p,
      Sort sort, ChatRequest modelRequest) {
    if (kept == 0) {
      return PlannedSteps.empty(modelRequest);
    }
    if (kept == 1) {
      return PlannedSteps.of(keptByPrice(entry, dropped, kept), modelRequest);
    }
    if (p.order() != null) {
      List<Route> rest = keptInCatalogOrder(entry, dropped, kept);
      List<Route> ordered = new ArrayList<>(kept);
      for (String slug : p.order()) {
        for (int i = 0; i < rest.size(); i++) {
          if (matches(rest.get(i).endpoint(), slug)) {
            ordered.add(rest.remove(i--));
          }
        }
      }
      if (p.fallbacksAllowed()) {
        rest.sort(comparator(sort != null ? sort : Sort.PRICE));
        ordered.addAll(rest);
      }
      return PlannedSteps.of(ordered.toArray(new Route[0]), modelRequest);
    }
    if (sort != null) {
      Route[] sorted;
      if (byPriceAlone(sort)) {
        // The registry's price order is what a stable sort of the routes by price gives.
        sorted = keptByPrice(entry, dropped, kept);
      } else {
        List<Route> rest = keptInCatalogOrder(entry, dropped, kept);
        rest.sort(comparator(sort));
        sorted = rest.toArray(new Route[0]);
      }
      return new PlannedSteps(sorted, 0, p.fallbacksAllowed() ? kept : 1, modelRequest);
    }
    return weightedDraw(entry, dropped, kept, p.fallbacksAllowed(), modelRequest);
  }

  /** Moves the endpoint the conversation stuck to to the front, while it is stable. */
  private PlannedSteps stick(PlannedSteps ordered, String model, ChatRequest request,
      ProviderPreferences p) {
    if (sticky == null || p.order() != null || ordered.size() < 2) {
      return ordered;
    }
    String id = sticky.endpointFor(model, request);
    if (id == null || !health.isStable(id)) {
      return ordered;
    }
    for (int i = 1; i < ordered.size(); i++) {
      if (ordered.route(i).id().equals(id)) {
        return new PlannedSteps(ordered.routes(), i, ordered.size(), ordered.request());
      }
    }
    return ordered;
  }

  /**
   * The default order: among stable endpoints one drawn with weight 1/price² (free ones
   * uniformly first), then the other stable ones cheapest first, then the unstable ones.
   * With nothing filtered out and no recent failure anywhere, this is the registry's price
   * order with the drawn route in front: nothing is copied.
   */
  private PlannedSteps weightedDraw(ModelRoutes entry, boolean[] dropped, int kept,
      boolean fallbacks, ChatRequest modelRequest) {
    boolean allStable = health.allStable();
    if (dropped == null && allStable) {
      return new PlannedSteps(entry.byPrice(), drawAll(entry), fallbacks ? kept : 1,
          modelRequest);
    }
    Route[] byPrice = entry.byPrice();
    Route[] out = new Route[kept];
    Route[] unstable = null;
    int stable = 0;
    int unstableCount = 0;
    for (int k = 0; k < byPrice.length; k++) {
      if (dropped != null && dropped[k]) {
        continue;
      }
      Route r = byPrice[k];
      if (allStable || health.isStable(r.id())) {
        out[stable++] = r;
      } else {
        if (unstable == null) {
          unstable = new Route[kept];
        }
        unstable[unstableCount++] = r;
      }
    }
    if (unstableCount > 0) {
      System.arraycopy(unstable, 0, out, stable, unstableCount);
    }
    int pick = stable > 1 ? draw(out, stable) : 0;
    return new PlannedSteps(out, pick, fallbacks ? kept : 1, modelRequest);
  }

  /** {@link #draw} over all of the model's routes, from the weights the registry summed. */
  private int drawAll(ModelRoutes entry) {
    int free = entry.freeCount();
    if (free > 0) {
      return free == 1 ? 0 : random.nextInt(free);
    }
    int n = entry.byPrice().length;
    double x = random.nextDouble() * entry.totalWeight();
    for (int k = 0; k < n; k++) {
      x -= entry.weight(k);
      if (x < 0) {
        return k;
      }
    }
    return n - 1;
  }

  /** The index of the first of the {@code n} cheapest-first routes, drawn as described above. */
  private int draw(Route[] cheapestFirst, int n) {
    int free = 0;
    while (free < n && price(cheapestFirst[free]) == 0) {
      free++;
    }
    if (free > 0) {
      return free == 1 ? 0 : random.nextInt(free);
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += weight(cheapestFirst[i]);
    }
    double x = random.nextDouble() * total;
    for (int i = 0; i < n; i++) {
      x -= weight(cheapestFirst[i]);
      if (x < 0) {
        return i;
      }
    }
    return n - 1;
  }

  private static double weight(Route r) {
    double price = price(r);
    return 1.0 / (price * price);
  }

  /** The price used to compare endpoints: prompt plus completion, dollars per million tokens. */
  static double price(Route r) {
    return r.price();
  }

  /** Whether the sort compares price alone (the last case of {@link #comparator}). */
  private static boolean byPriceAlone(Sort sort) {
    switch (sort.by()) {
      case THROUGHPUT:
      case LATENCY:
      case EXACTO:
        return false;
      default:
        return true;
    }
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
                (Route r) -> -health.toolCallSuccess(r.id(), WINDOW_30M))
            .thenComparingDouble(r -> -health.uptime(r.id(), WINDOW_30M))
            .thenComparingDouble(r -> -orZero(throughput(r)))
            .thenComparingDouble(Planner::price);
      default:
        return Comparator.comparingDouble(Planner::price);
    }
  }

  private double throughput(Route r) {
    double seen = health.throughput(r.id(), 50, WINDOW_30M);
    return Double.isNaN(seen) ? registry.throughputPrior(r) : seen;
  }

  private double latency(Route r) {
    double seen = health.latency(r.id(), 50, WINDOW_30M);
    return Double.isNaN(seen) ? registry.latencyPrior(r) : seen;
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
    String id = r.id();
    double v = latency ? health.latency(id, percentile, WINDOW_30M)
        : health.throughput(id, percentile, WINDOW_30M);
    if (Double.isNaN(v) && percentile == 50) {
      v = latency ? registry.latencyPrior(r) : registry.throughputPrior(r);
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
