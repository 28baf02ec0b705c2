package dev.router4j.internal.healing;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.healing.RepairKind;
import dev.router4j.healing.SchemaViolation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled JSON Schema for the subset structured outputs use, with validation and the
 * lossless coercions of schema-guided healing. Immutable and thread-safe.
 *
 * <p>Supported keywords: {@code type} (one or a list), {@code properties}, {@code required},
 * {@code additionalProperties}, {@code items} (schema or list), {@code prefixItems},
 * {@code enum}, {@code const}, {@code anyOf}, {@code oneOf}, {@code allOf}, local
 * {@code $ref} with {@code $defs} or {@code definitions}, {@code minimum}, {@code maximum},
 * {@code exclusiveMinimum}, {@code exclusiveMaximum}, {@code multipleOf}, {@code minItems},
 * {@code maxItems}, {@code minLength}, {@code maxLength}, {@code pattern},
 * {@code minProperties}, {@code maxProperties}. Other keywords are ignored.
 */
public final class SchemaSupport {
  private static final int MAX_REF_HOPS = 64;
  private static final int MAX_DECODE_HOPS = 4;

  private final JNode root;
  private final HealEngine engine;

  private SchemaSupport(JNode root, HealEngine engine) {
    this.root = root;
    this.engine = engine;
  }

  /**
   * Compiles a schema given as JSON text. An OpenAI {@code json_schema} envelope
   * ({@code {"name": .., "schema": {..}}}) is unwrapped.
   *
   * @throws InvalidRequestException when the text is not strictly valid JSON or not a schema
   */
  public static SchemaSupport compile(String schemaJson, int maxDepth) {
    if (schemaJson == null) {
      throw new InvalidRequestException("schema", "the schema is null");
    }
    HealEngine engine = new HealEngine(maxDepth);
    JNode node;
    try {
      node = engine.parseStrict(schemaJson);
    } catch (ParseFailure f) {
      throw new InvalidRequestException("schema", "the schema nests too deeply");
    }
    if (node == null) {
      throw new InvalidRequestException("schema", "the schema is not valid JSON");
    }
    if (node.kind != JNode.Kind.OBJECT && node.kind != JNode.Kind.TRUE && node.kind != JNode.Kind.FALSE) {
      throw new InvalidRequestException("schema", "a schema must be an object or a boolean");
    }
    if (node.kind == JNode.Kind.OBJECT
        && node.get("type") == null
        && node.get("properties") == null
        && node.get("$ref") == null
        && node.get("schema") != null
        && node.get("schema").kind == JNode.Kind.OBJECT) {
      node = node.get("schema");
    }
    return new SchemaSupport(node, engine);
  }

  /** The engine this schema parses instances with. */
  public HealEngine engine() {
    return engine;
  }

  // ---------------------------------------------------------------------------------------
  // Validation.

  /** Every violation of the schema by {@code value}, each with a JSON pointer. */
  public List<SchemaViolation> validate(JNode value) {
    List<SchemaViolation> out = new ArrayList<>();
    check(value, root, "", out, 0);
    return out;
  }

  private boolean valid(JNode value, JNode schema) {
    List<SchemaViolation> out = new ArrayList<>();
    check(value, schema, "", out, 0);
    return out.isEmpty();
  }

  private void check(JNode v, JNode schema, String ptr, List<SchemaViolation> out, int hops) {
    if (schema == null || schema.kind == JNode.Kind.TRUE) {
      return;
    }
    if (schema.kind == JNode.Kind.FALSE) {
      out.add(new SchemaViolation(ptr, "no value is allowed here"));
      return;
    }
    if (schema.kind != JNode.Kind.OBJECT) {
      return;
    }
    JNode ref = schema.get("$ref");
    if (ref != null && ref.kind == JNode.Kind.STRING) {
      JNode target = resolve(ref.text);
      if (target == null) {
        out.add(new SchemaViolation(ptr, "cannot resolve $ref " + ref.text));
      } else if (hops >= MAX_REF_HOPS) {
        out.add(new SchemaViolation(ptr, "$ref chain too long at " + ref.text));
        return;
      } else {
        check(v, target, ptr, out, hops + 1);
      }
    }
    JNode type = schema.get("type");
    if (type != null && !typeMatches(v, type)) {
      out.add(new SchemaViolation(ptr, "expected " + describeType(type) + " but found " + kindName(v)));
      return;
    }
    JNode en = schema.get("enum");
    if (en != null && en.kind == JNode.Kind.ARRAY) {
      boolean found = false;
      for (JNode m : en.children) {
        if (JNode.same(m, v)) {
          found = true;
          break;
        }
      }
      if (!found) {
        out.add(new SchemaViolation(ptr, "value is not one of " + JsonWriter.write(en)));
      }
    }
    JNode cst = schema.get("const");
    if (cst != null && !JNode.same(cst, v)) {
      out.add(new SchemaViolation(ptr, "value must be " + JsonWriter.write(cst)));
    }
    JNode anyOf = schema.get("anyOf");
    if (anyOf != null && anyOf.kind == JNode.Kind.ARRAY) {
      boolean any = false;
      for (JNode b : anyOf.children) {
        List<SchemaViolation> sub = new ArrayList<>();
        check(v, b, ptr, sub, hops);
        if (sub.isEmpty()) {
          any = true;
          break;
        }
      }
      if (!any) {
        out.add(new SchemaViolation(ptr, "value matches none of the anyOf alternatives"));
      }
    }
    JNode oneOf = schema.get("oneOf");
    if (oneOf != null && oneOf.kind == JNode.Kind.ARRAY) {
      int matches = 0;
      for (JNode b : oneOf.children) {
        List<SchemaViolation> sub = new ArrayList<>();
        check(v, b, ptr, sub, hops);
        if (sub.isEmpty()) {
          matches++;
        }
      }
      if (matches != 1) {
        out.add(new SchemaViolation(ptr, "value matches " + matches + " of the oneOf alternatives, not exactly one"));
      }
    }
    JNode allOf = schema.get("allOf");
    if (allOf != null && allOf.kind == JNode.Kind.ARRAY) {
      for (JNode b : allOf.children) {
        check(v, b, ptr, out, hops);
      }
    }
    switch (v.kind) {
      case OBJECT:
        checkObject(v, schema, ptr, out, hops);
        break;
      case ARRAY:
        checkArray(v, schema, ptr, out, hops);
        break;
      case STRING:
      case LOOSE_NUMBER:
        checkString(v.kind == JNode.Kind.STRING ? v.text : v.raw, schema, ptr, out);
        break;
      case NUMBER:
        checkNumber(v, schema, ptr, out);
        break;
      default:
        break;
    }
  }

  private void checkObject(JNode v, JNode schema, String ptr, List<SchemaViolation> out, int hops) {
    JNode props = schema.get("properties");
    JNode required = schema.get("required");
    if (required != null && required.kind == JNode.Kind.ARRAY) {
      for (JNode r : required.children) {
        if (r.kind == JNode.Kind.STRING && v.get(r.text) == null) {
          out.add(new SchemaViolation(child(ptr, r.text), "required property is missing"));
        }
      }
    }
    JNode extra = schema.get("additionalProperties");
    for (int i = 0; i < v.keys.size(); i++) {
      String k = v.keys.get(i);
      JNode ps = props != null && props.kind == JNode.Kind.OBJECT ? props.get(k) : null;
      if (ps != null) {
        check(v.children.get(i), ps, child(ptr, k), out, 0);
      } else if (extra != null && extra.kind == JNode.Kind.FALSE) {
        out.add(new SchemaViolation(child(ptr, k), "property is not allowed"));
      } else if (extra != null && extra.kind == JNode.Kind.OBJECT) {
        check(v.children.get(i), extra, child(ptr, k), out, 0);
      }
    }
    Long min = integer(schema.get("minProperties"));
    if (min != null && v.keys.size() < min) {
      out.add(new SchemaViolation(ptr, "fewer than " + min + " properties"));
    }
    Long max = integer(schema.get("maxProperties"));
    if (max != null && v.keys.size() > max) {
      out.add(new SchemaViolation(ptr, "more than " + max + " properties"));
    }
  }

  private void checkArray(JNode v, JNode schema, String ptr, List<SchemaViolation> out, int hops) {
    for (int i = 0; i < v.children.size(); i++) {
      JNode is = itemSchema(schema, i);
      if (is != null) {
        check(v.children.get(i), is, ptr + "/" + i, out, 0);
      }
    }
    Long min = integer(schema.get("minItems"));
    if (min != null && v.children.size() < min) {
      out.add(new SchemaViolation(ptr, "fewer than " + min + " items"));
    }
    Long max = integer(schema.get("maxItems"));
    if (max != null && v.children.size() > max) {
      out.add(new SchemaViolation(ptr, "more than " + max + " items"));
    }
  }

  private void checkString(String text, JNode schema, String ptr, List<SchemaViolation> out) {
    int len = text.codePointCount(0, text.length());
    Long min = integer(schema.get("minLength"));
    if (min != null && len < min) {
      out.add(new SchemaViolation(ptr, "shorter than " + min + " characters"));
    }
    Long max = integer(schema.get("maxLength"));
    if (max != null && len > max) {
      out.add(new SchemaViolation(ptr, "longer than " + max + " characters"));
    }
    JNode pattern = schema.get("pattern");
    if (pattern != null && pattern.kind == JNode.Kind.STRING) {
      try {
        if (!Pattern.compile(pattern.text).matcher(text).find()) {
          out.add(new SchemaViolation(ptr, "does not match the pattern " + pattern.text));
        }
      } catch (PatternSyntaxException e) {
        // A pattern Java cannot read is ignored rather than failing every value.
      }
    }
  }

  private void checkNumber(JNode v, JNode schema, String ptr, List<SchemaViolation> out) {
    BigDecimal d = v.decimal();
    if (d == null) {
      return;
    }
    BigDecimal min = decimal(schema.get("minimum"));
    if (min != null && d.compareTo(min) < 0) {
      out.add(new SchemaViolation(ptr, "less than the minimum " + min.toPlainString()));
    }
    BigDecimal max = decimal(schema.get("maximum"));
    if (max != null && d.compareTo(max) > 0) {
      out.add(new SchemaViolation(ptr, "greater than the maximum " + max.toPlainString()));
    }
    BigDecimal xmin = decimal(schema.get("exclusiveMinimum"));
    if (xmin != null && d.compareTo(xmin) <= 0) {
      out.add(new SchemaViolation(ptr, "not greater than the exclusive minimum " + xmin.toPlainString()));
    }
    BigDecimal xmax = decimal(schema.get("exclusiveMaximum"));
    if (xmax != null && d.compareTo(xmax) >= 0) {
      out.add(new SchemaViolation(ptr, "not less than the exclusive maximum " + xmax.toPlainString()));
    }
    BigDecimal mult = decimal(schema.get("multipleOf"));
    if (mult != null && mult.signum() > 0) {
      try {
        if (d.remainder(mult).signum() != 0) {
          out.add(new SchemaViolation(ptr, "not a multiple of " + mult.toPlainString()));
        }
      } catch (ArithmeticException e) {
        // Too large to divide exactly: not judged.
      }
    }
  }

  private static JNode itemSchema(JNode schema, int i) {
    JNode prefix = schema.get("prefixItems");
    if (prefix != null && prefix.kind == JNode.Kind.ARRAY) {
      if (i < prefix.children.size()) {
        return prefix.children.get(i);
      }
      return schema.get("items");
    }
    JNode items = schema.get("items");
    if (items != null && items.kind == JNode.Kind.ARRAY) {
      if (i < items.children.size()) {
        return items.children.get(i);
      }
      return schema.get("additionalItems");
    }
    return items;
  }

  private static boolean typeMatches(JNode v, JNode type) {
    if (type.kind == JNode.Kind.STRING) {
      return typeMatches(v, type.text);
    }
    if (type.kind == JNode.Kind.ARRAY) {
      for (JNode t : type.children) {
        if (t.kind == JNode.Kind.STRING && typeMatches(v, t.text)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  private static boolean typeMatches(JNode v, String t) {
    switch (t) {
      case "object":
        return v.kind == JNode.Kind.OBJECT;
      case "array":
        return v.kind == JNode.Kind.ARRAY;
      case "string":
        return v.kind == JNode.Kind.STRING || v.kind == JNode.Kind.LOOSE_NUMBER;
      case "number":
        return v.kind == JNode.Kind.NUMBER;
      case "integer":
        return v.kind == JNode.Kind.NUMBER && isIntegral(v);
      case "boolean":
        return v.kind == JNode.Kind.TRUE || v.kind == JNode.Kind.FALSE;
      case "null":
        return v.kind == JNode.Kind.NULL;
      default:
        return false;
    }
  }

  static boolean isIntegral(JNode v) {
    BigDecimal d = v.decimal();
    if (d == null) {
      return false;
    }
    if (d.signum() == 0 || d.scale() <= 0) {
      return true;
    }
    try {
      return d.stripTrailingZeros().scale() <= 0;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private static String describeType(JNode type) {
    if (type.kind == JNode.Kind.STRING) {
      return type.text;
    }
    StringBuilder sb = new StringBuilder();
    if (type.kind == JNode.Kind.ARRAY) {
      for (JNode t : type.children) {
        if (t.kind == JNode.Kind.STRING) {
          if (sb.length() > 0) {
            sb.append(" or ");
          }
          sb.append(t.text);
        }
      }
    }
    return sb.toString();
  }

  private static String kindName(JNode v) {
    switch (v.kind) {
      case OBJECT:
        return "object";
      case ARRAY:
        return "array";
      case STRING:
      case LOOSE_NUMBER:
        return "string";
      case NUMBER:
        return "number " + v.text;
      case TRUE:
      case FALSE:
        return "boolean";
      default:
        return "null";
    }
  }

  private static Long integer(JNode n) {
    if (n == null || n.kind != JNode.Kind.NUMBER) {
      return null;
    }
    BigDecimal d = n.decimal();
    if (d == null) {
      return null;
    }
    try {
      return d.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    } catch (ArithmeticException e) {
      return d.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
  }

  private static BigDecimal decimal(JNode n) {
    return n == null || n.kind != JNode.Kind.NUMBER ? null : n.decimal();
  }

  static String child(String ptr, String key) {
    if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
      return ptr + "/" + key;
    }
    return ptr + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /** Resolves a local reference ({@code #}, {@code #/$defs/x}); null when it is not local or not found. */
  private JNode resolve(String ref) {
    if (ref.equals("#")) {
      return root;
    }
    if (!ref.startsWith("#/")) {
      return null;
    }
    JNode cur = root;
    for (String raw : ref.substring(2).split("/", -1)) {
      String seg = raw.replace("~1", "/").replace("~0", "~");
      if (cur.kind == JNode.Kind.OBJECT) {
        cur = cur.get(seg);
      } else if (cur.kind == JNode.Kind.ARRAY) {
        try {
          int i = Integer.parseInt(seg);
          cur = i >= 0 && i < cur.children.size() ? cur.children.get(i) : null;
        } catch (NumberFormatException e) {
          cur = null;
        }
      } else {
        cur = null;
      }
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }

  // ---------------------------------------------------------------------------------------
  // Coercion.

  /**
   * Applies the lossless coercions the schema allows and returns the new value (the input is
   * not changed). What cannot be coerced is left as it is, for validation to report.
   *
   * @param truncated whether the document was closed at a cut, which allows dropping a
   *     trailing array item cut short
   */
  public JNode coerce(JNode value, RepairLog log, boolean truncated) {
    return new Coercion(log, truncated).coerce(value, root, 0);
  }

  private final class Coercion {
    private final RepairLog log;
    private final boolean truncated;
    private int decodes;
    private int wraps;

    Coercion(RepairLog log, boolean truncated) {
      this.log = log;
      this.truncated = truncated;
    }

    JNode coerce(JNode v, JNode schema, int hops) {
      if (schema == null || schema.kind != JNode.Kind.OBJECT) {
        return plain(v);
      }
      JNode ref = schema.get("$ref");
      if (ref != null && ref.kind == JNode.Kind.STRING && hops < MAX_REF_HOPS) {
        JNode target = resolve(ref.text);
        if (target != null) {
          v = coerce(v, target, hops + 1);
        }
      }
      JNode anyOf = schema.get("anyOf");
      if (anyOf == null) {
        anyOf = schema.get("oneOf");
      }
      if (anyOf != null && anyOf.kind == JNode.Kind.ARRAY && !anyOf.children.isEmpty()) {
        v = coerceAlternatives(v, anyOf, hops);
      }
      JNode allOf = schema.get("allOf");
      if (allOf != null && allOf.kind == JNode.Kind.ARRAY) {
        for (JNode b : allOf.children) {
          v = coerce(v, b, hops + 1);
        }
      }
      JNode type = schema.get("type");
      v = coerceType(v, schema, type, hops);
      return matchEnum(v, schema);
    }

    private JNode coerceAlternatives(JNode v, JNode alternatives, int hops) {
      RepairLog scratch = new RepairLog();
      for (JNode b : alternatives.children) {
        JNode trial = new Coercion(scratch, truncated).coerce(v, b, hops + 1);
        if (scratch.count() == 0 && valid(trial, b)) {
          return trial;
        }
        scratch = new RepairLog();
      }
      for (JNode b : alternatives.children) {
        RepairLog trialLog = new RepairLog();
        JNode trial = new Coercion(trialLog, truncated).coerce(v, b, hops + 1);
        if (valid(trial, b)) {
          log.addAll(trialLog);
          return trial;
        }
      }
      return v;
    }

    private JNode coerceType(JNode v, JNode schema, JNode type, int hops) {
      boolean any = type == null;
      boolean wantObject = any || has(type, "object");
      boolean wantArray = any || has(type, "array");
      boolean wantString = any || has(type, "string");
      boolean wantNumber = has(type, "number");
      boolean wantInteger = has(type, "integer");
      boolean wantBoolean = any || has(type, "boolean");
      switch (v.kind) {
        case LOOSE_NUMBER:
          if (any || wantString) {
            return JNode.string(v.raw, v.offset);
          }
          if (wantNumber || wantInteger) {
            log.add(RepairKind.SCHEMA_COERCED, v.offset, "read " + v.raw + " as the number the schema asks for");
            return JNode.number(v.text, v.raw, v.offset);
          }
          if (wantArray) {
            return wrap(JNode.string(v.raw, v.offset), schema, hops);
          }
          return JNode.string(v.raw, v.offset);
        case NUMBER:
          if (any || wantNumber || (wantInteger && isIntegral(v))) {
            return v;
          }
          if (wantString) {
            log.add(
                RepairKind.SCHEMA_COERCED,
                v.offset,
                "kept the number " + v.raw + " as the string the schema asks for");
            return JNode.string(v.raw, v.offset);
          }
          if (wantArray) {
            return wrap(v, schema, hops);
          }
          return v;
        case STRING:
          return coerceString(v, schema, type, hops);
        case TRUE:
        case FALSE:
          if (wantBoolean) {
            return v;
          }
          if (wantArray) {
            return wrap(v, schema, hops);
          }
          return v;
        case NULL:
          return v;
        case OBJECT:
          if (wantObject) {
            return coerceObject(v, schema, hops);
          }
          if (wantArray) {
            return wrap(v, schema, hops);
          }
          return plain(v);
        case ARRAY:
          if (wantArray) {
            return coerceArray(v, schema, hops);
          }
          if (v.children.size() == 1) {
            log.add(RepairKind.SCHEMA_UNWRAPPED_ARRAY, v.offset);
            return coerce(v.children.get(0), schema, hops + 1);
          }
          return plain(v);
        default:
          return v;
      }
    }

    private JNode coerceString(JNode v, JNode schema, JNode type, int hops) {
      if (type == null || has(type, "string")) {
        return v;
      }
      String t = v.text.strip();
      if ((has(type, "number") || has(type, "integer")) && NumberText.isStrict(t)) {
        JNode num = JNode.number(t, t, v.offset);
        if (has(type, "number") || isIntegral(num)) {
          log.add(RepairKind.SCHEMA_COERCED, v.offset, "read the string \"" + t + "\" as a number");
          return num;
        }
      }
      if (has(type, "boolean")) {
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("yes")) {
          log.add(RepairKind.SCHEMA_COERCED, v.offset, "read the string \"" + t + "\" as true");
          return literalNode(JNode.Kind.TRUE, v.offset);
        }
        if (lower.equals("false") || lower.equals("no")) {
          log.add(RepairKind.SCHEMA_COERCED, v.offset, "read the string \"" + t + "\" as false");
          return literalNode(JNode.Kind.FALSE, v.offset);
        }
      }
      if ((has(type, "object") || has(type, "array")) && decodes < MAX_DECODE_HOPS) {
        JNode decoded = decode(v.text, v.offset);
        if (decoded != null && decoded.kind != JNode.Kind.NUMBER) {
          log.add(RepairKind.SCHEMA_DECODED_STRING, v.offset);
          shift(decoded, v.offset);
          decodes++;
          try {
            return coerce(decoded, schema, hops + 1);
          } finally {
            decodes--;
          }
        }
      }
      if (has(type, "array")) {
        return wrap(v, schema, hops);
      }
      return v;
    }

    /**
     * Decodes a stringified value. Strict JSON decodes as it is; an object or array that needs
     * syntax repair (a trailing comma, single quotes) is healed, as long as the string holds
     * nothing but that document and it is not cut short.
     */
    private JNode decode(String text, int offset) {
      String t = text.strip();
      if (t.isEmpty()) {
        return null;
      }
      char c = t.charAt(0);
      if (c != '{' && c != '[' && c != '"') {
        return null;
      }
      try {
        JNode strict = engine.parseStrict(t);
        if (strict != null || c == '"') {
          return strict;
        }
        HealEngine.Outcome o = engine.repair(t, true);
        for (dev.router4j.healing.Repair r : o.log.repairs()) {
          if (r.kind() == RepairKind.EXTRACTED_DOCUMENT || r.kind() == RepairKind.MERGED_CONCATENATED) {
            return null;
          }
        }
        if (o.truncated) {
          return null;
        }
        for (dev.router4j.healing.Repair r : o.log.repairs()) {
          log.add(r.kind(), offset, r.description());
        }
        return o.tree;
      } catch (ParseFailure f) {
        return null;
      }
    }

    private JNode wrap(JNode v, JNode schema, int hops) {
      if (wraps >= 2) {
        return v;
      }
      log.add(RepairKind.SCHEMA_WRAPPED_IN_ARRAY, v.offset);
      JNode arr = JNode.array(List.of(v), v.offset);
      wraps++;
      try {
        return coerceArray(arr, schema, hops);
      } finally {
        wraps--;
      }
    }

    private JNode coerceObject(JNode v, JNode schema, int hops) {
      JNode props = schema.get("properties");
      JNode extra = schema.get("additionalProperties");
      JNode out = new JNode(JNode.Kind.OBJECT);
      out.offset = v.offset;
      out.cut = v.cut;
      for (int i = 0; i < v.keys.size(); i++) {
        String k = v.keys.get(i);
        JNode c = v.children.get(i);
        JNode ps = props != null && props.kind == JNode.Kind.OBJECT ? props.get(k) : null;
        if (ps != null) {
          c = coerce(c, ps, 0);
        } else if (extra != null && extra.kind == JNode.Kind.FALSE) {
          log.add(
              RepairKind.SCHEMA_DROPPED_PROPERTY,
              c.offset,
              "dropped the property \"" + k + "\" the schema forbids");
          continue;
        } else if (extra != null && extra.kind == JNode.Kind.OBJECT) {
          c = coerce(c, extra, 0);
        } else {
          c = plain(c);
        }
        out.keys.add(k);
        out.children.add(c);
      }
      return out;
    }

    private JNode coerceArray(JNode v, JNode schema, int hops) {
      JNode out = new JNode(JNode.Kind.ARRAY);
      out.offset = v.offset;
      out.cut = v.cut;
      for (int i = 0; i < v.children.size(); i++) {
        out.children.add(coerce(v.children.get(i), itemSchema(schema, i), 0));
      }
      int last = out.children.size() - 1;
      if (truncated && v.cut && last >= 0 && v.children.get(last).cut) {
        JNode is = itemSchema(schema, last);
        if (is != null && !valid(out.children.get(last), is)) {
          log.add(RepairKind.SCHEMA_DROPPED_ITEM, out.children.get(last).offset);
          out.children.remove(last);
        }
      }
      return out;
    }

    private JNode matchEnum(JNode v, JNode schema) {
      JNode en = schema.get("enum");
      if (en == null || en.kind != JNode.Kind.ARRAY || v.kind != JNode.Kind.STRING) {
        return v;
      }
      for (JNode m : en.children) {
        if (JNode.same(m, v)) {
          return v;
        }
      }
      String want = v.text.strip();
      JNode match = null;
      for (JNode m : en.children) {
        if (m.kind == JNode.Kind.STRING && m.text.strip().equalsIgnoreCase(want)) {
          if (match != null && !JNode.same(match, m)) {
            return v;
          }
          match = m;
        }
      }
      if (match == null) {
        return v;
      }
      log.add(
          RepairKind.SCHEMA_ENUM_MATCHED,
          v.offset,
          "matched \"" + v.text + "\" to the enum member \"" + match.text + "\"");
      return JNode.string(match.text, v.offset);
    }

    /** A value the schema says nothing about: loose numbers become strings, as without a schema. */
    private JNode plain(JNode v) {
      switch (v.kind) {
        case LOOSE_NUMBER:
          return JNode.string(v.raw, v.offset);
        case OBJECT:
          {
            JNode out = null;
            for (int i = 0; i < v.children.size(); i++) {
              JNode c = v.children.get(i);
              JNode p = plain(c);
              if (p != c && out == null) {
                out = copyContainer(v);
              }
              if (out != null) {
                out.children.set(i, p);
              }
            }
            return out == null ? v : out;
          }
        case ARRAY:
          {
            JNode out = null;
            for (int i = 0; i < v.children.size(); i++) {
              JNode c = v.children.get(i);
              JNode p = plain(c);
              if (p != c && out == null) {
                out = copyContainer(v);
              }
              if (out != null) {
                out.children.set(i, p);
              }
            }
            return out == null ? v : out;
          }
        default:
          return v;
      }
    }
  }

  private static JNode copyContainer(JNode v) {
    JNode out = new JNode(v.kind);
    out.offset = v.offset;
    out.cut = v.cut;
    if (v.keys != null) {
      out.keys.addAll(v.keys);
    }
    out.children.addAll(v.children);
    return out;
  }

  private static JNode literalNode(JNode.Kind kind, int offset) {
    JNode n = new JNode(kind);
    n.offset = offset;
    return n;
  }

  /** Decoded values report the offset of the string they came from. */
  private static void shift(JNode n, int offset) {
    n.offset = offset;
    if (n.children != null) {
      for (JNode c : n.children) {
        shift(c, offset);
      }
    }
  }

  private static boolean has(JNode type, String name) {
    if (type == null) {
      return false;
    }
    if (type.kind == JNode.Kind.STRING) {
      return type.text.equals(name);
    }
    if (type.kind == JNode.Kind.ARRAY) {
      for (JNode t : type.children) {
        if (t.kind == JNode.Kind.STRING && t.text.equals(name)) {
          return true;
        }
      }
    }
    return false;
  }
}
