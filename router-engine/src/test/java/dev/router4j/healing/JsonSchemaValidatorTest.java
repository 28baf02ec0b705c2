package dev.router4j.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JsonSchemaValidator} on its own: the structured-outputs subset, with JSON pointers. */
class JsonSchemaValidatorTest {

  private static List<String> pointers(String schema, String json) {
    return JsonSchemaValidator.compile(schema).validate(json).stream().map(SchemaViolation::pointer).toList();
  }

  @Test
  void typesIncludingIntegerNullAndLists() {
    assertThat(pointers("{\"type\": \"integer\"}", "3")).isEmpty();
    assertThat(pointers("{\"type\": \"integer\"}", "3.0")).isEmpty();
    assertThat(pointers("{\"type\": \"integer\"}", "3.5")).containsExactly("");
    assertThat(pointers("{\"type\": \"integer\"}", "123456789012345678901234567890")).isEmpty();
    assertThat(pointers("{\"type\": \"number\"}", "1e400")).isEmpty();
    assertThat(pointers("{\"type\": \"string\"}", "1")).containsExactly("");
    assertThat(pointers("{\"type\": [\"string\", \"null\"]}", "null")).isEmpty();
    assertThat(pointers("{\"type\": [\"string\", \"null\"]}", "\"x\"")).isEmpty();
    assertThat(pointers("{\"type\": [\"string\", \"null\"]}", "false")).containsExactly("");
    assertThat(pointers("{\"type\": \"boolean\"}", "true")).isEmpty();
    assertThat(pointers("{\"type\": \"null\"}", "0")).containsExactly("");
    assertThat(pointers("{\"type\": \"array\"}", "{}")).containsExactly("");
    assertThat(pointers("{\"type\": \"object\"}", "[]")).containsExactly("");
    assertThat(pointers("{}", "[1, {\"a\": null}]")).isEmpty();
    assertThat(pointers("true", "1")).isEmpty();
    assertThat(pointers("false", "1")).containsExactly("");
  }

  @Test
  void propertiesRequiredAndAdditionalProperties() {
    String schema =
        "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}, \"b\": {\"type\": \"integer\"}},"
            + " \"required\": [\"a\", \"b\"], \"additionalProperties\": false}";
    assertThat(pointers(schema, "{\"a\": \"x\", \"b\": 1}")).isEmpty();
    assertThat(pointers(schema, "{\"a\": \"x\"}")).containsExactly("/b");
    assertThat(pointers(schema, "{\"a\": 1, \"b\": 1, \"c\": 2}")).containsExactlyInAnyOrder("/a", "/c");
    String extraSchema =
        "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"integer\"}}";
    assertThat(pointers(extraSchema, "{\"x\": 1, \"y\": \"no\"}")).containsExactly("/y");
  }

  @Test
  void pointersEscapeSlashAndTilde() {
    String schema = "{\"type\": \"object\", \"properties\": {\"a/b~c\": {\"type\": \"string\"}}}";
    assertThat(pointers(schema, "{\"a/b~c\": 1}")).containsExactly("/a~1b~0c");
  }

  @Test
  void itemsAndArrayBounds() {
    String schema = "{\"type\": \"array\", \"items\": {\"type\": \"object\", \"properties\": {\"name\":"
        + " {\"type\": \"string\"}}, \"required\": [\"name\"]}, \"minItems\": 1, \"maxItems\": 2}";
    assertThat(pointers(schema, "[{\"name\": \"a\"}]")).isEmpty();
    assertThat(pointers(schema, "[{\"name\": \"a\"}, {}]")).containsExactly("/1/name");
    assertThat(pointers(schema, "[]")).containsExactly("");
    assertThat(pointers(schema, "[{\"name\": \"a\"}, {\"name\": \"b\"}, {\"name\": \"c\"}]")).containsExactly("");
    assertThat(pointers("{\"type\": \"object\", \"properties\": {\"items\": " + schema + "}}", "{\"items\": [{\"name\": 5}]}"))
        .containsExactly("/items/0/name");
  }

  @Test
  void enumAndConstCompareNumbersByValue() {
    assertThat(pointers("{\"enum\": [\"a\", 1, null]}", "1.0")).isEmpty();
    assertThat(pointers("{\"enum\": [\"a\", 1, null]}", "null")).isEmpty();
    assertThat(pointers("{\"enum\": [\"a\", 1, null]}", "\"A\"")).containsExactly("");
    assertThat(pointers("{\"const\": {\"x\": [1, 2]}}", "{\"x\": [1, 2.0]}")).isEmpty();
    assertThat(pointers("{\"const\": {\"x\": [1, 2]}}", "{\"x\": [2, 1]}")).containsExactly("");
  }

  @Test
  void anyOfAndLocalRefs() {
    String schema =
        "{\"$defs\": {\"node\": {\"type\": \"object\", \"properties\": {\"v\": {\"type\": \"integer\"},"
            + " \"next\": {\"anyOf\": [{\"$ref\": \"#/$defs/node\"}, {\"type\": \"null\"}]}},"
            + " \"required\": [\"v\", \"next\"]}}, \"$ref\": \"#/$defs/node\"}";
    assertThat(pointers(schema, "{\"v\": 1, \"next\": {\"v\": 2, \"next\": null}}")).isEmpty();
    assertThat(pointers(schema, "{\"v\": 1, \"next\": {\"v\": \"2\", \"next\": null}}")).containsExactly("/next");
    assertThat(pointers(schema, "{\"v\": 1}")).containsExactly("/next");
    String defs = "{\"definitions\": {\"s\": {\"type\": \"string\"}}, \"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/s\"}}";
    assertThat(pointers(defs, "[\"a\", 2]")).containsExactly("/1");
    assertThat(pointers("{\"$ref\": \"#/$defs/missing\"}", "1")).containsExactly("");
  }

  @Test
  void aRefCycleEndsInAViolationNotAStackOverflow() {
    assertThat(pointers("{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}}, \"$ref\": \"#/$defs/a\"}", "1"))
        .isNotEmpty();
  }

  @Test
  void numericAndStringBounds() {
    assertThat(pointers("{\"minimum\": 1, \"maximum\": 10}", "10")).isEmpty();
    assertThat(pointers("{\"minimum\": 1, \"maximum\": 10}", "10.0000000000000000001")).containsExactly("");
    assertThat(pointers("{\"minimum\": 1, \"maximum\": 10}", "0")).containsExactly("");
    assertThat(pointers("{\"exclusiveMinimum\": 0}", "0")).containsExactly("");
    assertThat(pointers("{\"multipleOf\": 0.5}", "2.5")).isEmpty();
    assertThat(pointers("{\"multipleOf\": 0.5}", "2.2")).containsExactly("");
    assertThat(pointers("{\"minLength\": 2, \"maxLength\": 3}", "\"ab\"")).isEmpty();
    assertThat(pointers("{\"minLength\": 2, \"maxLength\": 3}", "\"a\"")).containsExactly("");
    assertThat(pointers("{\"maxLength\": 1}", "\"\\ud83d\\ude00\"")).as("length counts code points").isEmpty();
    assertThat(pointers("{\"pattern\": \"^[a-z]+$\"}", "\"abc\"")).isEmpty();
    assertThat(pointers("{\"pattern\": \"^[a-z]+$\"}", "\"ab1\"")).containsExactly("");
  }

  @Test
  void violationsReadWell() {
    List<SchemaViolation> v =
        JsonSchemaValidator.compile("{\"type\": \"object\", \"required\": [\"name\"]}").validate("{}");
    assertThat(v).containsExactly(new SchemaViolation("/name", "required property is missing"));
    assertThat(v.get(0).toString()).isEqualTo("/name: required property is missing");
  }

  @Test
  void anOpenAiEnvelopeIsUnwrapped() {
    String envelope = "{\"name\": \"x\", \"strict\": true, \"schema\": {\"type\": \"object\", \"required\": [\"a\"]}}";
    assertThat(JsonSchemaValidator.compile(envelope).isValid("{\"a\": 1}")).isTrue();
    assertThat(JsonSchemaValidator.compile(envelope).isValid("{}")).isFalse();
  }

  @Test
  void badInputIsTyped() {
    assertThatThrownBy(() -> JsonSchemaValidator.compile("{\"type\": ")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> JsonSchemaValidator.compile("42")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> JsonSchemaValidator.compile(null)).isInstanceOf(InvalidRequestException.class);
    JsonSchemaValidator any = JsonSchemaValidator.compile("{}");
    assertThat(catchThrowableOfType(UnrecoverableOutputException.class, () -> any.validate("{'a': 1}")).reason())
        .isEqualTo(UnrecoverableOutputException.Reason.MALFORMED);
  }
}
