package dev.router4j.healing;

import com.squareup.moshi.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/** Reads healing cases in the corpus format (one JSON object a line), numbers losslessly. */
final class HealingCorpus {
  /** One case. */
  static final class Case {
    String id;
    String category;
    String input;
    Object expected = StrictJson.NULL;
    boolean unrecoverable;
    String schema;
    String convention;
    String note;

    @Override
    public String toString() {
      return id + (note == null ? "" : " (" + note + ")");
    }
  }

  private HealingCorpus() {}

  static List<Case> load(String resource) {
    InputStream in = HealingCorpus.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + resource);
    }
    List<Case> cases = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          cases.add(parse(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  private static Case parse(String line) throws IOException {
    JsonReader r = JsonReader.of(new Buffer().writeUtf8(line));
    Case c = new Case();
    r.beginObject();
    while (r.hasNext()) {
      String name = r.nextName();
      switch (name) {
        case "id":
          c.id = r.nextString();
          break;
        case "category":
          c.category = r.nextString();
          break;
        case "input":
          c.input = r.nextString();
          break;
        case "expected":
          c.expected = read(r);
          break;
        case "unrecoverable":
          c.unrecoverable = r.nextBoolean();
          break;
        case "schema":
          c.schema = r.nextSource().readUtf8();
          break;
        case "convention":
          c.convention = r.nextString();
          break;
        case "note":
          c.note = r.nextString();
          break;
        default:
          r.skipValue();
      }
    }
    r.endObject();
    return c;
  }

  /** Reads a value into the same shapes {@link StrictJson} produces; numbers as exact decimals. */
  static Object read(JsonReader r) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          r.beginObject();
          while (r.hasNext()) {
            m.put(r.nextName(), read(r));
          }
          r.endObject();
          return m;
        }
      case BEGIN_ARRAY:
        {
          List<Object> l = new ArrayList<>();
          r.beginArray();
          while (r.hasNext()) {
            l.add(read(r));
          }
          r.endArray();
          return l;
        }
      case STRING:
        return r.nextString();
      case NUMBER:
        return new BigDecimal(r.nextString());
      case BOOLEAN:
        return r.nextBoolean();
      case NULL:
        r.nextNull();
        return StrictJson.NULL;
      default:
        throw new IOException("unexpected token " + r.peek());
    }
  }
}
