package dev.router4j.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

  @Test
  void bigIntegersAndLongFractionsSurviveExactly() {
    String json = "{\"big\":12345678901234567890,\"frac\":0.1000000000000000000001,"
        + "\"neg\":-98765432109876543210.5}";
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) JsonText.parse(json);
    assertThat(m.get("big")).isEqualTo(new BigDecimal("12345678901234567890"));
    assertThat(m.get("frac")).isEqualTo(new BigDecimal("0.1000000000000000000001"));
    assertThat(m.get("neg")).isEqualTo(new BigDecimal("-98765432109876543210.5"));
    assertThat(JsonText.write(m)).isEqualTo(json);
  }

  @Test
  void exponentsAreReadExactly() {
    assertThat(JsonText.parse("1.5e3")).isEqualTo(new BigDecimal("1.5e3"));
    assertThat((BigDecimal) JsonText.parse("-2E-400")).isEqualByComparingTo("-2E-400");
    assertThat((BigDecimal) JsonText.parse("0")).isEqualByComparingTo("0");
  }

  @Test
  void everyValueKindParsesAndKeysKeepTheirOrder() {
    Object v = JsonText.parse(" {\"z\":1,\"a\":[true,false,null,\"s\",{}],\"m\":{\"k\":[]}} ");
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    assertThat(m.keySet()).containsExactly("z", "a", "m");
    assertThat(m.get("a")).isEqualTo(Arrays.asList(true, false, null, "s", Map.of()));
    assertThat(m.get("m")).isEqualTo(Map.of("k", List.of()));
  }

  @Test
  void parsedTreesAreUnmodifiable() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) JsonText.parse("{\"a\":[1]}");
    assertThatThrownBy(() -> m.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> l = (List<Object>) m.get("a");
    assertThatThrownBy(() -> l.add(2)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void escapesAreDecoded() {
    assertThat(JsonText.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC\""))
        .isEqualTo("a\"b\\c/d\b\f\n\r\té€");
  }

  @Test
  void writeEscapesQuotesBackslashesAndControlCharacters() {
    String s = "q\"b\\n\nr\rt\t\u0001é";
    assertThat(JsonText.write(s)).isEqualTo("\"q\\\"b\\\\n\\nr\\rt\\t\\u0001é\"");
    assertThat(JsonText.parse(JsonText.write(s))).isEqualTo(s);
  }

  @Test
  void writeHandlesNullBooleansAndOtherNumbers() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", null);
    m.put("t", true);
    m.put("i", 42);
    m.put("l", 9_007_199_254_740_993L);
    m.put("list", Arrays.asList(1, null, "x"));
    assertThat(JsonText.write(m))
        .isEqualTo("{\"n\":null,\"t\":true,\"i\":42,\"l\":9007199254740993,\"list\":[1,null,\"x\"]}");
  }

  @Test
  void writeRejectsANonJsonValue() {
    assertThatThrownBy(() -> JsonText.write(Map.of("k", new Object())))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a JSON value: class java.lang.Object");
  }

  @ParameterizedTest(name = "[{index}] <{0}>")
  @CsvSource(delimiter = '|', value = {
      "''                 | invalid JSON at offset 0: unexpected end",
      "'{\"a\":}'         | invalid JSON at offset 5: unexpected character '}'",
      "'{\"a\" 1}'        | invalid JSON at offset 5: expected ':'",
      "'{\"a\":1,}'       | invalid JSON at offset 7: expected a member name",
      "'{a:1}'            | invalid JSON at offset 1: expected a member name",
      "'[1,]'             | invalid JSON at offset 3: unexpected character ']'",
      "'[1 2]'            | invalid JSON at offset 3: expected ']'",
      "'{\"a\":1} x'      | invalid JSON at offset 8: unexpected text after the JSON value",
      "'01'               | invalid JSON at offset 1: unexpected text after the JSON value",
      "'1.'               | invalid JSON at offset 2: bad number fraction",
      "'1e'               | invalid JSON at offset 2: bad number exponent",
      "'-'                | invalid JSON at offset 1: bad number",
      "'.5'               | invalid JSON at offset 0: unexpected character '.'",
      "'tru'              | invalid JSON at offset 0: expected true",
      "'nul'              | invalid JSON at offset 0: expected null",
      "'\"abc'            | invalid JSON at offset 4: unterminated string",
      "'\"a\\x\"'         | invalid JSON at offset 4: invalid escape \\x",
      "'\"\\u12\"'        | invalid JSON at offset 3: short \\u escape",
      "'\"\\uZZZZ\"'      | invalid JSON at offset 3: bad \\u escape",
      "'NaN'              | invalid JSON at offset 0: unexpected character 'N'",
      "'[1] [2]'          | invalid JSON at offset 4: unexpected text after the JSON value",
  })
  void malformedJsonIsRejectedWithTheOffset(String json, String message) {
    assertThatThrownBy(() -> JsonText.parse(json))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void aRawControlCharacterInAStringIsRejected() {
    assertThatThrownBy(() -> JsonText.parse("\"a\nb\""))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid JSON at offset 2: raw control character in a string");
  }

  @Test
  void nestingBeyondTheDepthLimitIsRejectedButDeepValidNestingParses() {
    assertThat(JsonText.parse("[".repeat(500) + "]".repeat(500))).isInstanceOf(List.class);
    assertThatThrownBy(() -> JsonText.parse("[".repeat(600) + "]".repeat(600)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nesting deeper than 512");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\\u-001\"", "\"\\u+041\""})
  void aSignedUnicodeEscapeIsRejected(String json) {
    assertThatThrownBy(() -> JsonText.parse(json))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid JSON at offset 3: bad \\u escape");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void writeRejectsNonFiniteNumbers(double d) {
    assertThatThrownBy(() -> JsonText.write(Map.of("x", d)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
