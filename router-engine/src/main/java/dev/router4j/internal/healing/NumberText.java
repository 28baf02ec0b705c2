package dev.router4j.internal.healing;

/** Reads number-like tokens: keeps every digit as text, never goes through a double. */
final class NumberText {
  /** Already a strict JSON number. */
  static final int STRICT = 0;
  /** A number in a non-JSON form that has a JSON form of the same value ({@code +5}, {@code .5}). */
  static final int NORMALIZED = 1;
  /** A number with leading zeros ({@code 02134}): a string unless a schema asks for a number. */
  static final int LOOSE = 2;
  /** {@code NaN} or an infinity. */
  static final int NONFINITE = 3;
  /** Not a number at all ({@code 1.2.3}, {@code 45%}). */
  static final int NOT_A_NUMBER = 4;
  /** A number cut before its first digit ({@code -}). */
  static final int MISSING = 5;

  int kind;
  /** The JSON form (for LOOSE, of the value with leading zeros dropped). */
  String json;

  private NumberText() {}

  static boolean isNonFinite(String t) {
    switch (t) {
      case "NaN":
      case "nan":
      case "NAN":
      case "-NaN":
      case "-nan":
      case "Infinity":
      case "-Infinity":
      case "+Infinity":
      case "infinity":
      case "-infinity":
      case "INFINITY":
      case "-INFINITY":
      case "inf":
      case "-inf":
      case "+inf":
      case "Inf":
      case "-Inf":
      case "INF":
      case "-INF":
        return true;
      default:
        return false;
    }
  }

  /** Whether {@code s[from, to)} is exactly one strict RFC 8259 number. */
  static boolean isStrict(CharSequence s, int from, int to) {
    int i = from;
    if (i < to && s.charAt(i) == '-') {
      i++;
    }
    if (i >= to) {
      return false;
    }
    char c = s.charAt(i);
    if (c == '0') {
      i++;
    } else if (c >= '1' && c <= '9') {
      while (i < to && Chars.isDigit(s.charAt(i))) {
        i++;
      }
    } else {
      return false;
    }
    if (i < to && s.charAt(i) == '.') {
      i++;
      int d = i;
      while (i < to && Chars.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == d) {
        return false;
      }
    }
    if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int d = i;
      while (i < to && Chars.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == d) {
        return false;
      }
    }
    return i == to;
  }

  static boolean isStrict(String s) {
    return isStrict(s, 0, s.length());
  }

  /** Classifies a number-like token; {@code cut} says the token ends at the end of the text. */
  static NumberText classify(String t, boolean cut) {
    NumberText r = new NumberText();
    if (isStrict(t)) {
      r.kind = STRICT;
      r.json = t;
      return r;
    }
    if (isNonFinite(t)) {
      r.kind = NONFINITE;
      return r;
    }
    int n = t.length();
    int i = 0;
    boolean neg = false;
    if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      neg = t.charAt(i) == '-';
      i++;
    }
    int intStart = i;
    while (i < n && Chars.isDigit(t.charAt(i))) {
      i++;
    }
    int intEnd = i;
    int fracStart = i;
    int fracEnd = i;
    if (i < n && t.charAt(i) == '.') {
      i++;
      fracStart = i;
      while (i < n && Chars.isDigit(t.charAt(i))) {
        i++;
      }
      fracEnd = i;
    }
    boolean hasExp = false;
    char expSign = 0;
    int expStart = i;
    int expEnd = i;
    if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
      hasExp = true;
      i++;
      if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
        expSign = t.charAt(i);
        i++;
      }
      expStart = i;
      while (i < n && Chars.isDigit(t.charAt(i))) {
        i++;
      }
      expEnd = i;
    }
    if (i != n) {
      r.kind = NOT_A_NUMBER;
      return r;
    }
    int intLen = intEnd - intStart;
    int fracLen = fracEnd - fracStart;
    if (intLen + fracLen == 0) {
      r.kind = cut ? MISSING : NOT_A_NUMBER;
      return r;
    }
    if (hasExp && expEnd == expStart && !cut) {
      r.kind = NOT_A_NUMBER;
      return r;
    }
    StringBuilder sb = new StringBuilder(n + 2);
    if (neg) {
      sb.append('-');
    }
    boolean leadingZero = intLen > 1 && t.charAt(intStart) == '0';
    if (intLen == 0) {
      sb.append('0');
    } else if (leadingZero) {
      int z = intStart;
      while (z < intEnd - 1 && t.charAt(z) == '0') {
        z++;
      }
      sb.append(t, z, intEnd);
    } else {
      sb.append(t, intStart, intEnd);
    }
    if (fracLen > 0) {
      sb.append('.').append(t, fracStart, fracEnd);
    }
    if (hasExp && expEnd > expStart) {
      sb.append('e');
      if (expSign != 0) {
        sb.append(expSign);
      }
      sb.append(t, expStart, expEnd);
    }
    r.json = sb.toString();
    r.kind = leadingZero ? LOOSE : NORMALIZED;
    return r;
  }
}
