package dev.router4j.providers.internal.openai;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Delta;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Credential;
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
 * {@code data:} event into a chunk for the listener, and ends with exactly one terminal
 * callback.
 *
 * <ul>
 *   <li>The stream is complete only at {@code data: [DONE]}; an end before it is an
 *       interruption ({@link StreamInterruptedException} with the text so far), never a clean
 *       finish, even after a finish reason (the usage chunk comes after it).
 *   <li>Comment lines ({@code : keep-alive}, {@code : OPENROUTER PROCESSING}) and empty events
 *       are skipped; the {@code obfuscation} padding is dropped.
 *   <li>A data event with a top-level {@code error} is an in-band failure: before any output
 *       (content, reasoning, refusal or a tool call) it is the provider's error, classified as
 *       the HTTP reply it stands for, so the router may fall back; after output it is a
 *       {@link StreamInterruptedException} keeping the partial text.
 *   <li>{@link #cancel()} cancels the OkHttp call, which closes the socket at once.
 * </ul>
 */
final class OpenAiStreamCall implements Callback, StreamHandle {
  private final Call call;
  private final ChunkListener listener;
  private final OpenAiChatAdapter adapter;
  private final ErrorClassifier errors;
  private final String provider;
  private final String model;
  private final Credential credential;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final StringBuilder partial = new StringBuilder();
  private boolean sawOutput;
  private String requestId;

  OpenAiStreamCall(Call call, ChunkListener listener, OpenAiChatAdapter adapter, String model,
      Credential credential) {
    this.call = call;
    this.listener = listener;
    this.adapter = adapter;
    this.errors = adapter.errors();
    this.provider = adapter.provider();
    this.model = model;
    this.credential = credential;
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
        fail(adapter.classify(response, model, credential));
        return;
      }
      requestId = OpenAiChatAdapter.requestId(response);
      SseReader reader = SseReader.of(response.body().source());
      SseEvent event;
      while ((event = reader.next()) != null) {
        if (cancelled.get() || ended.get()) {
          return;
        }
        String data = event.data();
        if (event.isDone()) {
          complete();
          return;
        }
        if (data.isBlank()) {
          continue;
        }
        ErrorClassifier.StreamError inBand = errors.findStreamError(data);
        if (inBand != null) {
          fail(inBandError(inBand, data));
          return;
        }
        ChatChunk chunk = OpenAiChunkReader.read(data);
        note(chunk);
        if (!cancelled.get()) {
          listener.onChunk(chunk);
        }
      }
      if (!cancelled.get()) {
        fail(errors.streamTruncated(partial.toString(), provider, model, null));
      }
    } catch (IOException e) {
      if (!cancelled.get()) {
        fail(sawOutput ? errors.streamTruncated(partial.toString(), provider, model, e)
            : errors.classifyTransport(e, provider, model));
      }
    } catch (RouterException e) {
      call.cancel();
      // After output the caller holds part of an answer: say so, keeping what arrived.
      fail(sawOutput && !(e instanceof StreamInterruptedException)
          ? new StreamInterruptedException(provider + " (" + model + ") sent an unusable chunk: "
              + e.getMessage(), partial.toString(), e.category(), e)
          : e);
    }
  }

  /** Keeps the first choice's text for a break, and whether any output has come. */
  private void note(ChatChunk chunk) {
    for (ChunkChoice choice : chunk.choices()) {
      Delta d = choice.delta();
      if (choice.index() == 0 && d.content() != null) {
        partial.append(d.content());
      }
      if (!sawOutput) {
        sawOutput = notEmpty(d.content()) || notEmpty(d.reasoning()) || notEmpty(d.refusal())
            || !d.reasoningDetails().isEmpty() || hasCall(d);
      }
    }
  }

  private static boolean hasCall(Delta d) {
    for (ToolCallDelta t : d.toolCalls()) {
      if (t.id() != null || t.name() != null || notEmpty(t.arguments())) {
        return true;
      }
    }
    return false;
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  private RouterException inBandError(ErrorClassifier.StreamError inBand, String data) {
    if (!sawOutput) {
      ProviderException e = inBand.httpStatus() >= 400
          // Classified as the HTTP reply it stands for (OpenRouter puts the status in code).
          ? errors.classify(inBand.httpStatus(), name -> null, data, provider, model)
          : (ProviderException) errors.streamInterrupted(data, "", provider, model).getCause();
      return withRequestId(e);
    }
    StreamInterruptedException broken =
        errors.streamInterrupted(data, partial.toString(), provider, model);
    if (requestId != null && broken.getCause() instanceof ProviderException cause) {
      broken = new StreamInterruptedException(broken.getMessage(), broken.partialText(),
          broken.underlyingCategory(), withRequestId(cause));
    }
    return broken;
  }

  private ProviderException withRequestId(ProviderException e) {
    return requestId == null || e.requestId() != null ? e : e.toBuilder().requestId(requestId).build();
  }

  private void complete() {
    if (ended.compareAndSet(false, true)) {
      listener.onComplete();
    }
  }

  private void fail(RouterException e) {
    if (ended.compareAndSet(false, true)) {
      listener.onError(Secrets.scrub(e, credential));
    }
  }
}
