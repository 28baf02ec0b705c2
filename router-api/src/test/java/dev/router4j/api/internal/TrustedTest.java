package dev.router4j.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Delta;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The construction paths for values a decoder built itself, against the checked ones. */
class TrustedTest {

  private static ChunkChoice choice(int index) {
    return new ChunkChoice(index, Delta.content("c" + index), null, null, null, null);
  }

  @Test
  void anOwnedListIsKeptWithoutACopyAndCannotBeChanged() {
    List<ChunkChoice> built = new ArrayList<>(List.of(choice(0), choice(1), choice(2)));
    List<ChunkChoice> owned = Trusted.list(built);
    ChatChunk chunk = new ChatChunk("g", null, null, "m", null, owned, null, null, null, null);
    assertThat(chunk.choices()).isSameAs(owned).containsExactlyElementsOf(built)
        .isEqualTo(List.of(choice(0), choice(1), choice(2)));
    assertThat(chunk.choices().hashCode()).isEqualTo(built.hashCode());
    assertThatThrownBy(() -> chunk.choices().add(choice(3)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> chunk.choices().set(0, choice(3)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> chunk.choices().remove(0))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void smallOwnedListsAreTheUsualImmutableOnesWhichTheConstructorsAlsoKeep() {
    List<ToolCallDelta> one = Trusted.list(new ArrayList<>(List.of(new ToolCallDelta(0, "id",
        "f", ""))));
    Delta d = new Delta(null, null, null, null, null, one, null, null);
    assertThat(d.toolCalls()).isSameAs(one).hasSize(1);
    assertThat(Trusted.list(new ArrayList<>())).isSameAs(List.of());
  }

  @Test
  void listsFromCallersAreStillCheckedAndCopied() {
    List<ChunkChoice> mine = new ArrayList<>(List.of(choice(0), choice(1)));
    ChatChunk chunk = new ChatChunk("g", null, null, "m", null, mine, null, null, null, null);
    mine.add(choice(2));
    assertThat(chunk.choices()).hasSize(2).isNotSameAs(mine);
    // A wrapper the caller made is not mistaken for an owned list.
    List<ChunkChoice> view = Collections.unmodifiableList(Arrays.asList(choice(0), null));
    assertThatThrownBy(() -> new ChatChunk("g", null, null, "m", null, view, null, null, null,
        null)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("choices[1]");
  }

  @Test
  void anOwnedJsonObjectIsFrozenInOrderWithItsValuesAsTheyAre() {
    List<Object> tree = Collections.unmodifiableList(List.of("x", new BigDecimal("1.5")));
    Map<String, Object> built = new LinkedHashMap<>();
    built.put("z", tree);
    built.put("a", null);
    Map<String, Object> frozen = Trusted.jsonObject(built);
    assertThat(frozen.keySet()).containsExactly("z", "a");
    assertThat(frozen.get("z")).isSameAs(tree);
    assertThat(frozen).containsEntry("a", null).isEqualTo(built);
    assertThatThrownBy(() -> frozen.put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
    // The value types keep it: it is already frozen.
    ChunkChoice c = new ChunkChoice(0, Delta.EMPTY, null, null, null, frozen);
    assertThat(c.extra()).isSameAs(frozen);
    assertThat(Trusted.jsonObject(null)).isEmpty();
  }

  @Test
  void aLargeOwnedJsonObjectIsWrappedAndStillKeptAsFrozen() {
    Map<String, Object> built = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      built.put("k" + i, i);
    }
    Map<String, Object> frozen = Trusted.jsonObject(built);
    assertThat(frozen).isEqualTo(built);
    assertThat(Checks.jsonObject(frozen)).isSameAs(frozen);
    assertThatThrownBy(() -> frozen.remove("k0"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anOwnedJsonValueIsFrozenOnlyAtItsTop() {
    List<Object> array = new ArrayList<>(List.of("a", Map.of("b", true)));
    Object frozen = Trusted.jsonValue(array);
    assertThat(frozen).isEqualTo(array);
    assertThat(Checks.jsonValue(frozen)).isSameAs(frozen);
    assertThat(((List<?>) frozen).get(1)).isSameAs(array.get(1));
    assertThat(Trusted.jsonValue("s")).isEqualTo("s");
    assertThat(Trusted.jsonValue(null)).isNull();
    ChunkChoice c = new ChunkChoice(0, Delta.EMPTY, null, null, frozen, null);
    assertThat(c.logprobs()).isSameAs(frozen);
  }
}
