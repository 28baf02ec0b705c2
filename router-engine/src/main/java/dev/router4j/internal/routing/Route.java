package dev.router4j.internal.routing;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.Provider;
import java.util.List;
import java.util.Objects;

/**
 * One step of a route plan: an endpoint and the registered provider that can call it, with
 * what planning asks of every route on every call worked out once: the blended price, the
 * endpoint's id (a fresh concatenation each time {@link Endpoint#id()} is called), whether
 * its tag names a priority or flex tier, and whether the provider has a key for its model
 * (a provider's keys are fixed, so this is known when the route is built).
 */
public final class Route {
  /** Not read yet: priors are looked up on first use (see {@link EndpointRegistry}). */
  static final double UNREAD = Double.NEGATIVE_INFINITY;

  private final Endpoint endpoint;
  private final Provider provider;
  private final double price;
  private final String id;
  private final boolean priorityTier;
  private final boolean flexTier;
  private final boolean lacksKey;
  /** The registry's throughput and latency hints, cached by the registry that built the route. */
  volatile double throughputPrior = UNREAD;
  volatile double latencyPrior = UNREAD;

  /** A route to the endpoint through the provider. */
  public Route(Endpoint endpoint, Provider provider) {
    this(endpoint, provider, Objects.requireNonNull(endpoint, "endpoint").id());
  }

  /** A route whose endpoint id the caller has already worked out. */
  Route(Endpoint endpoint, Provider provider, String id) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.id = id;
    Pricing p = endpoint.pricing();
    this.price = p.prompt().add(p.completion()).doubleValue() * 1e6;
    this.priorityTier = endpoint.tag().endsWith("/priority");
    this.flexTier = endpoint.tag().endsWith("/flex");
    this.lacksKey = lacksKey(provider.credentials(), endpoint.model());
  }

  private static boolean lacksKey(List<Credential> keys, String model) {
    for (Credential key : keys) {
      if (key.servesModel(model)) {
        return false;
      }
    }
    return !keys.isEmpty();
  }

  /** The catalog endpoint. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** The registered provider serving it. */
  public Provider provider() {
    return provider;
  }

  /** The endpoint's id, {@code tag:model}, computed once. */
  public String id() {
    return id;
  }

  /** Prompt plus completion price, dollars per million tokens: what price sorting compares. */
  public double price() {
    return price;
  }

  /** Whether the endpoint is a priority tier ({@code …/priority}), eligible only on request. */
  boolean isPriorityTier() {
    return priorityTier;
  }

  /** Whether the endpoint is a flex tier ({@code …/flex}), eligible only on request. */
  boolean isFlexTier() {
    return flexTier;
  }

  /**
   * Whether the provider has keys but none {@linkplain Credential#servesModel(String) serves}
   * the endpoint's model, so that the route cannot be called (a provider without keys needs
   * none).
   */
  public boolean lacksKey() {
    return lacksKey;
  }

  /** Why the route cannot be called when it {@link #lacksKey() lacks a key}: the keys by label. */
  public String noKeyReason() {
    List<String> labels = new java.util.ArrayList<>();
    for (Credential key : provider.credentials()) {
      labels.add(key.label());
    }
    return "no key for this model: the keys of " + provider.slug() + " " + labels
        + " are restricted to other models";
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
    return "Route[" + id + " via " + provider.slug() + "]";
  }
}
