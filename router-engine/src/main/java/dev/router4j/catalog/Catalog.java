package dev.router4j.catalog;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.internal.catalog.CatalogReader;
import dev.router4j.internal.catalog.CatalogReader.Document;
import dev.router4j.internal.catalog.CatalogReader.Entry;
import dev.router4j.internal.catalog.CatalogReader.Expect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The models the router knows, the endpoints (provider × model) that serve them, their exact
 * prices and limits, and statistics priors: the planner's input, and the in-process twin of
 * OpenRouter's model pages.
 *
 * <p>A catalog is immutable and thread-safe. Everything is indexed once, when it is built, so
 * lookups by model slug, endpoint id or provider are hash lookups and never scan.
 *
 * <pre>{@code
 * Catalog catalog = Catalog.bundled().toBuilder()
 *     .pricing("openai:openai/gpt-4.1", Pricing.perMillion("1.60", "6.40"))   // negotiated
 *     .endpoint(Endpoint.builder("vllm", "meta-llama/llama-3.1-8b-instruct")  // self-hosted
 *         .upstreamModel("meta-llama/Llama-3.1-8B-Instruct").pricing(Pricing.FREE)
 *         .contextLength(32_768).build())
 *     .removeProvider("deepseek")
 *     .build();
 * catalog.endpoints("openai/gpt-4.1");                                        // who serves it
 * catalog.query().supports("tools").minContext(100_000).sortBy(CatalogQuery.SortKey.PRICE).list();
 * System.out.println(catalog.compare("meta-llama/llama-3.3-70b-instruct"));   // a price table
 * }</pre>
 *
 * <p>Sources: {@link #bundled()} (a hand-made snapshot of real models and list prices, see
 * {@link #pricesTaken()}), files in OpenRouter's JSON shapes ({@link #load(Path)},
 * {@link Builder#loadModels(Path)}, {@link Builder#loadEndpoints(Path)}), and code
 * ({@link #builder()}, {@link #toBuilder()}).
 */
public final class Catalog {
  private static final String BUNDLED_RESOURCE = "catalog.json";

  private final List<Model> models;
  private final Map<String, Model> modelsById;
  private final List<Endpoint> endpoints;
  private final Map<String, List<Endpoint>> endpointsByModel;
  private final Map<String, Endpoint> endpointsById;
  private final Map<String, List<Endpoint>> endpointsByProvider;
  private final Map<String, EndpointStats> stats;
  private final Set<String> providers;
  /** Models made up from their endpoints (no Model was given); rebuilt again by toBuilder. */
  private final Set<String> synthesized;
  private final LocalDate pricesTaken;

  private Catalog(Builder b) {
    int modelCount = b.slots.size();
    List<Model> modelList = new ArrayList<>(modelCount);
    Map<String, Model> byId = new HashMap<>(capacity(modelCount));
    Map<String, List<Endpoint>> byModel = new HashMap<>(capacity(modelCount));
    Map<String, Endpoint> byEndpointId = new HashMap<>(capacity(b.endpointModel.size()));
    Map<String, List<Endpoint>> byProviderBuilding = new LinkedHashMap<>();
    List<Endpoint> all = new ArrayList<>(b.endpointModel.size());
    Set<String> made = new HashSet<>();
    for (Slot slot : b.slots.values()) {
      Model m = slot.model;
      if (m == null) {
        m = synthesize(slot);
        made.add(m.id());
      }
      modelList.add(m);
      byId.put(m.id(), m);
      if (slot.endpoints.isEmpty()) {
        continue;
      }
      List<Endpoint> eps = List.copyOf(slot.endpoints.values());
      byModel.put(m.id(), eps);
      // The slot is keyed by endpoint id already: no need to build each id again.
      for (Map.Entry<String, Endpoint> entry : slot.endpoints.entrySet()) {
        Endpoint e = entry.getValue();
        all.add(e);
        byEndpointId.put(entry.getKey(), e);
        byProviderBuilding.computeIfAbsent(e.provider(), k -> new ArrayList<>()).add(e);
      }
    }
    Map<String, List<Endpoint>> byProvider = new HashMap<>(capacity(byProviderBuilding.size()));
    byProviderBuilding.forEach((p, list) -> byProvider.put(p, Collections.unmodifiableList(list)));
    Map<String, EndpointStats> statsCopy = new HashMap<>(capacity(b.stats.size()));
    b.stats.forEach((id, s) -> {
      if (byEndpointId.containsKey(id)) {
        statsCopy.put(id, s);
      }
    });
    this.models = Collections.unmodifiableList(modelList);
    this.modelsById = Collections.unmodifiableMap(byId);
    this.endpoints = Collections.unmodifiableList(all);
    this.endpointsByModel = Collections.unmodifiableMap(byModel);
    this.endpointsById = Collections.unmodifiableMap(byEndpointId);
    this.endpointsByProvider = Collections.unmodifiableMap(byProvider);
    this.stats = Collections.unmodifiableMap(statsCopy);
    this.providers = Collections.unmodifiableSet(new LinkedHashSet<>(byProviderBuilding.keySet()));
    this.synthesized = made;
    this.pricesTaken = b.pricesTaken;
  }

  private static int capacity(int n) {
    return Math.max(16, (int) (n / 0.75f) + 1);
  }

  /** A model known only through endpoints added from code: its slug, largest context, params. */
  private static Model synthesize(Slot slot) {
    int context = 0;
    Set<String> params = new HashSet<>();
    for (Endpoint e : slot.endpoints.values()) {
      context = Math.max(context, e.contextLength());
      params.addAll(e.supportedParameters());
    }
    return new Model(slot.id, null, null, 0, null, context, null, null, null, params, null, false);
  }

  // ---- sources ---------------------------------------------------------------------------

  /**
   * The catalog bundled with router4j: real, current models of OpenAI, Anthropic, Google,
   * Mistral, DeepSeek, Meta, Qwen, Moonshot, MiniMax, Z.ai and xAI with the providers that
   * serve them (first parties and hosts such as Groq, Together, Fireworks, DeepInfra, Azure,
   * Google Vertex, Amazon Bedrock and Cerebras) at their list prices.
   *
   * <p>The prices were compiled by hand on {@link #pricesTaken()} and are not updated at run
   * time: check them, and override what you negotiated with {@link #toBuilder()}. It is read
   * once and cached; every call returns the same instance.
   *
   * @return the bundled catalog
   */
  public static Catalog bundled() {
    return Bundled.CATALOG;
  }

  private static final class Bundled {
    static final Catalog CATALOG = loadBundled();

    private static Catalog loadBundled() {
      try (InputStream in = Catalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the bundled catalog resource "
              + "dev/router4j/catalog/" + BUNDLED_RESOURCE + " is missing from router-engine");
        }
        return builder().load(in, "bundled dev/router4j/catalog/" + BUNDLED_RESOURCE).build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Reads a catalog file: the bundled format, a saved OpenRouter {@code GET /api/v1/models}
   * dump, or a saved {@code GET /api/v1/models/{author}/{slug}/endpoints} dump. See
   * {@link Builder#load(Path)}.
   *
   * @param file the JSON file
   * @return the catalog
   * @throws CatalogFormatException when the file is malformed; the message names the file and
   *     the JSON path
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Catalog load(Path file) {
    return builder().load(file).build();
  }

  /**
   * Reads a catalog from a stream, which is closed. See {@link Builder#load(Path)}.
   *
   * @param in the JSON
   * @return the catalog
   * @throws CatalogFormatException when the document is malformed
   * @throws UncheckedIOException when the stream cannot be read
   */
  public static Catalog load(InputStream in) {
    return builder().load(in, "<stream>").build();
  }

  /**
   * Reads a catalog from a stream, which is closed, naming it in error messages.
   *
   * @param in the JSON
   * @param sourceName the name to use in error messages, such as a file or resource name
   * @return the catalog
   * @throws CatalogFormatException when the document is malformed
   * @throws UncheckedIOException when the stream cannot be read
   */
  public static Catalog load(InputStream in, String sourceName) {
    return builder().load(in, sourceName).build();
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this catalog's models, endpoints and statistics, to change a copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.addAll(this);
    b.pricesTaken = pricesTaken;
    return b;
  }

  // ---- lookups ---------------------------------------------------------------------------

  /**
   * The model with the given slug, exactly (variant suffixes such as {@code :free} are part
   * of the slug of the static variants and are not resolved here).
   *
   * @param slug the model slug, for example {@code openai/gpt-4.1}
   * @return the model, or empty when the catalog does not have it
   */
  public Optional<Model> model(String slug) {
    return Optional.ofNullable(modelsById.get(slug));
  }

  /**
   * Whether the catalog has the model.
   *
   * @param modelSlug the model slug
   * @return true when {@link #model(String)} would find it
   */
  public boolean contains(String modelSlug) {
    return modelsById.containsKey(modelSlug);
  }

  /**
   * The endpoints serving a model, in catalog order.
   *
   * @param modelSlug the model slug
   * @return an unmodifiable list, empty when the model is unknown or has no endpoint
   */
  public List<Endpoint> endpoints(String modelSlug) {
    List<Endpoint> list = endpointsByModel.get(modelSlug);
    return list == null ? List.of() : list;
  }

  /**
   * The endpoint with the given id ({@link Endpoint#id()}: {@code tag:model}, for example
   * {@code deepinfra/turbo:meta-llama/llama-3.3-70b-instruct}).
   *
   * @param id the endpoint id
   * @return the endpoint, or null when there is none
   */
  public Endpoint endpoint(String id) {
    return endpointsById.get(id);
  }

  /** Every endpoint, grouped by model in catalog order. */
  public List<Endpoint> endpoints() {
    return endpoints;
  }

  /**
   * The endpoints of one provider, in catalog order.
   *
   * @param providerSlug the provider slug, for example {@code groq}
   * @return an unmodifiable list, empty when the provider serves nothing here
   */
  public List<Endpoint> providerEndpoints(String providerSlug) {
    List<Endpoint> list = endpointsByProvider.get(providerSlug);
    return list == null ? List.of() : list;
  }

  /** Every model, in catalog order. */
  public List<Model> models() {
    return models;
  }

  /** The slugs of the providers with at least one endpoint, in order of first appearance. */
  public Set<String> providers() {
    return providers;
  }

  /** The number of models. */
  public int size() {
    return models.size();
  }

  /** The number of endpoints. */
  public int endpointCount() {
    return endpoints.size();
  }

  /**
   * The statistics priors of an endpoint: uptime, throughput and latency as the catalog file
   * gave them ({@link EndpointStats#NONE} when it gave none).
   *
   * @param endpoint an endpoint of this catalog (matched by id)
   * @return the priors, never null
   */
  public EndpointStats priors(Endpoint endpoint) {
    return priors(endpoint.id());
  }

  /**
   * The statistics priors of the endpoint with the given id.
   *
   * @param endpointId the endpoint id
   * @return the priors, {@link EndpointStats#NONE} when unknown
   */
  public EndpointStats priors(String endpointId) {
    EndpointStats s = stats.get(endpointId);
    return s == null ? EndpointStats.NONE : s;
  }

  /** The date the prices were taken, when the source said. */
  public Optional<LocalDate> pricesTaken() {
    return Optional.ofNullable(pricesTaken);
  }

  // ---- views -----------------------------------------------------------------------------

  /** A new query over this catalog's models (the model browser). */
  public CatalogQuery query() {
    return new CatalogQuery(this);
  }

  /**
   * The endpoints of one model side by side: provider, prices per million tokens, cache
   * prices, limits, quantization, data policy and priors, one row per endpoint in catalog
   * order. {@code toString()} prints it as an aligned table.
   *
   * @param modelSlug the model slug
   * @return the comparison
   * @throws NoSuchElementException when the catalog does not have the model
   */
  public Comparison compare(String modelSlug) {
    Model m = modelsById.get(modelSlug);
    if (m == null) {
      throw new NoSuchElementException("unknown model '" + modelSlug + "' (the catalog has "
          + models.size() + " models)");
    }
    List<Endpoint> eps = endpoints(modelSlug);
    List<ComparisonRow> rows = new ArrayList<>(eps.size());
    for (Endpoint e : eps) {
      rows.add(ComparisonRow.of(e, priors(e)));
    }
    return new Comparison(m, rows);
  }

  @Override
  public String toString() {
    return "Catalog[" + models.size() + " models, " + endpoints.size() + " endpoints, "
        + providers.size() + " providers" + (pricesTaken == null ? "" : ", prices of "
        + pricesTaken) + "]";
  }

  // ---- builder ---------------------------------------------------------------------------

  /** A model's place in the builder: the model (null until known) and its endpoints by id. */
  private static final class Slot {
    final String id;
    Model model;
    final LinkedHashMap<String, Endpoint> endpoints;

    Slot(String id) {
      this.id = id;
      this.endpoints = new LinkedHashMap<>(8);
    }

  }

  /**
   * Builds a {@link Catalog}: from files, from code, or both, later additions overriding
   * earlier ones. Models keep the position of their first appearance; an endpoint that
   * replaces another (same {@link Endpoint#id()}) keeps its position too.
   *
   * <p>An endpoint may be added for a model the builder has not seen; the catalog then has a
   * plain text model with that slug, the largest context of its endpoints and their
   * parameters (add a {@link Model} to describe it better).
   *
   * <p>{@link #build()} copies everything, so a built catalog never changes when the builder
   * does. Adding is a hash-map insert; building is linear in the number of endpoints. Not
   * thread-safe.
   */
  public static final class Builder {
    private final LinkedHashMap<String, Slot> slots = new LinkedHashMap<>();
    /** Endpoint id to model slug, to find an endpoint's slot. */
    private final HashMap<String, String> endpointModel = new HashMap<>();
    private final HashMap<String, EndpointStats> stats = new HashMap<>();
    private LocalDate pricesTaken;

    private Builder() {}

    // -- files --

    /**
     * Adds what a catalog file holds. Three shapes are read:
     *
     * <ul>
     *   <li>the bundled format: {@code {"prices_taken": "2025-11-30", "data": [model, ...]}}
     *       with each model object as {@code GET /api/v1/models} returns it plus an
     *       {@code "endpoints"} array of endpoint objects as {@code GET
     *       /api/v1/models/{author}/{slug}/endpoints} returns them. The listed endpoints replace
     *       the model's known endpoints.
     *   <li>a saved {@code GET /api/v1/models} dump ({@code {"data": [model, ...]}}, no
     *       endpoints): each model is added or updated; a model with no endpoint yet gets one,
     *       from its {@code top_provider} at the model's prices, served by the provider its
     *       author prefix names ({@code openai/gpt-4.1} by {@code openai}; {@code google},
     *       {@code x-ai}, {@code mistralai} and {@code qwen} map to {@code google-ai-studio},
     *       {@code xai}, {@code mistral} and {@code alibaba}). A model that already has
     *       endpoints keeps them.
     *   <li>a saved endpoints dump ({@code {"data": {"id": ..., "endpoints": [...]}}}): the
     *       endpoints replace the model's known endpoints, whatever order dumps are loaded in.
     * </ul>
     *
     * <p>Prices are decimal strings (or numbers) in US dollars per token, read exactly;
     * OpenRouter's {@code "-1"} (variable price) skips the model or endpoint. Unknown
     * quantization names read as {@code UNKNOWN}. The endpoint fields router4j adds to
     * OpenRouter's shape ({@code provider_model_id}, {@code data_policy},
     * {@code pricing.input_cache_write_1h}) are described in the bundled file's {@code note}.
     *
     * @param file the JSON file
     * @return this builder
     * @throws CatalogFormatException when the file is malformed; the message names the file and
     *     the JSON path of the problem
     * @throws UncheckedIOException when the file cannot be read
     */
    public Builder load(Path file) {
      return read(file, Expect.ANY);
    }

    /**
     * Adds what a catalog document holds; see {@link #load(Path)}. The stream is closed.
     *
     * @param in the JSON
     * @param sourceName the name to use in error messages
     * @return this builder
     * @throws CatalogFormatException when the document is malformed
     * @throws UncheckedIOException when the stream cannot be read
     */
    public Builder load(InputStream in, String sourceName) {
      return apply(CatalogReader.read(Objects.requireNonNull(in, "in"),
          Objects.requireNonNull(sourceName, "sourceName"), Expect.ANY));
    }

    /**
     * Adds a saved OpenRouter {@code GET /api/v1/models} dump (or a file in the bundled
     * format); see {@link #load(Path)}.
     *
     * @param file the JSON file
     * @return this builder
     * @throws CatalogFormatException when the file is malformed or is an endpoints dump
     * @throws UncheckedIOException when the file cannot be read
     */
    public Builder loadModels(Path file) {
      return read(file, Expect.MODELS);
    }

    /**
     * Adds a models dump from a stream, which is closed; see {@link #loadModels(Path)}.
     *
     * @param in the JSON
     * @param sourceName the name to use in error messages
     * @return this builder
     */
    public Builder loadModels(InputStream in, String sourceName) {
      return apply(CatalogReader.read(Objects.requireNonNull(in, "in"),
          Objects.requireNonNull(sourceName, "sourceName"), Expect.MODELS));
    }

    /**
     * Adds saved OpenRouter {@code GET /api/v1/models/{author}/{slug}/endpoints} dumps: one
     * file, or every {@code *.json} file of a directory in name order. Each replaces the
     * endpoints of its model; a model the builder does not know yet is added from the dump's
     * {@code id}, {@code name} and {@code architecture}.
     *
     * @param fileOrDirectory a JSON file or a directory of them
     * @return this builder
     * @throws CatalogFormatException when a file is malformed or is not an endpoints dump
     * @throws UncheckedIOException when a file cannot be read
     */
    public Builder loadEndpoints(Path fileOrDirectory) {
      Objects.requireNonNull(fileOrDirectory, "fileOrDirectory");
      if (!Files.isDirectory(fileOrDirectory)) {
        return read(fileOrDirectory, Expect.ENDPOINTS);
      }
      List<Path> files;
      try (Stream<Path> list = Files.list(fileOrDirectory)) {
        files = list.filter(p -> p.getFileName().toString().endsWith(".json")
            && Files.isRegularFile(p)).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + fileOrDirectory + ": " + e.getMessage(), e);
      }
      for (Path p : files) {
        read(p, Expect.ENDPOINTS);
      }
      return this;
    }

    /**
     * Adds one endpoints dump from a stream, which is closed; see {@link #loadEndpoints(Path)}.
     *
     * @param in the JSON
     * @param sourceName the name to use in error messages
     * @return this builder
     */
    public Builder loadEndpoints(InputStream in, String sourceName) {
      return apply(CatalogReader.read(Objects.requireNonNull(in, "in"),
          Objects.requireNonNull(sourceName, "sourceName"), Expect.ENDPOINTS));
    }

    private Builder read(Path file, Expect expect) {
      Objects.requireNonNull(file, "file");
      InputStream in;
      try {
        in = Files.newInputStream(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read catalog " + file + ": " + e, e);
      }
      return apply(CatalogReader.read(in, file.toString(), expect));
    }

    private Builder apply(Document doc) {
      if (doc.pricesTaken() != null) {
        pricesTaken = doc.pricesTaken();
      }
      for (Entry entry : doc.entries()) {
        String id = entry.model().id();
        Slot slot = slots.get(id);
        if (slot == null) {
          slot = new Slot(id);
          slots.put(id, slot);
        }
        if (entry.modelComplete() || slot.model == null) {
          slot.model = entry.model();
        }
        if (entry.endpointsListed()) {
          clearEndpoints(slot);
          for (Endpoint e : entry.endpoints()) {
            putEndpoint(slot, e);
          }
          stats.putAll(entry.stats());
        } else if (slot.endpoints.isEmpty()) {
          for (Endpoint e : entry.endpoints()) {
            putEndpoint(slot, e);
          }
        }
      }
      return this;
    }

    /**
     * Adds every model, endpoint and statistic of another catalog, overriding what this
     * builder has under the same slugs and ids.
     *
     * @param other the catalog to merge in
     * @return this builder
     */
    public Builder addAll(Catalog other) {
      for (Model m : other.models) {
        Slot slot = slot(m.id());
        if (!other.synthesized.contains(m.id())) {
          slot.model = m;
        }
        for (Endpoint e : other.endpoints(m.id())) {
          putEndpoint(slot, e);
        }
      }
      stats.putAll(other.stats);
      return this;
    }

    // -- code --

    /**
     * Adds a model, or replaces the model with the same slug (its endpoints stay).
     *
     * @param model the model
     * @return this builder
     */
    public Builder model(Model model) {
      Objects.requireNonNull(model, "model");
      slot(model.id()).model = model;
      return this;
    }

    /**
     * Adds an endpoint, or replaces the endpoint with the same {@link Endpoint#id()} (same tag
     * and model) in place: a self-hosted deployment, a negotiated price, a new provider.
     *
     * @param endpoint the endpoint
     * @return this builder
     */
    public Builder endpoint(Endpoint endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      putEndpoint(slot(endpoint.model()), endpoint);
      return this;
    }

    /**
     * Adds or replaces an endpoint with its statistics priors.
     *
     * @param endpoint the endpoint
     * @param priors its uptime, throughput and latency priors
     * @return this builder
     */
    public Builder endpoint(Endpoint endpoint, EndpointStats priors) {
      endpoint(endpoint);
      stats.put(endpoint.id(), Objects.requireNonNull(priors, "priors"));
      return this;
    }

    /**
     * Adds or replaces many endpoints; the same as calling {@link #endpoint(Endpoint)} for
     * each, in order.
     *
     * @param endpoints the endpoints
     * @return this builder
     */
    public Builder endpoints(Collection<Endpoint> endpoints) {
      for (Endpoint e : endpoints) {
        endpoint(e);
      }
      return this;
    }

    /**
     * Sets the statistics priors of an endpoint already in the builder.
     *
     * @param endpointId the endpoint id
     * @param priors the priors
     * @return this builder
     * @throws NoSuchElementException when the builder has no such endpoint
     */
    public Builder priors(String endpointId, EndpointStats priors) {
      Objects.requireNonNull(priors, "priors");
      require(endpointId);
      stats.put(endpointId, priors);
      return this;
    }

    /**
     * Changes one endpoint in place, for example its price or limits:
     * {@code editEndpoint("together:deepseek/deepseek-r1", e -> e.contextLength(65_536))}.
     *
     * @param endpointId the endpoint id ({@code tag:model})
     * @param edit receives a builder holding the endpoint's fields and returns it
     * @return this builder
     * @throws NoSuchElementException when the builder has no such endpoint
     * @throws IllegalArgumentException when the edit changes the provider, tag or model (add a
     *     new endpoint and remove the old one instead)
     */
    public Builder editEndpoint(String endpointId, UnaryOperator<Endpoint.Builder> edit) {
      Endpoint old = require(endpointId);
      Endpoint changed = edit.apply(old.toBuilder()).build();
      if (!changed.id().equals(endpointId)) {
        throw new IllegalArgumentException("an edit must keep the endpoint's tag and model: "
            + endpointId + " became " + changed.id());
      }
      putEndpoint(slots.get(old.model()), changed);
      return this;
    }

    /**
     * Sets the prices of one endpoint, for example a negotiated rate.
     *
     * @param endpointId the endpoint id ({@code tag:model}, such as
     *     {@code openai:openai/gpt-4.1})
     * @param pricing the prices
     * @return this builder
     * @throws NoSuchElementException when the builder has no such endpoint
     */
    public Builder pricing(String endpointId, Pricing pricing) {
      Objects.requireNonNull(pricing, "pricing");
      return editEndpoint(endpointId, e -> e.pricing(pricing));
    }

    /**
     * Removes a model and its endpoints; nothing happens when there is no such model.
     *
     * @param modelSlug the model slug
     * @return this builder
     */
    public Builder removeModel(String modelSlug) {
      Slot slot = slots.remove(modelSlug);
      if (slot != null) {
        clearEndpoints(slot);
      }
      return this;
    }

    /**
     * Removes one endpoint; nothing happens when there is no such endpoint. The model stays.
     *
     * @param endpointId the endpoint id
     * @return this builder
     */
    public Builder removeEndpoint(String endpointId) {
      String model = endpointModel.remove(endpointId);
      if (model != null) {
        slots.get(model).endpoints.remove(endpointId);
        stats.remove(endpointId);
      }
      return this;
    }

    /**
     * Removes every endpoint of a provider: all of its tags ({@code deepinfra} removes
     * {@code deepinfra} and {@code deepinfra/turbo}). Models stay.
     *
     * @param providerSlug the provider slug
     * @return this builder
     */
    public Builder removeProvider(String providerSlug) {
      Objects.requireNonNull(providerSlug, "providerSlug");
      for (Slot slot : slots.values()) {
        var it = slot.endpoints.values().iterator();
        while (it.hasNext()) {
          Endpoint e = it.next();
          if (e.provider().equals(providerSlug)) {
            it.remove();
            endpointModel.remove(e.id());
            stats.remove(e.id());
          }
        }
      }
      return this;
    }

    /**
     * Sets the date the prices were taken.
     *
     * @param date the date, or null for unknown
     * @return this builder
     */
    public Builder pricesTaken(LocalDate date) {
      pricesTaken = date;
      return this;
    }

    /**
     * Builds an immutable catalog from a copy of what the builder holds.
     *
     * @return the catalog
     */
    public Catalog build() {
      return new Catalog(this);
    }

    private Slot slot(String id) {
      Slot slot = slots.get(id);
      if (slot == null) {
        slot = new Slot(id);
        slots.put(id, slot);
      }
      return slot;
    }

    private void putEndpoint(Slot slot, Endpoint e) {
      String id = e.id();
      String previousModel = endpointModel.put(id, e.model());
      if (previousModel != null && !previousModel.equals(e.model())) {
        // Cannot happen (the id contains the model), kept as a guard.
        slots.get(previousModel).endpoints.remove(id);
      }
      slot.endpoints.put(id, e);
    }

    private void clearEndpoints(Slot slot) {
      for (String id : slot.endpoints.keySet()) {
        endpointModel.remove(id);
        stats.remove(id);
      }
      slot.endpoints.clear();
    }

    private Endpoint require(String endpointId) {
      Objects.requireNonNull(endpointId, "endpointId");
      String model = endpointModel.get(endpointId);
      if (model == null) {
        throw new NoSuchElementException("no endpoint '" + endpointId + "' (ids are tag:model, "
            + "for example openai:openai/gpt-4.1)");
      }
      return slots.get(model).endpoints.get(endpointId);
    }
  }
}
