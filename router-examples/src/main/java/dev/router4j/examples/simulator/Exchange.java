package dev.router4j.examples.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The response side of one request: a fixed-length or chunked response, written by hand so
 * that every fault (a cut connection, a stall between bytes) can be placed exactly.
 */
final class Exchange {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  final HttpRequest request;
  private final Socket socket;
  private final OutputStream out;
  private boolean headersSent;
  private boolean dropped;
  private final boolean closeAfter;

  Exchange(HttpRequest request, Socket socket, OutputStream out) {
    this.request = request;
    this.socket = socket;
    this.out = out;
    this.closeAfter = request.wantsClose();
  }

  boolean headersSent() {
    return headersSent;
  }

  boolean dropped() {
    return dropped;
  }

  /** Whether the connection may carry another request after this one. */
  boolean reusable() {
    return !dropped && !closeAfter;
  }

  /** A complete fixed-length response. */
  void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
    sendHeaders(status, headers, body.length);
    out.write(body);
  }

  /**
   * Sends the status line and headers.
   *
   * @param contentLength the body length, or -1 for a chunked body
   */
  void sendHeaders(int status, Map<String, String> headers, long contentLength)
      throws IOException {
    StringBuilder sb = new StringBuilder(256);
    sb.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    for (Map.Entry<String, String> h : headers.entrySet()) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    if (contentLength >= 0) {
      sb.append("Content-Length: ").append(contentLength).append("\r\n");
    } else {
      sb.append("Transfer-Encoding: chunked\r\n");
    }
    if (closeAfter) {
      sb.append("Connection: close\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    headersSent = true;
  }

  /** Part of a fixed-length body. */
  void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
  }

  /** One chunk of a chunked body. */
  void chunk(byte[] data) throws IOException {
    if (data.length == 0) {
      return; // an empty chunk would end the body
    }
    out.write(Integer.toHexString(data.length).getBytes(StandardCharsets.ISO_8859_1));
    out.write(CRLF);
    out.write(data);
    out.write(CRLF);
  }

  /** Ends a chunked body. */
  void endChunks() throws IOException {
    out.write(LAST_CHUNK);
  }

  void flush() throws IOException {
    out.flush();
  }

  /** Sends what is buffered, then closes the connection: the client sees it cut. */
  void drop() {
    dropped = true;
    try {
      out.flush();
    } catch (IOException ignored) {
      // the peer may be gone already
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  static String reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 402: return "Payment Required";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 408: return "Request Timeout";
      case 409: return "Conflict";
      case 413: return "Payload Too Large";
      case 422: return "Unprocessable Entity";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 501: return "Not Implemented";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Timeout";
      case 529: return "Overloaded";
      default: return "Status " + status;
    }
  }
}
