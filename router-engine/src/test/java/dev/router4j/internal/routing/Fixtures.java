package dev.router4j.internal.routing;

import dev.router4j.api.catalog.DataPolicy;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.routing.Quantization;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.testing.NoCalls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Catalog fixtures for planner tests: endpoints built from short specs, providers that never call out. */
final class Fixtures {
  private Fixtures() {}

  /** A ticker the test moves by hand. */
  static final class ManualTicker implements dev.router4j.api.spi.Ticker {
    final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long read() {
      return now.get();
    }

    void advanceSeconds(double s) {
      now.addAndGet((long) (s * 1e9));
    }
  }

  static final ProviderAdapter NO_CALLS = NoCalls.adapter("planner tests make no calls");

  static Endpoint.Builder endpoint(String tag, String model, String promptPerM, String completionPerM) {
    String provider = tag.contains("/") ? tag.substring(0, tag.indexOf('/')) : tag;
    return Endpoint.builder(provider, model).tag(tag)
        .pricing(Pricing.perMillion(promptPerM, completionPerM))
        .dataPolicy(new DataPolicy(false, null, false, false))
        .quantization(Quantization.FP16);
  }

  /** A registry where each endpoint's provider is registered with a non-calling adapter. */
  static EndpointRegistry registry(List<Endpoint> endpoints) {
    Map<String, List<Endpoint>> byProvider = new LinkedHashMap<>();
    for (Endpoint e : endpoints) {
      byProvider.computeIfAbsent(e.provider(), k -> new ArrayList<>()).add(e);
    }
    List<Provider> providers = new ArrayList<>();
    byProvider.forEach((slug, eps) -> providers.add(new Provider(slug, NO_CALLS, List.of(), List.of(), eps)));
    return EndpointRegistry.of(providers);
  }
}
