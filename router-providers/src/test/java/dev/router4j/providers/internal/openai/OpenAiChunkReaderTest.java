package dev.router4j.providers.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.error.MalformedResponseException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** One reader over the chunks of a stream, read from their bytes. */
class OpenAiChunkReaderTest {

  private static String chunk(String id, String model, long created, String delta) {
    return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created
        + ",\"model\":\"" + model + "\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,"
        + "\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";
  }

  private static List<ChatChunk> readAll(OpenAiChunkReader reader, List<String> data) {
    List<ChatChunk> out = new ArrayList<>();
    for (String d : data) {
      out.add(reader.next(new Buffer().writeUtf8(d)));
    }
    return out;
  }

  @Test
  void aStreamsRepeatedValuesAreSharedAndEachChunkReadsAsALoneOneWould() {
    List<String> data = new ArrayList<>();
    data.add(chunk("gen-1", "m/x", 1700000000L, "{\"role\":\"assistant\",\"content\":\"\"}"));
    for (int i = 0; i < 6; i++) {
      data.add(chunk("gen-1", "m/x", 1700000000L, "{\"content\":\"w" + i + "\"}"));
    }
    List<ChatChunk> chunks = readAll(new OpenAiChunkReader(), data);
    for (int i = 0; i < data.size(); i++) {
      assertThat(chunks.get(i)).isEqualTo(OpenAiChunkReader.read(data.get(i)));
    }
    ChatChunk third = chunks.get(3);
    ChatChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.id()).isSameAs(third.id()).isEqualTo("gen-1");
    assertThat(last.model()).isSameAs(third.model());
    assertThat(last.object()).isSameAs(third.object());
    assertThat(last.systemFingerprint()).isSameAs(third.systemFingerprint());
    assertThat(last.created()).isSameAs(third.created());
    assertThat(last.text()).isEqualTo("w5");
  }

  @Test
  void valuesThatChangeMidStreamAreReadAsTheyAre() {
    OpenAiChunkReader reader = new OpenAiChunkReader();
    List<ChatChunk> chunks = readAll(reader, List.of(
        chunk("a", "m", 1, "{\"content\":\"1\"}"),
        chunk("a", "m", 1, "{\"content\":\"2\"}"),
        chunk("b", "m\u00e9", 2, "{\"content\":\"3\"}"),
        chunk("a", "m", 1, "{\"content\":\"4\"}"),
        // An escaped value equal to a learned one still reads as that value.
        chunk("\\u0061", "m", 3, "{\"content\":\"5\"}")));
    assertThat(chunks).extracting(ChatChunk::id).containsExactly("a", "a", "b", "a", "a");
    assertThat(chunks).extracting(ChatChunk::model).containsExactly("m", "m", "m\u00e9", "m", "m");
    assertThat(chunks).extracting(ChatChunk::created).containsExactly(1L, 1L, 2L, 1L, 3L);
    assertThat(chunks).extracting(ChatChunk::text).containsExactly("1", "2", "3", "4", "5");
  }

  @Test
  void listsAndExtrasOfAChunkCannotBeChanged() {
    ChatChunk c = new OpenAiChunkReader().next(new Buffer().writeUtf8("{\"id\":\"g\",\"choices\":["
        + "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"function\":"
        + "{\"name\":\"f\",\"arguments\":\"\"}},{\"index\":1,\"id\":\"c2\",\"function\":"
        + "{\"name\":\"g\",\"arguments\":\"{}\"}}],\"odd\":[1]},\"logprobs\":{\"content\":[]},"
        + "\"mine\":{\"k\":\"v\"}},{\"index\":1,\"delta\":{\"content\":\"x\"}}],"
        + "\"service_tier\":\"default\"}"));
    assertThat(c.choices()).hasSize(2);
    assertThat(c.choices().get(0).delta().toolCalls()).extracting(t -> t.name())
        .containsExactly("f", "g");
    assertThat(c.extra()).containsEntry("service_tier", "default");
    assertThat(c.choices().get(0).extra()).containsKey("mine");
    assertThat(c.choices().get(0).delta().extra()).containsKey("odd");
    assertThatThrownBy(() -> c.choices().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.choices().get(0).delta().toolCalls().remove(0))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.extra().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((java.util.Map<?, ?>) c.choices().get(0).logprobs()).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aBrokenChunkFailsAndTheNextOneStillReads() {
    OpenAiChunkReader reader = new OpenAiChunkReader();
    readAll(reader, List.of(chunk("a", "m", 1, "{}"), chunk("a", "m", 1, "{}")));
    assertThatThrownBy(() -> reader.next(new Buffer().writeUtf8("{\"id\":\"a\",\"choices\":[")))
        .isInstanceOf(MalformedResponseException.class);
    assertThat(reader.next(new Buffer().writeUtf8(chunk("a", "m", 1, "{\"content\":\"ok\"}")))
        .text()).isEqualTo("ok");
  }
}
