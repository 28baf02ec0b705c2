package dev.router4j.internal.routing;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A plan's exclusions, {@code tag:model — reason}, in the order the planner met them. A line
 * the filters decided is kept as its route and code and written out when first read: most
 * plans are used without anyone reading why the other endpoints were left out. Unmodifiable
 * to its readers; reading from several threads at once is safe (each writes the same line).
 */
final class Exclusions extends AbstractList<String> implements RandomAccess {
  private static final Object[] NONE = new Object[0];

  /** Each line: a String, or the {@link EndpointFilter} that can explain the route's code. */
  private Object[] lines = NONE;
  private Route[] routes;
  private int[] codes;
  private int size;

  /** Adds a line written already. */
  void note(String line) {
    grow();
    lines[size++] = line;
  }

  /** Adds a line for a route the filter refused with the code, to be written when read. */
  void note(Route route, EndpointFilter filter, int code) {
    grow();
    if (routes == null) {
      routes = new Route[lines.length];
      codes = new int[lines.length];
    }
    routes[size] = route;
    codes[size] = code;
    lines[size++] = filter;
  }

  private void grow() {
    if (size == lines.length) {
      int capacity = Math.max(8, size * 2);
      lines = Arrays.copyOf(lines, capacity);
      if (routes != null) {
        routes = Arrays.copyOf(routes, capacity);
        codes = Arrays.copyOf(codes, capacity);
      }
    }
  }

  @Override
  public String get(int i) {
    java.util.Objects.checkIndex(i, size);
    Object line = lines[i];
    if (line instanceof String s) {
      return s;
    }
    String s = routes[i].id() + " — " + ((EndpointFilter) line).reason(routes[i], codes[i]);
    lines[i] = s;
    return s;
  }

  @Override
  public int size() {
    return size;
  }
}
