package dev.router4j.providers.internal.json;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Reads and writes free-form JSON (schemas, extra fields, logprobs) as Map/List/String/
 * BigDecimal/Boolean/null trees, keeping every digit of every number.
 */
public final class JsonTrees {
  private static final int MAX_DEPTH = 256;

  private JsonTrees() {}

  /** Reads the next value as a tree. */
  public static Object read(JsonReader reader) throws IOException {
    return read(reader, 0);
  }

  private static Object read(JsonReader reader, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new com.squareup.moshi.JsonDataException(
          "nesting deeper than " + MAX_DEPTH + " at " + reader.getPath());
    }
    switch (reader.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          map.put(reader.nextName(), read(reader, depth + 1));
        }
        reader.endObject();
        return Collections.unmodifiableMap(map);
      }
      case BEGIN_ARRAY: {
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(read(reader, depth + 1));
        }
        reader.endArray();
        return Collections.unmodifiableList(list);
      }
      case STRING:
        return reader.nextString();
      case NUMBER:
        return new BigDecimal(reader.nextString());
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new com.squareup.moshi.JsonDataException(
            "unexpected " + reader.peek() + " at " + reader.getPath());
    }
  }

  /** Parses one JSON document into a tree, failing on trailing data. */
  public static Object parse(String json) throws IOException {
    return parse(new Buffer().writeUtf8(json));
  }

  /** Parses one JSON document into a tree, failing on trailing data. */
  public static Object parse(BufferedSource source) throws IOException {
    JsonReader r = JsonReader.of(source);
    Object tree = read(r);
    if (r.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new com.squareup.moshi.JsonDataException(
          "unexpected data after the JSON value at " + r.getPath());
    }
    return tree;
  }

  /** A tree as compact JSON text, null members included. */
  public static String print(Object tree) {
    return encode(tree, true).utf8();
  }

  /** A tree as compact JSON text; {@code keepNulls} says whether null members are written. */
  public static String print(Object tree, boolean keepNulls) {
    return encode(tree, keepNulls).utf8();
  }

  /**
   * A tree as compact UTF-8 JSON; {@code keepNulls} says whether null members are written.
   *
   * @throws IllegalArgumentException when the tree holds something that is not JSON
   */
  public static ByteString encode(Object tree, boolean keepNulls) {
    Buffer buffer = new Buffer();
    try {
      JsonWriter w = JsonWriter.of(buffer);
      w.setSerializeNulls(keepNulls);
      write(w, tree);
      w.flush();
    } catch (IOException e) {
      throw new IllegalStateException("writing to a buffer failed", e);
    }
    return buffer.readByteString();
  }

  /** Writes a tree as the next value. */
  public static void write(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof String s) {
      writer.value(s);
    } else if (value instanceof Boolean b) {
      writer.value(b.booleanValue());
    } else if (value instanceof Number n) {
      writer.value(n);
    } else if (value instanceof Map<?, ?> m) {
      writer.beginObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        writer.name(String.valueOf(e.getKey()));
        write(writer, e.getValue());
      }
      writer.endObject();
    } else if (value instanceof List<?> l) {
      writer.beginArray();
      for (Object o : l) {
        write(writer, o);
      }
      writer.endArray();
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }
}
