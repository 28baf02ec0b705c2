package dev.router4j.api.spi;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.internal.Checks;
import java.util.List;
import java.util.Objects;

/**
 * A provider as registered with the router: its slug, the adapter that speaks its protocol,
 * its credentials, and any models and endpoints it brings beyond the catalog (a self-hosted
 * model, a negotiated price). Built by the factories in {@code dev.router4j.providers}.
 *
 * @param slug the provider slug, matched against catalog endpoints and preferences
 * @param adapter the protocol adapter
 * @param credentials the keys to use, shared by {@linkplain Credential#weight() weight} (empty
 *     for hosts without auth)
 * @param models models to add to the catalog
 * @param endpoints endpoints to add to or override in the catalog
 */
public record Provider(
    String slug,
    ProviderAdapter adapter,
    List<Credential> credentials,
    List<Model> models,
    List<Endpoint> endpoints) {

  /** Checks and copies the fields. */
  public Provider {
    Checks.required(slug, "slug");
    Checks.notBlank(slug, "slug");
    Objects.requireNonNull(adapter, "adapter");
    credentials = Checks.list(credentials, "credentials");
    models = Checks.list(models, "models");
    endpoints = Checks.list(endpoints, "endpoints");
    for (Endpoint e : endpoints) {
      if (!e.provider().equals(slug)) {
        throw new IllegalArgumentException(
            "endpoint " + e.id() + " belongs to provider " + e.provider() + ", not " + slug);
      }
    }
  }

  @Override
  public String toString() {
    return "Provider[" + slug + ", " + adapter.protocol() + ", " + credentials.size()
        + " credential(s), " + endpoints.size() + " endpoint(s)]";
  }
}
