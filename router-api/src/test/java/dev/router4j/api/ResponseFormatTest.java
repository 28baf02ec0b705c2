package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseFormatTest {

  @Test
  void jsonSchemaFromTextParsesTheSchemaAndIsStrict() {
    ResponseFormat f = ResponseFormat.jsonSchema("answer",
        "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"maximum\":10}}}");
    assertThat(f.type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
    assertThat(f.name()).isEqualTo("answer");
    assertThat(f.strict()).isTrue();
    assertThat(f.isJson()).isTrue();
    @SuppressWarnings("unchecked")
    Map<String, Object> n = (Map<String, Object>) ((Map<String, Object>) f.schema()
        .get("properties")).get("n");
    assertThat(n.get("maximum")).isEqualTo(new BigDecimal("10"));
  }

  @Test
  void schemaJsonWritesTheSchemaBackCompactly() {
    String json = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},"
        + "\"additionalProperties\":false}";
    assertThat(ResponseFormat.jsonSchema("s", json).schemaJson()).isEqualTo(json);
    assertThat(ResponseFormat.JSON_OBJECT.schemaJson()).isNull();
  }

  @Test
  void jsonSchemaFromInvalidTextIsRejectedNamingSchema() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> ResponseFormat.jsonSchema("s", "{\"type\" \"object\"}"));
    assertThat(e.field()).isEqualTo("schema");
    assertThat(e.getMessage()).isEqualTo("schema: invalid JSON at offset 8: expected ':'");
  }

  @Test
  void jsonSchemaWithoutANameIsRejected() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> ResponseFormat.jsonSchema(null, Map.of("type", "object")));
    assertThat(e.field()).isEqualTo("response_format.json_schema.name");
    assertThat(e.getMessage()).isEqualTo("response_format.json_schema.name: is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "dot.name", "ünïcode", "slash/name"})
  void jsonSchemaWithABadNameIsRejectedNamingTheRule(String name) {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> ResponseFormat.jsonSchema(name, Map.of()));
    assertThat(e.field()).isEqualTo("response_format.json_schema.name");
    assertThat(e.getMessage()).isEqualTo("response_format.json_schema.name: must be 1 to 64 "
        + "letters, digits, '_' or '-', was \"" + name + "\"");
  }

  @Test
  void jsonSchemaNamesOfOneAndSixtyFourCharactersAreAcceptedAndSixtyFiveIsNot() {
    assertThat(ResponseFormat.jsonSchema("a", Map.of()).name()).isEqualTo("a");
    String max = "A_b-9".repeat(12) + "abcd";
    assertThat(max).hasSize(64);
    assertThat(ResponseFormat.jsonSchema(max, Map.of()).name()).isEqualTo(max);
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> ResponseFormat.jsonSchema(max + "x", Map.of())).field())
        .isEqualTo("response_format.json_schema.name");
  }

  @Test
  void aNameOrSchemaOnJsonObjectIsRejected() {
    InvalidRequestException named = catchThrowableOfType(InvalidRequestException.class,
        () -> new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, "n", null, null, null));
    assertThat(named.field()).isEqualTo("response_format");
    assertThat(named.getMessage())
        .isEqualTo("response_format: a name and schema belong only to type json_schema");
    InvalidRequestException schema = catchThrowableOfType(InvalidRequestException.class,
        () -> new ResponseFormat(ResponseFormat.Type.TEXT, null, null, Map.of(), null));
    assertThat(schema.field()).isEqualTo("response_format");
  }

  @Test
  void theSchemaTreeIsDeepCopied() {
    List<Object> required = new ArrayList<>(List.of("a"));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("required", required);
    ResponseFormat f = ResponseFormat.jsonSchema("s", schema);
    required.add("b");
    schema.put("type", "object");
    assertThat(f.schema()).containsOnlyKeys("required");
    assertThat(f.schema().get("required")).isEqualTo(List.of("a"));
    assertThatThrownBy(() -> f.schema().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void typesMapToAndFromTheirWireNames() {
    assertThat(ResponseFormat.TEXT.isJson()).isFalse();
    assertThat(ResponseFormat.JSON_OBJECT.isJson()).isTrue();
    for (ResponseFormat.Type t : ResponseFormat.Type.values()) {
      assertThat(ResponseFormat.Type.fromWire(t.wireName())).isEqualTo(t);
    }
    assertThat(ResponseFormat.Type.JSON_SCHEMA.wireName()).isEqualTo("json_schema");
    assertThat(ResponseFormat.Type.fromWire("xml")).isNull();
  }
}
