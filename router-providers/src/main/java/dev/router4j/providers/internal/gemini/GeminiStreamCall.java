package dev.router4j.providers.internal.gemini;

import dev.router4j.providers.internal.http.BodyLimit;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.providers.internal.http.ErrorClassifier;
import dev.router4j.providers.internal.http.SseEvent;
import dev.router4j.providers.internal.http.SseReader;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * One {@code streamGenerateContent?alt=sse} call: reads the SSE body on OkHttp's thread,
 * decodes each {@code data:} event (a whole {@code GenerateContentResponse}) into a chunk for
 * the listener, and ends with exactly one terminal callback.
 *
 * <p>Gemini sends no {@code [DONE]}: the stream is complete when the body ends after an event
 * that carried a finish reason (or a prompt block). An end without one is an interruption; an
 * in-stream {@code {"error":…}} is the classified provider error before any chunk (so the
 * router may fall back) and a {@link StreamInterruptedException} after.
 */
final class GeminiStreamCall implements Callback, StreamHandle {
  private final Call call;
  private final ChunkListener listener;
  private final ErrorClassifier errors;
  private final String provider;
  private final String model;
  private final GeminiDecoder decoder;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final StringBuilder partial = new StringBuilder();

  GeminiStreamCall(Call call, ChunkListener listener, ErrorClassifier errors, String provider,
      String model, GeminiDecoder decoder) {
    this.call = call;
    this.listener = listener;
    this.errors = errors;
    this.provider = provider;
    this.model = model;
    this.decoder = decoder;
  }

  void start() {
    call.enqueue(this);
  }

  @Override
  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      call.cancel();
      fail(new RouterException(ErrorCategory.CANCELLED, "stream from " + provider + " cancelled"));
    }
  }

  @Override
  public void onFailure(Call c, IOException e) {
    if (cancelled.get()) {
      return;
    }
    fail(errors.classifyTransport(e, provider, model));
  }

  @Override
  public void onResponse(Call c, Response response) {
    boolean sawChunk = false;
    try (response) {
      if (!response.isSuccessful()) {
        fail(errors.classify(response, provider, model));
        return;
      }
      SseReader reader = SseReader.of(BodyLimit.source(response.body(), provider));
      SseEvent event;
      while ((event = reader.next()) != null) {
        if (cancelled.get()) {
          return;
        }
        String data = event.data();
        if (data.isBlank()) {
          continue;
        }
        ErrorClassifier.StreamError inBand = errors.findStreamError(data);
        if (inBand != null) {
          if (!sawChunk && inBand.httpStatus() >= 400) {
            // Before any chunk the caller has seen nothing: report the provider's error itself,
            // classified as the HTTP reply it stands for (so RetryInfo is kept), so the router
            // may fall back.
            fail(errors.classify(inBand.httpStatus(), name -> null, data, provider, model));
            return;
          }
          StreamInterruptedException broken =
              errors.streamInterrupted(data, partial.toString(), provider, model);
          fail(!sawChunk && broken.getCause() instanceof RouterException cause ? cause : broken);
          return;
        }
        ChatChunk chunk = decoder.event(parse(data));
        if (chunk == null) {
          continue;
        }
        sawChunk = true;
        partial.append(chunk.text());
        listener.onChunk(chunk);
      }
      if (cancelled.get()) {
        return;
      }
      if (decoder.finished()) {
        complete();
      } else {
        fail(errors.streamTruncated(partial.toString(), provider, model, null));
      }
    } catch (IOException e) {
      if (!cancelled.get()) {
        fail(sawChunk ? errors.streamTruncated(partial.toString(), provider, model, e)
            : errors.classifyTransport(e, provider, model));
      }
    } catch (RouterException e) {
      call.cancel();
      fail(e);
    }
  }

  private static Object parse(String data) {
    try {
      return GeminiJson.parse(data);
    } catch (JsonDataException | IOException e) {
      String kind = e instanceof JsonEncodingException || e instanceof JsonDataException
          ? "malformed" : "unreadable";
      throw new MalformedResponseException("$", kind + " Gemini stream event: " + e.getMessage(), e);
    }
  }

  private void complete() {
    if (ended.compareAndSet(false, true)) {
      listener.onComplete();
    }
  }

  private void fail(RouterException e) {
    if (ended.compareAndSet(false, true)) {
      listener.onError(e);
    }
  }
}
