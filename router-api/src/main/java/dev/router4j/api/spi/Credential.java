package dev.router4j.api.spi;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.internal.Checks;

/**
 * A secret that authenticates calls to one provider, with a label that is safe to show and a
 * weight. {@link #toString()} never shows the secret; neither do the router's logs, exceptions,
 * route traces or records.
 *
 * <p>When a provider has several keys, the router shares its calls among the keys that are not
 * resting in proportion to their weights: keys of weights 3 and 1 take three calls in four and
 * one in four. A key that is refused (401, 402, 403 or 429) rests for a while and the call goes
 * on with another.
 *
 * <pre>{@code
 * Credential main = new Credential("openai-main", System.getenv("OPENAI_KEY_MAIN")).withWeight(3);
 * Credential spare = new Credential("openai-spare", System.getenv("OPENAI_KEY_SPARE"));
 * }</pre>
 *
 * @param label a name for the key that may appear in logs and records, e.g. {@code openai-main}
 * @param secret the key itself
 * @param weight the key's share of the provider's calls relative to its other keys; at least 1
 */
public record Credential(String label, String secret, int weight) {
  /** The weight of a key when none is given. */
  public static final int DEFAULT_WEIGHT = 1;

  /**
   * Checks the fields.
   *
   * @throws InvalidRequestException when the label or the secret is missing, the secret is
   *     blank, or the weight is below 1
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
  }

  /**
   * A credential of weight {@value #DEFAULT_WEIGHT}.
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

  /**
   * This credential with another weight.
   *
   * @throws InvalidRequestException when the weight is below 1
   */
  public Credential withWeight(int weight) {
    return weight == this.weight ? this : new Credential(label, secret, weight);
  }

  /** The secret's last four characters, prefixed by an ellipsis, for diagnostics. */
  public String hint() {
    return secret.length() <= 8 ? "…" : "…" + secret.substring(secret.length() - 4);
  }

  /** The label, the weight when it is not the default, never the secret. */
  @Override
  public String toString() {
    return "Credential[" + label + (weight == DEFAULT_WEIGHT ? "" : ", weight=" + weight)
        + ", secret=<redacted>]";
  }
}
