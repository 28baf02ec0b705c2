package dev.router4j.internal.routing;

import dev.router4j.api.catalog.Model;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One model's routes with everything about them that no request changes, worked out when the
 * registry is built, so that planning an exact slug only applies the request's own filters:
 * the routes in catalog order (the order exclusions are reported in), the same routes cheapest
 * first (a stable sort, so equal prices keep catalog order, as sorting on each call did), the
 * 1/price² weights of the default draw and their total, and the slug resolved to itself.
 */
final class ModelRoutes {
  private final List<Route> routes;
  private final Route[] byPrice;
  private final int[] priceRank;
  private final double[] weights;
  private final double totalWeight;
  private final int freeCount;
  private final double cheapest;
  private final Model model;
  private final ResolvedModel exact;

  ModelRoutes(String slug, List<Route> routes, Model model) {
    this.routes = routes;
    this.model = model;
    this.exact = new ResolvedModel(slug, slug, Set.of());
    int n = routes.size();
    int[] order = stableOrderByPrice(routes);
    this.byPrice = new Route[n];
    this.priceRank = new int[n];
    for (int k = 0; k < n; k++) {
      byPrice[k] = routes.get(order[k]);
      priceRank[order[k]] = k;
    }
    // The same arithmetic, in the same order, as a draw over all of them on each call.
    this.weights = new double[n];
    double total = 0;
    for (int k = 0; k < n; k++) {
      double price = byPrice[k].price();
      weights[k] = 1.0 / (price * price);
      total += weights[k];
    }
    this.totalWeight = total;
    int free = 0;
    while (free < n && byPrice[free].price() == 0) {
      free++;
    }
    this.freeCount = free;
    double min = Double.POSITIVE_INFINITY;
    for (Route r : routes) {
      if (!r.lacksKey()) { // a route no key may call is never planned: it sets no price
        min = Math.min(min, r.price());
      }
    }
    this.cheapest = min;
  }

  /**
   * The catalog positions of the routes, cheapest first; equal prices keep catalog order, as
   * a stable sort by {@link Double#compare} gives. Most models have a few dozen endpoints at
   * most: an insertion sort on primitives, with the library's merge sort for long lists.
   */
  private static int[] stableOrderByPrice(List<Route> routes) {
    int n = routes.size();
    double[] prices = new double[n];
    for (int i = 0; i < n; i++) {
      prices[i] = routes.get(i).price();
    }
    int[] order = new int[n];
    if (n > 64) {
      Integer[] boxed = new Integer[n];
      for (int i = 0; i < n; i++) {
        boxed[i] = i;
      }
      Arrays.sort(boxed, Comparator.comparingDouble((Integer i) -> prices[i]));
      for (int i = 0; i < n; i++) {
        order[i] = boxed[i];
      }
      return order;
    }
    for (int i = 0; i < n; i++) {
      int j = i;
      // Move left only past strictly greater prices, so that ties stay in order.
      while (j > 0 && Double.compare(prices[order[j - 1]], prices[i]) > 0) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = i;
    }
    return order;
  }

  /** The routes in catalog order. */
  List<Route> routes() {
    return routes;
  }

  /** The routes cheapest first; shared, never to be written. */
  Route[] byPrice() {
    return byPrice;
  }

  /** The position in {@link #byPrice()} of the route at catalog position {@code i}. */
  int priceRank(int i) {
    return priceRank[i];
  }

  /** The draw weight, 1/price², of the route at position {@code k} of {@link #byPrice()}. */
  double weight(int k) {
    return weights[k];
  }

  /** The sum of all the draw weights, added up cheapest first. */
  double totalWeight() {
    return totalWeight;
  }

  /** How many routes are free (they lead {@link #byPrice()}). */
  int freeCount() {
    return freeCount;
  }

  /** The lowest blended price, dollars per million tokens. */
  double cheapest() {
    return cheapest;
  }

  /** The catalog's description of the model, or null. */
  Model model() {
    return model;
  }

  /** The model's slug, resolved to itself with no variants. */
  ResolvedModel exact() {
    return exact;
  }
}
