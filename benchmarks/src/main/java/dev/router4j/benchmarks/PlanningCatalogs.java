package dev.router4j.benchmarks;

import dev.router4j.api.catalog.DataPolicy;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.routing.Quantization;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.Ticker;
import dev.router4j.catalog.Catalog;
import dev.router4j.internal.routing.EndpointRegistry;
import dev.router4j.internal.routing.HealthTracker;
import dev.router4j.internal.routing.Planner;
import dev.router4j.internal.routing.StickyRoutes;
import dev.router4j.internal.tokens.TokenEstimator;
import dev.router4j.providers.OpenAiCompatible;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The planning benchmarks' catalog: 400 models over 60 providers, generated deterministically.
 * {@code sparse}: each model is served by 3 providers (1,200 endpoints); {@code dense}: by all
 * 60 (24,000 endpoints). Prices, context lengths, quantizations, data policies and supported
 * parameters vary by endpoint, so that every preference filter and sort has work to do.
 * Providers are OpenAI-compatible hosts at an address never called (planning does no I/O).
 */
public final class PlanningCatalogs {
  /** Models in the catalog. */
  public static final int MODELS = 400;
  /** Providers in the catalog. */
  public static final int PROVIDERS = 60;

  private static final Quantization[] QUANTS = {
    Quantization.FP8, Quantization.BF16, Quantization.INT8, Quantization.FP16, Quantization.INT4,
    Quantization.UNKNOWN
  };
  private static final Set<String> ALL_PARAMS = Set.of("max_tokens", "temperature", "top_p",
      "stop", "seed", "tools", "tool_choice", "response_format", "structured_outputs");
  private static final Set<String> FEW_PARAMS = Set.of("max_tokens", "temperature", "top_p",
      "stop");

  private PlanningCatalogs() {}

  /** The slug of model {@code i}. */
  public static String model(int i) {
    return "author-" + (i % 23) + "/model-" + i;
  }

  /** The slug of provider {@code p}. */
  public static String provider(int p) {
    return String.format(java.util.Locale.ROOT, "prov-%02d", p);
  }

  /** Providers per model for the shape. */
  public static int providersPerModel(String shape) {
    switch (shape) {
      case "sparse": return 3;
      case "dense": return PROVIDERS;
      default: throw new IllegalArgumentException("shape must be sparse or dense: " + shape);
    }
  }

  /** The models. */
  public static List<Model> models() {
    List<Model> out = new ArrayList<>(MODELS);
    for (int i = 0; i < MODELS; i++) {
      out.add(new Model(model(i), null, "Model " + i, 1_700_000_000L + i, null,
          32_000 + 1_000 * (i % 97), null, null, null, ALL_PARAMS, null, false));
    }
    return out;
  }

  /** The endpoints of the shape, in a fixed order. */
  public static List<Endpoint> endpoints(String shape) {
    int per = providersPerModel(shape);
    SplittableRandom rnd = new SplittableRandom(20261126L);
    List<Endpoint> out = new ArrayList<>(MODELS * per);
    for (int i = 0; i < MODELS; i++) {
      for (int k = 0; k < per; k++) {
        int p = per == PROVIDERS ? k : (i + k * 17) % PROVIDERS;
        BigDecimal prompt = BigDecimal.valueOf(5 + rnd.nextInt(500), 2); // $0.05–$5.04 / M
        BigDecimal completion = prompt.multiply(BigDecimal.valueOf(4));
        out.add(Endpoint.builder(provider(p), model(i))
            .providerName("Provider " + p)
            .pricing(Pricing.perMillion(prompt.toPlainString(),
                completion.setScale(2, RoundingMode.UNNECESSARY).toPlainString()))
            .contextLength(16_000 + 8_000 * rnd.nextInt(16))
            .maxCompletionTokens(4_096 + 1_024 * rnd.nextInt(8))
            .quantization(QUANTS[rnd.nextInt(QUANTS.length)])
            .supportedParameters(rnd.nextInt(4) == 0 ? FEW_PARAMS : ALL_PARAMS)
            .dataPolicy(rnd.nextInt(3) == 0 ? DataPolicy.UNKNOWN : DataPolicy.ZDR)
            .build());
      }
    }
    return out;
  }

  /** The catalog of the shape. */
  public static Catalog catalog(List<Model> models, List<Endpoint> endpoints) {
    Catalog.Builder b = Catalog.builder();
    for (Model m : models) {
      b.model(m);
    }
    b.endpoints(endpoints);
    return b.build();
  }

  /** The 60 providers (never called). */
  public static List<Provider> providers() {
    List<Provider> out = new ArrayList<>(PROVIDERS);
    for (int p = 0; p < PROVIDERS; p++) {
      out.add(OpenAiCompatible.builder(provider(p)).baseUrl("http://127.0.0.1:9/v1")
          .apiKey("sk-never-used").build());
    }
    return out;
  }

  /** The registry a router builds over the catalog (as {@code Router.build} does). */
  public static EndpointRegistry registry(Catalog catalog, List<Provider> providers) {
    return EndpointRegistry.of(catalog.models(), catalog.endpoints(), providers,
        e -> orNaN(catalog.priors(e).throughputP50()), e -> orNaN(catalog.priors(e).latencyP50()));
  }

  /** A planner as a router makes it: seeded draw, sticky routes, the token estimator. */
  public static Planner planner(EndpointRegistry registry) {
    Ticker ticker = Ticker.system();
    return new Planner(registry, new HealthTracker(ticker), new SplittableRandom(42),
        TokenEstimator::promptTokens, null, null).withSticky(new StickyRoutes(ticker, 100_000));
  }

  private static double orNaN(Double d) {
    return d == null ? Double.NaN : d;
  }
}
