package dev.router4j.providers.internal.gemini;

import dev.router4j.providers.internal.json.JsonTrees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts a tool's JSON Schema into the OpenAPI-subset {@code Schema} object that Gemini's
 * {@code functionDeclarations[].parameters} accepts.
 *
 * <p>Why this approach rather than {@code parametersJsonSchema}: the OpenAPI subset is accepted
 * by every Gemini model and by Vertex AI alike, and a schema converted here never fails upstream
 * on a keyword the model version does not know. What is lost is only what Gemini would not
 * enforce anyway. The rules:
 *
 * <ul>
 *   <li>{@code $ref} to {@code #/$defs/...} or {@code #/definitions/...} (any local JSON
 *       pointer) is resolved inline; sibling keywords of the {@code $ref} win over the target's.
 *       A recursive reference is cut at its second visit and becomes a bare {@code OBJECT}
 *       (Gemini's schema has no references);
 *   <li>{@code allOf} is merged into one schema (properties joined, {@code required} united);
 *   <li>{@code type} is written in Gemini's upper case; {@code ["string","null"]}, a {@code null}
 *       branch of {@code anyOf}/{@code oneOf} or a {@code null} in {@code enum} become {@code
 *       nullable: true}; several non-null types become an {@code anyOf}; {@code oneOf} is read
 *       as {@code anyOf}; an {@code anyOf} left with one branch is inlined;
 *   <li>{@code const} becomes a one-value {@code enum}; enums of non-strings (Gemini's enums are
 *       strings) are dropped and listed in the description instead;
 *   <li>{@code format} is kept only where Gemini knows it: {@code date-time} and {@code enum}
 *       for strings, {@code int32}/{@code int64}, {@code float}/{@code double};
 *   <li>kept as they are: {@code title}, {@code description}, {@code nullable}, {@code
 *       properties}, {@code required} (only names that are properties), {@code items} (the first
 *       schema of a tuple), {@code minimum}, {@code maximum}, {@code minLength}, {@code
 *       maxLength}, {@code pattern}, {@code minItems}, {@code maxItems}, {@code minProperties},
 *       {@code maxProperties}, {@code default}, {@code example} (or the first of {@code
 *       examples}) and {@code propertyOrdering};
 *   <li>dropped: everything else, notably {@code $schema}, {@code $id}, {@code $defs}, {@code
 *       definitions}, {@code additionalProperties}, {@code strict}, {@code patternProperties},
 *       {@code exclusiveMinimum}/{@code exclusiveMaximum}, {@code not}, {@code if}/{@code then}/
 *       {@code else} and {@code $comment}.
 * </ul>
 *
 * <p>A top-level object schema without properties is reported as null: Gemini rejects {@code
 * parameters} whose {@code properties} are empty, and a function without parameters is declared
 * without the member.
 */
final class GeminiSchemas {
  private static final int MAX_DEPTH = 64;

  private GeminiSchemas() {}

  /**
   * The {@code parameters} value for a function declaration, or null when the function takes
   * no parameters.
   */
  static Map<String, Object> parameters(Map<String, Object> jsonSchema) {
    if (jsonSchema == null) {
      return null;
    }
    Map<String, Object> converted =
        new GeminiSchemas.Converter(jsonSchema).convert(jsonSchema, 0);
    if (converted == null || converted.isEmpty()) {
      return null;
    }
    if ("OBJECT".equals(converted.get("type"))
        && !(converted.get("properties") instanceof Map<?, ?> p && !p.isEmpty())) {
      return null;
    }
    return converted;
  }

  /** Converts any schema (exposed for tests and for nested use). */
  static Map<String, Object> convert(Map<String, Object> jsonSchema) {
    return jsonSchema == null ? null : new Converter(jsonSchema).convert(jsonSchema, 0);
  }

  private static final class Converter {
    private final Map<String, Object> root;
    private final Deque<String> refs = new ArrayDeque<>();

    Converter(Map<String, Object> root) {
      this.root = root;
    }

    Map<String, Object> convert(Object node, int depth) {
      Map<String, Object> in = GeminiJson.object(node);
      if (in == null || depth > MAX_DEPTH) {
        return new LinkedHashMap<>(); // `true`, `{}` or too deep: no constraint
      }
      Object ref = in.get("$ref");
      if (ref instanceof String r) {
        return convertRef(r, in, depth);
      }
      if (in.get("allOf") instanceof List<?> all) {
        return convert(mergeAllOf(in, all), depth + 1);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      boolean nullable = Boolean.TRUE.equals(in.get("nullable"));

      // The types this schema admits.
      List<String> types = new ArrayList<>();
      Object type = in.get("type");
      if (type instanceof String t) {
        types.add(t);
      } else if (type instanceof List<?> list) {
        for (Object t : list) {
          if (t instanceof String s) {
            types.add(s);
          }
        }
      }
      if (types.remove("null")) {
        nullable = true;
      }
      if (types.isEmpty()) {
        if (in.get("properties") instanceof Map<?, ?>) {
          types.add("object");
        } else if (in.containsKey("items") || in.containsKey("prefixItems")) {
          types.add("array");
        }
      }

      copy(in, out, "title");
      String description = GeminiJson.string(in.get("description"));

      // enum and const
      List<Object> values = null;
      if (in.containsKey("const")) {
        values = new ArrayList<>();
        values.add(in.get("const"));
      } else if (in.get("enum") instanceof List<?> e) {
        values = new ArrayList<>(e);
      }
      if (values != null) {
        if (values.remove(null)) {
          nullable = true;
        }
        boolean allStrings = !values.isEmpty();
        for (Object v : values) {
          allStrings &= v instanceof String;
        }
        if (allStrings) {
          out.put("enum", List.copyOf(values));
          if (types.isEmpty()) {
            types.add("string");
          }
        } else if (!values.isEmpty()) {
          StringBuilder allowed = new StringBuilder("Allowed values: ");
          for (int i = 0; i < values.size(); i++) {
            allowed.append(i == 0 ? "" : ", ").append(JsonTrees.print(values.get(i)));
          }
          allowed.append('.');
          description = description == null ? allowed.toString() : description + " " + allowed;
        }
      }

      // anyOf / oneOf
      List<Object> branches = new ArrayList<>();
      if (in.get("anyOf") instanceof List<?> any) {
        branches.addAll(any);
      }
      if (in.get("oneOf") instanceof List<?> one) {
        branches.addAll(one);
      }
      List<Map<String, Object>> converted = new ArrayList<>();
      for (Object b : branches) {
        Map<String, Object> bm = GeminiJson.object(b);
        if (bm != null && "null".equals(bm.get("type")) && bm.size() == 1) {
          nullable = true;
          continue;
        }
        Map<String, Object> c = convert(b, depth + 1);
        if (Boolean.TRUE.equals(c.remove("nullable"))) {
          nullable = true;
        }
        converted.add(c);
      }

      if (types.size() > 1) {
        for (String t : types) {
          Map<String, Object> alt = new LinkedHashMap<>();
          alt.put("type", t.toUpperCase(Locale.ROOT));
          converted.add(alt);
        }
        types.clear();
      }
      if (types.size() == 1) {
        out.put("type", types.get(0).toUpperCase(Locale.ROOT));
      }
      String format = GeminiJson.string(in.get("format"));
      if (format != null && formatAllowed(types.isEmpty() ? null : types.get(0), format)) {
        out.put("format", format);
      }
      if (description != null) {
        out.put("description", description);
      }

      for (String k : List.of("minimum", "maximum", "minLength", "maxLength", "pattern",
          "minItems", "maxItems", "minProperties", "maxProperties", "default", "example",
          "propertyOrdering")) {
        copy(in, out, k);
      }
      if (!out.containsKey("example") && in.get("examples") instanceof List<?> ex
          && !ex.isEmpty()) {
        out.put("example", ex.get(0));
      }

      if (in.get("properties") instanceof Map<?, ?> props) {
        Map<String, Object> outProps = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : props.entrySet()) {
          outProps.put(String.valueOf(e.getKey()), convert(e.getValue(), depth + 1));
        }
        out.put("properties", outProps);
        if (in.get("required") instanceof List<?> req) {
          List<Object> kept = new ArrayList<>();
          for (Object name : req) {
            if (name instanceof String s && outProps.containsKey(s) && !kept.contains(s)) {
              kept.add(s);
            }
          }
          if (!kept.isEmpty()) {
            out.put("required", kept);
          }
        }
      }

      Object items = in.get("items");
      if (items instanceof List<?> tuple) {
        items = tuple.isEmpty() ? null : tuple.get(0);
      }
      if (items == null && in.get("prefixItems") instanceof List<?> prefix && !prefix.isEmpty()) {
        items = prefix.get(0);
      }
      if (items != null) {
        out.put("items", convert(items, depth + 1));
      }

      if (!converted.isEmpty()) {
        if (converted.size() == 1 && !out.containsKey("type")) {
          // One real branch: inline it, the outer keywords (description...) winning.
          Map<String, Object> merged = new LinkedHashMap<>(converted.get(0));
          merged.putAll(out);
          out = merged;
        } else {
          out.put("anyOf", converted);
        }
      }
      if (nullable) {
        out.put("nullable", true);
      }
      return out;
    }

    private Map<String, Object> convertRef(String ref, Map<String, Object> in, int depth) {
      Object target = resolve(ref);
      Map<String, Object> siblings = new LinkedHashMap<>(in);
      siblings.remove("$ref");
      if (target == null || refs.contains(ref) || depth > MAX_DEPTH) {
        // Unresolvable or recursive: Gemini's schema cannot express it; keep an open object.
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "OBJECT");
        Map<String, Object> t = GeminiJson.object(target);
        Object description = siblings.containsKey("description") ? siblings.get("description")
            : t == null ? null : t.get("description");
        if (description instanceof String d) {
          out.put("description", d);
        }
        return out;
      }
      Map<String, Object> merged = new LinkedHashMap<>();
      Map<String, Object> t = GeminiJson.object(target);
      if (t != null) {
        merged.putAll(t);
      }
      merged.putAll(siblings);
      refs.push(ref);
      try {
        return convert(merged, depth + 1);
      } finally {
        refs.pop();
      }
    }

    /** Resolves a local JSON pointer ({@code #/$defs/Name}); null when it cannot. */
    private Object resolve(String ref) {
      if (!ref.startsWith("#")) {
        return null;
      }
      Object node = root;
      String pointer = ref.substring(1);
      if (pointer.isEmpty()) {
        return root;
      }
      if (!pointer.startsWith("/")) {
        return null;
      }
      for (String raw : pointer.substring(1).split("/", -1)) {
        String token = raw.replace("~1", "/").replace("~0", "~");
        if (token.indexOf('%') >= 0) {
          try {
            token = java.net.URLDecoder.decode(token.replace("+", "%2B"),
                java.nio.charset.StandardCharsets.UTF_8);
          } catch (IllegalArgumentException e) {
            return null;
          }
        }
        if (node instanceof Map<?, ?> m) {
          node = m.get(token);
        } else if (node instanceof List<?> l) {
          try {
            node = l.get(Integer.parseInt(token));
          } catch (RuntimeException e) {
            return null;
          }
        } else {
          return null;
        }
        if (node == null) {
          return null;
        }
      }
      return node;
    }

    private Map<String, Object> mergeAllOf(Map<String, Object> in, List<?> all) {
      Map<String, Object> merged = new LinkedHashMap<>(in);
      merged.remove("allOf");
      Map<String, Object> props = new LinkedHashMap<>();
      Set<Object> required = new LinkedHashSet<>();
      if (in.get("properties") instanceof Map<?, ?> p) {
        p.forEach((k, v) -> props.put(String.valueOf(k), v));
      }
      if (in.get("required") instanceof List<?> r) {
        required.addAll(r);
      }
      for (Object part : all) {
        Map<String, Object> pm = GeminiJson.object(part);
        if (pm != null && pm.get("$ref") instanceof String r) {
          Object target = refs.contains(r) ? null : resolve(r);
          Map<String, Object> tm = GeminiJson.object(target);
          if (tm != null) {
            Map<String, Object> copy = new LinkedHashMap<>(tm);
            pm.forEach((k, v) -> {
              if (!k.equals("$ref")) {
                copy.put(k, v);
              }
            });
            pm = copy;
          }
        }
        if (pm == null) {
          continue;
        }
        for (Map.Entry<String, Object> e : pm.entrySet()) {
          switch (e.getKey()) {
            case "properties":
              if (e.getValue() instanceof Map<?, ?> p) {
                p.forEach((k, v) -> props.putIfAbsent(String.valueOf(k), v));
              }
              break;
            case "required":
              if (e.getValue() instanceof List<?> r) {
                required.addAll(r);
              }
              break;
            case "$ref":
              break;
            default:
              merged.putIfAbsent(e.getKey(), e.getValue());
          }
        }
      }
      if (!props.isEmpty()) {
        merged.put("properties", props);
      }
      if (!required.isEmpty()) {
        merged.put("required", new ArrayList<>(required));
      }
      return merged;
    }
  }

  private static boolean formatAllowed(String type, String format) {
    if (type == null) {
      return false;
    }
    switch (type) {
      case "string":
        return format.equals("date-time") || format.equals("enum");
      case "integer":
        return format.equals("int32") || format.equals("int64");
      case "number":
        return format.equals("float") || format.equals("double");
      default:
        return false;
    }
  }

  private static void copy(Map<String, Object> in, Map<String, Object> out, String key) {
    Object v = in.get(key);
    if (v != null) {
      out.put(key, v);
    }
  }
}
