package dev.router4j.providers.internal.http;

import java.util.Objects;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;

/**
 * A source that reads a buffer's bytes without consuming them, as {@link BufferedSource#peek()}
 * does, but by copying the bytes rather than sharing the buffer's segments. Okio never takes a
 * shared segment back into its pool, so a reply read through {@code peek()} and then dropped
 * costs a fresh 8 KiB segment on some later read; through this view, clearing the buffer
 * afterwards returns its segments to the pool. The buffer must not change while the view is
 * read. Not thread-safe.
 */
public final class BufferView {
  private BufferView() {}

  /** A view of {@code buffer}'s bytes from the first, which stay in {@code buffer}. */
  public static BufferedSource of(Buffer buffer) {
    return Okio.buffer(new Copying(Objects.requireNonNull(buffer, "buffer")));
  }

  private static final class Copying implements Source {
    private final Buffer buffer;
    private final Buffer.UnsafeCursor cursor = new Buffer.UnsafeCursor();
    private long position;

    Copying(Buffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public long read(Buffer sink, long byteCount) {
      if (byteCount < 0) {
        throw new IllegalArgumentException("byteCount < 0: " + byteCount);
      }
      if (position >= buffer.size()) {
        return -1;
      }
      if (byteCount == 0) {
        return 0;
      }
      try (Buffer.UnsafeCursor c = buffer.readUnsafe(cursor)) {
        c.seek(position); // the segment holding position: copied up to its end at most
        int n = (int) Math.min(byteCount, c.end - c.start);
        sink.write(c.data, c.start, n);
        position += n;
        return n;
      }
    }

    @Override
    public Timeout timeout() {
      return Timeout.NONE;
    }

    @Override
    public void close() {
      // Nothing to release: the buffer belongs to its owner.
    }
  }
}
