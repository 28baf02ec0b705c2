package dev.router4j.workspace;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.routing.DataCollection;
import dev.router4j.api.routing.ProviderPreferences;
import dev.router4j.internal.budget.Glob;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Hard limits on where a workspace's requests may go, whatever a request asks for: which models
 * and providers are allowed or blocked, and which data policies are acceptable. A request can
 * narrow these limits but never widen them, and fallbacks cannot cross them.
 *
 * <p>Models and providers are given as globs ({@code *} any run of characters, {@code ?} one
 * character, ASCII case ignored):
 * <ul>
 *   <li>A model pattern is tried on the model's slug and on the slug without its variant suffix,
 *       so {@code openai/gpt-4o} also covers {@code openai/gpt-4o:free}, while {@code *:free}
 *       covers only free variants.</li>
 *   <li>A provider pattern is tried on the endpoint's provider slug and on its full tag, so
 *       {@code deepinfra} covers {@code deepinfra/turbo}, while {@code deepinfra/turbo} covers
 *       that endpoint only.</li>
 * </ul>
 * An empty allowed list allows everything; a blocked pattern wins over an allowed one.
 *
 * <pre>{@code
 * Guardrails.builder()
 *     .allowedModels("openai/*", "anthropic/*")
 *     .blockedModels("*:free")
 *     .blockedProviders("some-provider")
 *     .zdrRequired(true)
 *     .build();
 * }</pre>
 *
 * @param allowedModels model globs that may be used; empty for any
 * @param blockedModels model globs that may not be used
 * @param allowedProviders provider globs that may serve; empty for any
 * @param blockedProviders provider globs that may not serve
 * @param zdrRequired whether only zero-data-retention endpoints may serve
 * @param dataCollectionDeny whether providers that retain or train on prompts are refused
 */
public record Guardrails(
    List<String> allowedModels,
    List<String> blockedModels,
    List<String> allowedProviders,
    List<String> blockedProviders,
    boolean zdrRequired,
    boolean dataCollectionDeny) {

  /** No limits. */
  public static final Guardrails NONE = new Guardrails(null, null, null, null, false, false);

  /**
   * Copies the lists.
   *
   * @throws IllegalArgumentException when a pattern is null, blank or padded with spaces
   */
  public Guardrails {
    allowedModels = Valid.globs(allowedModels, "Guardrails.allowedModels");
    blockedModels = Valid.globs(blockedModels, "Guardrails.blockedModels");
    allowedProviders = Valid.globs(allowedProviders, "Guardrails.allowedProviders");
    blockedProviders = Valid.globs(blockedProviders, "Guardrails.blockedProviders");
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these guardrails. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.allowedModels = allowedModels;
    b.blockedModels = blockedModels;
    b.allowedProviders = allowedProviders;
    b.blockedProviders = blockedProviders;
    b.zdrRequired = zdrRequired;
    b.dataCollectionDeny = dataCollectionDeny;
    return b;
  }

  /** Whether these guardrails limit nothing. */
  public boolean isEmpty() {
    return allowedModels.isEmpty() && blockedModels.isEmpty() && allowedProviders.isEmpty()
        && blockedProviders.isEmpty() && !zdrRequired && !dataCollectionDeny;
  }

  /**
   * Why the model may not be used, or null when it may. Useful before planning, to refuse a
   * request for a blocked model outright.
   */
  public String checkModel(String model) {
    Objects.requireNonNull(model, "model");
    String blocked = firstModelMatch(blockedModels, model);
    if (blocked != null) {
      return "guardrail: model " + model + " is blocked by '" + blocked + "'";
    }
    if (!allowedModels.isEmpty() && firstModelMatch(allowedModels, model) == null) {
      return "guardrail: model " + model + " is not in the allowed models " + allowedModels;
    }
    return null;
  }

  /**
   * Why the endpoint may not serve the model, or null when it may: the text to add to the
   * planner's exclusion list, like the other exclusions ({@code endpoint id — reason}).
   *
   * @param model the model slug asked for (with any variant suffix), or null to use the
   *     endpoint's own model slug
   * @param endpoint the candidate endpoint
   */
  public String check(String model, Endpoint endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    String modelReason = checkModel(model != null ? model : endpoint.model());
    if (modelReason != null) {
      return modelReason;
    }
    if (model != null && !model.equals(endpoint.model())) {
      // The endpoint serves a resolved slug (a static variant): it must pass too.
      modelReason = checkModel(endpoint.model());
      if (modelReason != null) {
        return modelReason;
      }
    }
    String blocked = firstProviderMatch(blockedProviders, endpoint);
    if (blocked != null) {
      return "guardrail: provider " + endpoint.tag() + " is blocked by '" + blocked + "'";
    }
    if (!allowedProviders.isEmpty() && firstProviderMatch(allowedProviders, endpoint) == null) {
      return "guardrail: provider " + endpoint.tag() + " is not in the allowed providers "
          + allowedProviders;
    }
    if (zdrRequired && !endpoint.dataPolicy().zeroDataRetention()) {
      return "guardrail: the workspace requires zero data retention";
    }
    if (dataCollectionDeny && endpoint.dataPolicy().collectsData()) {
      return "guardrail: the workspace denies data collection and the provider retains or "
          + "trains on prompts";
    }
    return null;
  }

  /**
   * The preferences with these guardrails' data policies forced on: {@code zdr} true when zero
   * data retention is required and {@code data_collection} deny when collection is denied.
   * Everything else is left as it is; the model and provider lists are enforced by
   * {@link #check(String, Endpoint)}.
   */
  public ProviderPreferences enforce(ProviderPreferences preferences) {
    ProviderPreferences p = preferences == null ? ProviderPreferences.NONE : preferences;
    boolean needZdr = zdrRequired && !Boolean.TRUE.equals(p.zdr());
    boolean needDeny = dataCollectionDeny && p.dataCollection() != DataCollection.DENY;
    if (!needZdr && !needDeny) {
      return p;
    }
    ProviderPreferences.Builder b = p.toBuilder();
    if (needZdr) {
      b.zdr(Boolean.TRUE);
    }
    if (needDeny) {
      b.dataCollection(DataCollection.DENY);
    }
    return b.build();
  }

  private static String firstModelMatch(List<String> patterns, String model) {
    int colon = model.indexOf(':', Math.max(0, model.indexOf('/')));
    String base = colon < 0 ? null : model.substring(0, colon);
    for (String p : patterns) {
      if (Glob.matches(p, model) || (base != null && Glob.matches(p, base))) {
        return p;
      }
    }
    return null;
  }

  private static String firstProviderMatch(List<String> patterns, Endpoint e) {
    for (String p : patterns) {
      if (Glob.matches(p, e.provider()) || Glob.matches(p, e.tag())) {
        return p;
      }
    }
    return null;
  }

  /** Builds {@link Guardrails}. Not thread-safe. */
  public static final class Builder {
    private List<String> allowedModels;
    private List<String> blockedModels;
    private List<String> allowedProviders;
    private List<String> blockedProviders;
    private boolean zdrRequired;
    private boolean dataCollectionDeny;

    private Builder() {}

    /** Model globs that may be used; none given allows any. */
    public Builder allowedModels(String... patterns) {
      return allowedModels(Arrays.asList(patterns));
    }

    /** Model globs that may be used; none given allows any. */
    public Builder allowedModels(List<String> patterns) {
      this.allowedModels = patterns;
      return this;
    }

    /** Model globs that may not be used. */
    public Builder blockedModels(String... patterns) {
      return blockedModels(Arrays.asList(patterns));
    }

    /** Model globs that may not be used. */
    public Builder blockedModels(List<String> patterns) {
      this.blockedModels = patterns;
      return this;
    }

    /** Provider globs that may serve; none given allows any. */
    public Builder allowedProviders(String... patterns) {
      return allowedProviders(Arrays.asList(patterns));
    }

    /** Provider globs that may serve; none given allows any. */
    public Builder allowedProviders(List<String> patterns) {
      this.allowedProviders = patterns;
      return this;
    }

    /** Provider globs that may not serve. */
    public Builder blockedProviders(String... patterns) {
      return blockedProviders(Arrays.asList(patterns));
    }

    /** Provider globs that may not serve. */
    public Builder blockedProviders(List<String> patterns) {
      this.blockedProviders = patterns;
      return this;
    }

    /** Whether only zero-data-retention endpoints may serve. */
    public Builder zdrRequired(boolean required) {
      this.zdrRequired = required;
      return this;
    }

    /** Whether providers that retain or train on prompts are refused. */
    public Builder dataCollectionDeny(boolean deny) {
      this.dataCollectionDeny = deny;
      return this;
    }

    /**
     * Builds the guardrails.
     *
     * @throws IllegalArgumentException when a pattern is null, blank or padded with spaces
     */
    public Guardrails build() {
      return new Guardrails(allowedModels, blockedModels, allowedProviders, blockedProviders,
          zdrRequired, dataCollectionDeny);
    }
  }
}
