package dev.router4j.providers.testing;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * An event stream that sends its opening, then a keep-alive every 100 ms for a minute unless
 * the client goes away; {@link #closedByClient()} counts down when the server's writes fail
 * because the client closed the connection.
 */
public final class EndlessStream {
  private final CountDownLatch closedByClient = new CountDownLatch(1);
  private final MockResponse response;

  /**
   * @param opening the events sent at once
   * @param keepAlive what is sent every 100 ms afterwards (a comment, a ping event)
   */
  public EndlessStream(String opening, String keepAlive) {
    response = new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "text/event-stream")
        .body(new MockResponseBody() {
          @Override
          public long getContentLength() {
            return -1;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            sink.writeUtf8(opening).flush();
            try {
              for (int i = 0; i < 600; i++) { // a minute unless the client goes away
                Thread.sleep(100);
                sink.writeUtf8(keepAlive).flush();
              }
            } catch (IOException e) {
              closedByClient.countDown();
              throw e;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }).build();
  }

  /** The reply to enqueue. */
  public MockResponse response() {
    return response;
  }

  /** Counts down once the client has closed the connection. */
  public CountDownLatch closedByClient() {
    return closedByClient;
  }
}
