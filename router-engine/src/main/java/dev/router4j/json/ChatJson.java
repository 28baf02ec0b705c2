package dev.router4j.json;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Usage;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.RouterException;
import dev.router4j.internal.json.ChatWriter;
import dev.router4j.internal.json.JsonIn;
import dev.router4j.internal.json.RequestReader;
import dev.router4j.internal.json.ResponseReader;
import dev.router4j.internal.json.Trees;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * The OpenRouter / OpenAI Chat Completions JSON codec: requests, responses and stream chunks
 * to and from the router4j model, with OpenRouter's snake_case field names. Stateless and
 * thread-safe; every method is static.
 *
 * <pre>{@code
 * ChatRequest request = ChatJson.readRequest(body);      // what a client sent
 * String upstream = ChatJson.writeRequest(request);      // what goes to a provider
 * ChatResponse answer = ChatJson.readResponse(reply);
 * ChatChunk chunk = ChatJson.readChunk(sseData);         // one "data:" payload
 * }</pre>
 *
 * <h2>Reading</h2>
 *
 * <ul>
 *   <li>Documents are read with Moshi's streaming reader: no intermediate tree except for
 *       free-form JSON (schemas, tool parameters, logprobs, cost details, error metadata and
 *       unknown members), which become {@code Map<String,Object>} (member order kept),
 *       {@code List}, {@code String}, {@link java.math.BigDecimal} (every digit kept),
 *       {@code Boolean} and null.
 *   <li>Numbers: integer fields are range-checked ({@code int}, or {@code long} for
 *       {@code seed} and {@code created}); prices, costs and cutoffs are read exactly as
 *       {@code BigDecimal}, never through {@code double}.
 *   <li>A JSON {@code null} reads like an absent member.
 *   <li>Unknown members are kept in the model's {@code extra} map at every level that has one
 *       (request, message, provider preferences, plugin config, response, choice, chunk, delta,
 *       usage, reasoning detail, annotation). Unknown members inside usage's
 *       {@code prompt_tokens_details} / {@code completion_tokens_details} are kept in
 *       {@link Usage#extra()} under that key, as a map, and merged back when writing (a details
 *       object holding no known member is kept there too, so that it survives). Likewise
 *       unknown members of an annotation's {@code url_citation} are kept in its {@code extra}
 *       under {@code "url_citation"}. Objects whose model type has no {@code extra} map (content
 *       parts, tool calls, tools and their function, tool_choice, response_format, reasoning,
 *       sort, max_price, percentile cutoffs, cache_control, stream error) ignore unknown
 *       members.
 *   <li>Finish reasons: {@code finish_reason} is mapped with {@link
 *       dev.router4j.api.FinishReason#fromWire}. A value that is not one of the normalized
 *       names ({@code stop, length, tool_calls, content_filter, error}) is mapped with {@link
 *       dev.router4j.api.FinishReason#normalize}, and the raw value becomes the native finish
 *       reason unless the document gave {@code native_finish_reason} itself. Writing emits the
 *       normalized name and the native value, so a normalized document (what OpenRouter sends)
 *       round-trips unchanged, and any other document is normalized once and is stable from
 *       then on.
 * </ul>
 *
 * <h2>Writing</h2>
 *
 * <p>Only fields that are set are written: null values and empty lists are left out
 * ({@code choices} is always written). {@code stop} is written as a string when {@link
 * ChatRequest#stopAsString()}, else as an array; {@code provider.sort} as a string unless it
 * has a partition; a percentile cutoff as a number when {@code scalar}. Extra members follow the
 * modelled ones; an extra member named like a modelled field of the same object is skipped.
 * The router-only fields {@link ChatResponse#cost()}, {@link ChatResponse#route()} and {@link
 * Usage#estimated()} are not OpenRouter wire fields and are never written.
 *
 * <h2>Errors</h2>
 *
 * <p>A request document that cannot be read (broken JSON, a value of the wrong type, an
 * unknown role or content part type, a bad enum value, a value out of range as the model's
 * validation reports it) throws {@link InvalidRequestException} whose {@link
 * InvalidRequestException#field() field()} is the JSON path, for example {@code
 * $.messages[2].content[0].type}, {@code $.temperature} or {@code $.provider.sort.by}, with a
 * message naming what was expected. A response or chunk that cannot be read throws {@link
 * MalformedResponseException} with the {@link MalformedResponseException#path() path}. No
 * other exception escapes for a bad document.
 */
public final class ChatJson {
  private ChatJson() {}

  @FunctionalInterface
  private interface Body<T> {
    T read(JsonIn in) throws IOException;
  }

  // ---- requests -------------------------------------------------------------------------

  /**
   * Reads a chat completion request.
   *
   * @param json the request body
   * @return the request, validated
   * @throws InvalidRequestException naming the JSON path of the first problem
   */
  public static ChatRequest readRequest(String json) {
    return readString(json, true, RequestReader::request);
  }

  /**
   * Reads a chat completion request from a source, which must hold exactly one JSON document.
   *
   * @param source the request body
   * @return the request, validated
   * @throws InvalidRequestException naming the JSON path of the first problem
   * @throws IOException if the source fails (not for malformed or truncated JSON)
   */
  public static ChatRequest readRequest(BufferedSource source) throws IOException {
    return readSource(source, true, RequestReader::request);
  }

  /**
   * Writes a request as compact JSON.
   *
   * @param request the request
   * @return the JSON text
   * @throws IllegalArgumentException if an extra field or schema holds a value JSON cannot
   *     represent (a non-finite number)
   */
  public static String writeRequest(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    Buffer buffer = new Buffer();
    try {
      writeRequest(request, buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /**
   * Writes a request as compact JSON to a sink, which is flushed but not closed.
   *
   * @param request the request
   * @param sink where to write
   * @throws IOException if the sink fails
   * @throws IllegalArgumentException if an extra field or schema holds a value JSON cannot
   *     represent
   */
  public static void writeRequest(ChatRequest request, BufferedSink sink) throws IOException {
    Objects.requireNonNull(request, "request");
    JsonWriter w = ChatWriter.writer(sink);
    ChatWriter.request(w, request);
    w.flush();
  }

  // ---- responses ------------------------------------------------------------------------

  /**
   * Reads a (non-streamed) chat completion response.
   *
   * @param json the response body
   * @return the response; {@code cost} and {@code route} are null and empty
   * @throws MalformedResponseException naming the JSON path of the first problem
   */
  public static ChatResponse readResponse(String json) {
    return readString(json, false, ResponseReader::response);
  }

  /**
   * Reads a chat completion response from a source, which must hold exactly one JSON document.
   *
   * @param source the response body
   * @return the response
   * @throws MalformedResponseException naming the JSON path of the first problem, also for a
   *     truncated document
   * @throws IOException if the source fails
   */
  public static ChatResponse readResponse(BufferedSource source) throws IOException {
    return readSource(source, false, ResponseReader::response);
  }

  /**
   * Writes a response as compact JSON. {@link ChatResponse#cost()}, {@link ChatResponse#route()}
   * and {@link Usage#estimated()} are router-only and are not written.
   *
   * @param response the response
   * @return the JSON text
   * @throws IllegalArgumentException if an extra field holds a value JSON cannot represent
   */
  public static String writeResponse(ChatResponse response) {
    Objects.requireNonNull(response, "response");
    Buffer buffer = new Buffer();
    try {
      writeResponse(response, buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /**
   * Writes a response as compact JSON to a sink, which is flushed but not closed.
   *
   * @param response the response
   * @param sink where to write
   * @throws IOException if the sink fails
   */
  public static void writeResponse(ChatResponse response, BufferedSink sink) throws IOException {
    Objects.requireNonNull(response, "response");
    JsonWriter w = ChatWriter.writer(sink);
    ChatWriter.response(w, response);
    w.flush();
  }

  // ---- chunks ---------------------------------------------------------------------------

  /**
   * Reads one stream chunk: the JSON of one SSE {@code data:} event (not {@code [DONE]}).
   *
   * @param json the event data
   * @return the chunk
   * @throws MalformedResponseException naming the JSON path of the first problem
   */
  public static ChatChunk readChunk(String json) {
    return readString(json, false, ResponseReader::chunk);
  }

  /**
   * Reads one stream chunk from a source, which must hold exactly one JSON document.
   *
   * @param source the event data
   * @return the chunk
   * @throws MalformedResponseException naming the JSON path of the first problem
   * @throws IOException if the source fails
   */
  public static ChatChunk readChunk(BufferedSource source) throws IOException {
    return readSource(source, false, ResponseReader::chunk);
  }

  /**
   * Writes a stream chunk as compact JSON (one line, ready for {@code data: }).
   *
   * @param chunk the chunk
   * @return the JSON text
   * @throws IllegalArgumentException if an extra field holds a value JSON cannot represent
   */
  public static String writeChunk(ChatChunk chunk) {
    Objects.requireNonNull(chunk, "chunk");
    Buffer buffer = new Buffer();
    try {
      writeChunk(chunk, buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /**
   * Writes a stream chunk as compact JSON to a sink, which is flushed but not closed.
   *
   * @param chunk the chunk
   * @param sink where to write
   * @throws IOException if the sink fails
   */
  public static void writeChunk(ChatChunk chunk, BufferedSink sink) throws IOException {
    Objects.requireNonNull(chunk, "chunk");
    JsonWriter w = ChatWriter.writer(sink);
    ChatWriter.chunk(w, chunk);
    w.flush();
  }

  // ---- usage ----------------------------------------------------------------------------

  /**
   * Reads a {@code usage} object on its own (for example from a generation-stats reply).
   *
   * @param json the usage object, or {@code null} (JSON), which gives null
   * @return the usage, or null
   * @throws MalformedResponseException naming the JSON path of the first problem
   */
  public static Usage readUsage(String json) {
    return readString(json, false, in -> {
      Usage u = ResponseReader.usage(in);
      in.end();
      return u;
    });
  }

  /**
   * Writes usage as a compact JSON object ({@link Usage#estimated()} is not written).
   *
   * @param usage the usage
   * @return the JSON text
   */
  public static String writeUsage(Usage usage) {
    Objects.requireNonNull(usage, "usage");
    Buffer buffer = new Buffer();
    try {
      JsonWriter w = ChatWriter.writer(buffer);
      ChatWriter.usage(w, usage);
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  // ---- trees ----------------------------------------------------------------------------

  /**
   * Reads any JSON document as a tree: {@code LinkedHashMap} (member order kept, mutable),
   * {@code ArrayList}, {@code String}, {@link java.math.BigDecimal} (exact), {@code Boolean}
   * or null.
   *
   * @param json the JSON text
   * @return the tree
   * @throws MalformedResponseException naming the JSON path of the problem when the text is
   *     not one well-formed JSON document
   */
  public static Object readTree(String json) {
    return readString(json, false, ChatJson::treeDocument);
  }

  /**
   * Reads one JSON document from a source as a tree, like {@link #readTree(String)}.
   *
   * @param source the JSON text
   * @return the tree
   * @throws MalformedResponseException naming the JSON path of the problem
   * @throws IOException if the source fails
   */
  public static Object readTree(BufferedSource source) throws IOException {
    return readSource(source, false, ChatJson::treeDocument);
  }

  /**
   * Writes a tree as compact JSON. Maps must have string keys; numbers may be any
   * {@link Number} that has a JSON form ({@code BigDecimal} is written as its {@code
   * toString()}).
   *
   * @param tree a Map/List/String/Number/Boolean/null tree
   * @return the JSON text
   * @throws IllegalArgumentException for a value that is not JSON (another type, a non-string
   *     key, NaN or an infinity)
   */
  public static String writeTree(Object tree) {
    return ChatWriter.tree(tree);
  }

  private static Object treeDocument(JsonIn in) throws IOException {
    Object tree = Trees.read(in);
    in.end();
    return tree;
  }

  // ---- plumbing -------------------------------------------------------------------------

  private static <T> T readString(String json, boolean request, Body<T> body) {
    if (json == null) {
      throw request
          ? new InvalidRequestException("$", "no JSON document (null)")
          : new MalformedResponseException("$", "no JSON document (null)", null);
    }
    try {
      return readSource(new Buffer().writeUtf8(json), request, body);
    } catch (IOException e) {
      // A Buffer does not fail; anything left is a malformed document.
      throw request
          ? new InvalidRequestException("$", "malformed JSON: " + e.getMessage(), e)
          : new MalformedResponseException("$", "malformed JSON: " + e.getMessage(), e);
    }
  }

  private static <T> T readSource(BufferedSource source, boolean request, Body<T> body)
      throws IOException {
    Objects.requireNonNull(source, "source");
    JsonReader r = JsonReader.of(source);
    JsonIn in = new JsonIn(r, request);
    try {
      return body.read(in);
    } catch (RouterException e) {
      throw e;
    } catch (JsonEncodingException e) {
      throw in.fail(path(r), "malformed JSON (" + clean(e.getMessage()) + ")", e);
    } catch (EOFException e) {
      throw in.fail(path(r), "the JSON document ends too early", e);
    } catch (JsonDataException e) {
      throw in.fail(path(r), clean(e.getMessage()), e);
    } catch (IOException e) {
      throw e;
    } catch (RuntimeException e) {
      // Not expected: every read checks its token first. Never let it escape as such.
      throw in.fail(path(r), "unreadable document (" + e + ")", e);
    }
  }

  private static String path(JsonReader r) {
    try {
      return r.getPath();
    } catch (RuntimeException e) {
      return "$";
    }
  }

  private static String clean(String moshiMessage) {
    if (moshiMessage == null) {
      return "syntax error";
    }
    String m = moshiMessage;
    int at = m.lastIndexOf(" at path ");
    if (at >= 0) {
      m = m.substring(0, at);
    }
    if (m.startsWith("Use JsonReader.setLenient(true) to accept malformed JSON")) {
      m = "syntax error";
    }
    return m;
  }
}
