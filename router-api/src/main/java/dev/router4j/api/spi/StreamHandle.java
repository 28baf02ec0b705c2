package dev.router4j.api.spi;

/** A running stream that the router can cancel. */
public interface StreamHandle {
  /**
   * Cancels the stream and closes its connection at once. Idempotent; after it the listener
   * hears {@code onError} with a cancelled error unless the stream had already ended.
   */
  void cancel();
}
