package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChatChunkTest {

  @Test
  void textAndFinishReasonComeFromTheFirstChoice() {
    ChunkChoice c = new ChunkChoice(0, Delta.content("Hel"), FinishReason.LENGTH, "max_tokens",
        null, null);
    ChatChunk chunk = new ChatChunk("gen", null, null, "m", null, List.of(c), null, null, null,
        null);
    assertThat(chunk.text()).isEqualTo("Hel");
    assertThat(chunk.finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void aUsageOnlyChunkHasNoTextAndNoFinishReason() {
    ChatChunk last = new ChatChunk("gen", null, null, "m", null, null, null, Usage.of(1, 2), null,
        null);
    assertThat(last.text()).isEmpty();
    assertThat(last.finishReason()).isNull();
    ChatChunk roleOnly = new ChatChunk("gen", null, null, "m", null,
        List.of(new ChunkChoice(0, Delta.EMPTY, null, null, null, null)), null, null, null, null);
    assertThat(roleOnly.text()).isEmpty();
  }
}
