package dev.router4j.providers.internal.http;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.PulledStream;
import dev.router4j.api.spi.StreamHandle;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One streamed call over Server-Sent Events, whatever the protocol: it sends the request,
 * reads the body on OkHttp's thread with an {@link SseReader} under the {@link BodyLimit},
 * hands each event to the protocol's {@link #decode(SseEvent)}, and ends with exactly one
 * terminal callback.
 *
 * <ul>
 *   <li>A non-2xx reply is the classified provider error, with its request id.
 *   <li>An in-band error ({@link #inBandError(SseEvent)}) before any output is the provider's
 *       error itself, so that the router may fall back: classified as the HTTP reply it stands
 *       for when it carries an HTTP status (so its retry hints are kept), else as the stream
 *       error it is. After output it is a {@link StreamInterruptedException} keeping the
 *       partial text, its cause the provider's error.
 *   <li>The stream is complete only at the protocol's end ({@link #endsStream(SseEvent)}, or
 *       {@link #completeAtEndOfBody()} for protocols without an end event); an end of the body
 *       before it is an interruption, never a clean finish.
 *   <li>A read failure before output is a transport failure; after output, an interruption.
 *       An unusable event before output fails as it is; after output it is an interruption.
 *   <li>{@link #cancel()} cancels the OkHttp call, which closes the socket at once.
 *   <li>No error handed to the listener holds the call's secret.
 * </ul>
 *
 * <p>Two ways to read: {@link #start()} sends the request and reads the reply on OkHttp's
 * thread; or, unsent, the call is a {@link PulledStream} that the router's consumer reads on
 * its own thread with {@link #pump()}, one chunk-bearing event at a time, with no hand-off
 * between threads. The rules above hold either way.
 *
 * <p>Subclasses keep only their protocol: the decoding of events and what counts as output.
 * The hooks are called on the reading thread, one event at a time.
 */
public abstract class SseStreamCall implements Callback, PulledStream {
  private static final SseEvent.Needle QUOTED_ERROR = new SseEvent.Needle("\"error\"");

  /** The provider slug, for errors. */
  protected final String provider;
  /** The model asked for, for errors. */
  protected final String model;

  private final Call call;
  private final java.time.Duration timeout;
  private final ChunkListener listener;
  private final ErrorClassifier plainErrors;
  private final Credential credential;
  private final long maxResponseBytes;
  /** The classifier with the call's secret, made on first use (most streams never fail). */
  private volatile ErrorClassifier errors;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private String requestId;
  /** The reader of the body, once the reply's headers have come. */
  private SseReader reader;
  /** The reply when the consumer's thread reads it ({@link #pump()}), to close at the end. */
  private volatile Response pulled;
  /**
   * Held by whoever reads or closes the pulled reply: a body is closed on the thread that
   * reads it, or by {@link #cancel()} only while no pump is reading.
   */
  private final AtomicBoolean reading = new AtomicBoolean();

  /**
   * Prepares the call; {@link #start()} sends it, or the first {@link #pump()}.
   *
   * @param http the provider's exchange
   * @param request the streaming request
   * @param attempt the attempt: its timeout bounds the whole stream when it is pushed ({@link
   *     #start()}; a pulled stream's reader keeps the time), its credential's secret is kept
   *     out of errors, its endpoint's model is named in them
   * @param listener receives the chunks and the one terminal callback
   */
  protected SseStreamCall(
      ProviderHttp http, Request request, ProviderCall attempt, ChunkListener listener) {
    // The timeout is armed by start(): a pulled stream's reader keeps the time (PulledStream).
    this.call = http.newCall(request);
    this.timeout = attempt.timeout();
    this.listener = listener;
    this.plainErrors = http.errors();
    this.credential = attempt.credential();
    this.maxResponseBytes = http.maxResponseBytes();
    this.provider = http.provider();
    this.model = attempt.endpoint().model();
  }

  /** The classifier, removing the call's secret from what it makes. */
  protected final ErrorClassifier errors() {
    ErrorClassifier e = errors;
    if (e == null) {
      e = plainErrors.redacting(credential);
      errors = e;
    }
    return e;
  }

  // ---------------------------------------------------------------------------------------
  // Protocol hooks

  /**
   * Decodes one event with non-blank data that is not an error into the chunk for the
   * listener, or null when the event adds nothing the caller sees. Decoders read JSON from
   * {@link SseEvent#dataSource()}: the data's bytes, not a string made for the occasion.
   *
   * @throws RouterException when the event is not what the protocol promises
   */
  protected abstract ChatChunk decode(SseEvent event);

  /**
   * Whether the stream is complete once this event (already decoded) has been handled: an
   * end marker such as {@code [DONE]} or {@code message_stop}.
   */
  protected abstract boolean endsStream(SseEvent event);

  /**
   * Whether the stream is complete when the body ends, for protocols that send no end event
   * (Gemini: after a finish reason). By default false: the end of the body is an interruption.
   */
  protected boolean completeAtEndOfBody() {
    return false;
  }

  /**
   * The error an event reports, or null for an ordinary event. By default a data payload with
   * a top-level {@code error} member (see {@link ErrorClassifier#findStreamError(String)}).
   */
  protected ErrorClassifier.StreamError inBandError(SseEvent event) {
    // Most events cannot hold an error: the bytes say so without a string or the classifier
    // (mayHoldError looks for the same quoted word, and decoding keeps ASCII as it is).
    if (!event.dataContains(QUOTED_ERROR)) {
      return null;
    }
    String data = event.data();
    return ErrorClassifier.mayHoldError(data) ? errors().findStreamError(data) : null;
  }

  /** Whether the caller has seen output (text, reasoning, a tool call...). */
  protected abstract boolean sawOutput();

  /** The text streamed so far, kept by interruptions. */
  protected abstract String partialText();

  // ---------------------------------------------------------------------------------------
  // Lifecycle

  /**
   * Sends the request; the reply is read on OkHttp's thread, and the attempt's timeout bounds
   * the whole exchange.
   */
  public final StreamHandle start() {
    call.timeout().timeout(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    call.enqueue(this);
    return this;
  }

  /**
   * Reads on the calling thread (the router's consumer): the first pump sends the request
   * and waits for the headers, each pump after it reads until an event has given the
   * listener a chunk or the stream has ended. The attempt's timeout is not armed on the call:
   * the reader keeps the time and cancels (see {@link PulledStream}).
   */
  @Override
  public final boolean pump() {
    if (!reading.compareAndSet(false, true)) {
      throw new IllegalStateException("a stream is read by one thread at a time");
    }
    try {
      return pumpOnce();
    } finally {
      reading.set(false);
      if (cancelled.get()) {
        closeIfIdle(); // a cancel that came while this pump was reading
      }
    }
  }

  private boolean pumpOnce() {
    if (ended.get() || cancelled.get()) {
      closePulledResponse();
      return false;
    }
    try {
      if (reader == null) {
        Response r;
        try {
          r = call.execute();
        } catch (IOException e) {
          onFailure(call, e);
          return false;
        }
        pulled = r;
        if (!open(r)) {
          closePulledResponse();
          return false;
        }
      }
      if (readOne()) {
        return true;
      }
    } catch (IOException | RuntimeException e) {
      broke(e);
    }
    closePulledResponse();
    return false;
  }

  @Override
  public final void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      call.cancel();
      fail(new RouterException(ErrorCategory.CANCELLED, "stream from " + provider + " cancelled"));
      closeIfIdle();
    }
  }

  /** Closes the pulled reply unless a pump is reading it (that pump closes it on its way out). */
  private void closeIfIdle() {
    if (pulled != null && reading.compareAndSet(false, true)) {
      try {
        closePulledResponse();
      } finally {
        reading.set(false);
      }
    }
  }

  @Override
  public final void onFailure(Call c, IOException e) {
    if (!cancelled.get()) {
      fail(errors().classifyTransport(e, provider, model));
    }
  }

  @Override
  public final void onResponse(Call c, Response response) {
    try (response) {
      if (open(response)) {
        while (readOne()) {
          // each round has handed the listener a chunk
        }
      }
    } catch (IOException | RuntimeException e) {
      broke(e);
    }
  }

  /** Checks the status and prepares the reader; false when the reply is the (reported) error. */
  private boolean open(Response response) {
    if (!response.isSuccessful()) {
      fail(errors().classify(response, provider, model));
      return false;
    }
    requestId = ErrorClassifier.requestId(response);
    reader = SseReader.of(BodyLimit.source(response.body(), maxResponseBytes, provider));
    return true;
  }

  /**
   * Reads events until one has given the listener a chunk (true) or the stream has ended, its
   * terminal callback made (false).
   */
  private boolean readOne() throws IOException {
    for (SseEvent event; (event = reader.next()) != null; ) {
      if (cancelled.get() || ended.get()) {
        return false;
      }
      ErrorClassifier.StreamError inBand = inBandError(event);
      if (inBand != null) {
        fail(inBandFailure(inBand, event.data()));
        return false;
      }
      if (event.isBlank()) {
        continue;
      }
      ChatChunk chunk = decode(event);
      boolean delivered = false;
      if (chunk != null && !cancelled.get()) {
        listener.onChunk(chunk);
        delivered = true;
      }
      if (endsStream(event)) {
        complete();
        return false;
      }
      if (delivered) {
        return true;
      }
    }
    if (!cancelled.get()) {
      if (completeAtEndOfBody()) {
        complete();
      } else {
        fail(errors().streamTruncated(partialText(), provider, model, null));
      }
    }
    return false;
  }

  /** A read failure or a decoder bug: the stream ends, typed, unless the caller cancelled. */
  private void broke(Exception failure) {
    if (cancelled.get()) {
      return;
    }
    if (failure instanceof IOException e) {
      fail(sawOutput() ? errors().streamTruncated(partialText(), provider, model, e)
          : errors().classifyTransport(e, provider, model));
      return;
    }
    // A decoder bug must still end the stream, typed, or the caller would wait forever.
    RouterException e = failure instanceof RouterException re ? re
        : new dev.router4j.api.error.MalformedResponseException(null, provider + " (" + model
            + ") sent an event the decoder could not read: " + failure, failure);
    call.cancel();
    // After output the caller holds part of an answer: say so, keeping what arrived.
    fail(sawOutput() && !(e instanceof StreamInterruptedException)
        ? new StreamInterruptedException(provider + " (" + model + ") sent an unusable event: "
            + e.getMessage(), partialText(), e.category(), e)
        : e);
  }

  private void closePulledResponse() {
    Response r = pulled;
    if (r != null) {
      pulled = null;
      r.close();
    }
  }

  private RouterException inBandFailure(ErrorClassifier.StreamError inBand, String data) {
    if (!sawOutput()) {
      ProviderException e = inBand.httpStatus() >= 400
          ? errors().classify(inBand.httpStatus(), name -> null, data, provider, model)
          : (ProviderException) errors().streamInterrupted(data, "", provider, model).getCause();
      return ErrorClassifier.withRequestId(e, requestId);
    }
    StreamInterruptedException broken =
        errors().streamInterrupted(data, partialText(), provider, model);
    if (requestId != null && broken.getCause() instanceof ProviderException cause) {
      broken = new StreamInterruptedException(broken.getMessage(), broken.partialText(),
          broken.underlyingCategory(), ErrorClassifier.withRequestId(cause, requestId));
    }
    return broken;
  }

  private void complete() {
    if (ended.compareAndSet(false, true)) {
      listener.onComplete();
    }
  }

  private void fail(RouterException e) {
    if (ended.compareAndSet(false, true)) {
      listener.onError(errors().scrub(e));
    }
  }
}
