package dev.router4j.api;

import dev.router4j.api.internal.Checks;
import dev.router4j.api.internal.JsonText;
import java.util.Map;

/**
 * A function the model may call ({@code {type:"function", function:{...}}} on the wire).
 *
 * @param name the function name
 * @param description what the function does, or null
 * @param parameters the JSON Schema of its arguments as a JSON tree, or null
 * @param strict whether the provider must follow the schema exactly, or null for its default
 */
public record Tool(String name, String description, Map<String, Object> parameters, Boolean strict) {
  /** Checks the fields and copies the schema. */
  public Tool {
    Checks.required(name, "tools[].function.name");
    Checks.notBlank(name, "tools[].function.name");
    parameters = Checks.jsonObjectOrNull(parameters);
  }

  /** A function with a schema given as JSON text. */
  public static Tool function(String name, String description, String parametersJson) {
    return new Tool(name, description, schema(parametersJson), null);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> schema(String json) {
    if (json == null) {
      return null;
    }
    Object tree;
    try {
      tree = JsonText.parse(json);
    } catch (IllegalArgumentException e) {
      throw new dev.router4j.api.error.InvalidRequestException("schema", e.getMessage(), e);
    }
    if (!(tree instanceof Map)) {
      throw new dev.router4j.api.error.InvalidRequestException("schema", "must be a JSON object");
    }
    return (Map<String, Object>) tree;
  }

  /** The schema as compact JSON text, or null. */
  public String parametersJson() {
    return parameters == null ? null : JsonText.write(parameters);
  }
}
