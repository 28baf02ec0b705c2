package dev.router4j.providers.internal.openai;

import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.Credential;

/**
 * The last guard against a key in an error message. The shared classifier redacts what looks
 * like a key ({@code sk-…}, {@code AIza…}, bearer tokens), but hosts' keys take other shapes
 * (Azure's 32 hex digits, Groq's {@code gsk_…}, xAI's {@code xai-…}); the adapter knows the
 * very secret it sent, so it removes that wherever a provider echoed it.
 */
final class Secrets {
  static final String REDACTED = "[redacted]";

  private Secrets() {}

  /** Secrets shorter than this are test placeholders; replacing them would garble messages. */
  private static final int MIN_LENGTH = 8;

  /** The exception with every occurrence of the credential's secret replaced; itself when none. */
  static RouterException scrub(RouterException e, Credential credential) {
    if (credential == null || e == null || credential.secret().length() < MIN_LENGTH
        || !leaks(e, credential.secret())) {
      return e;
    }
    String secret = credential.secret();
    if (e instanceof ProviderException p) {
      return scrub(p, secret);
    }
    if (e instanceof StreamInterruptedException s) {
      Throwable cause = s.getCause() instanceof ProviderException p ? scrub(p, secret) : null;
      return new StreamInterruptedException(redact(s.getMessage(), secret),
          s.partialText(), s.underlyingCategory(), cause);
    }
    return new RouterException(e.category(), redact(e.getMessage(), secret));
  }

  private static ProviderException scrub(ProviderException p, String secret) {
    ProviderException.Builder b = p.toBuilder()
        .providerMessage(redact(p.providerMessage(), secret))
        .providerType(redact(p.providerType(), secret))
        .providerCode(redact(p.providerCode(), secret));
    if (p.getCause() != null && leaks(p.getCause(), secret)) {
      b.cause(null); // a transport failure quoting the key: its class and text are in the message
    }
    return b.build();
  }

  private static boolean leaks(Throwable t, String secret) {
    for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(secret)) {
        return true;
      }
      if (t instanceof ProviderException p && (contains(p.providerMessage(), secret)
          || contains(p.providerType(), secret) || contains(p.providerCode(), secret))) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(String s, String secret) {
    return s != null && s.contains(secret);
  }

  static String redact(String s, String secret) {
    return s == null ? null : s.replace(secret, REDACTED);
  }
}
