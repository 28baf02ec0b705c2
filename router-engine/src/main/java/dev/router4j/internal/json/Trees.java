package dev.router4j.internal.json;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free-form JSON (schemas, extra fields, logprobs) as trees: {@code LinkedHashMap} (member
 * order kept), {@code ArrayList}, {@code String}, {@code BigDecimal} (every digit kept),
 * {@code Boolean} and null. Depth is bounded by Moshi's own nesting limit.
 */
public final class Trees {
  private Trees() {}

  /** Reads the next value as a tree. */
  public static Object read(JsonIn in) throws IOException {
    JsonReader r = in.r;
    switch (r.peek()) {
      case BEGIN_OBJECT:
        return readObject(in);
      case BEGIN_ARRAY: {
        List<Object> list = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
          list.add(read(in));
        }
        r.endArray();
        return list;
      }
      case STRING:
        return r.nextString();
      case NUMBER:
        return in.decimal(false);
      case BOOLEAN:
        return r.nextBoolean();
      case NULL:
        return r.nextNull();
      default:
        throw in.expected("a JSON value", r.peek());
    }
  }

  /** Reads the next value, known to be an object, as a tree. */
  static Map<String, Object> readObject(JsonIn in) throws IOException {
    JsonReader r = in.r;
    Map<String, Object> map = new LinkedHashMap<>();
    r.beginObject();
    while (r.hasNext()) {
      String name = r.nextName();
      map.put(name, read(in));
    }
    r.endObject();
    return map;
  }

  /**
   * Writes a tree as the next value. Numbers are written as given ({@code BigDecimal} in
   * plain or scientific notation as its {@code toString()} has it).
   *
   * @throws IllegalArgumentException for a value that is not JSON (another type, a map key
   *     that is not a string, a non-finite number)
   */
  public static void write(JsonWriter w, Object value) throws IOException {
    if (value == null) {
      w.nullValue();
    } else if (value instanceof String s) {
      w.value(s);
    } else if (value instanceof Boolean b) {
      w.value(b.booleanValue());
    } else if (value instanceof BigDecimal || value instanceof BigInteger
        || value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      w.value((Number) value);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON has no " + d + " (at " + w.getPath() + ")");
      }
      w.value(value instanceof Float ? new BigDecimal(value.toString()) : (Number) value);
    } else if (value instanceof Number n) {
      BigDecimal d;
      try {
        d = new BigDecimal(n.toString());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "not a JSON number: " + n + " (at " + w.getPath() + ")", e);
      }
      w.value(d);
    } else if (value instanceof Map<?, ?> m) {
      w.beginObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              "JSON object keys must be strings, found " + e.getKey() + " (at " + w.getPath() + ")");
        }
        w.name(key);
        write(w, e.getValue());
      }
      w.endObject();
    } else if (value instanceof List<?> l) {
      w.beginArray();
      for (Object o : l) {
        write(w, o);
      }
      w.endArray();
    } else {
      throw new IllegalArgumentException("not a JSON value (String, Number, Boolean, null, List or"
          + " Map): " + value.getClass().getName() + " (at " + w.getPath() + ")");
    }
  }
}
