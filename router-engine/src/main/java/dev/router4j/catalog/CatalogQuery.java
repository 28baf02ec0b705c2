package dev.router4j.catalog;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.routing.Quantization;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A search over a catalog's models, the in-process twin of OpenRouter's model browser:
 *
 * <pre>{@code
 * List<Model> cheapToolModels = catalog.query()
 *     .supports("tools", "structured_outputs")
 *     .minContext(100_000)
 *     .maxPromptPrice(new BigDecimal("1.00"))      // dollars per million prompt tokens
 *     .sortBy(CatalogQuery.SortKey.PRICE)
 *     .list();
 * }</pre>
 *
 * <p>Filters are of two kinds. Model filters ({@link #vision()}, {@link #author(String)},
 * {@link #search(String)}...) look at the model. Endpoint filters ({@link #supports},
 * {@link #minContext}, prices, {@link #provider}, {@link #free()}, quantization and data
 * policy...) must all hold <em>for the same endpoint</em>: a model matches when at least one of
 * its endpoints passes every endpoint filter, so a model without endpoints never matches.
 * {@link #matches()} tells which endpoints those are.
 *
 * <p>Without {@link #sortBy(SortKey)} results are in catalog order. A query is a mutable,
 * single-use builder bound to its catalog; it is not thread-safe (the catalog is).
 */
public final class CatalogQuery {

  /** What to sort by; each key has the natural direction noted, {@link #reverse()} flips it. */
  public enum SortKey {
    /**
     * Cheapest first: the lowest prompt + completion price per token among the model's
     * matching endpoints.
     */
    PRICE,
    /** Largest context first, among the matching endpoints. */
    CONTEXT,
    /** By display name, A to Z (case-insensitive). */
    NAME,
    /** Newest first, by release date. */
    CREATED,
    /** Fastest first: the highest throughput prior (p50) among the matching endpoints. */
    THROUGHPUT
  }

  /**
   * A model and the endpoints of it that passed every endpoint filter.
   *
   * @param model the model
   * @param endpoints its matching endpoints, in catalog order, never empty
   */
  public record Match(Model model, List<Endpoint> endpoints) {}

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final Catalog catalog;
  private final List<Predicate<Model>> modelFilters = new ArrayList<>();
  private final List<Predicate<Endpoint>> endpointFilters = new ArrayList<>();
  private SortKey sort;
  private boolean reversed;
  private int limit = Integer.MAX_VALUE;

  CatalogQuery(Catalog catalog) {
    this.catalog = catalog;
  }

  // ---- endpoint filters ------------------------------------------------------------------

  /**
   * Keeps endpoints that honour every given request parameter ({@code tools},
   * {@code tool_choice}, {@code response_format}, {@code structured_outputs},
   * {@code reasoning}, {@code seed}, {@code logprobs}...), as {@code require_parameters} does.
   *
   * @param parameters parameter names as in {@code supported_parameters}
   * @return this query
   */
  public CatalogQuery supports(String... parameters) {
    List<String> required = List.of(parameters);
    endpointFilters.add(e -> e.supportedParameters().containsAll(required));
    return this;
  }

  /** Keeps endpoints that accept the {@code reasoning} parameter (thinking models). */
  public CatalogQuery reasoning() {
    return supports("reasoning");
  }

  /** Keeps endpoints that accept {@code tools} (function calling). */
  public CatalogQuery tools() {
    return supports("tools");
  }

  /**
   * Keeps endpoints whose context window holds at least this many tokens.
   *
   * @param tokens the smallest acceptable context length
   * @return this query
   */
  public CatalogQuery minContext(int tokens) {
    endpointFilters.add(e -> e.contextLength() >= tokens);
    return this;
  }

  /**
   * Keeps endpoints able to produce at least this many completion tokens (an endpoint without
   * a completion limit is bounded by its context).
   *
   * @param tokens the smallest acceptable completion limit
   * @return this query
   */
  public CatalogQuery minCompletionTokens(int tokens) {
    endpointFilters.add(e -> (e.maxCompletionTokens() == null ? e.contextLength()
        : e.maxCompletionTokens()) >= tokens);
    return this;
  }

  /**
   * Keeps endpoints whose base prompt price is at most this, in dollars per <em>million</em>
   * tokens (as {@code max_price.prompt}).
   *
   * @param dollarsPerMillion the highest acceptable price
   * @return this query
   */
  public CatalogQuery maxPromptPrice(BigDecimal dollarsPerMillion) {
    BigDecimal perToken = perToken(dollarsPerMillion);
    endpointFilters.add(e -> e.pricing().prompt().compareTo(perToken) <= 0);
    return this;
  }

  /**
   * Keeps endpoints whose base completion price is at most this, in dollars per
   * <em>million</em> tokens (as {@code max_price.completion}).
   *
   * @param dollarsPerMillion the highest acceptable price
   * @return this query
   */
  public CatalogQuery maxCompletionPrice(BigDecimal dollarsPerMillion) {
    BigDecimal perToken = perToken(dollarsPerMillion);
    endpointFilters.add(e -> e.pricing().completion().compareTo(perToken) <= 0);
    return this;
  }

  private static BigDecimal perToken(BigDecimal dollarsPerMillion) {
    Objects.requireNonNull(dollarsPerMillion, "dollarsPerMillion");
    if (dollarsPerMillion.signum() < 0) {
      throw new IllegalArgumentException("a price cap must not be negative: " + dollarsPerMillion);
    }
    return dollarsPerMillion.divide(MILLION);
  }

  /**
   * Keeps endpoints of the given providers, matched as OpenRouter's {@code only} matches them:
   * a base slug ({@code deepinfra}) matches every endpoint of the provider, a full tag
   * ({@code deepinfra/turbo}) only that endpoint. Several calls narrow further.
   *
   * @param slugs provider slugs or endpoint tags
   * @return this query
   */
  public CatalogQuery provider(String... slugs) {
    Set<String> set = Set.of(slugs);
    endpointFilters.add(e -> set.contains(e.provider()) || set.contains(e.tag()));
    return this;
  }

  /**
   * Drops endpoints of the given providers, matched as {@link #provider(String...)} matches.
   *
   * @param slugs provider slugs or endpoint tags
   * @return this query
   */
  public CatalogQuery ignoreProvider(String... slugs) {
    Set<String> set = Set.of(slugs);
    endpointFilters.add(e -> !set.contains(e.provider()) && !set.contains(e.tag()));
    return this;
  }

  /** Keeps free endpoints: prompt and completion at 0 and no request fee. */
  public CatalogQuery free() {
    endpointFilters.add(e -> e.pricing().isFree());
    return this;
  }

  /** Keeps endpoints that charge (drops the free ones). */
  public CatalogQuery paid() {
    endpointFilters.add(e -> !e.pricing().isFree());
    return this;
  }

  /**
   * Keeps endpoints served at one of the given precisions; an endpoint whose precision is
   * not known counts as {@link Quantization#UNKNOWN}.
   *
   * @param quantizations the acceptable precisions
   * @return this query
   */
  public CatalogQuery quantization(Quantization... quantizations) {
    Set<Quantization> set = EnumSet.noneOf(Quantization.class);
    Collections.addAll(set, quantizations);
    endpointFilters.add(e -> set.contains(
        e.quantization() == null ? Quantization.UNKNOWN : e.quantization()));
    return this;
  }

  /** Keeps zero-data-retention endpoints (as {@code zdr: true}). */
  public CatalogQuery zdr() {
    endpointFilters.add(e -> e.dataPolicy().zeroDataRetention());
    return this;
  }

  /** Keeps endpoints that neither store nor train on prompts (as {@code data_collection: deny}). */
  public CatalogQuery noDataCollection() {
    endpointFilters.add(e -> !e.dataPolicy().collectsData());
    return this;
  }

  /**
   * Keeps endpoints passing a predicate of your own.
   *
   * @param filter the predicate
   * @return this query
   */
  public CatalogQuery where(Predicate<Endpoint> filter) {
    endpointFilters.add(Objects.requireNonNull(filter, "filter"));
    return this;
  }

  // ---- model filters ---------------------------------------------------------------------

  /** Keeps models that take images as input. */
  public CatalogQuery vision() {
    return inputModality("image");
  }

  /**
   * Keeps models that take the given input modality ({@code text}, {@code image},
   * {@code file}, {@code audio}, {@code video}).
   *
   * @param modality the modality
   * @return this query
   */
  public CatalogQuery inputModality(String modality) {
    Objects.requireNonNull(modality, "modality");
    modelFilters.add(m -> m.inputModalities().contains(modality));
    return this;
  }

  /**
   * Keeps models that produce the given output modality.
   *
   * @param modality the modality
   * @return this query
   */
  public CatalogQuery outputModality(String modality) {
    Objects.requireNonNull(modality, "modality");
    modelFilters.add(m -> m.outputModalities().contains(modality));
    return this;
  }

  /**
   * Keeps models of one author: the slug's prefix ({@code anthropic}, {@code meta-llama}).
   *
   * @param author the author prefix, without the slash
   * @return this query
   */
  public CatalogQuery author(String author) {
    String prefix = Objects.requireNonNull(author, "author") + "/";
    modelFilters.add(m -> m.id().startsWith(prefix));
    return this;
  }

  /**
   * Keeps models whose slug or name contains the text, ignoring case.
   *
   * @param text the text to look for
   * @return this query
   */
  public CatalogQuery search(String text) {
    String needle = Objects.requireNonNull(text, "text").toLowerCase(Locale.ROOT);
    modelFilters.add(m -> m.id().toLowerCase(Locale.ROOT).contains(needle)
        || m.name().toLowerCase(Locale.ROOT).contains(needle));
    return this;
  }

  /**
   * Keeps models passing a predicate of your own.
   *
   * @param filter the predicate
   * @return this query
   */
  public CatalogQuery whereModel(Predicate<Model> filter) {
    modelFilters.add(Objects.requireNonNull(filter, "filter"));
    return this;
  }

  // ---- order and size --------------------------------------------------------------------

  /**
   * Sorts the results (ties by slug).
   *
   * @param key what to sort by
   * @return this query
   */
  public CatalogQuery sortBy(SortKey key) {
    sort = Objects.requireNonNull(key, "key");
    return this;
  }

  /** Flips the sort direction (or the catalog order when no sort is set). */
  public CatalogQuery reverse() {
    reversed = !reversed;
    return this;
  }

  /**
   * Keeps at most this many results.
   *
   * @param max the largest number of results
   * @return this query
   * @throws IllegalArgumentException when negative
   */
  public CatalogQuery limit(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + max);
    }
    limit = max;
    return this;
  }

  // ---- results ---------------------------------------------------------------------------

  /** The matching models with their matching endpoints, sorted and limited. */
  public List<Match> matches() {
    List<Match> out = new ArrayList<>();
    for (Model m : catalog.models()) {
      if (!test(modelFilters, m)) {
        continue;
      }
      List<Endpoint> eps = catalog.endpoints(m.id());
      List<Endpoint> kept = null;
      for (int i = 0; i < eps.size(); i++) {
        Endpoint e = eps.get(i);
        if (test(endpointFilters, e)) {
          if (kept == null) {
            kept = new ArrayList<>(eps.size() - i);
          }
          kept.add(e);
        }
      }
      if (kept != null) {
        out.add(new Match(m, Collections.unmodifiableList(kept)));
      }
    }
    if (sort != null) {
      Comparator<Match> c = comparator(sort);
      out.sort((reversed ? c.reversed() : c).thenComparing(x -> x.model().id()));
    } else if (reversed) {
      Collections.reverse(out);
    }
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
  }

  /** The matching models, sorted and limited. */
  public List<Model> list() {
    List<Match> matches = matches();
    List<Model> models = new ArrayList<>(matches.size());
    for (Match m : matches) {
      models.add(m.model());
    }
    return Collections.unmodifiableList(models);
  }

  /** The matching endpoints of the matching models, model by model in result order. */
  public List<Endpoint> endpoints() {
    List<Endpoint> all = new ArrayList<>();
    for (Match m : matches()) {
      all.addAll(m.endpoints());
    }
    return Collections.unmodifiableList(all);
  }

  /** The slugs of the matching models, in result order. */
  public List<String> slugs() {
    List<String> ids = new ArrayList<>();
    for (Match m : matches()) {
      ids.add(m.model().id());
    }
    return Collections.unmodifiableList(ids);
  }

  /** The first result, if any. */
  public Optional<Model> first() {
    List<Match> m = matches();
    return m.isEmpty() ? Optional.empty() : Optional.of(m.get(0).model());
  }

  /** The number of matching models (before {@link #limit(int)}). */
  public int count() {
    int saved = limit;
    limit = Integer.MAX_VALUE;
    try {
      return matches().size();
    } finally {
      limit = saved;
    }
  }

  /** The distinct providers of the matching endpoints. */
  public Set<String> providers() {
    Set<String> set = new HashSet<>();
    for (Endpoint e : endpoints()) {
      set.add(e.provider());
    }
    return Collections.unmodifiableSet(set);
  }

  private static <T> boolean test(List<Predicate<T>> filters, T value) {
    for (int i = 0, n = filters.size(); i < n; i++) {
      if (!filters.get(i).test(value)) {
        return false;
      }
    }
    return true;
  }

  private Comparator<Match> comparator(SortKey key) {
    return switch (key) {
      case PRICE -> Comparator.comparing(CatalogQuery::cheapest);
      case CONTEXT -> Comparator.comparingInt(CatalogQuery::largestContext).reversed();
      case NAME -> Comparator.comparing(m -> m.model().name(), String.CASE_INSENSITIVE_ORDER);
      case CREATED -> Comparator.comparingLong((Match m) -> m.model().created()).reversed();
      case THROUGHPUT -> Comparator.comparingDouble(this::fastest).reversed();
    };
  }

  private static BigDecimal cheapest(Match m) {
    BigDecimal best = null;
    for (Endpoint e : m.endpoints()) {
      BigDecimal p = e.pricing().prompt().add(e.pricing().completion());
      if (best == null || p.compareTo(best) < 0) {
        best = p;
      }
    }
    return best;
  }

  private static int largestContext(Match m) {
    int max = 0;
    for (Endpoint e : m.endpoints()) {
      max = Math.max(max, e.contextLength());
    }
    return max;
  }

  private double fastest(Match m) {
    double max = -1;
    for (Endpoint e : m.endpoints()) {
      Double t = catalog.priors(e).throughputP50();
      if (t != null) {
        max = Math.max(max, t);
      }
    }
    return max;
  }
}
