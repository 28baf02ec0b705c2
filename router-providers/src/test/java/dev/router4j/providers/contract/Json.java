package dev.router4j.providers.contract;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JSON helpers for scripting replies: ordered objects, arrays, text. */
final class Json {
  private static final JsonAdapter<Object> ADAPTER =
      new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private Json() {}

  /** An object from name, value pairs, in order. */
  static Map<String, Object> obj(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  static List<Object> arr(Object... items) {
    return Arrays.asList(items);
  }

  static String write(Object tree) {
    return ADAPTER.toJson(tree);
  }

  static Object read(String text) {
    try {
      return ADAPTER.fromJson(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o instanceof List<?> ? (List<Object>) o : List.of();
  }

  /** An SSE data event. */
  static String data(Object tree) {
    return "data: " + write(tree) + "\n\n";
  }

  /** A named SSE event. */
  static String event(String name, Object tree) {
    return "event: " + name + "\n" + data(tree);
  }
}
