package dev.router4j.internal.healing;

/** Character classes the healer needs. */
final class Chars {
  /** Plain double quote. */
  static final int Q_DOUBLE = 1;
  /** Plain single quote. */
  static final int Q_SINGLE = 2;
  /** Back quote. */
  static final int Q_BACK = 3;
  /** Curly or low double quote. */
  static final int Q_SMART_DOUBLE = 4;
  /** Curly or low single quote. */
  static final int Q_SMART_SINGLE = 5;

  private Chars() {}

  /** The four whitespace characters RFC 8259 allows between tokens. */
  static boolean isJsonSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  /** Space-like characters that are not JSON whitespace: BOM, NBSP, zero-width, ideographic and others. */
  static boolean isExoticSpace(char c) {
    if (c < '\u0085') {
      return c == '\u000B' || c == '\u000C';
    }
    switch (c) {
      case '\u000B':
      case '\u000C':
      case '\u0085':
      case '\u00A0':
      case '\u1680':
      case '\u2028':
      case '\u2029':
      case '\u202F':
      case '\u205F':
      case '\u2060':
      case '\u3000':
      case '\uFEFF':
        return true;
      default:
        return c >= '\u2000' && c <= '\u200D';
    }
  }

  static boolean isAnySpace(char c) {
    return isJsonSpace(c) || isExoticSpace(c);
  }

  /** The kind of quote that {@code c} opens, or 0 when it opens no string. */
  static int quoteKind(char c) {
    switch (c) {
      case '"':
        return Q_DOUBLE;
      case '\'':
        return Q_SINGLE;
      case '`':
        return Q_BACK;
      case '\u201C':
      case '\u201D':
      case '\u201E':
      case '\u201F':
      case '\u00AB':
        return Q_SMART_DOUBLE;
      case '\u2018':
      case '\u2019':
      case '\u201A':
      case '\u201B':
        return Q_SMART_SINGLE;
      default:
        return 0;
    }
  }

  /** Whether {@code c} may end a string opened by a quote of the given kind. */
  static boolean closes(int kind, char c) {
    switch (kind) {
      case Q_DOUBLE:
        return c == '"';
      case Q_SINGLE:
        return c == '\'' || c == '\u2019';
      case Q_BACK:
        return c == '`';
      case Q_SMART_DOUBLE:
        return c == '\u201D' || c == '\u201C' || c == '"' || c == '\u00BB';
      case Q_SMART_SINGLE:
        return c == '\u2019' || c == '\u2018' || c == '\'';
      default:
        return false;
    }
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static int hexValue(char c) {
    if (c <= '9') {
      return c - '0';
    }
    if (c <= 'F') {
      return c - 'A' + 10;
    }
    return c - 'a' + 10;
  }

  /** Whether {@code c} can start an unquoted identifier key. */
  static boolean isIdentStart(char c) {
    return c == '_' || c == '$' || Character.isLetter(c);
  }

  /** Whether {@code c} can continue an unquoted identifier key. */
  static boolean isIdentPart(char c) {
    return c == '_' || c == '$' || c == '-' || c == '.' || Character.isLetterOrDigit(c);
  }
}
