package dev.router4j;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.error.RouterException;
import dev.router4j.internal.streaming.StreamSession;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A streamed answer, read as it arrives. Iterate it once (directly, with {@link #forEach}, or
 * as a {@link #stream()}); then {@link #response()} holds the whole answer with its usage,
 * cost and route. Close it to stop early: closing cancels the call and closes the connection.
 *
 * <pre>{@code
 * try (ChatStream stream = router.stream(request)) {
 *   stream.forEach(chunk -> System.out.print(chunk.text()));
 *   System.out.println(stream.response().cost());
 * }
 * }</pre>
 *
 * <p>A failure before the first token has reached the caller moves to the next endpoint, as a
 * blocking call would; after that, iteration throws the typed error (a
 * {@link dev.router4j.api.error.StreamInterruptedException} for a broken stream). Not
 * thread-safe, except {@link #close()}, which may be called from any thread.
 */
public final class ChatStream implements AutoCloseable, Iterable<ChatChunk> {
  private final StreamSession session;
  private boolean iterated;

  ChatStream(StreamSession session) {
    this.session = session;
  }

  /**
   * The chunks, in order, each waited for. {@code hasNext()} and {@code next()} throw the
   * {@link RouterException} that ended the stream, if it failed.
   *
   * @throws IllegalStateException when called a second time
   */
  @Override
  public Iterator<ChatChunk> iterator() {
    if (iterated) {
      throw new IllegalStateException("a ChatStream can be iterated only once");
    }
    iterated = true;
    return new Iterator<>() {
      private ChatChunk next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next != null) {
          return true;
        }
        if (done) {
          return false;
        }
        next = session.next();
        done = next == null;
        return !done;
      }

      @Override
      public ChatChunk next() {
        if (!hasNext()) {
          throw new NoSuchElementException("the stream has ended");
        }
        ChatChunk c = next;
        next = null;
        return c;
      }
    };
  }

  /** The chunks as a sequential {@link Stream}; closing the stream closes this. */
  public Stream<ChatChunk> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /**
   * The whole answer with usage, cost and route, once the stream has ended cleanly.
   *
   * @throws IllegalStateException before the stream has completed
   */
  public ChatResponse response() {
    ChatResponse r = session.response();
    if (r == null) {
      throw new IllegalStateException("the stream has not completed");
    }
    return r;
  }

  /** Cancels the call if it is still running and closes its connection. Idempotent. */
  @Override
  public void close() {
    if (session.response() == null) {
      session.cancel();
    }
  }
}
