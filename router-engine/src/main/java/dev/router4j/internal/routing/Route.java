package dev.router4j.internal.routing;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.spi.Provider;
import java.util.Objects;

/**
 * One step of a route plan: an endpoint and the registered provider that can call it, with
 * the endpoint's blended price worked out once (planning compares it many times).
 */
public final class Route {
  private final Endpoint endpoint;
  private final Provider provider;
  private final double price;

  /** A route to the endpoint through the provider. */
  public Route(Endpoint endpoint, Provider provider) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.provider = Objects.requireNonNull(provider, "provider");
    Pricing p = endpoint.pricing();
    this.price = p.prompt().add(p.completion()).doubleValue() * 1e6;
  }

  /** The catalog endpoint. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** The registered provider serving it. */
  public Provider provider() {
    return provider;
  }

  /** Prompt plus completion price, dollars per million tokens: what price sorting compares. */
  public double price() {
    return price;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Route r && r.endpoint.equals(endpoint) && r.provider.equals(provider);
  }

  @Override
  public int hashCode() {
    return endpoint.hashCode() * 31 + provider.hashCode();
  }

  @Override
  public String toString() {
    return "Route[" + endpoint.id() + " via " + provider.slug() + "]";
  }
}
