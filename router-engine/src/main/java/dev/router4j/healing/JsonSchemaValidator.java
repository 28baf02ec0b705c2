package dev.router4j.healing;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.internal.healing.JNode;
import dev.router4j.internal.healing.ParseFailure;
import dev.router4j.internal.healing.SchemaSupport;
import java.util.List;
import java.util.Objects;

/**
 * A compiled JSON Schema that validates JSON text, reporting each violation with a JSON
 * pointer. Immutable and thread-safe; compile once and reuse.
 *
 * <p>Covers the subset that OpenAI strict structured outputs use: {@code type} (one type or a
 * list, including {@code "null"} and {@code "integer"}), {@code properties}, {@code required},
 * {@code additionalProperties} ({@code false} or a schema), {@code items}, {@code enum},
 * {@code const}, {@code anyOf} (and {@code oneOf}, {@code allOf}), local {@code $ref} into
 * {@code $defs} or {@code definitions}, {@code minimum}, {@code maximum}, the exclusive bounds,
 * {@code multipleOf}, {@code minItems}, {@code maxItems}, {@code minLength},
 * {@code maxLength} and {@code pattern}. Other keywords are ignored. Numbers are compared by
 * exact decimal value. An OpenAI {@code json_schema} envelope ({@code {"name": ..,
 * "schema": {..}}}) is accepted and unwrapped.
 */
public final class JsonSchemaValidator {
  private final SchemaSupport schema;
  private final String schemaJson;

  private JsonSchemaValidator(SchemaSupport schema, String schemaJson) {
    this.schema = schema;
    this.schemaJson = schemaJson;
  }

  /**
   * Compiles a schema given as JSON text.
   *
   * @param schemaJson the schema, strictly valid JSON
   * @return the compiled schema
   * @throws InvalidRequestException when the text is not valid JSON or not a schema
   */
  public static JsonSchemaValidator compile(String schemaJson) {
    return compile(schemaJson, JsonHealer.DEFAULT_MAX_DEPTH);
  }

  static JsonSchemaValidator compile(String schemaJson, int maxDepth) {
    return new JsonSchemaValidator(SchemaSupport.compile(schemaJson, maxDepth), schemaJson);
  }

  /**
   * Validates strictly valid JSON text against the schema.
   *
   * @param json the value to check
   * @return every violation found, in document order; empty when the value is valid
   * @throws UnrecoverableOutputException with reason {@code MALFORMED} when {@code json} is not
   *     strictly valid JSON, or {@code TOO_DEEP} when it nests deeper than the depth cap
   */
  public List<SchemaViolation> validate(String json) {
    Objects.requireNonNull(json, "json");
    JNode node;
    try {
      node = schema.engine().parseStrict(json);
    } catch (ParseFailure f) {
      throw f.toPublic();
    }
    if (node == null) {
      throw new UnrecoverableOutputException(
          UnrecoverableOutputException.Reason.MALFORMED, "the value is not strictly valid JSON");
    }
    return List.copyOf(schema.validate(node));
  }

  /**
   * Whether strictly valid JSON text satisfies the schema.
   *
   * @param json the value to check
   * @return true when {@link #validate(String)} finds no violation
   * @throws UnrecoverableOutputException as {@link #validate(String)} does
   */
  public boolean isValid(String json) {
    return validate(json).isEmpty();
  }

  /** The schema text this validator was compiled from. */
  public String schemaJson() {
    return schemaJson;
  }

  SchemaSupport support() {
    return schema;
  }
}
