package dev.router4j.providers.internal.openai;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Role;
import dev.router4j.api.Usage;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.internal.Trusted;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the reply reader and the chunk reader share: typed reads of nullable values, nullable
 * arrays and objects, the members a {@code chat.completion} and a {@code
 * chat.completion.chunk} have in common (top level and choice), and the mapping of failures
 * to {@link MalformedResponseException}.
 */
final class OpenAiJson {
  /** The top-level names both documents have, in this order; a reader appends its own. */
  static final String[] TOP = {
    "id", "object", "created", "model", "provider", "choices", "system_fingerprint", "usage"
  };

  private static final Role[] ROLES = Role.values();
  private static final JsonReader.Options ROLE_NAMES;
  private static final FinishReason[] FINISHES = FinishReason.values();
  private static final String[] FINISH_WIRE = new String[FINISHES.length];
  private static final JsonReader.Options FINISH_NAMES;
  /** The {@code object} values of a completion and of a chunk. */
  private static final String[] OBJECTS = {"chat.completion", "chat.completion.chunk"};
  private static final JsonReader.Options OBJECT_NAMES = JsonReader.Options.of(OBJECTS);

  static {
    String[] roles = new String[ROLES.length];
    for (int i = 0; i < roles.length; i++) {
      roles[i] = ROLES[i].wireName();
    }
    ROLE_NAMES = JsonReader.Options.of(roles);
    for (int i = 0; i < FINISH_WIRE.length; i++) {
      FINISH_WIRE[i] = FINISHES[i].wireName();
    }
    FINISH_NAMES = JsonReader.Options.of(FINISH_WIRE);
  }

  private OpenAiJson() {}

  /** Reads one value. */
  @FunctionalInterface
  interface Value<T> {
    T read(JsonReader r) throws IOException;
  }

  /** Reads the value of a reader's own top-level member at {@code index} into the top. */
  @FunctionalInterface
  interface TopMember<C> {
    void read(int index, Top<C> top) throws IOException;
  }

  /**
   * Reads a document, turning every failure into a {@link MalformedResponseException} naming
   * the path reached and {@code what} was read.
   */
  static <T> T document(JsonReader r, String what, Value<T> value) {
    try {
      return value.read(r);
    } catch (JsonDataException | JsonEncodingException | IllegalArgumentException
        | ArithmeticException e) {
      throw new MalformedResponseException(r.getPath(), "malformed " + what + ": " + e.getMessage(), e);
    } catch (RouterException e) {
      throw new MalformedResponseException(r.getPath(), "invalid " + what + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MalformedResponseException(r.getPath(), "unreadable " + what + ": " + e.getMessage(), e);
    }
  }

  static String string(JsonReader r) throws IOException {
    return r.peek() == JsonReader.Token.NULL ? r.nextNull() : r.nextString();
  }

  static Integer integer(JsonReader r) throws IOException {
    return r.peek() == JsonReader.Token.NULL ? r.nextNull() : r.nextInt();
  }

  static Long longValue(JsonReader r) throws IOException {
    return r.peek() == JsonReader.Token.NULL ? r.<Long>nextNull() : r.nextLong();
  }

  /**
   * A nullable role, matched in the bytes rather than read into a string; an unknown one fails
   * as {@link Role#fromWire} does.
   */
  static Role role(JsonReader r) throws IOException {
    int k = r.selectString(ROLE_NAMES);
    if (k >= 0) {
      return ROLES[k];
    }
    String wire = string(r);
    return wire == null ? null : Role.fromWire(wire);
  }

  /** A nullable {@code object} value; the usual ones are shared constants. */
  static String object(JsonReader r) throws IOException {
    int k = r.selectString(OBJECT_NAMES);
    return k >= 0 ? OBJECTS[k] : string(r);
  }

  /** Begins an object and returns true, or reads a null and returns false. */
  static boolean beginObject(JsonReader r) throws IOException {
    if (r.peek() == JsonReader.Token.NULL) {
      r.skipValue();
      return false;
    }
    r.beginObject();
    return true;
  }

  /** Skips the member whose name the reader is at, and its value. */
  static void skipMember(JsonReader r) throws IOException {
    r.skipName();
    r.skipValue();
  }

  /**
   * {@code first} followed by {@code more}, both lists a reader made ({@link #ownedList}): the
   * elements of a member that a document repeats. Null for {@code first} means none yet.
   */
  static <T> List<T> concat(List<T> first, List<T> more) {
    if (first == null || first.isEmpty()) {
      return more;
    }
    if (more.isEmpty()) {
      return first;
    }
    List<T> all = new ArrayList<>(first.size() + more.size());
    all.addAll(first);
    all.addAll(more);
    return Trusted.list(all);
  }

  /** Adds each element of an array to {@code out}; a null adds nothing. */
  static <T> void array(JsonReader r, List<T> out, Value<T> element) throws IOException {
    if (r.peek() == JsonReader.Token.NULL) {
      r.skipValue();
      return;
    }
    r.beginArray();
    while (r.hasNext()) {
      out.add(element.read(r));
    }
    r.endArray();
  }

  /**
   * Reads an array into an unmodifiable list that a value type keeps without a copy ({@link
   * Trusted#list}); empty for null. The elements read must not be null.
   */
  static <T> List<T> ownedList(JsonReader r, Value<T> element) throws IOException {
    if (r.peek() == JsonReader.Token.NULL) {
      r.skipValue();
      return List.of();
    }
    r.beginArray();
    if (!r.hasNext()) {
      r.endArray();
      return List.of();
    }
    T first = element.read(r);
    if (!r.hasNext()) {
      r.endArray();
      return List.of(first); // most arrays of a chunk hold one element
    }
    List<T> all = new ArrayList<>();
    all.add(first);
    while (r.hasNext()) {
      all.add(element.read(r));
    }
    r.endArray();
    return Trusted.list(all);
  }

  /**
   * {@code list} handed to a value type without a copy when it holds no null ({@link
   * Trusted#list}); else as it is, for the type's own checks to refuse. Null stays null.
   */
  static <T> List<T> owned(List<T> list) {
    if (list == null || list.contains(null)) {
      return list;
    }
    return Trusted.list(list);
  }

  /**
   * The values a stream repeats in each of its documents ({@code id}, {@code object}, {@code
   * model}, {@code created}...). Those of the first documents are learned ({@link #learned()});
   * in the later ones a value that repeats is matched in the bytes and shared instead of being
   * read into a new string. One per stream; not thread-safe.
   */
  static final class Repeats {
    private List<String> seen = new ArrayList<>(4);
    private String[] values;
    private JsonReader.Options options;
    private Long created;

    /** A nullable string, shared with the first document's equal value. */
    String string(JsonReader r) throws IOException {
      if (options != null && r.peek() == JsonReader.Token.STRING) {
        int k = r.selectString(options);
        if (k >= 0) {
          return values[k];
        }
      }
      String s = OpenAiJson.string(r);
      if (seen != null && s != null && !s.isEmpty() && !seen.contains(s)) {
        seen.add(s);
      }
      return s;
    }

    /** A nullable long, the same box as the last one when the value repeats. */
    Long created(JsonReader r) throws IOException {
      if (r.peek() == JsonReader.Token.NULL) {
        return r.nextNull();
      }
      long v = r.nextLong();
      Long c = created;
      if (c == null || c != v) {
        c = v;
        created = c;
      }
      return c;
    }

    /** The strings seen so far are the ones to match from now on; later ones are not kept. */
    void learned() {
      if (seen != null) {
        if (!seen.isEmpty()) {
          values = seen.toArray(new String[0]);
          options = JsonReader.Options.of(values);
        }
        seen = null;
      }
    }
  }

  /** A tree as JSON text, without null members (tool arguments sent as an object). */
  static String writeTree(Object tree) {
    return JsonTrees.print(tree, false);
  }

  // ---------------------------------------------------------------------------------------
  // Shared members

  /** The top level of a completion or a chunk. */
  static final class Top<C> {
    String id;
    String object;
    Long created;
    String model;
    String provider;
    String fingerprint;
    Usage usage;
    /** A usage the host reports elsewhere (Groq's {@code x_groq.usage}), else null. */
    Usage hostUsage;
    /** The choices, unmodifiable (made with {@link Trusted#list}). */
    List<C> choices = List.of();
    /** Unknown members, or null while there are none (most replies have none). */
    Map<String, Object> extra;

    Map<String, Object> extra() {
      if (extra == null) {
        extra = new LinkedHashMap<>();
      }
      return extra;
    }
  }

  /**
   * Reads the top-level object. {@code options} start with {@link #TOP}; the members after
   * those go to {@code own}, unknown ones to the extras.
   */
  static <C> Top<C> top(JsonReader r, JsonReader.Options options, Value<C> choice,
      TopMember<C> own) throws IOException {
    return top(r, options, choice, own, null);
  }

  /**
   * {@link #top(JsonReader, JsonReader.Options, Value, TopMember)}, sharing with earlier
   * documents of the same stream the values that {@code repeats} has learned (null: none).
   */
  static <C> Top<C> top(JsonReader r, JsonReader.Options options, Value<C> choice,
      TopMember<C> own, Repeats repeats) throws IOException {
    Top<C> t = new Top<>();
    r.beginObject();
    while (r.hasNext()) {
      int index = r.selectName(options);
      switch (index) {
        case 0: t.id = repeats == null ? string(r) : repeats.string(r); break;
        case 1: t.object = repeats == null ? object(r) : repeats.string(r); break;
        case 2: t.created = repeats == null ? longValue(r) : repeats.created(r); break;
        case 3: t.model = repeats == null ? string(r) : repeats.string(r); break;
        case 4: t.provider = repeats == null ? string(r) : repeats.string(r); break;
        case 5: t.choices = ownedList(r, choice); break;
        case 6: t.fingerprint = repeats == null ? string(r) : repeats.string(r); break;
        case 7: t.usage = OpenAiResponseReader.usage(r); break;
        default:
          if (index < 0) {
            t.extra().put(r.nextName(), JsonTrees.read(r));
          } else {
            own.read(index, t);
          }
      }
    }
    r.endObject();
    return t;
  }

  /** A choice of a completion ({@code message}) or of a chunk ({@code delta}). */
  static final class Choice<B> {
    int index;
    B body;
    String finish;
    /** The normalized reason when {@link #finish} is one of the wire names, else null. */
    FinishReason known;
    String nativeFinish;
    Object logprobs;
    /** Unknown members, or null while there are none. */
    Map<String, Object> extra;

    /** The normalized finish reason: a wire value, or a host's own normalized. */
    FinishReason finishReason() {
      if (finish == null || known != null) {
        return known; // most chunks have none; most replies have a wire name, matched as read
      }
      FinishReason normalized = FinishReason.fromWire(finish);
      return normalized == null ? FinishReason.normalize(finish) : normalized;
    }

    /** The host's own finish reason, else the one on the wire. */
    String nativeFinishReason() {
      return nativeFinish == null ? finish : nativeFinish;
    }
  }

  /**
   * Reads a choice whose options are {@code index}, the body's name, {@code finish_reason},
   * {@code native_finish_reason} and {@code logprobs}; unknown members go to the extras.
   */
  static <B> Choice<B> choice(JsonReader r, JsonReader.Options options, Value<B> body)
      throws IOException {
    Choice<B> c = new Choice<>();
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(options)) {
        case 0: c.index = r.nextInt(); break;
        case 1: c.body = body.read(r); break;
        case 2:
          int k = r.selectString(FINISH_NAMES);
          c.known = k >= 0 ? FINISHES[k] : null;
          c.finish = k >= 0 ? FINISH_WIRE[k] : string(r);
          break;
        case 3: c.nativeFinish = string(r); break;
        case 4: c.logprobs = JsonTrees.read(r); break;
        default:
          if (c.extra == null) {
            c.extra = new LinkedHashMap<>();
          }
          c.extra.put(r.nextName(), JsonTrees.read(r));
      }
    }
    r.endObject();
    return c;
  }

  /** The choice options for a body member named {@code body}. */
  static JsonReader.Options choiceOptions(String body) {
    return JsonReader.Options.of("index", body, "finish_reason", "native_finish_reason",
        "logprobs");
  }

  /** The top-level options: {@link #TOP} and then {@code own}. */
  static JsonReader.Options topOptions(String... own) {
    String[] names = new String[TOP.length + own.length];
    System.arraycopy(TOP, 0, names, 0, TOP.length);
    System.arraycopy(own, 0, names, TOP.length, own.length);
    return JsonReader.Options.of(names);
  }
}
