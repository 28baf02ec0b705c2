package dev.router4j.internal.routing;

import dev.router4j.api.ChatRequest;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * One model's planned steps as an unmodifiable view over an array of routes, so that a plan
 * can share the registry's precomputed price order instead of copying it: the route at
 * {@code first} comes first, then the others in array order, {@code size} of them in all.
 * Steps are made as they are read; the array is never written.
 */
final class PlannedSteps extends AbstractList<Step> implements RandomAccess {
  private static final Route[] NONE = new Route[0];

  private final Route[] base;
  private final int first;
  private final int size;
  private final ChatRequest request;

  /**
   * A view.
   *
   * @param base the routes; not copied, so never written afterwards
   * @param first the index in {@code base} of the first step
   * @param size how many steps, at most {@code base.length}
   * @param request the request every step sends
   */
  PlannedSteps(Route[] base, int first, int size, ChatRequest request) {
    this.base = base;
    this.first = first;
    this.size = size;
    this.request = request;
  }

  /** Steps over the routes in the order given. */
  static PlannedSteps of(Route[] routes, ChatRequest request) {
    return new PlannedSteps(routes, 0, routes.length, request);
  }

  /** No steps. */
  static PlannedSteps empty(ChatRequest request) {
    return new PlannedSteps(NONE, 0, 0, request);
  }

  /** The route of step {@code i}. */
  Route route(int i) {
    Objects.checkIndex(i, size);
    if (i == 0) {
      return base[first];
    }
    return base[i <= first ? i - 1 : i];
  }

  /** The steps' routes in order, as a new array. */
  Route[] routes() {
    Route[] out = new Route[size];
    for (int i = 0; i < size; i++) {
      out[i] = route(i);
    }
    return out;
  }

  /** The request the steps send. */
  ChatRequest request() {
    return request;
  }

  @Override
  public Step get(int i) {
    return new Step(route(i), request);
  }

  @Override
  public int size() {
    return size;
  }
}
