package dev.router4j.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 server itself, spoken to over a raw socket. */
class RawHttpTest {
  private static LoopbackSimulator sim;
  private static final String BODY =
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @BeforeAll
  static void start() {
    sim = LoopbackSimulator.builder()
        .provider("p", Protocol.OPENAI, p -> p.model("acme/m", m -> m.reply("ok")))
        .start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  /** Sends the bytes and reads until the server closes the connection. */
  private static String exchange(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      in.transferTo(got);
      return got.toString(StandardCharsets.UTF_8);
    }
  }

  private static String post(String headers, String body) {
    return "POST /p/v1/chat/completions HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n" + body;
  }

  @Test
  void connectionCloseIsHonouredAfterTheResponse() throws Exception {
    String reply = exchange(post("Connection: close\r\nContent-Length: " + BODY.length()
        + "\r\n", BODY));
    assertThat(reply).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nConnection: close\r\n")
        .contains("\"content\":\"ok\"");
  }

  @Test
  void expectContinueGetsA100BeforeTheBodyIsSent() throws Exception {
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /p/v1/chat/completions HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
          + "Connection: close\r\nContent-Length: " + BODY.length() + "\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      byte[] interim = new byte[25];
      int n = s.getInputStream().readNBytes(interim, 0, interim.length);
      assertThat(new String(interim, 0, n, StandardCharsets.UTF_8))
          .isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
      out.write(BODY.getBytes(StandardCharsets.UTF_8));
      out.flush();
      String rest = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(rest).startsWith("HTTP/1.1 200 OK");
    }
  }

  @Test
  void aChunkedRequestBodyIsRead() throws Exception {
    String first = BODY.substring(0, 10);
    String second = BODY.substring(10);
    String chunked = Integer.toHexString(first.length()) + "\r\n" + first + "\r\n"
        + Integer.toHexString(second.length()) + "\r\n" + second + "\r\n0\r\n\r\n";
    String reply = exchange(post("Transfer-Encoding: chunked\r\nConnection: close\r\n", chunked));
    assertThat(reply).startsWith("HTTP/1.1 200 OK").contains("\"content\":\"ok\"");
    assertThat(sim.lastRequestBody("p")).isEqualTo(BODY);
  }

  @Test
  void twoRequestsOnOneConnectionBothGetAnswers() throws Exception {
    String one = post("Content-Length: " + BODY.length() + "\r\n", BODY);
    String two = post("Connection: close\r\nContent-Length: " + BODY.length() + "\r\n", BODY);
    String reply = exchange(one + two);
    assertThat(reply.split("HTTP/1.1 200 OK", -1)).hasSize(3);
  }

  @Test
  void aGarbledRequestGets400AndTheConnectionCloses() throws Exception {
    assertThat(exchange("NONSENSE\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request");
  }
}
