package dev.router4j.providers.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import okio.BufferedSource;
import org.junit.jupiter.api.Test;

/** An event read from bytes answers as the same event made from its decoded string. */
class SseEventTest {
  private static final SseEvent.Needle QUOTED_ERROR = new SseEvent.Needle("\"error\"");

  private static SseEvent fromBytes(byte[] utf8) {
    return SseEvent.ofOwnedBytes("e", utf8, "1");
  }

  private static SseEvent fromBytes(String data) {
    return fromBytes(data.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void checksOnTheBytesAgreeWithTheStringForEveryKindOfData() {
    List<String> samples = List.of("", " ", "\t\n", "[DONE]", " [DONE] ", "[DONE]\u2003",
        "\u2003[DONE]", "\u00a0[DONE]", "[DONE]x", "x[DONE]", "[DONE", "{\"a\":1}",
        " {\"error\":{}} ", "{\"x\":\"error\"}", "\u2003", "\u2003 \u3000", "\u00e9", "\u001f",
        "\u001f[DONE]\u001c", "{\"e\":\"caf\u00e9 \\\"error\\\"\"}", "{\"error\":null}");
    for (String s : samples) {
      SseEvent bytes = fromBytes(s);
      SseEvent text = new SseEvent("e", s, "1");
      assertThat(bytes.data()).as(s).isEqualTo(s);
      assertThat(bytes.isDone()).as("isDone of [%s]", s).isEqualTo(text.isDone())
          .isEqualTo("[DONE]".equals(s.strip()));
      assertThat(bytes.isBlank()).as("isBlank of [%s]", s).isEqualTo(s.isBlank());
      assertThat(bytes.dataContains(QUOTED_ERROR)).as("contains of [%s]", s)
          .isEqualTo(text.dataContains(QUOTED_ERROR)).isEqualTo(s.contains("\"error\""));
      assertThat(bytes).isEqualTo(text).hasSameHashCodeAs(text);
      assertThat(bytes.toString()).isEqualTo(text.toString());
    }
  }

  @Test
  void aNeedleIsFoundWhereverItLiesAndOnlyThere() {
    SseEvent.Needle needle = new SseEvent.Needle("\"error\"");
    String[] hits = {"\"error\"", "x\"error\"", "\"error\"x", "\"\"error\"\"",
        "\"erro\"error\"", "rrrr\"error\"rr", "{\"a\":\"b\",\"error\":1}"};
    String[] misses = {"", "\"", "\"error", "error\"", "\"erro\"", "\"errors\"", "\"Error\"",
        "\"e r r o r\"", "{\"a\":\"rrrrrrrrrrrrrrr\"}"};
    for (String h : hits) {
      for (int pad = 0; pad < 9; pad++) {
        String s = "ab".repeat(pad) + h + "\u00e9".repeat(pad);
        assertThat(fromBytes(s).dataContains(needle)).as(s).isTrue();
        assertThat(new SseEvent(null, s, null).dataContains(needle)).as(s).isTrue();
      }
    }
    for (String m : misses) {
      assertThat(fromBytes(m).dataContains(needle)).as(m).isFalse();
    }
    SseEvent.Needle one = new SseEvent.Needle("x");
    assertThat(fromBytes("abcx").dataContains(one)).isTrue();
    assertThat(fromBytes("abc").dataContains(one)).isFalse();
    assertThat(fromBytes(new byte[] {(byte) 0xFF, (byte) 0x80, 'x'}).dataContains(one)).isTrue();
  }

  @Test
  void malformedBytesDecodeAsReplacementCharactersAndNeverAsAscii() {
    byte[] cut = {'{', '"', (byte) 0xE2, '"', 'e', 'r', 'r', 'o', 'r', '"', (byte) 0xFF, '}'};
    SseEvent e = fromBytes(cut);
    assertThat(e.data()).isEqualTo("{\"\uFFFD\"error\"\uFFFD}");
    assertThat(e.dataContains(QUOTED_ERROR)).isTrue();
    assertThat(fromBytes(new byte[] {(byte) 0xC2, ' '}).isBlank()).isFalse();
  }

  @Test
  void theDataSourceGivesTheBytesEachTimeForEitherKind() throws Exception {
    for (SseEvent e : List.of(fromBytes("caf\u00e9 {}"), new SseEvent(null, "caf\u00e9 {}", null))) {
      for (int i = 0; i < 2; i++) {
        BufferedSource source = e.dataSource();
        assertThat(source.readUtf8()).isEqualTo("caf\u00e9 {}");
      }
    }
  }

  @Test
  void theReaderHandsOutEventsThatKeepTheirBytes() {
    SseReader reader = new SseReader();
    byte[] wire = "data: {\"a\":\"\u00e9\"}\ndata: [2]\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    reader.feed(wire);
    SseEvent first = reader.poll();
    SseEvent done = reader.poll();
    assertThat(first.data()).isEqualTo("{\"a\":\"\u00e9\"}\n[2]");
    assertThat(first.isDone()).isFalse();
    assertThat(done.isDone()).isTrue();
    assertThat(done).isEqualTo(SseEvent.of("[DONE]"));
  }
}
