package dev.router4j.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.Tool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tool schemas are converted to Gemini's OpenAPI-subset {@code parameters}: references
 * resolved inline, unsupported keywords dropped, types in upper case, null unions nullable.
 */
class GeminiSchemaTest extends GeminiTestSupport {

  /** A schema as Pydantic writes it for a nested model, with MCP-style extras. */
  private static final String ORDER_SCHEMA = """
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "CreateOrder",
        "type": "object",
        "additionalProperties": false,
        "$defs": {
          "Address": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "street": {"type": "string", "minLength": 1},
              "city": {"type": "string"},
              "country": {"type": "string", "enum": ["FR", "DE", "IT"], "default": "FR"},
              "postcode": {"type": ["string", "null"], "pattern": "^[0-9]{5}$"}
            },
            "required": ["street", "city", "country"]
          },
          "LineItem": {
            "type": "object",
            "properties": {
              "sku": {"type": "string", "description": "Stock keeping unit"},
              "quantity": {"type": "integer", "minimum": 1, "exclusiveMaximum": 1000, "format": "int32"},
              "unit_price": {"type": "number", "format": "decimal"},
              "gift": {"const": "yes"}
            },
            "required": ["sku", "quantity"]
          },
          "Category": {
            "type": "object",
            "properties": {
              "name": {"type": "string"},
              "parent": {"$ref": "#/$defs/Category"}
            }
          }
        },
        "properties": {
          "customer_email": {"type": "string", "format": "email", "description": "Who ordered"},
          "delivery": {"$ref": "#/$defs/Address", "description": "Where to deliver"},
          "billing": {"anyOf": [{"$ref": "#/$defs/Address"}, {"type": "null"}]},
          "items": {"type": "array", "items": {"$ref": "#/$defs/LineItem"}, "minItems": 1},
          "priority": {"type": "integer", "enum": [1, 2, 3], "description": "Urgency"},
          "deliver_after": {"type": "string", "format": "date-time"},
          "reference": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
          "metadata": {"type": "object", "additionalProperties": {"type": "string"}},
          "category": {"$ref": "#/$defs/Category"},
          "options": {
            "allOf": [
              {"type": "object", "properties": {"express": {"type": "boolean"}}},
              {"properties": {"insured": {"type": "boolean"}}, "required": ["insured"]}
            ]
          }
        },
        "required": ["customer_email", "delivery", "items", "ghost"],
        "strict": true
      }
      """;

  @Test
  void aRealisticNestedSchemaIsConvertedToTheOpenApiSubset() throws Exception {
    Map<String, Object> body = sent(ChatRequest.builder().model("google/gemini-2.5-flash")
        .user("Order two mugs")
        .tools(Tool.function("create_order", "Places an order", ORDER_SCHEMA))
        .build());

    Map<String, Object> decl = obj(at(body, "tools", 0, "functionDeclarations", 0));
    assertThat(decl.get("name")).isEqualTo("create_order");
    assertThat(decl.get("description")).isEqualTo("Places an order");
    Map<String, Object> p = obj(decl.get("parameters"));
    assertThat(p).containsOnlyKeys("type", "title", "properties", "required");
    assertThat(p.get("type")).isEqualTo("OBJECT");
    assertThat(p.get("title")).isEqualTo("CreateOrder");
    // Only names that are properties stay required.
    assertThat(p.get("required")).isEqualTo(List.of("customer_email", "delivery", "items"));

    Map<String, Object> props = obj(p.get("properties"));
    // "email" is no format Gemini knows for strings: dropped.
    assertThat(props.get("customer_email"))
        .isEqualTo(Map.of("type", "STRING", "description", "Who ordered"));

    Map<String, Object> address = Map.of(
        "type", "OBJECT",
        "properties", Map.of(
            "street", Map.of("type", "STRING", "minLength", 1.0),
            "city", Map.of("type", "STRING"),
            "country", Map.of("type", "STRING", "enum", List.of("FR", "DE", "IT"),
                "default", "FR"),
            "postcode", Map.of("type", "STRING", "pattern", "^[0-9]{5}$", "nullable", true)),
        "required", List.of("street", "city", "country"));
    // $ref resolved inline, the sibling description kept.
    Map<String, Object> delivery = new java.util.LinkedHashMap<>(address);
    delivery.put("description", "Where to deliver");
    assertThat(props.get("delivery")).isEqualTo(delivery);
    // anyOf [X, null] is X, nullable.
    Map<String, Object> billing = new java.util.LinkedHashMap<>(address);
    billing.put("nullable", true);
    assertThat(props.get("billing")).isEqualTo(billing);

    assertThat(props.get("items")).isEqualTo(Map.of(
        "type", "ARRAY",
        "minItems", 1.0,
        "items", Map.of(
            "type", "OBJECT",
            "properties", Map.of(
                "sku", Map.of("type", "STRING", "description", "Stock keeping unit"),
                "quantity", Map.of("type", "INTEGER", "format", "int32", "minimum", 1.0),
                "unit_price", Map.of("type", "NUMBER"),
                "gift", Map.of("type", "STRING", "enum", List.of("yes"))),
            "required", List.of("sku", "quantity"))));
    // Integer enums are not Gemini enums: listed in the description instead.
    assertThat(props.get("priority")).isEqualTo(
        Map.of("type", "INTEGER", "description", "Urgency Allowed values: 1, 2, 3."));
    assertThat(props.get("deliver_after"))
        .isEqualTo(Map.of("type", "STRING", "format", "date-time"));
    assertThat(props.get("reference")).isEqualTo(
        Map.of("anyOf", List.of(Map.of("type", "STRING"), Map.of("type", "INTEGER"))));
    assertThat(props.get("metadata")).isEqualTo(Map.of("type", "OBJECT"));
    // A recursive reference is cut at its second visit.
    assertThat(props.get("category")).isEqualTo(Map.of(
        "type", "OBJECT",
        "properties", Map.of(
            "name", Map.of("type", "STRING"),
            "parent", Map.of("type", "OBJECT"))));
    assertThat(props.get("options")).isEqualTo(Map.of(
        "type", "OBJECT",
        "properties", Map.of(
            "express", Map.of("type", "BOOLEAN"),
            "insured", Map.of("type", "BOOLEAN")),
        "required", List.of("insured")));

    assertThat(body.toString()).doesNotContain("additionalProperties", "$schema", "$defs",
        "$ref", "strict", "exclusiveMaximum");
  }

  @Test
  void aFunctionWithoutParametersIsDeclaredWithoutTheMember() throws Exception {
    Map<String, Object> body = sent(ChatRequest.builder().model("google/gemini-2.5-flash")
        .user("What time is it?")
        .tools(Tool.function("now", "The current time",
                "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}"),
            new Tool("ping", null, null, null))
        .build());
    assertThat(at(body, "tools", 0, "functionDeclarations")).isEqualTo(List.of(
        Map.of("name", "now", "description", "The current time"),
        Map.of("name", "ping")));
  }
}
