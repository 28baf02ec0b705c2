package dev.router4j.providers.internal.gemini;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSource;

/** Small helpers over {@link JsonTrees}: parse and print trees, and read typed members. */
final class GeminiJson {
  private GeminiJson() {}

  /** Parses one JSON document into a tree. */
  static Object parse(String json) throws IOException {
    return parse(new Buffer().writeUtf8(json));
  }

  /** Parses one JSON document into a tree, failing on trailing data. */
  static Object parse(BufferedSource source) throws IOException {
    JsonReader r = JsonReader.of(source);
    Object tree = JsonTrees.read(r);
    if (r.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new com.squareup.moshi.JsonDataException("unexpected data after the JSON value");
    }
    return tree;
  }

  /** Parses text that should be a JSON document; null when it is not valid JSON. */
  static Object tryParse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return parse(json);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Prints a tree as compact JSON. */
  static String print(Object tree) {
    Buffer buffer = new Buffer();
    try {
      JsonWriter w = JsonWriter.of(buffer);
      w.setSerializeNulls(true);
      JsonTrees.write(w, tree);
      w.flush();
    } catch (IOException e) {
      throw new IllegalStateException(e); // a Buffer does not fail
    }
    return buffer.readUtf8();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  static List<?> array(Object o) {
    return o instanceof List<?> l ? l : null;
  }

  static String string(Object o) {
    return o instanceof String s ? s : null;
  }

  /** A whole number member, or null when absent or not a number. */
  static Integer integer(Object o) {
    if (o instanceof BigDecimal d) {
      try {
        return d.intValueExact();
      } catch (ArithmeticException e) {
        return d.compareTo(BigDecimal.ZERO) > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
      }
    }
    if (o instanceof Number n) {
      return n.intValue();
    }
    return null;
  }
}
