package dev.router4j.internal.healing;

/**
 * Receives the events of the repairing parser. The parser only announces a value once it has
 * begun, so a sink never sees a dangling comma and never needs to take output back, except
 * for {@link #reopen()}, which removes the one closer just written.
 */
interface JsonSink {
  void startObject(int offset);

  void startArray(int offset);

  void key(CharSequence key, int offset);

  void endObject(boolean cut);

  void endArray(boolean cut);

  void string(CharSequence value, int offset, boolean cut);

  /** A number already in strict JSON form; {@code raw} is the token as written. */
  void number(String json, String raw, int offset, boolean cut);

  /**
   * A number already in strict JSON form, written as {@code s[from, to)}: the same as
   * {@link #number} with that text as both forms and {@code from} as the offset, for sinks
   * that can take it without a substring.
   */
  default void strictNumber(String s, int from, int to, boolean cut) {
    String t = s.substring(from, to);
    number(t, t, from, cut);
  }

  /** A number-like token with leading zeros: {@code raw} as written, {@code numeric} its JSON form. */
  void looseNumber(String raw, String numeric, int offset);

  /** 0 for null, 1 for true, 2 for false. */
  void literal(int which, int offset);

  /** Another top-level value follows the previous one. */
  void nextRoot();

  /** Reopens the top-level object or array that was just closed. */
  void reopen();
}
