package dev.router4j.internal.routing;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.error.NoEndpointException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns a request into an ordered list of routes: each candidate model in order, and within a
 * model its endpoints cheapest first. (The full planner — variants, provider preferences,
 * filters and the price-weighted draw — grows here.)
 */
public final class Planner {
  private static final Comparator<Route> BY_PRICE = Comparator.comparing(
      (Route r) -> r.endpoint().pricing().prompt().add(r.endpoint().pricing().completion()),
      BigDecimal::compareTo);

  private final EndpointRegistry registry;
  private final String defaultModel;

  /** A planner over the registry; {@code defaultModel} serves requests that name none. */
  public Planner(EndpointRegistry registry, String defaultModel) {
    this.registry = registry;
    this.defaultModel = defaultModel;
  }

  /**
   * The routes for the request, in the order to try them.
   *
   * @throws InvalidRequestException when the request names no model and there is no default
   * @throws NoEndpointException when no candidate model has an endpoint
   */
  public List<Route> plan(ChatRequest request) {
    List<String> models = request.candidateModels();
    if (models.isEmpty()) {
      if (defaultModel == null) {
        throw new InvalidRequestException("model", "is required (the router has no default model)");
      }
      models = List.of(defaultModel);
    }
    List<Route> plan = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String model : models) {
      List<Route> routes = registry.routes(model);
      if (routes.isEmpty()) {
        unknown.add(model + ": no provider registered serves this model");
        continue;
      }
      List<Route> sorted = new ArrayList<>(routes);
      sorted.sort(BY_PRICE);
      plan.addAll(sorted);
    }
    if (plan.isEmpty()) {
      throw new NoEndpointException("no endpoint for " + models + " (known models: "
          + new TreeSet<>(registry.models()) + ").", unknown);
    }
    return plan;
  }
}
