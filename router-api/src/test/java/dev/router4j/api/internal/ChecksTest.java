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
}
