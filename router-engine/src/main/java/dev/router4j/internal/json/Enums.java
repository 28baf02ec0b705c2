package dev.router4j.internal.json;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonReader.Options;
import com.squareup.moshi.JsonReader.Token;
import java.io.IOException;

/** Reads string enums with {@link JsonReader#selectString}, failing with the allowed values. */
final class Enums {
  private final Options options;
  private final String what;
  private final String allowed;

  /** An enum named {@code what} in messages, with the given wire names in index order. */
  Enums(String what, String... wireNames) {
    this.options = Options.of(wireNames);
    this.what = what;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < wireNames.length; i++) {
      if (i > 0) {
        b.append(i == wireNames.length - 1 ? " or " : ", ");
      }
      b.append(wireNames[i]);
    }
    this.allowed = b.toString();
  }

  /** The wire names in index order. */
  String name(int index) {
    return options.strings().get(index);
  }

  /**
   * The index of the next value among the wire names; -1 for null (consumed).
   *
   * @throws dev.router4j.api.error.RouterException for another string or type, at its path
   */
  int read(JsonIn in) throws IOException {
    JsonReader r = in.r;
    int i = r.selectString(options);
    if (i >= 0) {
      return i;
    }
    Token t = r.peek();
    if (t == Token.NULL) {
      r.nextNull();
      return -1;
    }
    if (t != Token.STRING) {
      throw in.expected("a string (" + allowed + ")", t);
    }
    String path = r.getPath();
    String v = r.nextString();
    throw in.fail(path, "unknown " + what + " \"" + v + "\" (expected " + allowed + ")");
  }

  /** Like {@link #read} but returns -1 for an unknown string too (consumed) instead of failing. */
  int readLenient(JsonIn in) throws IOException {
    JsonReader r = in.r;
    int i = r.selectString(options);
    if (i >= 0) {
      return i;
    }
    Token t = r.peek();
    if (t == Token.NULL) {
      r.nextNull();
      return -1;
    }
    if (t != Token.STRING) {
      throw in.expected("a string", t);
    }
    r.nextString();
    return -1;
  }
}
