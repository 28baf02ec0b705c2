package dev.router4j.internal.routing;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.spi.Provider;

/**
 * One step of a route plan: an endpoint and the registered provider that can call it.
 *
 * @param endpoint the catalog endpoint
 * @param provider the registered provider serving it
 */
public record Route(Endpoint endpoint, Provider provider) {}
