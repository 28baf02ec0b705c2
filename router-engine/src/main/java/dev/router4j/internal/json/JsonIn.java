package dev.router4j.internal.json;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonReader.Token;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.RouterException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One document being read: the Moshi reader, plus how failures are reported. A request
 * document fails with {@link InvalidRequestException}, a response or chunk with
 * {@link MalformedResponseException}; both carry the JSON path of the problem.
 *
 * <p>Typed reads check the token before consuming it, so a value of the wrong type fails
 * with the path of that value, and return null for JSON {@code null}. Paths are computed only
 * when something fails.
 */
public final class JsonIn {
  /** The reader. */
  final JsonReader r;
  /** Whether the document is a request (else a response, a chunk or a plain tree). */
  final boolean request;

  /** Wraps a reader; {@code request} picks the exception type failures are reported with. */
  public JsonIn(JsonReader r, boolean request) {
    this.r = r;
    this.request = request;
  }

  /** The reader. */
  public JsonReader reader() {
    return r;
  }

  // ---- failures -------------------------------------------------------------------------

  /** The exception for a problem at {@code path}. */
  public RouterException fail(String path, String message) {
    return fail(path, message, null);
  }

  /** The exception for a problem at {@code path}, with its cause. */
  public RouterException fail(String path, String message, Throwable cause) {
    if (path != null && path.length() > 1 && path.endsWith(".")) {
      // Moshi's path inside an object before its first name: "$.provider."
      path = path.substring(0, path.length() - 1);
    }
    return request
        ? new InvalidRequestException(path, message, cause)
        : new MalformedResponseException(path, message, cause);
  }

  /** The exception for a problem with the value the reader is at. */
  RouterException failHere(String message) {
    return fail(r.getPath(), message);
  }

  /** The exception for a value of the wrong type at the reader's position. */
  RouterException expected(String what, Token found) {
    return failHere("expected " + what + ", was " + describe(found));
  }

  /** Describes a token for an error message. */
  static String describe(Token t) {
    switch (t) {
      case BEGIN_OBJECT:
        return "an object";
      case BEGIN_ARRAY:
        return "an array";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      case END_DOCUMENT:
        return "the end of the document";
      default:
        return t.name();
    }
  }

  /**
   * The path of the object or array that was just closed with {@code endObject()} or
   * {@code endArray()}, or of the value just consumed. Moshi has already advanced an enclosing
   * array's index past it, so a trailing {@code [n]} is turned back into {@code [n-1]}; a member
   * of an object keeps its name until the next one is read, so it is right as it is.
   */
  String pathOfPrevious() {
    String p = r.getPath();
    int end = p.length() - 1;
    if (end < 0 || p.charAt(end) != ']') {
      return p;
    }
    int open = p.lastIndexOf('[');
    if (open < 0) {
      return p;
    }
    try {
      int n = Integer.parseInt(p.substring(open + 1, end));
      return p.substring(0, open + 1) + Math.max(0, n - 1) + "]";
    } catch (NumberFormatException e) {
      return p;
    }
  }

  /**
   * Re-throws a model validation failure raised while building the object that was just
   * closed, with the full JSON path. The model names fields relative to itself, sometimes with
   * its own key in front ({@code tools[].function.name}, {@code reasoning.max_tokens},
   * {@code provider.max_price.prompt}); {@code selfKey} is that key, stripped before the rest
   * is appended to the object's path. Null when the model names fields plainly.
   */
  RouterException rethrow(RuntimeException e, String selfKey) {
    return rethrowAt(pathOfPrevious(), e, selfKey);
  }

  /** As {@link #rethrow(RuntimeException, String)}, for an object whose path is known. */
  RouterException rethrowAt(String objectPath, RuntimeException e, String selfKey) {
    if (e instanceof InvalidRequestException ire) {
      String field = ire.field();
      String message = ire.getMessage();
      if (field != null && message.startsWith(field + ": ")) {
        message = message.substring(field.length() + 2);
      }
      return fail(join(objectPath, relative(field, selfKey)), message, e);
    }
    if (e instanceof RouterException re) {
      return re;
    }
    String m = e.getMessage();
    return fail(objectPath, m == null ? e.getClass().getSimpleName() : m, e);
  }

  static String relative(String field, String selfKey) {
    if (field == null) {
      return "";
    }
    if (selfKey != null && field.startsWith(selfKey)) {
      String rest = field.substring(selfKey.length());
      if (rest.isEmpty()) {
        return "";
      }
      if (rest.startsWith("[]")) {
        return rest.substring(2);
      }
      if (rest.charAt(0) == '.' || rest.charAt(0) == '[') {
        return rest;
      }
    }
    return field;
  }

  static String join(String path, String rel) {
    if (rel.isEmpty()) {
      return path;
    }
    char c = rel.charAt(0);
    if (c == '.' || c == '[') {
      return path + rel;
    }
    return path + "." + rel;
  }

  // ---- typed reads ----------------------------------------------------------------------

  /** A string, or null. */
  String string() throws IOException {
    Token t = r.peek();
    if (t == Token.STRING) {
      return r.nextString();
    }
    if (t == Token.NULL) {
      return r.nextNull();
    }
    throw expected("a string", t);
  }

  /** A boolean, or null. */
  Boolean bool() throws IOException {
    Token t = r.peek();
    if (t == Token.BOOLEAN) {
      return r.nextBoolean();
    }
    if (t == Token.NULL) {
      return r.nextNull();
    }
    throw expected("a boolean", t);
  }

  /** An integer in int range, or null. */
  Integer integer() throws IOException {
    Token t = r.peek();
    if (t == Token.NUMBER) {
      try {
        return r.nextInt();
      } catch (JsonDataException | NumberFormatException e) {
        throw badNumber("an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
      }
    }
    if (t == Token.NULL) {
      return r.nextNull();
    }
    throw expected("an integer", t);
  }

  /** An integer in long range, or null. */
  Long longInteger() throws IOException {
    Token t = r.peek();
    if (t == Token.NUMBER) {
      try {
        return r.nextLong();
      } catch (JsonDataException | NumberFormatException e) {
        throw badNumber("an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
      }
    }
    if (t == Token.NULL) {
      return r.nextNull();
    }
    throw expected("an integer", t);
  }

  private RouterException badNumber(String what) throws IOException {
    // A failed nextInt/nextLong/nextDouble leaves the number buffered and the path unchanged.
    String path = r.getPath();
    String text = r.nextString();
    return fail(path, "expected " + what + ", was " + text);
  }

  /** A finite double, or null. */
  Double dbl() throws IOException {
    Token t = r.peek();
    if (t == Token.NUMBER) {
      try {
        return r.nextDouble();
      } catch (IOException | JsonDataException | NumberFormatException e) {
        throw badNumber("a finite number");
      }
    }
    if (t == Token.NULL) {
      return r.nextNull();
    }
    throw expected("a number", t);
  }

  /** An exact decimal, or null. With {@code acceptString}, a string holding a number too. */
  BigDecimal decimal(boolean acceptString) throws IOException {
    Token t = r.peek();
    if (t == Token.NUMBER || (acceptString && t == Token.STRING)) {
      String path = t == Token.STRING ? r.getPath() : null;
      String text = r.nextString();
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw fail(path != null ? path : pathOfPrevious(),
            t == Token.STRING ? "expected a number, was \"" + text + "\"" : "number out of range: " + text);
      }
    }
    if (t == Token.NULL) {
      return r.nextNull();
    }
    throw expected("a number", t);
  }

  /** Any JSON value as a tree. */
  Object value() throws IOException {
    return Trees.read(this);
  }

  /** A JSON object as a tree, or null. */
  Map<String, Object> object() throws IOException {
    Token t = r.peek();
    if (t == Token.BEGIN_OBJECT) {
      return Trees.readObject(this);
    }
    if (t == Token.NULL) {
      return r.nextNull();
    }
    throw expected("an object", t);
  }

  /** Checks that the next value is an object (false for null, which is consumed). */
  boolean beginObjectOrNull() throws IOException {
    Token t = r.peek();
    if (t == Token.BEGIN_OBJECT) {
      r.beginObject();
      return true;
    }
    if (t == Token.NULL) {
      r.nextNull();
      return false;
    }
    throw expected("an object", t);
  }

  /** Checks that the next value is an object, which is entered. */
  void beginObject() throws IOException {
    Token t = r.peek();
    if (t != Token.BEGIN_OBJECT) {
      throw expected("an object", t);
    }
    r.beginObject();
  }

  /** Checks that the next value is an array (false for null, which is consumed). */
  boolean beginArrayOrNull() throws IOException {
    Token t = r.peek();
    if (t == Token.BEGIN_ARRAY) {
      r.beginArray();
      return true;
    }
    if (t == Token.NULL) {
      r.nextNull();
      return false;
    }
    throw expected("an array", t);
  }

  /** An array of strings (no null elements), or null. */
  List<String> strings() throws IOException {
    if (!beginArrayOrNull()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    while (r.hasNext()) {
      Token t = r.peek();
      if (t != Token.STRING) {
        throw expected("a string", t);
      }
      out.add(r.nextString());
    }
    r.endArray();
    return out;
  }

  /** Reads an unknown member (its name not yet consumed) into {@code extra}, created if null. */
  Map<String, Object> extra(Map<String, Object> extra) throws IOException {
    String name = r.nextName();
    Object v = Trees.read(this);
    if (extra == null) {
      extra = new LinkedHashMap<>();
    }
    extra.put(name, v);
    return extra;
  }

  /** Fails unless the whole input has been read. */
  public void end() throws IOException {
    Token t = r.peek();
    if (t != Token.END_DOCUMENT) {
      throw fail("$", "unexpected " + describe(t) + " after the JSON document");
    }
  }
}
