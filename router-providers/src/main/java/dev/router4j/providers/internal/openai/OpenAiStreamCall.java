package dev.router4j.providers.internal.openai;

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
 * One streamed Chat Completions call: reads the SSE body on OkHttp's thread, decodes each
 * event into a chunk for the listener, and ends with exactly one terminal callback. A stream
 * that stops before {@code [DONE]} is reported as interrupted, never as a clean finish.
 */
final class OpenAiStreamCall implements Callback, StreamHandle {
  private final Call call;
  private final ChunkListener listener;
  private final ErrorClassifier errors;
  private final String provider;
  private final String model;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final StringBuilder partial = new StringBuilder();

  OpenAiStreamCall(Call call, ChunkListener listener, ErrorClassifier errors, String provider,
      String model) {
    this.call = call;
    this.listener = listener;
    this.errors = errors;
    this.provider = provider;
    this.model = model;
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
      SseReader reader = SseReader.of(response.body().source());
      SseEvent event;
      while ((event = reader.next()) != null) {
        if (cancelled.get()) {
          return;
        }
        String data = event.data();
        if (event.isDone()) {
          complete();
          return;
        }
        ErrorClassifier.StreamError inBand = errors.findStreamError(data);
        if (inBand != null) {
          StreamInterruptedException broken =
              errors.streamInterrupted(data, partial.toString(), provider, model);
          // Before any chunk the caller has seen nothing: report the provider's error itself,
          // so the router may fall back.
          fail(!sawChunk && broken.getCause() instanceof RouterException cause ? cause : broken);
          return;
        }
        if (data.isBlank()) {
          continue;
        }
        ChatChunk chunk = OpenAiChunkReader.read(data);
        sawChunk = true;
        partial.append(chunk.text());
        listener.onChunk(chunk);
      }
      if (!cancelled.get()) {
        fail(sawChunk ? errors.streamTruncated(partial.toString(), provider, model, null)
            : errors.streamTruncated("", provider, model, null));
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
