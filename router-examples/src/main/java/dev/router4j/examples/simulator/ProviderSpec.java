package dev.router4j.examples.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * One simulated provider: its slug (which is also its path prefix), the protocol it speaks,
 * the keys it accepts, the models it serves and its faults. Immutable; made with
 * {@link #builder(String, Protocol)}, whose setters each return a new builder.
 *
 * @param slug the provider slug, letters, digits, {@code .}, {@code _} and {@code -}
 * @param displayName the provider's display name (the catalog's {@code providerName})
 * @param protocol the wire protocol
 * @param apiKeys the keys accepted, in the order given; empty = no key needed, any key accepted
 * @param models the models served, in declaration order
 * @param faults the provider's faults, consulted after the model's own
 */
public record ProviderSpec(
    String slug, String displayName, Protocol protocol, Set<String> apiKeys,
    List<ModelSpec> models, FaultPlan faults) {

  private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9._-]+");

  /**
   * Checks and copies the fields.
   *
   * @throws IllegalArgumentException for a slug that is not one URL path segment, or two
   *     models answering to the same upstream name
   */
  public ProviderSpec {
    Objects.requireNonNull(slug, "slug");
    if (!SLUG.matcher(slug).matches()) {
      throw new IllegalArgumentException(
          "provider slug must be letters, digits, '.', '_' or '-', was '" + slug + "'");
    }
    if (displayName == null) {
      displayName = slug;
    }
    Objects.requireNonNull(protocol, "protocol");
    apiKeys = Collections.unmodifiableSet(
        new LinkedHashSet<>(Objects.requireNonNull(apiKeys, "apiKeys")));
    models = List.copyOf(Objects.requireNonNull(models, "models"));
    Set<String> names = new LinkedHashSet<>();
    for (ModelSpec m : models) {
      if (!names.add(m.upstreamModel())) {
        throw new IllegalArgumentException(
            "provider " + slug + " serves two models named '" + m.upstreamModel() + "'");
      }
    }
    Objects.requireNonNull(faults, "faults");
  }

  /** A builder for a provider with the given slug and protocol. */
  public static Builder builder(String slug, Protocol protocol) {
    return new Builder(Objects.requireNonNull(slug, "slug"),
        Objects.requireNonNull(protocol, "protocol"));
  }

  /** The model with the given catalog slug or upstream name, or null. */
  public ModelSpec model(String name) {
    for (ModelSpec m : models) {
      if (m.slug().equals(name) || m.upstreamModel().equals(name)) {
        return m;
      }
    }
    return null;
  }

  /** Redacts the keys. */
  @Override
  public String toString() {
    return "ProviderSpec[" + slug + ", " + protocol + ", " + apiKeys.size() + " key(s), models="
        + models.stream().map(ModelSpec::slug).toList() + ", faults=" + faults + "]";
  }

  /** An immutable builder: every setter returns a new builder. */
  public static final class Builder {
    private final String slug;
    private final Protocol protocol;
    private String displayName;
    private final List<String> apiKeys = new ArrayList<>();
    private final List<ModelSpec> models = new ArrayList<>();
    private FaultPlan faults = FaultPlan.NONE;

    private Builder(String slug, Protocol protocol) {
      this.slug = slug;
      this.protocol = protocol;
    }

    private Builder copy() {
      Builder b = new Builder(slug, protocol);
      b.displayName = displayName;
      b.apiKeys.addAll(apiKeys);
      b.models.addAll(models);
      b.faults = faults;
      return b;
    }

    /** The display name. */
    public Builder displayName(String name) {
      Builder b = copy();
      b.displayName = Objects.requireNonNull(name, "displayName");
      return b;
    }

    /**
     * Adds accepted keys. Once any key is set, a request without one of them gets the
     * protocol's authentication error.
     */
    public Builder apiKey(String... keys) {
      Builder b = copy();
      for (String k : keys) {
        b.apiKeys.add(Objects.requireNonNull(k, "apiKey"));
      }
      return b;
    }

    /** Adds a model with default behaviour. */
    public Builder model(String slug) {
      return model(ModelSpec.builder(slug).build());
    }

    /**
     * Adds a model configured by {@code config}, which gets a fresh builder and must return the
     * builder it made (an expression lambda does: {@code m -> m.seed(42).tokensPerSecond(200)}).
     */
    public Builder model(String slug, UnaryOperator<ModelSpec.Builder> config) {
      ModelSpec.Builder made = config.apply(ModelSpec.builder(slug));
      return model(Objects.requireNonNull(made, "the model configuration returned null").build());
    }

    /** Adds a model. */
    public Builder model(ModelSpec model) {
      Builder b = copy();
      b.models.add(Objects.requireNonNull(model, "model"));
      return b;
    }

    /** The faults for this provider's first requests, in order. */
    public Builder faults(Fault... script) {
      Builder b = copy();
      b.faults = faults.withScript(script);
      return b;
    }

    /** After the script, each request meets one of {@code choices} with this probability. */
    public Builder randomFaults(double probability, long seed, Fault... choices) {
      Builder b = copy();
      b.faults = faults.withRandom(probability, seed, choices);
      return b;
    }

    /** The whole fault plan. */
    public Builder faults(FaultPlan plan) {
      Builder b = copy();
      b.faults = Objects.requireNonNull(plan, "faults");
      return b;
    }

    /** Builds the spec. */
    public ProviderSpec build() {
      return new ProviderSpec(slug, displayName, protocol, new LinkedHashSet<>(apiKeys), models,
          faults);
    }
  }
}
