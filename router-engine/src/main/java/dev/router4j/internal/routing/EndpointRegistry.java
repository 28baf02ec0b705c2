package dev.router4j.internal.routing;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.spi.Provider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints the router can call, indexed by model slug once at build time so that
 * planning never scans. An endpoint is callable when a registered provider has its slug.
 */
public final class EndpointRegistry {
  private final Map<String, List<Route>> byModel;

  private EndpointRegistry(Map<String, List<Route>> byModel) {
    this.byModel = byModel;
  }

  /**
   * Indexes the endpoints the providers bring. A later endpoint with the same id replaces an
   * earlier one (an override).
   */
  public static EndpointRegistry of(List<Provider> providers) {
    Map<String, Map<String, Route>> building = new LinkedHashMap<>();
    for (Provider p : providers) {
      for (Endpoint e : p.endpoints()) {
        building.computeIfAbsent(e.model(), k -> new LinkedHashMap<>()).put(e.id(), new Route(e, p));
      }
    }
    Map<String, List<Route>> index = new HashMap<>();
    building.forEach((model, routes) ->
        index.put(model, Collections.unmodifiableList(new ArrayList<>(routes.values()))));
    return new EndpointRegistry(Map.copyOf(index));
  }

  /** The routes serving the model, in registration order; empty when none. */
  public List<Route> routes(String model) {
    return byModel.getOrDefault(model, List.of());
  }

  /** Every model slug with at least one route. */
  public java.util.Set<String> models() {
    return byModel.keySet();
  }
}
