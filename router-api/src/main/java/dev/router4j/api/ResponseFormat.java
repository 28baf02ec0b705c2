package dev.router4j.api;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.internal.Checks;
import dev.router4j.api.internal.JsonText;
import java.util.Map;
import java.util.Objects;

/**
 * The shape the answer must take: plain text, any JSON object, or JSON following a schema.
 *
 * @param type the kind of format
 * @param name the schema's name (json_schema only)
 * @param description the schema's description, or null
 * @param schema the JSON Schema as a JSON tree (json_schema only)
 * @param strict whether the provider must follow the schema exactly, or null
 */
public record ResponseFormat(
    Type type, String name, String description, Map<String, Object> schema, Boolean strict) {

  /** Plain text. */
  public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null, null, null);
  /** Any JSON object. */
  public static final ResponseFormat JSON_OBJECT =
      new ResponseFormat(Type.JSON_OBJECT, null, null, null, null);

  /** The kinds of response format, with their wire names. */
  public enum Type {
    /** {@code text}. */
    TEXT("text"),
    /** {@code json_object}. */
    JSON_OBJECT("json_object"),
    /** {@code json_schema}. */
    JSON_SCHEMA("json_schema");

    private final String wire;

    Type(String wire) {
      this.wire = wire;
    }

    /** The wire name. */
    public String wireName() {
      return wire;
    }

    /** The type with the given wire name, or null when none has it. */
    public static Type fromWire(String wire) {
      for (Type t : values()) {
        if (t.wire.equals(wire)) {
          return t;
        }
      }
      return null;
    }
  }

  /** Checks that a schema comes with, and only with, the json_schema type. */
  public ResponseFormat {
    Objects.requireNonNull(type, "type");
    schema = Checks.jsonObjectOrNull(schema);
    if (type == Type.JSON_SCHEMA) {
      Checks.required(name, "response_format.json_schema.name");
      if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new InvalidRequestException("response_format.json_schema.name",
            "must be 1 to 64 letters, digits, '_' or '-', was \"" + name + "\"");
      }
    } else if (schema != null || name != null) {
      throw new InvalidRequestException(
          "response_format", "a name and schema belong only to type json_schema");
    }
  }

  /** JSON following the schema given as a JSON tree, strict. */
  public static ResponseFormat jsonSchema(String name, Map<String, Object> schema) {
    return new ResponseFormat(Type.JSON_SCHEMA, name, null, schema, Boolean.TRUE);
  }

  /** JSON following the schema given as JSON text, strict. */
  public static ResponseFormat jsonSchema(String name, String schemaJson) {
    return jsonSchema(name, Tool.schema(schemaJson));
  }

  /** Whether the answer must be JSON (json_object or json_schema). */
  public boolean isJson() {
    return type != Type.TEXT;
  }

  /** The schema as compact JSON text, or null. */
  public String schemaJson() {
    return schema == null ? null : JsonText.write(schema);
  }
}
