package dev.router4j.providers.internal.anthropic;

import dev.router4j.providers.internal.http.BodyLimit;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.error.ErrorCategory;
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
 * One streamed Messages call: reads the SSE body on OkHttp's thread, decodes each named event
 * into chunks for the listener, and ends with exactly one terminal callback. The stream is
 * complete only at {@code message_stop}; an end of file before it is an interruption, never a
 * clean finish. An {@code event: error} before any output is reported as the provider's
 * classified error (so the router may fall back); after output, as a
 * {@link StreamInterruptedException} carrying the partial text.
 */
final class AnthropicStreamCall implements Callback, StreamHandle {
  private final Call call;
  private final ChunkListener listener;
  private final ErrorClassifier errors;
  private final String provider;
  private final String model;
  private final AnthropicStreamDecoder decoder;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();

  AnthropicStreamCall(Call call, ChunkListener listener, ErrorClassifier errors, String provider,
      String model, boolean excludeReasoning) {
    this.call = call;
    this.listener = listener;
    this.errors = errors;
    this.provider = provider;
    this.model = model;
    this.decoder = new AnthropicStreamDecoder(provider, excludeReasoning);
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
    try (response) {
      if (!response.isSuccessful()) {
        fail(AnthropicMessagesAdapter.classify(errors, response, provider, model));
        return;
      }
      SseReader reader = SseReader.of(BodyLimit.source(response.body(), provider));
      SseEvent event;
      while ((event = reader.next()) != null) {
        if (cancelled.get() || ended.get()) {
          return;
        }
        String data = event.data();
        if (event.is("error") || isErrorPayload(data)) {
          StreamInterruptedException broken =
              errors.streamInterrupted(data, decoder.partialText(), provider, model);
          // Before any output the caller has seen nothing: report the provider's error itself,
          // so the router may fall back.
          fail(!decoder.sawOutput() && broken.getCause() instanceof RouterException cause
              ? cause : broken);
          return;
        }
        if (data.isBlank()) {
          continue;
        }
        ChatChunk chunk = decoder.decode(event.event(), data);
        if (chunk != null && !cancelled.get()) {
          listener.onChunk(chunk);
        }
        if (decoder.finished()) {
          complete();
          return;
        }
      }
      if (!cancelled.get()) {
        fail(errors.streamTruncated(decoder.partialText(), provider, model, null));
      }
    } catch (IOException e) {
      if (!cancelled.get()) {
        fail(decoder.sawOutput()
            ? errors.streamTruncated(decoder.partialText(), provider, model, e)
            : errors.classifyTransport(e, provider, model));
      }
    } catch (RouterException e) {
      call.cancel();
      // After output the caller holds part of an answer: say so, keeping what arrived.
      fail(decoder.sawOutput() && !(e instanceof StreamInterruptedException)
          ? new StreamInterruptedException(provider + " (" + model + ") sent an unusable event: "
              + e.getMessage(), decoder.partialText(), e.category(), e)
          : e);
    }
  }

  /** Anthropic names its error events, but a proxy may drop the names: check the payload too. */
  private boolean isErrorPayload(String data) {
    return errors.findStreamError(data) != null;
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
