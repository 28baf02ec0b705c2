package dev.router4j.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecksTest {

  @Test
  void rangeMessagesPrintWholeBoundsWithoutAFractionAndOthersAsIs() {
    assertThatThrownBy(() -> Checks.range(3.0, 0, 2, "t"))
        .isExactlyInstanceOf(InvalidRequestException.class)
        .hasMessage("t: must be between 0 and 2, was 3.0");
    assertThatThrownBy(() -> Checks.range(0.6, 0.1, 0.5, "x"))
        .hasMessage("x: must be between 0.1 and 0.5, was 0.6");
    assertThat(Checks.range((Double) null, 0, 1, "n")).isNull();
  }

  @Test
  void jsonObjectDeepCopiesKeepsOrderAndNullValues() {
    List<Object> list = new ArrayList<>(List.of("a"));
    Map<String, Object> src = new LinkedHashMap<>();
    src.put("z", list);
    src.put("a", null);
    Map<String, Object> copy = Checks.jsonObject(src);
    list.add("b");
    assertThat(copy.keySet()).containsExactly("z", "a");
    assertThat(copy.get("z")).isEqualTo(List.of("a"));
    assertThat(copy).containsEntry("a", null);
    assertThat(Checks.jsonObject(null)).isEmpty();
    assertThat(Checks.jsonObjectOrNull(null)).isNull();
  }

  @Test
  void jsonValueRejectsNonStringKeysAndNonJsonValues() {
    Map<Object, Object> badKey = new HashMap<>();
    badKey.put(1, "x");
    assertThatThrownBy(() -> Checks.jsonValue(badKey))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("JSON object keys must be strings: 1");
    assertThatThrownBy(() -> Checks.jsonValue(List.of(new StringBuilder("x"))))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a JSON value");
    assertThat(Checks.jsonValue(new BigDecimal("1.50"))).isEqualTo(new BigDecimal("1.50"));
  }

  @Test
  void aTreeCopiedOnceIsNotCopiedAgainAndCannotBeChanged() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("k", 1);
    List<Object> items = new ArrayList<>();
    items.add(null);
    items.add(inner);
    Map<String, Object> src = new LinkedHashMap<>();
    src.put("items", items);
    Map<String, Object> once = Checks.jsonObject(src);
    assertThat(Checks.jsonObject(once)).isSameAs(once);
    assertThat(Checks.jsonValue(once.get("items"))).isSameAs(once.get("items"));
    assertThat(once).isEqualTo(src).hasSameHashCodeAs(src).hasToString(src.toString());
    @SuppressWarnings("unchecked")
    List<Object> copied = (List<Object>) once.get("items");
    assertThat(copied).containsExactly(null, Map.of("k", 1));
    assertThatThrownBy(() -> once.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> once.remove("items"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> once.entrySet().iterator().next().setValue(1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> once.keySet().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copied.set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copied.add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copied.iterator().remove())
        .isInstanceOf(IllegalStateException.class);
    // A map that merely looks unmodifiable is still copied: its owner may change it.
    Map<String, Object> view = java.util.Collections.unmodifiableMap(src);
    assertThat(Checks.jsonObject(view)).isNotSameAs(view);
  }

  @Test
  void jsonObjectWithAddsOrReplacesOneKeyInOneCopy() {
    Map<String, Object> src = new LinkedHashMap<>();
    src.put("a", 1);
    src.put("b", new ArrayList<>(List.of("x")));
    Map<String, Object> added = Checks.jsonObjectWith(src, "c", "3");
    assertThat(added.keySet()).containsExactly("a", "b", "c");
    assertThat(added).containsEntry("c", "3");
    Map<String, Object> replaced = Checks.jsonObjectWith(added, "a", 9);
    assertThat(replaced.keySet()).containsExactly("a", "b", "c");
    assertThat(replaced).containsEntry("a", 9);
    assertThat(replaced.get("b")).isSameAs(added.get("b"));
    assertThat(added).containsEntry("a", 1);
    assertThat(Checks.jsonObject(replaced)).isSameAs(replaced);
    assertThatThrownBy(() -> Checks.jsonObjectWith(Map.of(), "x", new StringBuilder()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a JSON value");
  }

  @Test
  void smallAndLargeObjectsBehaveAlikeAsMaps() {
    for (int n : new int[] {1, 8, 9, 40}) {
      Map<String, Object> src = new LinkedHashMap<>();
      for (int i = n; i > 0; i--) {
        src.put("k" + i, i % 3 == 0 ? null : i);
      }
      Map<String, Object> copy = Checks.jsonObject(src);
      assertThat(copy.keySet()).containsExactlyElementsOf(src.keySet());
      assertThat(copy).isEqualTo(src).hasSameHashCodeAs(src).hasToString(src.toString());
      assertThat(copy.get("k1")).isEqualTo(1);
      if (n >= 3) {
        assertThat(copy.containsKey("k3")).isTrue(); // a key with a null value
        assertThat(copy.get("k3")).isNull();
      }
      assertThat(copy.getOrDefault("missing", "d")).isEqualTo("d");
      assertThat(copy.containsKey("missing")).isFalse();
      assertThat(Checks.jsonObject(copy)).isSameAs(copy);
      Map<String, Object> seen = new LinkedHashMap<>();
      copy.forEach(seen::put);
      assertThat(seen).isEqualTo(src);
      Map<String, Object> more = Checks.jsonObjectWith(copy, "extra", true);
      assertThat(more).hasSize(n + 1).containsEntry("extra", true);
      assertThatThrownBy(() -> copy.entrySet().iterator().next().setValue(0))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> copy.values().clear())
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void keysThatAreEqualButNotTheSameObjectMakeOneEntry() {
    Map<Object, Object> identity = new java.util.IdentityHashMap<>();
    identity.put(new String("k"), 1);
    identity.put(new String("k"), 2);
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) Checks.jsonValue(identity);
    assertThat(copy).hasSize(1).containsKey("k");
  }
}
