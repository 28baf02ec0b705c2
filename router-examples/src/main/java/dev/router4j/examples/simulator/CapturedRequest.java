package dev.router4j.examples.simulator;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A request as a simulated provider received it, for asserting what a client sent.
 *
 * @param provider the provider slug
 * @param method the HTTP method
 * @param target the request target: path and query
 * @param headers the headers, names in lower case
 * @param body the body as UTF-8 text
 */
public record CapturedRequest(
    String provider, String method, String target, Map<String, String> headers, String body) {

  private static final java.util.Set<String> SECRET_HEADERS =
      java.util.Set.of("authorization", "x-api-key", "x-goog-api-key", "api-key");

  /** Copies the headers. */
  public CapturedRequest {
    Objects.requireNonNull(provider, "provider");
    headers = Map.copyOf(headers);
  }

  /** The value of a header (any case), or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The path without the query. */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** Shows the request with key headers and a {@code key} query parameter redacted. */
  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    headers.forEach((k, v) -> shown.put(k, SECRET_HEADERS.contains(k) ? "<redacted>" : v));
    String shownTarget = target.replaceAll("([?&]key=)[^&]*", "$1<redacted>");
    return "CapturedRequest[" + provider + " " + method + " " + shownTarget + ", headers="
        + shown + ", body=" + body.length() + " chars]";
  }
}
