package dev.router4j.providers.internal.http;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact secrets of one call, and their removal from exceptions. The generic redaction in
 * {@link ErrorText} catches what looks like a key, but hosts' keys take many shapes; the
 * adapter knows the very secret it sent, so whatever a provider echoed of it is replaced with
 * {@value #REDACTED} in an exception's message, its provider fields and every cause's message.
 * Immutable.
 */
final class Secrets {
  static final String REDACTED = "[redacted]";

  /** No secrets: every exception passes unchanged. */
  static final Secrets NONE = new Secrets(List.of());

  /** Secrets shorter than this are test placeholders; replacing them would garble messages. */
  private static final int MIN_LENGTH = 8;

  /** How far down a cause chain is searched and rebuilt; deeper causes are dropped. */
  private static final int MAX_DEPTH = 32;

  private final List<String> secrets;

  private Secrets(List<String> secrets) {
    this.secrets = secrets;
  }

  /** These secrets and {@code more}, ignoring nulls, placeholders and repeats. */
  Secrets and(String... more) {
    List<String> all = new ArrayList<>(secrets);
    for (String s : more) {
      if (s != null && s.length() >= MIN_LENGTH && !all.contains(s)) {
        all.add(s);
      }
    }
    return all.size() == secrets.size() ? this : new Secrets(List.copyOf(all));
  }

  boolean isEmpty() {
    return secrets.isEmpty();
  }

  /** The text with every secret replaced; null stays null. */
  String redact(String s) {
    if (s == null) {
      return null;
    }
    String t = s;
    for (String secret : secrets) {
      t = t.replace(secret, REDACTED);
    }
    return t;
  }

  /** Whether a secret is anywhere in the exception's chain: messages or provider fields. */
  boolean leaks(Throwable t) {
    if (secrets.isEmpty()) {
      return false;
    }
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof ProviderException p) {
        // Its message is made of these fields and fixed words only; looking at the fields
        // spares making the message. (A secret spanning a field and a fixed word would not be
        // removed by rebuilding either, since only the fields are redacted.)
        if (contains(p.providerMessage()) || contains(p.providerType())
            || contains(p.providerCode()) || contains(p.requestId()) || contains(p.provider())
            || contains(p.model())) {
          return true;
        }
      } else if (contains(String.valueOf(t))) {
        return true;
      }
    }
    return t != null; // deeper than searched: treat as leaking, so that the chain is cut
  }

  /** The exception without the secrets; itself when it holds none. */
  RouterException scrub(RouterException e) {
    return e == null || !leaks(e) ? e : (RouterException) rebuild(e, 0);
  }

  /** The exception without the secrets; itself when it holds none. */
  ProviderException scrub(ProviderException e) {
    return e == null || !leaks(e) ? e : (ProviderException) rebuild(e, 0);
  }

  /** The exception without the secrets; itself when it holds none. */
  StreamInterruptedException scrub(StreamInterruptedException e) {
    return e == null || !leaks(e) ? e : (StreamInterruptedException) rebuild(e, 0);
  }

  private Throwable cause(Throwable t, int depth) {
    if (t == null || depth >= MAX_DEPTH) {
      return null;
    }
    return leaks(t) ? rebuild(t, depth) : t;
  }

  /** A copy of {@code t} whose texts hold no secret, with its causes scrubbed likewise. */
  private Throwable rebuild(Throwable t, int depth) {
    Throwable cause = cause(t.getCause(), depth + 1);
    Throwable copy;
    if (t instanceof ProviderException p) {
      copy = p.toBuilder()
          .providerMessage(redact(p.providerMessage()))
          .providerType(redact(p.providerType()))
          .providerCode(redact(p.providerCode()))
          .requestId(redact(p.requestId()))
          .cause(cause)
          .build();
    } else if (t instanceof StreamInterruptedException s) {
      copy = new StreamInterruptedException(redact(s.getMessage()), s.partialText(),
          s.underlyingCategory(), cause);
    } else if (t instanceof MalformedResponseException m) {
      copy = new MalformedResponseException(redact(m.path()),
          redact(withoutSuffix(m.getMessage(), m.path() == null ? null : " at " + m.path())),
          cause);
    } else if (t instanceof InvalidRequestException i) {
      copy = new InvalidRequestException(redact(i.field()),
          redact(withoutPrefix(i.getMessage(), i.field() == null ? null : i.field() + ": ")),
          cause);
    } else if (t instanceof RouterException r) {
      copy = new RouterException(r.category(), redact(r.getMessage()), cause);
    } else {
      copy = new Redacted(t.getClass().getName()
          + (t.getMessage() == null ? "" : ": " + redact(t.getMessage())), cause);
    }
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  private boolean contains(String s) {
    if (s == null) {
      return false;
    }
    for (String secret : secrets) {
      if (s.contains(secret)) {
        return true;
      }
    }
    return false;
  }

  private static String withoutSuffix(String s, String suffix) {
    return s != null && suffix != null && s.endsWith(suffix)
        ? s.substring(0, s.length() - suffix.length()) : s;
  }

  private static String withoutPrefix(String s, String prefix) {
    return s != null && prefix != null && s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }

  /**
   * Stands in for a cause of a type the router does not own (an {@link java.io.IOException}
   * quoting the key): its class name and redacted message, its stack trace and scrubbed
   * causes.
   */
  static final class Redacted extends Exception {
    private static final long serialVersionUID = 1L;

    Redacted(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
