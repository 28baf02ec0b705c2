package dev.router4j.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP server that answers every request with 200, a head, then the same piece
 * over and over until {@code limit} bytes (or until the client hangs up), then a tail: a
 * provider that sends a huge body or streams forever. The body has no length (it ends when
 * the connection closes), as a misbehaving proxy's would. One connection at a time; its
 * thread ends when closed.
 */
final class EndlessServer implements AutoCloseable {
  private final ServerSocket server;
  private final Thread thread;
  private final AtomicLong written = new AtomicLong();
  private volatile boolean closed;
  private volatile Socket current;

  EndlessServer(String contentType, String head, String piece, String tail, long limit)
      throws IOException {
    server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
    byte[] tailBytes = tail.getBytes(StandardCharsets.UTF_8);
    byte[] one = piece.getBytes(StandardCharsets.UTF_8);
    int copies = Math.max(1, 64 * 1024 / one.length);
    byte[] block = new byte[one.length * copies];
    for (int i = 0; i < copies; i++) {
      System.arraycopy(one, 0, block, i * one.length, one.length);
    }
    thread = new Thread(() -> {
      while (!closed) {
        try (Socket s = server.accept()) {
          current = s;
          readRequest(s.getInputStream());
          OutputStream out = s.getOutputStream();
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType
              + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(headBytes);
          long sent = headBytes.length;
          while (!closed && sent < limit) {
            out.write(block);
            sent += block.length;
            written.addAndGet(block.length);
          }
          out.write(tailBytes);
          out.flush();
        } catch (IOException e) {
          // the client hung up, or the server closed: serve the next one or stop
        }
      }
    }, "endless-server");
    thread.setDaemon(true);
    thread.start();
  }

  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      head.append((char) c);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    in.readNBytes(length);
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
  }

  /** How many body bytes the server managed to send. */
  long written() {
    return written.get();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
      Socket s = current;
      if (s != null) {
        s.close();
      }
    } catch (IOException | RuntimeException ignored) {
      // closing
    }
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
