package dev.router4j.internal.healing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON value as the healer builds it for schema work. Numbers stay text. A
 * {@link Kind#LOOSE_NUMBER} is a number-like token that JSON does not allow as written
 * ({@code 02134}); the schema decides whether it becomes a string or a number.
 */
public final class JNode {
  /** The kind of value. */
  public enum Kind {
    /** An object. */
    OBJECT,
    /** An array. */
    ARRAY,
    /** A string. */
    STRING,
    /** A number in strict JSON form. */
    NUMBER,
    /** A number-like token with leading zeros, kept as written. */
    LOOSE_NUMBER,
    /** The literal true. */
    TRUE,
    /** The literal false. */
    FALSE,
    /** The literal null. */
    NULL
  }

  final Kind kind;
  /** String value; number text in JSON form; for a loose number its numeric JSON form. */
  String text;
  /** For numbers, the token as the model wrote it. */
  String raw;
  /** Object keys, parallel to {@link #children}. */
  ArrayList<String> keys;
  /** Object member values or array elements. */
  ArrayList<JNode> children;
  /** Offset of the value in the input. */
  int offset;
  /** Whether the value was closed at a cut (truncated). */
  boolean cut;
  /** Key awaiting its value while the object is being built. */
  String pendingKey;

  JNode(Kind kind) {
    this.kind = kind;
    if (kind == Kind.OBJECT) {
      keys = new ArrayList<>();
      children = new ArrayList<>();
    } else if (kind == Kind.ARRAY) {
      children = new ArrayList<>();
    }
  }

  static JNode string(String s, int offset) {
    JNode n = new JNode(Kind.STRING);
    n.text = s;
    n.offset = offset;
    return n;
  }

  static JNode number(String text, String raw, int offset) {
    JNode n = new JNode(Kind.NUMBER);
    n.text = text;
    n.raw = raw;
    n.offset = offset;
    return n;
  }

  static JNode array(List<JNode> items, int offset) {
    JNode n = new JNode(Kind.ARRAY);
    n.children.addAll(items);
    n.offset = offset;
    return n;
  }

  /** The value's kind. */
  public Kind kind() {
    return kind;
  }

  boolean isNumber() {
    return kind == Kind.NUMBER;
  }

  /** The member value for a key (the last one when the key repeats), or null. */
  JNode get(String key) {
    if (keys == null) {
      return null;
    }
    for (int i = keys.size() - 1; i >= 0; i--) {
      if (keys.get(i).equals(key)) {
        return children.get(i);
      }
    }
    return null;
  }

  BigDecimal decimal() {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** Structural equality: key order ignored, numbers by exact decimal value. */
  static boolean same(JNode a, JNode b) {
    if (a.kind != b.kind) {
      return false;
    }
    switch (a.kind) {
      case STRING:
        return a.text.equals(b.text);
      case NUMBER:
        {
          BigDecimal x = a.decimal();
          BigDecimal y = b.decimal();
          if (x == null || y == null) {
            return a.text.equals(b.text);
          }
          return x.compareTo(y) == 0;
        }
      case LOOSE_NUMBER:
        return a.raw.equals(b.raw);
      case ARRAY:
        if (a.children.size() != b.children.size()) {
          return false;
        }
        for (int i = 0; i < a.children.size(); i++) {
          if (!same(a.children.get(i), b.children.get(i))) {
            return false;
          }
        }
        return true;
      case OBJECT:
        if (a.keys.size() != b.keys.size()) {
          return false;
        }
        for (int i = 0; i < a.keys.size(); i++) {
          JNode other = b.get(a.keys.get(i));
          if (other == null || !same(a.children.get(i), other)) {
            return false;
          }
        }
        return true;
      default:
        return true;
    }
  }
}
