package dev.router4j.api.spi;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.error.RouterException;

/**
 * Receives one stream's normalized chunks from an adapter. Exactly one of
 * {@link #onComplete()} and {@link #onError(RouterException)} ends the stream, after which no
 * method is called again. Calls come from one thread at a time, in order.
 */
public interface ChunkListener {
  /** A chunk arrived. */
  void onChunk(ChatChunk chunk);

  /** The stream ended with its terminal event. */
  void onComplete();

  /**
   * The stream failed: before the first chunk with the provider's error, after it with a
   * {@link dev.router4j.api.error.StreamInterruptedException}.
   */
  void onError(RouterException error);
}
