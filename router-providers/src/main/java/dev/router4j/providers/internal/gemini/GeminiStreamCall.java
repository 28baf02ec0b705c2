package dev.router4j.providers.internal.gemini;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.internal.http.ProviderHttp;
import dev.router4j.providers.internal.http.SseEvent;
import dev.router4j.providers.internal.http.SseStreamCall;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import okhttp3.Request;
import okio.BufferedSource;

/**
 * One {@code streamGenerateContent?alt=sse} call: each {@code data:} event (a whole {@code
 * GenerateContentResponse}) goes to the {@link GeminiDecoder}; the lifecycle is {@link
 * SseStreamCall}'s.
 *
 * <p>Gemini sends no {@code [DONE]}: the stream is complete when the body ends after an event
 * that carried a finish reason (or a prompt block). An end without one is an interruption; an
 * in-stream {@code {"error":…}} is the classified provider error before any chunk (so the
 * router may fall back) and a {@link StreamInterruptedException} after.
 */
final class GeminiStreamCall extends SseStreamCall {
  private final GeminiDecoder decoder;
  private final StringBuilder partial = new StringBuilder();
  private boolean sawChunk;

  GeminiStreamCall(ProviderHttp http, Request request, ProviderCall call, ChunkListener listener,
      GeminiDecoder decoder) {
    super(http, request, call, listener);
    this.decoder = decoder;
  }

  @Override
  protected ChatChunk decode(SseEvent event) {
    ChatChunk chunk = decoder.event(parse(event.dataSource()));
    if (chunk != null) {
      sawChunk = true;
      partial.append(chunk.text());
    }
    return chunk;
  }

  @Override
  protected boolean endsStream(SseEvent event) {
    return false;
  }

  @Override
  protected boolean completeAtEndOfBody() {
    return decoder.finished();
  }

  @Override
  protected boolean sawOutput() {
    return sawChunk;
  }

  @Override
  protected String partialText() {
    return partial.toString();
  }

  private static Object parse(BufferedSource data) {
    try {
      return JsonTrees.parse(data);
    } catch (JsonDataException | IOException e) {
      String kind = e instanceof JsonEncodingException || e instanceof JsonDataException
          ? "malformed" : "unreadable";
      throw new MalformedResponseException("$", kind + " Gemini stream event: " + e.getMessage(), e);
    }
  }
}
