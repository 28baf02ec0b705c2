package dev.router4j.workspace;

import dev.router4j.api.routing.ProviderPreferences;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant of the router (a team, a project, an environment) with its own defaults and limits,
 * like an OpenRouter workspace or API key: the model and provider preferences used when a
 * request gives none, guardrails no request can widen, spend caps, rate limits, and whether
 * prompts and completions may be kept in the ledger.
 *
 * <pre>{@code
 * Workspace prod = Workspace.builder("prod")
 *     .defaultModel("openai/gpt-4.1-mini")
 *     .defaultProvider(ProviderPreferences.builder().sort(Sort.PRICE).build())
 *     .guardrails(Guardrails.builder().blockedModels("*:free").zdrRequired(true).build())
 *     .spendCap(SpendCap.workspace(BudgetPeriod.MONTH, "500.00"))
 *     .spendCap(SpendCap.eachUser(BudgetPeriod.DAY, "2.00"))
 *     .rateLimit(RateLimit.provider("openai", 500).withMaxWait(Duration.ofSeconds(2)))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the workspace's name, unique within a router (at most 128 characters)
 * @param defaultModel the model used when a request names none, or null
 * @param defaultProvider provider preferences a request's own preferences are laid over
 * @param guardrails the limits on models, providers and data policies
 * @param spendCaps the spend caps, at most one per scope, subject and period
 * @param rateLimits the rate limits, at most one per scope and match
 * @param keepContent whether the ledger may keep prompt and completion texts (false by default)
 */
public record Workspace(
    String name,
    String defaultModel,
    ProviderPreferences defaultProvider,
    Guardrails guardrails,
    List<SpendCap> spendCaps,
    List<RateLimit> rateLimits,
    boolean keepContent) {

  /** The longest workspace name. */
  public static final int MAX_NAME_LENGTH = 128;

  /**
   * Checks and copies the fields.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong, including two
   *     caps or two limits that count the same thing, and a default model the guardrails refuse
   */
  public Workspace {
    Valid.required(name, "Workspace.name");
    Valid.text(name, "Workspace.name");
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("Workspace.name must be at most " + MAX_NAME_LENGTH
          + " characters, was " + name.length());
    }
    Valid.text(defaultModel, "Workspace.defaultModel");
    if (defaultProvider == null) {
      defaultProvider = ProviderPreferences.NONE;
    }
    if (guardrails == null) {
      guardrails = Guardrails.NONE;
    }
    spendCaps = noNulls(spendCaps, "Workspace.spendCaps");
    rateLimits = noNulls(rateLimits, "Workspace.rateLimits");
    for (int i = 0; i < spendCaps.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (spendCaps.get(i).sameCounterAs(spendCaps.get(j))) {
          throw new IllegalArgumentException("Workspace.spendCaps: two caps count the same spend ("
              + spendCaps.get(j) + " and " + spendCaps.get(i) + "); keep one");
        }
      }
    }
    for (int i = 0; i < rateLimits.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (rateLimits.get(i).sameBucketsAs(rateLimits.get(j))) {
          throw new IllegalArgumentException("Workspace.rateLimits: two limits count the same "
              + "requests (" + rateLimits.get(j).describe() + " and "
              + rateLimits.get(i).describe() + "); combine them into one");
        }
      }
    }
    if (defaultModel != null) {
      String refused = guardrails.checkModel(defaultModel);
      if (refused != null) {
        throw new IllegalArgumentException("Workspace.defaultModel " + defaultModel
            + " is refused by the workspace's own " + refused);
      }
    }
  }

  private static <T> List<T> noNulls(List<T> list, String field) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    for (int i = 0; i < list.size(); i++) {
      Valid.required(list.get(i), field + "[" + i + "]");
    }
    return List.copyOf(list);
  }

  /** A builder for a workspace with the given name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A workspace with the given name and no defaults or limits. */
  public static Workspace of(String name) {
    return new Builder(name).build();
  }

  /** A builder holding this workspace's fields. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.defaultModel = defaultModel;
    b.defaultProvider = defaultProvider;
    b.guardrails = guardrails;
    b.spendCaps.addAll(spendCaps);
    b.rateLimits.addAll(rateLimits);
    b.keepContent = keepContent;
    return b;
  }

  /** The model to use for a request: the one it names, else the workspace's default (maybe null). */
  public String modelFor(String requested) {
    return requested != null ? requested : defaultModel;
  }

  /**
   * The provider preferences a request is planned with: the request's own laid over the
   * workspace's defaults, as OpenRouter merges a request with its account settings.
   * <ul>
   *   <li>Each field the request sets wins; the others come from the defaults.</li>
   *   <li>{@code only} lists are intersected when both are given; {@code ignore} lists are joined.</li>
   *   <li>{@code zdr} is true when either says so.</li>
   *   <li>Unknown extra fields are merged, the request's winning.</li>
   *   <li>The guardrails' data policies are then forced on ({@link Guardrails#enforce}).</li>
   * </ul>
   *
   * @param requested the request's preferences, or null
   */
  public ProviderPreferences effectivePreferences(ProviderPreferences requested) {
    ProviderPreferences d = defaultProvider;
    ProviderPreferences r = requested == null ? ProviderPreferences.NONE : requested;
    ProviderPreferences merged = ProviderPreferences.builder()
        .order(or(r.order(), d.order()))
        .allowFallbacks(or(r.allowFallbacks(), d.allowFallbacks()))
        .requireParameters(or(r.requireParameters(), d.requireParameters()))
        .dataCollection(or(r.dataCollection(), d.dataCollection()))
        .zdr(Boolean.TRUE.equals(r.zdr()) || Boolean.TRUE.equals(d.zdr()) ? Boolean.TRUE
            : or(r.zdr(), d.zdr()))
        .enforceDistillableText(or(r.enforceDistillableText(), d.enforceDistillableText()))
        .only(intersect(r.only(), d.only()))
        .ignore(union(r.ignore(), d.ignore()))
        .quantizations(or(r.quantizations(), d.quantizations()))
        .sort(or(r.sort(), d.sort()))
        .maxPrice(or(r.maxPrice(), d.maxPrice()))
        .preferredMinThroughput(or(r.preferredMinThroughput(), d.preferredMinThroughput()))
        .preferredMaxLatency(or(r.preferredMaxLatency(), d.preferredMaxLatency()))
        .extra(extra(r.extra(), d.extra()))
        .build();
    return guardrails.enforce(merged);
  }

  private static <T> T or(T first, T second) {
    return first != null ? first : second;
  }

  private static List<String> intersect(List<String> a, List<String> b) {
    if (a == null || b == null) {
      return a != null ? a : b;
    }
    List<String> out = new ArrayList<>();
    for (String s : a) {
      if (b.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private static List<String> union(List<String> a, List<String> b) {
    if (a == null || b == null) {
      return a != null ? a : b;
    }
    LinkedHashSet<String> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return new ArrayList<>(out);
  }

  private static Map<String, Object> extra(Map<String, Object> r, Map<String, Object> d) {
    if (d.isEmpty()) {
      return r;
    }
    if (r.isEmpty()) {
      return d;
    }
    Map<String, Object> out = new LinkedHashMap<>(d);
    out.putAll(r);
    return out;
  }

  @Override
  public String toString() {
    return "Workspace[" + name + (defaultModel == null ? "" : ", model " + defaultModel)
        + (guardrails.isEmpty() ? "" : ", guarded") + ", " + spendCaps.size() + " caps, "
        + rateLimits.size() + " rate limits" + (keepContent ? ", keeps content" : "") + "]";
  }

  /** Builds a {@link Workspace}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private String defaultModel;
    private ProviderPreferences defaultProvider;
    private Guardrails guardrails;
    private final List<SpendCap> spendCaps = new ArrayList<>();
    private final List<RateLimit> rateLimits = new ArrayList<>();
    private boolean keepContent;

    private Builder(String name) {
      this.name = name;
    }

    /** The model used when a request names none. */
    public Builder defaultModel(String model) {
      this.defaultModel = model;
      return this;
    }

    /** Provider preferences that requests are laid over. */
    public Builder defaultProvider(ProviderPreferences preferences) {
      this.defaultProvider = preferences;
      return this;
    }

    /** The workspace's guardrails. */
    public Builder guardrails(Guardrails guardrails) {
      this.guardrails = guardrails;
      return this;
    }

    /** Adds a spend cap. */
    public Builder spendCap(SpendCap cap) {
      spendCaps.add(Objects.requireNonNull(cap, "cap"));
      return this;
    }

    /** Replaces the spend caps. */
    public Builder spendCaps(List<SpendCap> caps) {
      spendCaps.clear();
      spendCaps.addAll(Objects.requireNonNull(caps, "caps"));
      return this;
    }

    /** Adds rate limits. */
    public Builder rateLimit(RateLimit... limits) {
      rateLimits.addAll(Arrays.asList(limits));
      return this;
    }

    /** Replaces the rate limits. */
    public Builder rateLimits(List<RateLimit> limits) {
      rateLimits.clear();
      rateLimits.addAll(Objects.requireNonNull(limits, "limits"));
      return this;
    }

    /** Whether the ledger may keep prompt and completion texts (false by default). */
    public Builder keepContent(boolean keep) {
      this.keepContent = keep;
      return this;
    }

    /**
     * Builds the workspace.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public Workspace build() {
      return new Workspace(name, defaultModel, defaultProvider, guardrails,
          new ArrayList<>(spendCaps), new ArrayList<>(rateLimits), keepContent);
    }
  }
}
