package dev.router4j.providers.internal.anthropic;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.internal.http.ErrorClassifier;
import dev.router4j.providers.internal.http.ProviderHttp;
import dev.router4j.providers.internal.http.SseEvent;
import dev.router4j.providers.internal.http.SseStreamCall;
import okhttp3.Request;

/**
 * One streamed Messages call: each named event goes to the {@link AnthropicStreamDecoder};
 * the lifecycle is {@link SseStreamCall}'s. The stream is complete only at {@code
 * message_stop}; an end of file before it is an interruption, never a clean finish. An {@code
 * event: error} before any output is reported as the provider's classified error (so the
 * router may fall back); after output, as a {@link StreamInterruptedException} carrying the
 * partial text.
 */
final class AnthropicStreamCall extends SseStreamCall {
  private final AnthropicStreamDecoder decoder;

  AnthropicStreamCall(ProviderHttp http, Request request, ProviderCall call,
      ChunkListener listener, boolean excludeReasoning) {
    super(http, request, call, listener);
    this.decoder = new AnthropicStreamDecoder(provider, excludeReasoning);
  }

  /** Anthropic names its error events, but a proxy may drop the names: check the payload too. */
  @Override
  protected ErrorClassifier.StreamError inBandError(SseEvent event) {
    return event.is("error") ? errors().streamError(event.data()) : super.inBandError(event);
  }

  @Override
  protected ChatChunk decode(SseEvent event) {
    return decoder.decode(event.event(), event.dataSource());
  }

  @Override
  protected boolean endsStream(SseEvent event) {
    return decoder.finished();
  }

  @Override
  protected boolean sawOutput() {
    return decoder.sawOutput();
  }

  @Override
  protected String partialText() {
    return decoder.partialText();
  }
}
