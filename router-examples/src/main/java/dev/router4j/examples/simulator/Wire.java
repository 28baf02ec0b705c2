package dev.router4j.examples.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One wire protocol: its routes, request reading, answers, stream events and error bodies. */
abstract class Wire {

  /** A whole response: status, headers, body. */
  record Out(int status, Map<String, String> headers, byte[] body) {}

  /**
   * One streamed event as sent on the wire.
   *
   * @param token the index of the content token it carries (paced), or -1 for framing
   */
  record Event(byte[] bytes, int token) {}

  /**
   * What a request path asks for.
   *
   * @param pathModel the model named in the path (Gemini), or null
   * @param pathStream whether the path asks for a stream (Gemini), or null when the body says
   * @param sse whether a stream is sent as SSE (Gemini without {@code alt=sse}: a JSON array)
   */
  record Route(String pathModel, Boolean pathStream, boolean sse) {}

  /**
   * The values one answer shares across its body or events.
   *
   * @param id the response id
   * @param created the Unix time
   * @param model the model name answered with
   * @param requestId the request id header value
   * @param includeUsage whether an OpenAI stream ends with a usage chunk
   * @param sse whether a stream is SSE
   */
  record Ctx(String id, long created, String model, String requestId, boolean includeUsage,
      boolean sse) {}

  abstract Protocol protocol();

  /** The route for the path after the provider prefix, or null when none matches. */
  abstract Route route(HttpRequest request, String rest);

  /** Reads the parsed JSON body. */
  abstract WireRequest parse(Map<String, Object> body, Route route);

  /** The authentication error for this request, or null when its key is accepted. */
  abstract Out authError(HttpRequest request, Set<String> keys, String requestId);

  /** 400 for a request the protocol rejects. */
  abstract Out invalid(String message, String requestId);

  /** 404 for an unknown model. */
  abstract Out modelNotFound(String model, String requestId);

  /** 404 for a path this protocol does not serve. */
  abstract Out unknownRoute(HttpRequest request, String requestId);

  /** The protocol's error for this status. */
  abstract Out status(int status, Duration retryAfter, String model, String requestId);

  /** The protocol's overload error. */
  abstract Out overloaded(String requestId);

  /** The protocol's non-retryable quota error. */
  abstract Out quota(String model, String requestId);

  /** The headers of a successful answer. */
  abstract Map<String, String> okHeaders(boolean stream, Ctx ctx);

  /** The body of a non-streamed answer. */
  abstract byte[] complete(Ctx ctx, Reply reply);

  /** The events of a streamed answer, in order. */
  abstract List<Event> stream(Ctx ctx, Reply reply);

  /** The in-band error event that ends a stream. */
  abstract byte[] streamError(Ctx ctx, int eventsSent);

  /** The id prefix of this protocol's responses. */
  abstract String idPrefix();

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, String> headers(String... pairs) {
    Map<String, String> h = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      h.put(pairs[i], pairs[i + 1]);
    }
    return h;
  }

  /** Whole seconds, rounded up, at least 1 for a positive duration. */
  static long ceilSeconds(Duration d) {
    long s = d.getSeconds();
    return d.getNano() > 0 ? s + 1 : s;
  }

  /** A Go-style duration as OpenAI's rate-limit reset headers use: 120ms, 1.5s, 6m0s. */
  static String goDuration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      String s = java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
      return s + "s";
    }
    return (ms / 60_000) + "m" + ((ms % 60_000) / 1000) + "s";
  }
}
