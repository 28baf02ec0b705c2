package dev.router4j.providers.internal.http;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import java.io.IOException;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Caps how many bytes of a reply the router will read, so that a provider sending a huge body
 * or a stream that never ends cannot exhaust the heap. Past the cap, reading fails with a
 * typed {@link ErrorCategory#PROVIDER_ERROR}.
 */
public final class BodyLimit {
  /** The default cap on a whole reply or stream: 64 MiB. */
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  private BodyLimit() {}

  /** The body's bytes, failing once more than {@code maxBytes} have been read. */
  public static BufferedSource source(ResponseBody body, long maxBytes, String provider) {
    return Okio.buffer(new ForwardingSource(body.source()) {
      private long read;

      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        long n = super.read(sink, byteCount);
        if (n > 0) {
          read += n;
          if (read > maxBytes) {
            throw new TooLarge(provider, maxBytes);
          }
        }
        return n;
      }
    });
  }

  /** The body's bytes under the default cap. */
  public static BufferedSource source(ResponseBody body, String provider) {
    return source(body, DEFAULT_MAX_BYTES, provider);
  }

  /** Thrown (inside the read) when a reply passes the cap. */
  public static final class TooLarge extends RouterException {
    private static final long serialVersionUID = 1L;

    TooLarge(String provider, long max) {
      super(ErrorCategory.PROVIDER_ERROR,
          "the reply from " + provider + " is larger than the " + max + "-byte limit");
    }
  }
}
