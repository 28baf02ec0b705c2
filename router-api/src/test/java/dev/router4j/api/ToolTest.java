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

class ToolTest {

  @Test
  void functionParsesTheSchemaTextIntoAJsonTree() {
    Tool t = Tool.function("weather", "Weather by city",
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
            + "\"required\":[\"city\"],\"maxItems\":3}");
    assertThat(t.name()).isEqualTo("weather");
    assertThat(t.description()).isEqualTo("Weather by city");
    assertThat(t.strict()).isNull();
    assertThat(t.parameters()).containsOnlyKeys("type", "properties", "required", "maxItems");
    assertThat(t.parameters().get("required")).isEqualTo(List.of("city"));
    assertThat(t.parameters().get("maxItems")).isEqualTo(new BigDecimal("3"));
  }

  @Test
  void parametersJsonWritesTheSchemaBackCompactlyInOrder() {
    String json = "{\"type\":\"object\",\"properties\":{\"b\":{\"type\":\"number\"},"
        + "\"a\":{\"type\":\"string\",\"enum\":[\"x\",\"y\"]}}}";
    assertThat(Tool.function("f", null, json).parametersJson()).isEqualTo(json);
    assertThat(Tool.function("f", null, "  { \"type\" : \"object\" }  ").parametersJson())
        .isEqualTo("{\"type\":\"object\"}");
    assertThat(Tool.function("f", null, null).parametersJson()).isNull();
  }

  @Test
  void invalidSchemaTextIsRejectedNamingSchema() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> Tool.function("f", null, "{\"type\":"));
    assertThat(e.field()).isEqualTo("schema");
    assertThat(e.getMessage()).startsWith("schema: invalid JSON at offset 8");
    assertThat(e.getCause()).isExactlyInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void schemaTextThatIsNotAnObjectIsRejected() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> Tool.function("f", null, "[1,2]"));
    assertThat(e.field()).isEqualTo("schema");
    assertThat(e.getMessage()).isEqualTo("schema: must be a JSON object");
  }

  @Test
  void aMissingOrBlankNameIsRejected() {
    InvalidRequestException missing = catchThrowableOfType(InvalidRequestException.class,
        () -> new Tool(null, null, null, null));
    assertThat(missing.field()).isEqualTo("tools[].function.name");
    assertThat(missing.getMessage()).isEqualTo("tools[].function.name: is required");
    InvalidRequestException blank = catchThrowableOfType(InvalidRequestException.class,
        () -> Tool.function(" ", null, null));
    assertThat(blank.getMessage()).isEqualTo("tools[].function.name: must not be blank");
  }

  @Test
  void theParameterTreeIsDeepCopiedAndUnmodifiable() {
    List<Object> required = new ArrayList<>(List.of("city"));
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("city", new LinkedHashMap<>(Map.of("type", "string")));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", props);
    schema.put("required", required);
    Tool t = new Tool("weather", null, schema, true);

    required.add("country");
    props.put("country", Map.of("type", "string"));
    schema.remove("type");

    assertThat(t.parameters()).containsOnlyKeys("type", "properties", "required");
    assertThat(t.parameters().get("required")).isEqualTo(List.of("city"));
    assertThat(t.parameters().get("properties")).isEqualTo(Map.of("city", Map.of("type", "string")));
    assertThatThrownBy(() -> t.parameters().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> copiedRequired = (List<Object>) t.parameters().get("required");
    assertThatThrownBy(() -> copiedRequired.add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
