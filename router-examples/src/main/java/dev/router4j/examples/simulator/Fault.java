package dev.router4j.examples.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * What a simulated endpoint does with one request: answer normally, fail in one of the ways
 * real providers fail, or answer in a scripted way (a tool call, broken JSON, a fixed text).
 * Immutable.
 *
 * <p>Faults are consumed one per request from a {@link FaultPlan}, in order, or drawn at random
 * with a seeded probability:
 *
 * <pre>{@code
 * m.faults(Fault.status(503), Fault.ok(), Fault.dropMidStream(3))
 * }</pre>
 *
 * <p>Streamed faults count <em>events</em>: one SSE event ({@code data:} for OpenAI and Gemini,
 * one {@code event:}/{@code data:} pair for Anthropic, including {@code ping} and framing
 * events) is one event. For a non-streaming request, "mid-stream" means mid-body.
 */
public final class Fault {

  /** The kinds of fault. */
  public enum Kind {
    /** A normal answer. */
    OK,
    /** An error status with the protocol's error body. */
    STATUS,
    /** The protocol's "overloaded" error: Anthropic 529, otherwise 503. */
    OVERLOADED,
    /** A quota error that must not be retried: OpenAI 429 {@code insufficient_quota}, etc. */
    QUOTA,
    /** The request is read, then the connection is closed before any response byte. */
    DROP_BEFORE_HEADERS,
    /** The stream is cut (connection closed) after a number of events. */
    DROP_MID_STREAM,
    /** Headers are sent, then nothing for a while; then the answer continues normally. */
    STALL,
    /** The stream pauses after a number of events, then continues normally. */
    STALL_MID_STREAM,
    /** The stream carries the protocol's in-band error event after a number of events. */
    ERROR_MID_STREAM,
    /** Nothing at all is sent for a while (no headers); then the answer proceeds normally. */
    DELAY,
    /** The assistant text is broken JSON (see {@link Malformation}). */
    MALFORMED_JSON,
    /** A tool call, when the request offers tools (a text answer otherwise). */
    TOOL_CALL,
    /** The given assistant text, verbatim. */
    REPLY
  }

  private static final Fault OK = new Fault(Kind.OK, 0, null, 0, null, null);

  private final Kind kind;
  private final int status;
  private final Duration duration;
  private final int afterEvents;
  private final Malformation malformation;
  private final String text;

  private Fault(Kind kind, int status, Duration duration, int afterEvents,
      Malformation malformation, String text) {
    this.kind = kind;
    this.status = status;
    this.duration = duration;
    this.afterEvents = afterEvents;
    this.malformation = malformation;
    this.text = text;
  }

  /** A normal answer. */
  public static Fault ok() {
    return OK;
  }

  /**
   * An error with the given HTTP status, in the protocol's error shape. A 429 carries a
   * one-second {@code Retry-After} (Gemini: a {@code RetryInfo} detail).
   *
   * @throws IllegalArgumentException unless 400 &le; status &le; 599
   */
  public static Fault status(int status) {
    return status(status, status == 429 ? Duration.ofSeconds(1) : null);
  }

  /**
   * An error with the given HTTP status and retry hint.
   *
   * @param retryAfter sent as {@code Retry-After} (and {@code retry-after-ms} for OpenAI,
   *     {@code RetryInfo.retryDelay} for Gemini), or null for none
   * @throws IllegalArgumentException unless 400 &le; status &le; 599, or for a negative delay
   */
  public static Fault status(int status, Duration retryAfter) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400..599, was " + status);
    }
    return new Fault(Kind.STATUS, status, nonNegative(retryAfter, true), 0, null, null);
  }

  /** A 429 rate-limit error whose retry hint is the given delay. */
  public static Fault rateLimited(Duration retryAfter) {
    return status(429, Objects.requireNonNull(retryAfter, "retryAfter"));
  }

  /** The protocol's overload error: Anthropic 529 {@code overloaded_error}, otherwise 503. */
  public static Fault overloaded() {
    return new Fault(Kind.OVERLOADED, 0, null, 0, null, null);
  }

  /**
   * A quota error that retrying does not cure: OpenAI 429 {@code insufficient_quota},
   * Anthropic 402 {@code billing_error}, Gemini 429 {@code RESOURCE_EXHAUSTED} with a
   * {@code QuotaFailure} and no retry hint.
   */
  public static Fault quotaExceeded() {
    return new Fault(Kind.QUOTA, 0, null, 0, null, null);
  }

  /** The request is read, then the connection is closed: the client sees an IOException. */
  public static Fault dropBeforeHeaders() {
    return new Fault(Kind.DROP_BEFORE_HEADERS, 0, null, 0, null, null);
  }

  /**
   * The connection is closed after {@code events} events were sent (for a non-streaming
   * request: after the headers and half the body).
   *
   * @throws IllegalArgumentException for a negative count
   */
  public static Fault dropMidStream(int events) {
    return new Fault(Kind.DROP_MID_STREAM, 0, null, count(events), null, null);
  }

  /** The headers are sent, then nothing for {@code duration}; then the answer continues. */
  public static Fault stall(Duration duration) {
    return new Fault(Kind.STALL, 0, nonNegative(duration, false), 0, null, null);
  }

  /** After {@code events} events the stream pauses for {@code duration}, then continues. */
  public static Fault stallMidStream(int events, Duration duration) {
    return new Fault(Kind.STALL_MID_STREAM, 0, nonNegative(duration, false), count(events), null,
        null);
  }

  /**
   * After {@code events} events the stream carries the protocol's in-band error (OpenAI
   * {@code data: {"error":…}}, Anthropic {@code event: error} with {@code overloaded_error},
   * Gemini {@code data: {"error":…}}) and ends. A non-streaming request gets a 500.
   */
  public static Fault errorMidStream(int events) {
    return new Fault(Kind.ERROR_MID_STREAM, 0, null, count(events), null, null);
  }

  /** Nothing is sent for {@code duration} (not even headers); then a normal answer. */
  public static Fault delay(Duration duration) {
    return new Fault(Kind.DELAY, 0, nonNegative(duration, false), 0, null, null);
  }

  /** The assistant text is JSON with a trailing comma. */
  public static Fault malformedJson() {
    return malformedJson(Malformation.TRAILING_COMMA);
  }

  /** The assistant text is JSON broken in the given way. */
  public static Fault malformedJson(Malformation malformation) {
    return new Fault(Kind.MALFORMED_JSON, 0, null, 0,
        Objects.requireNonNull(malformation, "malformation"), null);
  }

  /** A tool call to the request's tools (the named one when the request forces one). */
  public static Fault toolCall() {
    return new Fault(Kind.TOOL_CALL, 0, null, 0, null, null);
  }

  /** The given assistant text, verbatim (for instance a particular piece of broken JSON). */
  public static Fault reply(String text) {
    return new Fault(Kind.REPLY, 0, null, 0, null, Objects.requireNonNull(text, "text"));
  }

  /** The kind. */
  public Kind kind() {
    return kind;
  }

  /** The HTTP status of a {@link Kind#STATUS} fault, else 0. */
  public int status() {
    return status;
  }

  /** The retry hint of a status fault, or the pause of a stall or delay; may be null. */
  public Duration duration() {
    return duration;
  }

  /** After how many events a mid-stream fault strikes. */
  public int afterEvents() {
    return afterEvents;
  }

  /** How the JSON is broken, for {@link Kind#MALFORMED_JSON}; else null. */
  public Malformation malformation() {
    return malformation;
  }

  /** The verbatim text of {@link Kind#REPLY}; else null. */
  public String text() {
    return text;
  }

  private static Duration nonNegative(Duration d, boolean nullable) {
    if (d == null) {
      if (nullable) {
        return null;
      }
      throw new NullPointerException("duration");
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was " + d);
    }
    return d;
  }

  private static int count(int events) {
    if (events < 0) {
      throw new IllegalArgumentException("events must not be negative, was " + events);
    }
    return events;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Fault)) {
      return false;
    }
    Fault f = (Fault) o;
    return kind == f.kind && status == f.status && afterEvents == f.afterEvents
        && Objects.equals(duration, f.duration) && malformation == f.malformation
        && Objects.equals(text, f.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, status, duration, afterEvents, malformation, text);
  }

  @Override
  public String toString() {
    switch (kind) {
      case STATUS:
        return "status(" + status + (duration == null ? "" : ", retryAfter=" + duration) + ")";
      case DROP_MID_STREAM:
      case ERROR_MID_STREAM:
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + afterEvents + ")";
      case STALL_MID_STREAM:
        return "stallMidStream(" + afterEvents + ", " + duration + ")";
      case STALL:
      case DELAY:
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + duration + ")";
      case MALFORMED_JSON:
        return "malformedJson(" + malformation + ")";
      case REPLY:
        return "reply(" + text.length() + " chars)";
      default:
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
