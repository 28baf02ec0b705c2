package dev.router4j.api.spi;

import dev.router4j.api.ChatResponse;
import dev.router4j.api.EmbeddingRequest;
import dev.router4j.api.EmbeddingResponse;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import java.time.Duration;

/**
 * Speaks one provider wire protocol for the router: maps a normalized request onto the
 * provider's format, calls it, and maps the reply back. One adapter serves every endpoint of
 * its protocol; the credential and endpoint come with each call.
 *
 * <p>Implementations are thread-safe. They do not retry, fall back or compute cost (the engine
 * does); they classify every failure into a {@link RouterException} with the provider's own
 * status and message kept, and never put a credential in a message.
 */
public interface ProviderAdapter {
  /** The protocol's name, for example {@code openai-chat}, {@code anthropic-messages}. */
  String protocol();

  /**
   * Sends the request and waits for the whole answer.
   *
   * @throws RouterException classified, for every failure
   */
  ChatResponse chat(ProviderCall call);

  /**
   * Starts a stream. Chunks go to the listener as they are decoded, on the adapter's thread.
   * A failure before the stream starts may be thrown or reported through the listener.
   */
  StreamHandle stream(ProviderCall call, ChunkListener listener);

  /**
   * Prepares a stream that the router may read on the consumer's thread: an adapter that can
   * returns a {@link PulledStream} that has sent nothing yet; by default this is
   * {@link #stream}, read on the adapter's thread. The listener hears the same callbacks
   * either way.
   */
  default StreamHandle openStream(ProviderCall call, ChunkListener listener) {
    return stream(call, listener);
  }

  /**
   * Embeds texts with the endpoint's model.
   *
   * @throws RouterException classified; {@link ErrorCategory#INVALID_REQUEST} when the protocol
   *     has no embeddings
   */
  default EmbeddingResponse embed(
      EmbeddingRequest request, Endpoint endpoint, Credential credential, Duration timeout) {
    throw new RouterException(
        ErrorCategory.INVALID_REQUEST, protocol() + " does not offer embeddings");
  }
}
