package dev.router4j.api.spi;

import dev.router4j.api.internal.Checks;

/**
 * A secret that authenticates calls to one provider, with a label that is safe to show.
 * {@link #toString()} never shows the secret; neither do the router's logs, exceptions,
 * route traces or records.
 *
 * @param label a name for the key that may appear in logs and records, e.g. {@code openai-main}
 * @param secret the key itself
 */
public record Credential(String label, String secret) {
  /** Checks the fields. */
  public Credential {
    Checks.required(label, "label");
    Checks.required(secret, "secret");
    if (secret.isBlank()) {
      throw new dev.router4j.api.error.InvalidRequestException(
          "apiKey", "is blank for credential '" + label + "'");
    }
  }

  /** A credential labelled {@code <provider>-key}. */
  public static Credential apiKey(String provider, String secret) {
    return new Credential(provider + "-key", secret);
  }

  /** The secret's last four characters, prefixed by an ellipsis, for diagnostics. */
  public String hint() {
    return secret.length() <= 8 ? "…" : "…" + secret.substring(secret.length() - 4);
  }

  @Override
  public String toString() {
    return "Credential[" + label + ", secret=<redacted>]";
  }
}
