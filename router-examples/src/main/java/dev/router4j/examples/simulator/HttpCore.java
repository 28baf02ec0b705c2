package dev.router4j.examples.simulator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1: one acceptor thread, and a bounded pool of worker
 * threads that each serve one keep-alive connection at a time. Threads are reused across
 * connections, so a request costs no thread creation once the pool is warm. When every
 * worker is busy, a new connection is answered 503 and closed.
 */
final class HttpCore implements AutoCloseable {

  /** Serves one request; may block (pacing, stalls) and may drop the connection. */
  interface Handler {
    void handle(Exchange exchange) throws IOException, InterruptedException;
  }

  private static final byte[] BUSY = ("HTTP/1.1 503 Service Unavailable\r\n"
      + "Content-Type: text/plain\r\nContent-Length: 31\r\nConnection: close\r\n\r\n"
      + "loopback simulator: all busy.\r\n").getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] BAD = ("HTTP/1.1 400 Bad Request\r\n"
      + "Content-Type: text/plain\r\nContent-Length: 13\r\nConnection: close\r\n\r\n"
      + "bad request\r\n").getBytes(StandardCharsets.ISO_8859_1);

  private final ServerSocket server;
  private final Handler handler;
  private final int idleTimeoutMillis;
  private final ThreadPoolExecutor workers;
  private final Thread acceptor;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger openConnections = new AtomicInteger();
  private volatile boolean closed;

  HttpCore(int port, int maxConnections, Duration idleTimeout, String threadPrefix,
      Handler handler) throws IOException {
    this.handler = handler;
    this.idleTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, idleTimeout.toMillis()));
    InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    ServerSocket s = new ServerSocket();
    try {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(loopback, port), 1024);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    this.server = s;
    String prefix = threadPrefix + "-" + s.getLocalPort();
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          threads.removeIf(t -> !t.isAlive() && t.getState() == Thread.State.TERMINATED);
          Thread t = new Thread(r, prefix + "-conn-" + n.incrementAndGet());
          t.setDaemon(true);
          threads.add(t);
          return t;
        });
    this.acceptor = new Thread(this::acceptLoop, prefix + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  int openConnections() {
    return openConnections.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        pauseAfterAcceptFailure();
        continue;
      }
      sockets.add(socket);
      openConnections.incrementAndGet();
      if (closed) {
        release(socket);
        return;
      }
      try {
        workers.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        try {
          socket.getOutputStream().write(BUSY);
        } catch (IOException ignored) {
          // the client will see the connection close
        }
        release(socket);
      }
    }
  }

  private static void pauseAfterAcceptFailure() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(idleTimeoutMillis);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16384);
      while (!closed) {
        HttpRequest request;
        try {
          request = HttpRequest.read(in, out);
        } catch (HttpRequest.BadRequest e) {
          out.write(BAD);
          out.flush();
          return;
        }
        if (request == null) {
          return;
        }
        Exchange exchange = new Exchange(request, socket, out);
        try {
          handler.handle(exchange);
        } catch (RuntimeException e) {
          if (!exchange.headersSent()) {
            exchange.respond(500, Map.of("Content-Type", "text/plain"),
                ("loopback simulator failed: " + e).getBytes(StandardCharsets.UTF_8));
          } else {
            exchange.drop();
          }
        }
        if (!exchange.dropped()) {
          exchange.flush();
        }
        if (!exchange.reusable()) {
          return;
        }
      }
    } catch (SocketTimeoutException idle) {
      // an idle keep-alive connection: close it
    } catch (IOException e) {
      // the client went away, or close() closed the socket
    } catch (InterruptedException e) {
      // close() is stopping the workers
    } finally {
      release(socket);
    }
  }

  private void release(Socket socket) {
    if (sockets.remove(socket)) {
      openConnections.decrementAndGet();
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  /**
   * Stops accepting, closes every open connection (cutting any response in flight), and
   * waits for the acceptor and every worker thread to end.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    join(acceptor);
    for (Socket s : sockets) {
      release(s);
    }
    workers.shutdownNow();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Socket s : sockets) {
      release(s);
    }
    for (Thread t : threads) {
      join(t);
    }
    threads.clear();
  }

  private static void join(Thread t) {
    try {
      t.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
