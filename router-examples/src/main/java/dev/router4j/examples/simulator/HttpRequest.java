package dev.router4j.examples.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One HTTP/1.1 request as read off a connection: request line, headers, whole body. */
final class HttpRequest {
  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEADERS = 64 * 1024;
  private static final int MAX_BODY = 64 * 1024 * 1024;
  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  /** A request the server cannot read; answered with 400 and the connection closed. */
  static final class BadRequest extends IOException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  final String method;
  final String target;
  final String path;
  final String query;
  final String version;
  /** Header names in lower case; repeated headers joined with ", ". */
  final Map<String, String> headers;
  final byte[] body;

  private HttpRequest(String method, String target, String version, Map<String, String> headers,
      byte[] body) {
    this.method = method;
    this.target = target;
    int q = target.indexOf('?');
    this.path = q < 0 ? target : target.substring(0, q);
    this.query = q < 0 ? "" : target.substring(q + 1);
    this.version = version;
    this.headers = headers;
    this.body = body;
  }

  String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  /** The first value of a query parameter, decoded, or null. */
  String queryParam(String name) {
    if (query.isEmpty()) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      if (URLDecoder.decode(k, StandardCharsets.UTF_8).equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** Whether the client asked to close the connection after this exchange. */
  boolean wantsClose() {
    String c = headers.get("connection");
    if (c != null && c.toLowerCase(Locale.ROOT).contains("close")) {
      return true;
    }
    return !"HTTP/1.1".equals(version)
        && (c == null || !c.toLowerCase(Locale.ROOT).contains("keep-alive"));
  }

  /**
   * Reads the next request (answering {@code Expect: 100-continue}), or returns null when the peer closed the connection cleanly
   * before sending one.
   */
  static HttpRequest read(InputStream in, OutputStream out) throws IOException {
    String line = readLine(in);
    while (line != null && line.isEmpty()) {
      line = readLine(in); // tolerate stray CRLFs between requests
    }
    if (line == null) {
      return null;
    }
    String[] parts = line.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new BadRequest("malformed request line");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int total = 0;
    while (true) {
      String h = readLine(in);
      if (h == null) {
        throw new BadRequest("connection closed inside the headers");
      }
      if (h.isEmpty()) {
        break;
      }
      total += h.length();
      if (total > MAX_HEADERS) {
        throw new BadRequest("headers too large");
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new BadRequest("malformed header line");
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      headers.merge(name, value, (a, b) -> a + ", " + b);
    }
    String expect = headers.get("expect");
    if (expect != null && expect.equalsIgnoreCase("100-continue")) {
      out.write(CONTINUE);
      out.flush();
    }
    byte[] body;
    String te = headers.get("transfer-encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = readChunked(in);
    } else {
      String cl = headers.get("content-length");
      long length;
      try {
        length = cl == null ? 0 : Long.parseLong(cl.trim());
      } catch (NumberFormatException e) {
        throw new BadRequest("malformed Content-Length");
      }
      if (length < 0 || length > MAX_BODY) {
        throw new BadRequest("bad Content-Length");
      }
      body = in.readNBytes((int) length);
      if (body.length != length) {
        throw new BadRequest("connection closed inside the body");
      }
    }
    return new HttpRequest(parts[0], parts[1], parts[2], headers, body);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine == null) {
        throw new BadRequest("connection closed inside a chunk");
      }
      int semi = sizeLine.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new BadRequest("malformed chunk size");
      }
      if (size < 0 || body.size() + (long) size > MAX_BODY) {
        throw new BadRequest("body too large");
      }
      if (size == 0) {
        String trailer;
        do {
          trailer = readLine(in);
        } while (trailer != null && !trailer.isEmpty());
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new BadRequest("connection closed inside a chunk");
      }
      body.write(chunk);
      readLine(in); // the CRLF after the chunk
    }
  }

  /** A line without its CRLF (or LF), as ISO-8859-1; null at EOF before any byte. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = null;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (sb == null) {
          return null;
        }
        throw new BadRequest("connection closed inside a line");
      }
      if (sb == null) {
        sb = new StringBuilder(64);
      }
      if (b == '\n') {
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
          sb.setLength(n - 1);
        }
        return sb.toString();
      }
      if (sb.length() >= MAX_LINE) {
        throw new BadRequest("line too long");
      }
      sb.append((char) b);
    }
  }
}
