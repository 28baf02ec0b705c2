package dev.router4j.api.spi;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Endpoint;
import java.time.Duration;
import java.util.Objects;

/**
 * What the router hands an adapter for one attempt: the request (already resolved to one
 * model), the endpoint chosen for it, the credential to use and the time the attempt may take.
 *
 * @param request the request; its {@code model} is the catalog slug, the adapter sends
 *     {@link Endpoint#upstreamModel()}
 * @param endpoint the endpoint to call
 * @param credential the credential, or null for hosts that need none (local servers)
 * @param timeout how long the whole attempt may take; the adapter bounds its call by it,
 *     except for a {@link PulledStream}, whose reader keeps the time
 */
public record ProviderCall(
    ChatRequest request, Endpoint endpoint, Credential credential, Duration timeout) {
  /** Checks the fields. */
  public ProviderCall {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String toString() {
    return "ProviderCall[" + endpoint.id() + ", credential="
        + (credential == null ? "none" : credential.label()) + ", timeout=" + timeout + "]";
  }
}
