package dev.router4j.internal.routing;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.spi.Provider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The endpoints the router can call, indexed by model slug once at build time so that
 * planning never scans: the catalog's endpoints whose provider is registered, overridden and
 * extended by the endpoints the providers bring themselves.
 */
public final class EndpointRegistry {
  private final Map<String, List<Route>> byModel;
  private final Map<String, ModelRoutes> entries;
  private final Map<String, Model> models;
  private final List<Model> callable;
  private final Map<String, Double> cheapest;
  private final ToDoubleFunction<Endpoint> throughputPrior;
  private final ToDoubleFunction<Endpoint> latencyPrior;

  private EndpointRegistry(Map<String, List<Route>> byModel, Map<String, Model> models,
      ToDoubleFunction<Endpoint> throughputPrior, ToDoubleFunction<Endpoint> latencyPrior) {
    this.byModel = byModel;
    this.models = models;
    List<Model> list = new ArrayList<>(byModel.size());
    Map<String, Double> prices = new HashMap<>();
    Map<String, ModelRoutes> built = new HashMap<>();
    for (Map.Entry<String, List<Route>> e : new java.util.TreeMap<>(byModel).entrySet()) {
      if (anyKeyed(e.getValue())) { // the auto and free routers choose only what can be called
        list.add(describe(e.getKey(), e.getValue(), models.get(e.getKey())));
      }
      ModelRoutes entry = new ModelRoutes(e.getKey(), e.getValue(), models.get(e.getKey()));
      built.put(e.getKey(), entry);
      prices.put(e.getKey(), entry.cheapest());
    }
    this.entries = Map.copyOf(built);
    this.callable = List.copyOf(list);
    this.cheapest = Map.copyOf(prices);
    this.throughputPrior = throughputPrior;
    this.latencyPrior = latencyPrior;
  }

  /** A registry of the providers' own endpoints alone, with no priors. */
  public static EndpointRegistry of(List<Provider> providers) {
    return of(List.of(), List.of(), providers, e -> Double.NaN, e -> Double.NaN);
  }

  /**
   * Indexes the catalog's endpoints that a registered provider can call, then the providers'
   * own endpoints (which replace catalog endpoints with the same id).
   *
   * @param catalogModels the catalog's models
   * @param catalogEndpoints the catalog's endpoints
   * @param providers the registered providers
   * @param throughputPrior the catalog's throughput hint (tokens/s) for an endpoint, or NaN
   * @param latencyPrior the catalog's latency hint (seconds) for an endpoint, or NaN
   */
  public static EndpointRegistry of(Collection<Model> catalogModels,
      Collection<Endpoint> catalogEndpoints, List<Provider> providers,
      ToDoubleFunction<Endpoint> throughputPrior, ToDoubleFunction<Endpoint> latencyPrior) {
    Map<String, Provider> bySlug = new HashMap<>();
    for (Provider p : providers) {
      bySlug.put(p.slug(), p);
    }
    Map<String, Map<String, Route>> building = new LinkedHashMap<>();
    for (Endpoint e : catalogEndpoints) {
      Provider p = bySlug.get(e.provider());
      if (p != null) {
        String id = e.id();
        building.computeIfAbsent(e.model(), k -> new LinkedHashMap<>()).put(id, new Route(e, p, id));
      }
    }
    Map<String, Model> models = new HashMap<>();
    for (Model m : catalogModels) {
      models.put(m.id(), m);
    }
    for (Provider p : providers) {
      for (Model m : p.models()) {
        models.put(m.id(), m);
      }
      for (Endpoint e : p.endpoints()) {
        String id = e.id();
        building.computeIfAbsent(e.model(), k -> new LinkedHashMap<>()).put(id, new Route(e, p, id));
      }
    }
    Map<String, List<Route>> index = new HashMap<>();
    building.forEach((model, routes) ->
        index.put(model, Collections.unmodifiableList(new ArrayList<>(routes.values()))));
    return new EndpointRegistry(Map.copyOf(index), Map.copyOf(models), throughputPrior,
        latencyPrior);
  }

  /**
   * A model as the auto and free routers see it: the catalog's description when there is one,
   * else one put together from its endpoints, with the parameters any endpoint supports.
   */
  private static Model describe(String slug, List<Route> routes, Model known) {
    java.util.Set<String> params = new java.util.HashSet<>();
    // Endpoints mostly share a few parameter sets (Set.copyOf keeps an immutable set as is):
    // add each instance once.
    List<Set<String>> added = new ArrayList<>();
    int context = 0;
    for (Route r : routes) {
      Set<String> supported = r.endpoint().supportedParameters();
      if (!containsInstance(added, supported)) {
        params.addAll(supported);
        if (added.size() < 16) {
          added.add(supported);
        }
      }
      context = Math.max(context, r.endpoint().contextLength());
    }
    if (known != null) {
      params.addAll(known.supportedParameters());
      return new Model(known.id(), known.canonicalSlug(), known.name(), known.created(),
          known.description(), Math.max(context, known.contextLength()), known.inputModalities(),
          known.outputModalities(), known.tokenizer(), params, known.defaultParameters(),
          known.distillable());
    }
    return new Model(slug, null, null, 0, null, context, null, null, null, params, null, false);
  }

  private static boolean anyKeyed(List<Route> routes) {
    for (Route r : routes) {
      if (!r.lacksKey()) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsInstance(List<Set<String>> sets, Set<String> set) {
    for (Set<String> s : sets) {
      if (s == set) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every callable model (one with an endpoint whose provider has a key for it), described,
   * sorted by slug.
   */
  public List<Model> callableModels() {
    return callable;
  }

  /** The model's cheapest blended endpoint price in dollars per million tokens. */
  public double cheapestPrice(String slug) {
    return cheapest.getOrDefault(slug, Double.POSITIVE_INFINITY);
  }

  /** The routes serving the model, in catalog order; empty when none. */
  public List<Route> routes(String model) {
    return byModel.getOrDefault(model, List.of());
  }

  /** Whether some registered provider serves the model. */
  public boolean hasModel(String model) {
    return byModel.containsKey(model);
  }

  /** What the planner precomputed for the model, or null when no provider serves it. */
  ModelRoutes entry(String model) {
    return entries.get(model);
  }

  /** The catalog's description of the model, or null when it has none. */
  public Model model(String slug) {
    return models.get(slug);
  }

  /** Every model slug with at least one route. */
  public Set<String> models() {
    return byModel.keySet();
  }

  /** The catalog's throughput hint for the endpoint in tokens/s, or NaN. */
  public double throughputPrior(Endpoint e) {
    return throughputPrior.applyAsDouble(e);
  }

  /** The catalog's time-to-first-token hint for the endpoint in seconds, or NaN. */
  public double latencyPrior(Endpoint e) {
    return latencyPrior.applyAsDouble(e);
  }

  /**
   * The throughput hint of one of this registry's routes, read once and kept on the route
   * (the hints come from an immutable catalog; reading them costs an id and a map lookup).
   */
  double throughputPrior(Route r) {
    double v = r.throughputPrior;
    if (v == Route.UNREAD) {
      v = throughputPrior.applyAsDouble(r.endpoint());
      r.throughputPrior = v;
    }
    return v;
  }

  /** The latency hint of one of this registry's routes, read once and kept on the route. */
  double latencyPrior(Route r) {
    double v = r.latencyPrior;
    if (v == Route.UNREAD) {
      v = latencyPrior.applyAsDouble(r.endpoint());
      r.latencyPrior = v;
    }
    return v;
  }
}
