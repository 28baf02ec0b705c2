package dev.router4j.api.spi;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.internal.Checks;
import dev.router4j.api.internal.Glob;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A secret that authenticates calls to one provider, with a label that is safe to show, a
 * weight, and optionally the models it may be used for. {@link #toString()} never shows the
 * secret; neither do the router's logs, exceptions, route traces or records.
 *
 * <p>When a provider has several keys, the router shares each model's calls among the keys
 * that serve the model and are not resting, in proportion to their weights: keys of weights 3
 * and 1 take three calls in four and one in four. A key that is refused (401, 402, 403 or 429)
 * rests for a while and the call goes on with another key serving the same model.
 *
 * <p>A key serves every model unless it is given {@linkplain #withModels(String...) model
 * patterns}: slug globs where {@code *} stands for any run of characters and {@code ?} for one,
 * compared without regard to case ({@code openai/gpt-4o*}, {@code *-mini}). An organization key
 * with access to some models only, or a key for the cheap tier, is restricted this way; the
 * router never sends such a key with another model, and leaves out of its plans the endpoints
 * of a provider none of whose keys serves their model.
 *
 * <pre>{@code
 * Credential main = new Credential("openai-main", System.getenv("OPENAI_KEY_MAIN")).withWeight(3);
 * Credential spare = new Credential("openai-spare", System.getenv("OPENAI_KEY_SPARE"));
 * Credential cheap = new Credential("openai-cheap", System.getenv("OPENAI_KEY_CHEAP"))
 *     .withModels("openai/*-mini", "openai/*-nano");
 * }</pre>
 *
 * @param label a name for the key that may appear in logs and records, e.g. {@code openai-main}
 * @param secret the key itself
 * @param weight the key's share of the provider's calls relative to its other keys; at least 1
 * @param models the patterns of the model slugs the key may be used for; empty for every model
 */
public record Credential(String label, String secret, int weight, List<String> models) {
  /** The weight of a key when none is given. */
  public static final int DEFAULT_WEIGHT = 1;

  /**
   * Checks the fields and copies the patterns.
   *
   * @throws InvalidRequestException when the label or the secret is missing, the secret is
   *     blank, the weight is below 1, or a model pattern is missing, blank or holds whitespace
   */
  public Credential {
    Checks.required(label, "label");
    Checks.required(secret, "secret");
    if (secret.isBlank()) {
      throw new InvalidRequestException("apiKey", "is blank for credential '" + label + "'");
    }
    if (weight < 1) {
      throw new InvalidRequestException(
          "weight", "must be at least 1, was " + weight + " for credential '" + label + "'");
    }
    models = models == null || models.isEmpty() ? List.of() : checkedPatterns(models, label);
  }

  /**
   * A credential serving every model.
   *
   * @throws InvalidRequestException when the label or the secret is missing, the secret is
   *     blank, or the weight is below 1
   */
  public Credential(String label, String secret, int weight) {
    this(label, secret, weight, List.of());
  }

  /**
   * A credential of weight {@value #DEFAULT_WEIGHT} serving every model.
   *
   * @throws InvalidRequestException when the label or the secret is missing, or the secret is
   *     blank
   */
  public Credential(String label, String secret) {
    this(label, secret, DEFAULT_WEIGHT);
  }

  /** A credential labelled {@code <provider>-key}, of weight {@value #DEFAULT_WEIGHT}. */
  public static Credential apiKey(String provider, String secret) {
    return new Credential(provider + "-key", secret);
  }

  private static List<String> checkedPatterns(List<String> models, String label) {
    // The list may be the caller's: copy it first, so that what is checked is what is kept.
    String[] copy = models.toArray(new String[0]);
    for (int i = 0; i < copy.length; i++) {
      String pattern = copy[i];
      if (pattern == null) {
        throw new InvalidRequestException("models", "pattern " + (i + 1)
            + " is missing for credential '" + label + "'");
      }
      if (pattern.isBlank()) {
        throw new InvalidRequestException("models", "pattern " + (i + 1)
            + " is blank for credential '" + label + "'");
      }
      for (int c = 0; c < pattern.length(); c++) {
        if (Character.isWhitespace(pattern.charAt(c))) {
          throw new InvalidRequestException("models", "pattern '" + pattern + "' holds whitespace"
              + " for credential '" + label + "' (give each pattern as its own argument)");
        }
      }
    }
    return List.of(copy);
  }

  /**
   * This credential with another weight.
   *
   * @throws InvalidRequestException when the weight is below 1
   */
  public Credential withWeight(int weight) {
    return weight == this.weight ? this : new Credential(label, secret, weight, models);
  }

  /**
   * This credential restricted to the models whose slugs match one of the patterns (in place
   * of any patterns it had): {@code *} stands for any run of characters, {@code ?} for one,
   * and case does not matter.
   *
   * @throws InvalidRequestException when no pattern is given (a key without patterns serves
   *     every model), or a pattern is missing, blank or holds whitespace
   */
  public Credential withModels(String... patterns) {
    Objects.requireNonNull(patterns, "patterns");
    if (patterns.length == 0) {
      throw new InvalidRequestException("models", "needs at least one pattern for credential '"
          + label + "' (a key without patterns serves every model)");
    }
    return new Credential(label, secret, weight, Arrays.asList(patterns));
  }

  /** Whether the key may be used for every model: it has no model patterns. */
  public boolean servesEveryModel() {
    return models.isEmpty();
  }

  /**
   * Whether the key may be used for the model: it has no model patterns, or one matches the
   * slug. Allocates nothing.
   *
   * @param model a model slug, e.g. {@code openai/gpt-4o-mini}
   */
  public boolean servesModel(String model) {
    Objects.requireNonNull(model, "model");
    if (models.isEmpty()) {
      return true;
    }
    for (int i = 0; i < models.size(); i++) {
      if (Glob.matches(models.get(i), model)) {
        return true;
      }
    }
    return false;
  }

  /** The secret's last four characters, prefixed by an ellipsis, for diagnostics. */
  public String hint() {
    return secret.length() <= 8 ? "…" : "…" + secret.substring(secret.length() - 4);
  }

  /** The label, the weight when it is not the default, the model patterns, never the secret. */
  @Override
  public String toString() {
    return "Credential[" + label + (weight == DEFAULT_WEIGHT ? "" : ", weight=" + weight)
        + (models.isEmpty() ? "" : ", models=" + models) + ", secret=<redacted>]";
  }
}
