package dev.router4j.api.spi;

/**
 * A stream read on the consumer's thread. An adapter that returns one from
 * {@link ProviderAdapter#openStream} reads nothing on its own: the router calls
 * {@link #pump()} from the thread that waits for the next chunk, so each chunk reaches the
 * caller without a hand-off between threads (the request itself is sent by the first pump).
 * {@link #cancel()} may still be called from any thread, and stops a pump blocked on the
 * connection.
 *
 * <p>Whoever pulls keeps the time: an adapter does not bound a pulled stream by the attempt's
 * {@link ProviderCall#timeout()} (the router's session watches it and cancels the stream when
 * it passes). Sending the request then arms no per-call timer, which on the JVM's HTTP clients
 * means waking a watchdog thread on the path to the first chunk. The transport's own read and
 * connect timeouts still apply.
 */
public interface PulledStream extends StreamHandle {
  /**
   * Reads on the calling thread until the listener has heard at least one callback (a chunk,
   * or the one terminal callback), sending the request first if it has not been sent yet.
   *
   * @return true while the stream goes on, false once it has ended (its terminal callback has
   *     been made, possibly in this call) or was cancelled
   */
  boolean pump();
}
