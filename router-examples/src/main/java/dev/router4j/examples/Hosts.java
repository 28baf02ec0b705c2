package dev.router4j.examples;

import dev.router4j.Router;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.spi.Provider;
import dev.router4j.catalog.Catalog;
import dev.router4j.catalog.EndpointStats;
import dev.router4j.examples.simulator.LoopbackSimulator;
import dev.router4j.examples.simulator.ModelSpec;
import dev.router4j.examples.simulator.Protocol;
import dev.router4j.examples.simulator.ProviderSpec;
import dev.router4j.providers.Anthropic;
import dev.router4j.providers.Gemini;
import dev.router4j.providers.OpenAi;
import dev.router4j.providers.OpenAiCompatible;
import dev.router4j.providers.ProviderBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * Where the examples and the tour send their requests: the real providers whose API keys are
 * set, or else a fleet of simulated providers on 127.0.0.1 that mirrors the bundled catalog (the
 * same provider slugs, upstream model names, prices and relative speeds), so that the same
 * routing code runs with and without keys.
 *
 * <p>Simulated hosts are reached through the real provider builders ({@link OpenAi},
 * {@link Anthropic}, {@link Gemini}, {@link OpenAiCompatible} presets), only with the
 * simulator's base URL and key, and each speaks its real wire protocol. The router's catalog is
 * the bundled one, narrowed to the simulated models and endpoints, with their list prices.
 *
 * <p>Keys are read from {@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}, {@code GEMINI_API_KEY}
 * and {@code OPENROUTER_API_KEY}. The system property {@code router4j.examples.simulate=true}
 * ignores them (the tests set it).
 */
public final class Hosts implements AutoCloseable {
  /** The environment variables holding the keys the examples can use, in order. */
  public static final List<String> KEY_VARIABLES = List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY",
      "GEMINI_API_KEY", "OPENROUTER_API_KEY");

  /** Set to {@code true} to ignore every key and always use the simulator. */
  public static final String SIMULATE_PROPERTY = "router4j.examples.simulate";

  /** The bundled-catalog models the simulated fleet serves, with every endpoint it can mirror. */
  public static final List<String> SIMULATED_MODELS = List.of(
      "openai/gpt-4.1-mini",
      "openai/gpt-4.1",
      "anthropic/claude-haiku-4.5",
      "anthropic/claude-sonnet-4.5",
      "google/gemini-2.5-flash",
      "meta-llama/llama-3.3-70b-instruct",
      "meta-llama/llama-3.3-70b-instruct:free",
      "qwen/qwen3-coder",
      "google/gemma-3-27b-it:free");

  /** Catalog providers reached through another protocol or auth than the simulator offers. */
  private static final Set<String> NOT_SIMULATED = Set.of("azure", "amazon-bedrock",
      "google-vertex");

  /** The simulator runs this many times faster than the catalog's latency and speed priors. */
  private static final double SPEEDUP = 5.0;

  private final LoopbackSimulator simulator;
  private final Catalog catalog;
  private final OkHttpClient client;
  private final List<Provider> providers;
  private final Set<String> served;
  private final List<String> keysUsed;

  private Hosts(LoopbackSimulator simulator, Catalog catalog, OkHttpClient client,
      List<Provider> providers, List<String> keysUsed) {
    this.simulator = simulator;
    this.catalog = catalog;
    this.client = client;
    this.providers = List.copyOf(providers);
    this.keysUsed = List.copyOf(keysUsed);
    this.served = servedModels(catalog, this.providers);
  }

  // ---- choosing -----------------------------------------------------------------------------

  /**
   * The value of a key variable, or null when it is unset, blank, or the simulator is forced
   * with {@value #SIMULATE_PROPERTY}.
   */
  public static String env(String variable) {
    if (Boolean.getBoolean(SIMULATE_PROPERTY)) {
      return null;
    }
    String v = System.getenv(variable);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** The key variables that are set, by name. */
  public static Map<String, String> keysFromEnvironment() {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String name : KEY_VARIABLES) {
      String v = env(name);
      if (v != null) {
        keys.put(name, v);
      }
    }
    return keys;
  }

  /**
   * The real providers when the keys that are set can serve every one of {@code models}, else
   * the simulated fleet. Prints one line saying which.
   */
  public static Hosts start(String... models) {
    Map<String, String> keys = keysFromEnvironment();
    if (!keys.isEmpty()) {
      Hosts live = live(keys);
      if (live.servesAll(models)) {
        System.out.println("[live: " + String.join(", ", live.keysUsed) + "]");
        return live;
      }
      live.close();
    }
    Hosts sim = simulated();
    System.out.println("[simulator on 127.0.0.1: set " + keyHint(models)
        + " to call the real provider]");
    return sim;
  }

  /** Which single key serves every one of the models, for a hint: {@code A or B}. */
  static String keyHint(String... models) {
    List<String> names = new ArrayList<>();
    for (String key : List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY")) {
      boolean all = models.length > 0;
      for (String m : models) {
        boolean some = false;
        for (Endpoint e : Catalog.bundled().endpoints(m)) {
          some |= key.equals(keyFor(e.provider()));
        }
        all &= some;
      }
      if (all) {
        names.add(key);
      }
    }
    names.add("OPENROUTER_API_KEY");
    return String.join(" or ", names);
  }

  private static String keyFor(String provider) {
    switch (provider) {
      case "openai": return "OPENAI_API_KEY";
      case "anthropic": return "ANTHROPIC_API_KEY";
      case Gemini.SLUG: return "GEMINI_API_KEY";
      default: return null;
    }
  }

  // ---- the simulated fleet ------------------------------------------------------------------

  /** The simulated fleet, seed 42. */
  public static Hosts simulated() {
    return simulated(42);
  }

  /**
   * Starts a simulator serving {@link #SIMULATED_MODELS} as the bundled catalog lists them: one
   * simulated provider per catalog provider, each model at its catalog upstream name, price
   * and (sped up) latency and throughput, with answers seeded by {@code seed}.
   */
  public static Hosts simulated(long seed) {
    Catalog catalog = Catalog.bundled();
    Catalog.Builder mirrored = Catalog.builder().pricesTaken(catalog.pricesTaken().orElse(null));
    Map<String, ProviderSpec.Builder> specs = new LinkedHashMap<>();
    for (String slug : SIMULATED_MODELS) {
      mirrored.model(catalog.model(slug).orElseThrow());
      for (Endpoint e : catalog.endpoints(slug)) {
        if (NOT_SIMULATED.contains(e.provider())) {
          continue;
        }
        mirrored.endpoint(e, catalog.priors(e));
        ProviderSpec.Builder p = specs.computeIfAbsent(e.provider(),
            k -> ProviderSpec.builder(k, protocol(k)).displayName(e.providerName())
                .apiKey("sk-sim-" + k + "-0000"));
        specs.put(e.provider(), p.model(spec(e, catalog.priors(e), seed)));
      }
    }
    LoopbackSimulator.Builder b = LoopbackSimulator.builder();
    for (ProviderSpec.Builder p : specs.values()) {
      b = b.provider(p.build());
    }
    LoopbackSimulator sim = b.start();
    OkHttpClient client = newClient();
    List<Provider> providers = new ArrayList<>();
    for (String slug : specs.keySet()) {
      providers.add(simulatedProvider(sim, slug, client));
    }
    return new Hosts(sim, mirrored.build(), client, providers, List.of());
  }

  private static ModelSpec spec(Endpoint e, EndpointStats priors, long seed) {
    Double tps = priors.throughputP50();
    Double ttft = priors.latencyP50();
    return ModelSpec.builder(e.model())
        .upstreamModel(e.upstreamModel())
        .pricing(e.pricing())
        .contextLength(e.contextLength())
        .timeToFirstToken(Duration.ofMillis(Math.round((ttft == null ? 0.4 : ttft) * 1000 / SPEEDUP)))
        .tokensPerSecond((tps == null ? 80 : tps) * SPEEDUP)
        .outputTokens(12, 28)
        .callsTools(true)
        .seed(seed * 31 + e.id().hashCode())
        .build();
  }

  private static Protocol protocol(String provider) {
    switch (provider) {
      case "anthropic": return Protocol.ANTHROPIC;
      case Gemini.SLUG: return Protocol.GEMINI;
      default: return Protocol.OPENAI;
    }
  }

  /** The real builder for the provider, pointed at the simulator. */
  private static Provider simulatedProvider(LoopbackSimulator sim, String slug,
      OkHttpClient client) {
    switch (slug) {
      case "openai": return pointAt(sim, OpenAi.builder(), slug).client(client).build();
      case "anthropic": return pointAt(sim, Anthropic.builder(), slug).client(client).build();
      case Gemini.SLUG: return pointAt(sim, Gemini.builder(), slug).client(client).build();
      default:
        OpenAiCompatible.Builder b = OpenAiCompatible.presets().contains(slug)
            ? OpenAiCompatible.preset(slug) : OpenAiCompatible.builder(slug);
        return pointAt(sim, b, slug).client(client).build();
    }
  }

  private static <B extends ProviderBuilder<B>> B pointAt(LoopbackSimulator sim, B builder,
      String slug) {
    return builder.baseUrl(sim.baseUrl(slug)).apiKey(sim.apiKey(slug));
  }

  /**
   * A provider builder pointed at this fleet's stand-in for the provider: its base URL and key.
   *
   * @throws IllegalStateException when these are not simulated hosts
   */
  public <B extends ProviderBuilder<B>> B pointAt(B builder, String providerSlug) {
    if (simulator == null) {
      throw new IllegalStateException("these hosts are real, not simulated");
    }
    return pointAt(simulator, builder, providerSlug).client(client);
  }

  // ---- the real providers -------------------------------------------------------------------

  /**
   * The real providers for the given keys (by variable name). OpenRouter, when its key is
   * given, serves every bundled model at the price of the model's first catalog endpoint.
   */
  public static Hosts live(Map<String, String> keys) {
    OkHttpClient client = newClient();
    List<Provider> providers = new ArrayList<>();
    List<String> used = new ArrayList<>();
    keys.forEach((name, key) -> {
      switch (name) {
        case "OPENAI_API_KEY":
          providers.add(OpenAi.builder().apiKey(key).client(client).build());
          break;
        case "ANTHROPIC_API_KEY":
          providers.add(Anthropic.builder().apiKey(key).client(client).build());
          break;
        case "GEMINI_API_KEY":
          providers.add(Gemini.builder().apiKey(key).client(client).build());
          break;
        case "OPENROUTER_API_KEY":
          providers.add(openRouter(key, client));
          break;
        default:
          return;
      }
      used.add(name);
    });
    return new Hosts(null, Catalog.bundled(), client, providers, used);
  }

  private static Provider openRouter(String key, OkHttpClient client) {
    OpenAiCompatible.Builder b = OpenAiCompatible.preset("openrouter").apiKey(key).client(client)
        .attribution("https://github.com/router4j/router4j", "router4j examples");
    Catalog catalog = Catalog.bundled();
    for (Model m : catalog.models()) {
      List<Endpoint> eps = catalog.endpoints(m.id());
      if (eps.isEmpty()) {
        continue;
      }
      Endpoint first = eps.get(0);
      b.endpoint(Endpoint.builder("openrouter", m.id()).providerName("OpenRouter")
          .upstreamModel(m.id()).pricing(first.pricing()).contextLength(first.contextLength())
          .maxCompletionTokens(first.maxCompletionTokens())
          .supportedParameters(m.supportedParameters().isEmpty() ? first.supportedParameters()
              : m.supportedParameters())
          .build());
    }
    return b.build();
  }

  // ---- use ----------------------------------------------------------------------------------

  /**
   * A router builder with every provider registered and the catalog: the bundled one for real
   * providers, its simulated models alone for the simulator.
   */
  public Router.Builder router() {
    Router.Builder b = Router.builder().catalog(catalog);
    for (Provider p : providers) {
      b.provider(p);
    }
    return b;
  }

  /** The catalog the router is given. */
  public Catalog catalog() {
    return catalog;
  }

  /** The providers, simulated or real. */
  public List<Provider> providers() {
    return providers;
  }

  /** Whether the hosts are the simulator's. */
  public boolean isSimulated() {
    return simulator != null;
  }

  /** The simulator, or null for real hosts. */
  public LoopbackSimulator simulator() {
    return simulator;
  }

  /** The key variables the real providers use (empty when simulated). */
  public List<String> keysUsed() {
    return keysUsed;
  }

  /** Whether some registered provider serves the model (a slug without variant suffixes). */
  public boolean serves(String model) {
    return served.contains(model);
  }

  /** Whether every model is served. */
  public boolean servesAll(String... models) {
    for (String m : models) {
      if (!serves(m)) {
        return false;
      }
    }
    return true;
  }

  /** The first of the models that is served, or null. */
  public String firstServed(String... models) {
    for (String m : models) {
      if (serves(m)) {
        return m;
      }
    }
    return null;
  }

  /**
   * The endpoints of the model that a registered provider serves: the bundled catalog's, then
   * the providers' own (which replace catalog endpoints of the same id).
   */
  public List<Endpoint> endpoints(String model) {
    Map<String, Endpoint> byId = new LinkedHashMap<>();
    Set<String> slugs = new LinkedHashSet<>(providerSlugs());
    for (Endpoint e : catalog.endpoints(model)) {
      if (slugs.contains(e.provider())) {
        byId.put(e.id(), e);
      }
    }
    for (Provider p : providers) {
      for (Endpoint e : p.endpoints()) {
        if (e.model().equals(model)) {
          byId.put(e.id(), e);
        }
      }
    }
    return List.copyOf(byId.values());
  }

  /** The slugs of the registered providers. */
  public List<String> providerSlugs() {
    List<String> out = new ArrayList<>();
    for (Provider p : providers) {
      out.add(p.slug());
    }
    return out;
  }

  private static Set<String> servedModels(Catalog catalog, List<Provider> providers) {
    Set<String> slugs = new LinkedHashSet<>();
    for (Provider p : providers) {
      slugs.add(p.slug());
    }
    Set<String> out = new LinkedHashSet<>();
    for (Endpoint e : catalog.endpoints()) {
      if (slugs.contains(e.provider())) {
        out.add(e.model());
      }
    }
    for (Provider p : providers) {
      for (Endpoint e : p.endpoints()) {
        out.add(e.model());
      }
    }
    return out;
  }

  private static OkHttpClient newClient() {
    // One client for every provider, so that close() can end its threads: streams run on
    // OkHttp's dispatcher, whose idle threads would otherwise linger for a minute.
    okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(256);
    return new OkHttpClient.Builder().dispatcher(dispatcher).retryOnConnectionFailure(false)
        .connectTimeout(10, TimeUnit.SECONDS).build();
  }

  /** Stops the simulator, if any, and the HTTP client's threads and connections. */
  @Override
  public void close() {
    if (simulator != null) {
      simulator.close();
    }
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return isSimulated()
        ? "simulator: " + providers.size() + " providers " + providerSlugs()
        : "live: " + String.join(", ", keysUsed);
  }
}
