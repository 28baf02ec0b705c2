package dev.router4j.providers.internal.http;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.Credential;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import okhttp3.Headers;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Turns provider failures into {@link ProviderException}s with the router's {@link
 * ErrorCategory}, keeping what the provider said (its HTTP status, error type, code and
 * message) and the wait it asked for.
 *
 * <p>Three kinds of failure are covered:
 *
 * <ul>
 *   <li>a non-2xx HTTP reply ({@link #classify(int, Function, String, String, String)}), whose
 *       body may be an OpenAI/OpenRouter, Anthropic or Gemini error document, some other JSON,
 *       an HTML proxy page, plain text or nothing;
 *   <li>a transport failure ({@link #classifyTransport(IOException, String, String)}): no reply,
 *       HTTP status 0;
 *   <li>an error reported inside a stream that began with HTTP 200 ({@link
 *       #streamError(String)}, {@link #findStreamError(String)}, {@link
 *       #streamInterrupted(String, String, String, String)}): Anthropic's {@code event: error},
 *       an OpenAI/OpenRouter chunk with a top-level {@code error}, Gemini's {@code {"error":…}}.
 * </ul>
 *
 * <p>Status mapping: 400 invalid request, or context length exceeded when the provider's code
 * or message says so (also for 413 and 422), or authentication for Gemini's {@code
 * API_KEY_INVALID}; 401 authentication; 402 payment; 403 permission; 404 not found; 408
 * timeout; 409 provider error (retryable); 413 and 422 invalid request; 429 rate limited, but
 * OpenAI's {@code insufficient_quota} is payment and not retryable; 500 and 502 provider error;
 * 503 and 529 overloaded (also any 5xx whose type is {@code overloaded_error}); 504 timeout;
 * other 4xx invalid request and other 5xx provider error. An {@code x-should-retry} header
 * overrides the retry answer.
 *
 * <p>Retry-after, most specific first: {@code retry-after-ms}, {@code retry-after} (seconds or
 * an HTTP date, relative to the injected clock), Gemini's {@code RetryInfo.retryDelay}; then,
 * for rate limits only, the reset of the exhausted limit from OpenAI's {@code
 * x-ratelimit-reset-requests/-tokens} (Go durations), Anthropic's {@code
 * anthropic-ratelimit-*-reset} (RFC 3339) or a generic {@code x-ratelimit-reset}; then
 * OpenRouter's {@code error.availability.retry_after}. Waits are capped at one day.
 *
 * <p>Request id: {@code x-request-id}, {@code request-id} (Anthropic), Azure's {@code
 * apim-request-id}, else the error body's {@code request_id} (Anthropic).
 *
 * <p>Messages hold only what the provider said about the error, with anything that looks like
 * a key redacted, cut to 500 characters; no request header is ever read or copied. A
 * classifier made by {@link #redacting(Credential)} also removes the exact secret of the call
 * from everything it makes, and {@link #scrub(RouterException)} does the same for exceptions
 * made elsewhere (a reader's, a decoder's). The classifier is immutable and thread-safe.
 */
public final class ErrorClassifier {

  /** How much of an error body {@link #classify(Response, String, String)} reads. */
  public static final long MAX_ERROR_BODY_BYTES = 64 * 1024;

  private static final List<String> CONTEXT_PHRASES =
      List.of(
          "context_length_exceeded",
          "maximum context length",
          "context length exceeded",
          "context window exceeded",
          "exceeds the context window",
          "exceed the context window",
          "exceeds the model's context",
          "prompt is too long",
          "input is too long",
          "exceeds the maximum number of tokens",
          "too many tokens",
          "model_context_window_exceeded");

  /** The response headers that carry the provider's id for a request, most common first. */
  private static final List<String> REQUEST_ID_HEADERS =
      List.of("x-request-id", "request-id", "apim-request-id");

  private final Clock clock;
  private final Secrets secrets;
  /** Whether the exceptions made for HTTP replies and transport failures record a stack trace. */
  private final boolean stackTraces;

  /** A classifier using the system clock (UTC) for HTTP-date and timestamp hints. */
  public ErrorClassifier() {
    this(Clock.systemUTC());
  }

  /** A classifier that reads dates in retry hints relative to {@code clock}. */
  public ErrorClassifier(Clock clock) {
    this(clock, Secrets.NONE, true);
  }

  private ErrorClassifier(Clock clock, Secrets secrets, boolean stackTraces) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.secrets = secrets;
    this.stackTraces = stackTraces;
  }

  /**
   * A classifier whose exceptions for HTTP replies and transport failures carry no stack trace
   * (see {@link ProviderException.Builder#stackTrace(boolean)}): for the attempts of a routed
   * call, where the router falls back on most of them and gives the exception it throws to its
   * caller the caller's stack trace. Exceptions made for streams keep theirs.
   */
  public ErrorClassifier withoutStackTraces() {
    return stackTraces ? new ErrorClassifier(clock, secrets, false) : this;
  }

  // ---------------------------------------------------------------------------------------
  // Secrets

  /**
   * A classifier that also removes the credential's exact secret from every exception it
   * makes: messages, provider fields and causes. Itself when the credential is null.
   */
  public ErrorClassifier redacting(Credential credential) {
    return credential == null ? this : redacting(credential.secret());
  }

  /** A classifier that also removes these exact secrets from every exception it makes. */
  public ErrorClassifier redacting(String... secrets) {
    Secrets more = this.secrets.and(secrets);
    return more == this.secrets ? this : new ErrorClassifier(clock, more, stackTraces);
  }

  /**
   * The exception without this classifier's secrets in its message, provider fields or any
   * cause's message; itself when it holds none (always, for a classifier without secrets).
   * A type the router does not own in the cause chain is replaced by a stand-in with its
   * class name and redacted message.
   */
  public RouterException scrub(RouterException e) {
    return secrets.scrub(e);
  }

  /** Like {@link #scrub(RouterException)}, keeping the type. */
  public ProviderException scrub(ProviderException e) {
    return secrets.scrub(e);
  }

  /** Like {@link #scrub(RouterException)}, keeping the type. */
  public StreamInterruptedException scrub(StreamInterruptedException e) {
    return secrets.scrub(e);
  }

  /** The text with this classifier's secrets replaced; null stays null. */
  public String redact(String text) {
    return secrets.redact(text);
  }

  // ---------------------------------------------------------------------------------------
  // HTTP replies

  /**
   * Classifies a non-2xx reply, reading at most {@link #MAX_ERROR_BODY_BYTES} of its body with
   * {@link Response#peekBody(long)}. The caller still owns and closes the response.
   */
  public ProviderException classify(Response response, String provider, String model) {
    String body;
    try {
      body = peekText(response);
    } catch (IOException | RuntimeException e) {
      body = "";
    }
    Headers headers = response.headers();
    ErrorBody parsed = parse(body);
    String requestId = requestId(response);
    return classifyParsed(response.code(), headers::get, parsed, provider, model,
        requestId != null ? requestId : parsed.requestId);
  }

  /**
   * At most {@link #MAX_ERROR_BODY_BYTES} of the body as text, as {@code
   * response.peekBody(MAX_ERROR_BODY_BYTES).string()} reads it, without parsing the media type
   * when it names no charset (the text is then UTF-8) and the body starts with no byte order
   * mark.
   */
  private static String peekText(Response response) throws IOException {
    String type = response.header("Content-Type");
    if (type == null || !namesCharset(type)) {
      BufferedSource peeked = response.body().source().peek();
      peeked.request(MAX_ERROR_BODY_BYTES);
      long size = Math.min(MAX_ERROR_BODY_BYTES, peeked.getBuffer().size());
      int first = size == 0 ? 0x7f : peeked.getBuffer().getByte(0) & 0xff;
      // 0xEF, 0xFE, 0xFF and 0x00 may open a byte order mark, which string() honours.
      if (first != 0xef && first != 0xfe && first != 0xff && first != 0x00) {
        return peeked.readUtf8(size);
      }
    }
    return response.peekBody(MAX_ERROR_BODY_BYTES).string();
  }

  private static boolean namesCharset(String contentType) {
    for (int i = 0; i + 7 <= contentType.length(); i++) {
      if (contentType.regionMatches(true, i, "charset", 0, 7)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The provider's id for the request from the reply's headers ({@code x-request-id}, {@code
   * request-id}, Azure's {@code apim-request-id}), or null.
   */
  public static String requestId(Response response) {
    for (String name : REQUEST_ID_HEADERS) {
      String id = response.header(name);
      if (id != null && !id.isBlank()) {
        return id.strip();
      }
    }
    return null;
  }

  /** The exception with this request id, unless it has one already or the id is null. */
  public static ProviderException withRequestId(ProviderException e, String requestId) {
    return requestId == null || e.requestId() != null
        ? e : e.toBuilder().requestId(requestId).build();
  }

  /** Classifies a non-2xx reply whose headers are OkHttp {@link Headers}. */
  public ProviderException classify(
      int status, Headers headers, String body, String provider, String model) {
    return classify(status, headers == null ? name -> null : headers::get, body, provider, model);
  }

  /**
   * Classifies a non-2xx reply.
   *
   * @param status the HTTP status
   * @param headers looks up a response header by its lower-case name (null when absent); it is
   *     only asked for the retry hint headers
   * @param body the body text (may be null, empty, JSON, HTML or plain text)
   * @param provider the provider slug, for example {@code openai}
   * @param model the model asked for, or null
   */
  public ProviderException classify(
      int status,
      Function<String, String> headers,
      String body,
      String provider,
      String model) {
    return classifyParsed(status, headers, parse(body), provider, model, null);
  }

  private ProviderException classifyParsed(int status, Function<String, String> headers,
      ErrorBody e, String provider, String model, String requestId) {
    Function<String, String> h = headers == null ? name -> null : headers;
    List<String> tokens = e.tokens();
    ErrorCategory category = categorize(status, e, tokens);

    Boolean retryable = null;
    String shouldRetry = header(h, "x-should-retry");
    if ("true".equalsIgnoreCase(shouldRetry)) {
      retryable = true;
    } else if ("false".equalsIgnoreCase(shouldRetry)) {
      retryable = false;
    } else if (e.availabilityRetryable != null) {
      retryable = e.availabilityRetryable;
    }
    if (category == ErrorCategory.PAYMENT && status == 429) {
      retryable = false; // OpenAI insufficient_quota: waiting does not help
    }

    ProviderException.Builder b =
        ProviderException.builder(category)
            .provider(provider)
            .model(model)
            .httpStatus(status)
            .providerType(ErrorText.clean(e.providerType(), 100))
            .providerCode(ErrorText.clean(e.providerCode(), 100))
            .providerMessage(e.displayMessage())
            .retryAfter(retryAfter(h, e, category))
            .requestId(requestId)
            .stackTrace(stackTraces);
    if (retryable != null) {
      b.retryable(retryable);
    }
    return scrub(b.build());
  }

  /**
   * The wait a reply asks for, or null when it names none; see the class comment for the order
   * in which hints are taken.
   */
  public Duration retryAfter(int status, Function<String, String> headers, String body) {
    Function<String, String> h = headers == null ? name -> null : headers;
    ErrorBody e = ErrorBody.parse(body);
    return retryAfter(h, e, categorize(status, e, e.tokens()));
  }

  private Duration retryAfter(Function<String, String> h, ErrorBody e, ErrorCategory category) {
    Duration d = Durations.parseMillis(header(h, "retry-after-ms"));
    if (d == null) {
      d = Durations.parseRetryAfter(header(h, "retry-after"), clock);
    }
    if (d == null) {
      d = e.retryDelay;
    }
    if (d == null && category == ErrorCategory.RATE_LIMITED) {
      d = rateLimitReset(h);
    }
    if (d == null) {
      d = e.availabilityRetryAfter;
    }
    return d;
  }

  /**
   * When the exhausted rate limit resets, from OpenAI's or Anthropic's rate-limit headers: the
   * latest reset among limits whose {@code remaining} is 0, or among all of them when none says
   * so. Null when no reset header is present.
   */
  private Duration rateLimitReset(Function<String, String> h) {
    Duration exhausted = null;
    Duration any = null;
    for (String limit : List.of("requests", "tokens")) {
      Duration reset = Durations.parseGo(header(h, "x-ratelimit-reset-" + limit));
      if (reset != null) {
        any = max(any, reset);
        if (isZero(header(h, "x-ratelimit-remaining-" + limit))) {
          exhausted = max(exhausted, reset);
        }
      }
    }
    for (String limit : List.of("requests", "tokens", "input-tokens", "output-tokens")) {
      Duration reset =
          Durations.parseTimestamp(header(h, "anthropic-ratelimit-" + limit + "-reset"), clock);
      if (reset != null) {
        any = max(any, reset);
        if (isZero(header(h, "anthropic-ratelimit-" + limit + "-remaining"))) {
          exhausted = max(exhausted, reset);
        }
      }
    }
    if (exhausted != null) {
      return exhausted;
    }
    if (any != null) {
      return any;
    }
    return genericReset(header(h, "x-ratelimit-reset"));
  }

  /**
   * {@code x-ratelimit-reset} as sent by OpenRouter and others: a number above 10^12 is epoch
   * milliseconds, above 10^9 epoch seconds, otherwise seconds to wait; else a Go duration or
   * an RFC 3339 timestamp.
   */
  private Duration genericReset(String value) {
    if (value == null) {
      return null;
    }
    Duration seconds = Durations.parseSeconds(value);
    if (seconds == null) {
      Duration go = Durations.parseGo(value);
      return go != null ? go : Durations.parseTimestamp(value, clock);
    }
    double raw = Double.parseDouble(value);
    if (raw < 1e9) {
      return seconds;
    }
    long epochMillis = raw > 1e12 ? (long) raw : (long) (raw * 1000);
    long wait = epochMillis - clock.millis();
    return wait <= 0 ? Duration.ZERO : Durations.ofSeconds(wait / 1000.0);
  }

  private static ErrorCategory categorize(int status, ErrorBody e, List<String> tokens) {
    if ((status == 400 || status == 413 || status == 422) && isContextLength(e, tokens)) {
      return ErrorCategory.CONTEXT_LENGTH_EXCEEDED;
    }
    switch (status) {
      case 400:
        return isInvalidKey(e, tokens) ? ErrorCategory.AUTHENTICATION : ErrorCategory.INVALID_REQUEST;
      case 401:
        return ErrorCategory.AUTHENTICATION;
      case 402:
        return ErrorCategory.PAYMENT;
      case 403:
        return ErrorCategory.PERMISSION;
      case 404:
        return ErrorCategory.NOT_FOUND;
      case 408:
        return ErrorCategory.TIMEOUT;
      case 409:
        return ErrorCategory.PROVIDER_ERROR;
      case 413:
      case 422:
        return ErrorCategory.INVALID_REQUEST;
      case 429:
        return tokens.contains("insufficient_quota")
            ? ErrorCategory.PAYMENT
            : ErrorCategory.RATE_LIMITED;
      case 500:
      case 502:
        return tokens.contains("overloaded_error")
            ? ErrorCategory.PROVIDER_OVERLOADED
            : ErrorCategory.PROVIDER_ERROR;
      case 503:
      case 529:
        return ErrorCategory.PROVIDER_OVERLOADED;
      case 504:
        return ErrorCategory.TIMEOUT;
      default:
        break;
    }
    if (status >= 500 && status < 600) {
      return tokens.contains("overloaded_error")
          ? ErrorCategory.PROVIDER_OVERLOADED
          : ErrorCategory.PROVIDER_ERROR;
    }
    if (status >= 400 && status < 500) {
      return ErrorCategory.INVALID_REQUEST;
    }
    return ErrorCategory.PROVIDER_ERROR;
  }

  private static boolean isContextLength(ErrorBody e, List<String> tokens) {
    if (tokens.contains("context_length_exceeded")) {
      return true;
    }
    String text = e.searchableText();
    for (String phrase : CONTEXT_PHRASES) {
      if (text.contains(phrase)) {
        return true;
      }
    }
    // Gemini: "The input token count (1196265) exceeds the maximum number of tokens allowed".
    return text.contains("input token count") && text.contains("exceeds");
  }

  private static boolean isInvalidKey(ErrorBody e, List<String> tokens) {
    if (tokens.contains("api_key_invalid") || tokens.contains("invalid_api_key")) {
      return true;
    }
    String text = e.searchableText();
    return text.contains("api key not valid") || text.contains("api_key_invalid");
  }

  // ---------------------------------------------------------------------------------------
  // Transport failures

  /**
   * Classifies a failure to get a reply at all, with HTTP status 0: a socket timeout or
   * OkHttp's call timeout ({@link InterruptedIOException}) is {@link ErrorCategory#TIMEOUT};
   * refused connections, unknown hosts, TLS failures and everything else are {@link
   * ErrorCategory#TRANSPORT}, except OkHttp's {@code IOException("Canceled")} from {@code
   * Call.cancel()}, which is {@link ErrorCategory#CANCELLED}. The cause chain is searched,
   * outermost first; the exception is kept as the cause.
   */
  public ProviderException classifyTransport(IOException failure, String provider, String model) {
    Objects.requireNonNull(failure, "failure");
    ErrorCategory category = null;
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 8 && category == null; depth++, t = t.getCause()) {
      category = transportCategory(t);
    }
    if (category == null) {
      category =
          "Canceled".equals(failure.getMessage())
              ? ErrorCategory.CANCELLED
              : ErrorCategory.TRANSPORT;
    }
    String text = failure.getClass().getSimpleName();
    if (failure.getMessage() != null) {
      text += ": " + redact(failure.getMessage());
    }
    return scrub(ProviderException.builder(category)
        .provider(provider)
        .model(model)
        .httpStatus(0)
        .providerMessage(ErrorText.clean(text, ErrorText.MAX_MESSAGE))
        .cause(failure)
        .stackTrace(stackTraces)
        .build());
  }

  private static ErrorCategory transportCategory(Throwable t) {
    if (t instanceof SocketTimeoutException) {
      return ErrorCategory.TIMEOUT;
    }
    if (t instanceof ConnectException
        || t instanceof UnknownHostException
        || t instanceof NoRouteToHostException
        || t instanceof PortUnreachableException
        || t instanceof SSLException) {
      return ErrorCategory.TRANSPORT;
    }
    if (t instanceof InterruptedIOException) {
      return ErrorCategory.TIMEOUT;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------
  // Errors inside a stream

  /**
   * An error reported inside a stream that began with HTTP 200.
   *
   * @param category the router's category for it (put it in {@link
   *     StreamInterruptedException#underlyingCategory()})
   * @param type the provider's error type (Anthropic {@code error.type}, OpenRouter {@code
   *     metadata.error_type}), or null
   * @param code the provider's code (OpenAI/OpenRouter {@code code}, Gemini {@code status}), or
   *     null
   * @param message the provider's message, sanitised and cut to 500 characters, or null
   * @param httpStatus the HTTP-like status the error carries (OpenRouter's or Gemini's numeric
   *     {@code code}), or 0
   */
  public record StreamError(
      ErrorCategory category, String type, String code, String message, int httpStatus) {

    /** Whether the failed request may be sent again to the same endpoint. */
    public boolean retryable() {
      return category.retryable();
    }
  }

  /**
   * Reads the {@code data} of an event already known to be an error (Anthropic's {@code event:
   * error}). Never null: an unreadable payload is a {@link ErrorCategory#PROVIDER_ERROR} with
   * an excerpt as its message.
   */
  public StreamError streamError(String data) {
    return toStreamError(parse(data));
  }

  /**
   * Checks a data payload for an in-band error: a JSON object with a top-level {@code error}
   * member (OpenAI, OpenRouter mid-stream failures, Gemini) or with {@code "type":"error"}
   * (Anthropic). Returns null for an ordinary chunk. Cheap for ordinary chunks: it parses only
   * payloads that mention {@code "error"}.
   */
  public StreamError findStreamError(String data) {
    if (!mayHoldError(data)) {
      return null;
    }
    Object root = ErrorBody.readJson(data);
    if (root instanceof List<?> list && !list.isEmpty()) {
      root = list.get(0);
    }
    if (!(root instanceof Map<?, ?> map)) {
      return null;
    }
    Object error = map.get("error");
    boolean isError =
        (error instanceof Map<?, ?>)
            || (error instanceof String s && !s.isBlank())
            || "error".equals(map.get("type"));
    return isError ? toStreamError(parse(data)) : null;
  }

  /**
   * Whether a data payload may hold an in-band error, that is, whether it mentions {@code
   * "error"} with its quotes; false means {@link #findStreamError(String)} would return null.
   */
  public static boolean mayHoldError(String data) {
    return data != null && data.contains("\"error\"");
  }

  /** The category of an in-stream error payload; {@link ErrorCategory#PROVIDER_ERROR} when unknown. */
  public ErrorCategory streamErrorCategory(String data) {
    return streamError(data).category();
  }

  /**
   * Builds the exception for an in-stream error event: its underlying category is the error's,
   * and its cause is a {@link ProviderException} (HTTP status 0) carrying the provider's type,
   * code and message.
   *
   * @param data the error event's data
   * @param partialText the content streamed before the error (may be null)
   */
  public StreamInterruptedException streamInterrupted(
      String data, String partialText, String provider, String model) {
    StreamError error = streamError(data);
    ProviderException cause =
        ProviderException.builder(error.category())
            .provider(provider)
            .model(model)
            .httpStatus(0)
            .providerType(error.type())
            .providerCode(error.code())
            .providerMessage(error.message())
            .build();
    String message =
        (provider == null ? "provider" : provider)
            + (model == null ? "" : " (" + model + ")")
            + " reported an error mid-stream ["
            + error.category()
            + "]"
            + (error.message() == null ? "" : ": " + error.message());
    return scrub(new StreamInterruptedException(message, partialText, error.category(), cause));
  }

  /**
   * Builds the exception for a stream that ended without its terminal event ({@code [DONE]},
   * {@code message_stop}, a finish reason), or broke on a read failure.
   *
   * @param partialText the content streamed before the break (may be null)
   * @param failure the read failure, or null for a clean end of file
   */
  public StreamInterruptedException streamTruncated(
      String partialText, String provider, String model, IOException failure) {
    String who = (provider == null ? "provider" : provider) + (model == null ? "" : " (" + model + ")");
    if (failure == null) {
      return new StreamInterruptedException(
          who + " stream ended before its terminal event",
          partialText,
          ErrorCategory.STREAM_INTERRUPTED,
          null);
    }
    ProviderException cause = classifyTransport(failure, provider, model);
    return scrub(new StreamInterruptedException(
        who + " stream broke: " + cause.providerMessage(), partialText, cause.category(), cause));
  }

  private StreamError toStreamError(ErrorBody e) {
    List<String> tokens = e.tokens();
    ErrorCategory category = null;
    for (String token : tokens) {
      category = categoryOfName(token);
      if (category != null) {
        break;
      }
    }
    if (category == null && e.numericCode >= 400) {
      category = categorize(e.numericCode, e, tokens);
    }
    if (category == null && isContextLength(e, tokens)) {
      category = ErrorCategory.CONTEXT_LENGTH_EXCEEDED;
    }
    if (category == null) {
      category = ErrorCategory.PROVIDER_ERROR;
    }
    if (category == ErrorCategory.INVALID_REQUEST && isContextLength(e, tokens)) {
      category = ErrorCategory.CONTEXT_LENGTH_EXCEEDED;
    }
    int status = e.numericCode >= 100 && e.numericCode < 600 ? e.numericCode : 0;
    return new StreamError(
        category,
        redact(ErrorText.clean(e.providerType(), 100)),
        redact(ErrorText.clean(e.providerCode(), 100)),
        redact(e.displayMessage()),
        status);
  }

  /** The category an error type, code or status name stands for, or null. */
  static ErrorCategory categoryOfName(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "overloaded_error":
      case "overloaded":
      case "unavailable":
      case "provider_unavailable":
      case "service_unavailable":
      case "capacity_exhausted":
      case "temporarily_unavailable":
        return ErrorCategory.PROVIDER_OVERLOADED;
      case "rate_limit_error":
      case "rate_limit_exceeded":
      case "rate_limited":
      case "resource_exhausted":
      case "too_many_requests":
        return ErrorCategory.RATE_LIMITED;
      case "insufficient_quota":
      case "billing_error":
      case "payment_required":
      case "insufficient_credits":
        return ErrorCategory.PAYMENT;
      case "timeout":
      case "timeout_error":
      case "deadline_exceeded":
      case "request_timeout":
      case "gateway_timeout":
        return ErrorCategory.TIMEOUT;
      case "context_length_exceeded":
        return ErrorCategory.CONTEXT_LENGTH_EXCEEDED;
      case "invalid_request_error":
      case "invalid_argument":
      case "bad_request":
      case "request_too_large":
      case "failed_precondition":
        return ErrorCategory.INVALID_REQUEST;
      case "authentication_error":
      case "invalid_api_key":
      case "api_key_invalid":
      case "unauthenticated":
        return ErrorCategory.AUTHENTICATION;
      case "permission_error":
      case "permission_denied":
      case "moderation":
        return ErrorCategory.PERMISSION;
      case "not_found_error":
      case "not_found":
      case "model_not_found":
        return ErrorCategory.NOT_FOUND;
      case "api_error":
      case "server_error":
      case "internal":
      case "internal_error":
      case "internal_server_error":
      case "bad_gateway":
        return ErrorCategory.PROVIDER_ERROR;
      default:
        return null;
    }
  }

  // ---------------------------------------------------------------------------------------

  /**
   * Parses an error document after removing this classifier's secrets, so that no cut of a
   * long message can leave part of one behind.
   */
  private ErrorBody parse(String body) {
    return ErrorBody.parse(redact(body));
  }

  private static String header(Function<String, String> headers, String name) {
    try {
      String v = headers.apply(name);
      return v == null || v.isBlank() ? null : v.strip();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean isZero(String remaining) {
    if (remaining == null) {
      return false;
    }
    try {
      return Double.parseDouble(remaining) <= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a == null || b.compareTo(a) > 0 ? b : a;
  }

}
