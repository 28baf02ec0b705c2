package dev.router4j.internal.healing;

import java.util.Arrays;

/**
 * Decides whether a text is exactly one strict RFC 8259 JSON text, surrounding whitespace
 * allowed. A single forward pass that builds no tree and never recurses: nesting is tracked in
 * a growable byte stack, so depth costs one byte per level.
 */
public final class StrictJsonScanner {
  private static final byte IN_OBJECT = 1;
  private static final byte IN_ARRAY = 2;

  private StrictJsonScanner() {}

  /** Whether {@code s} is strictly valid JSON. */
  public static boolean isValid(String s) {
    return isValid(s, 0, s.length());
  }

  /** Whether the characters of {@code s} in {@code [from, to)} are strictly valid JSON. */
  public static boolean isValid(String s, int from, int to) {
    int n = to;
    byte[] stack = new byte[16];
    int depth = 0;
    int i = skip(s, from, n);
    // Each pass of the loop reads one value, then the separators and closers after it.
    while (true) {
      if (i >= n) {
        return false;
      }
      char c = s.charAt(i);
      if (c == '{' || c == '[') {
        int j = skip(s, i + 1, n);
        if (j < n && s.charAt(j) == (c == '{' ? '}' : ']')) {
          i = j + 1;
        } else {
          if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
          }
          stack[depth++] = c == '{' ? IN_OBJECT : IN_ARRAY;
          i = j;
          if (c == '{') {
            i = member(s, i, n);
            if (i < 0) {
              return false;
            }
          }
          continue;
        }
      } else if (c == '"') {
        i = string(s, i, n);
      } else if (c == 't') {
        i = s.startsWith("true", i) ? i + 4 : -1;
      } else if (c == 'f') {
        i = s.startsWith("false", i) ? i + 5 : -1;
      } else if (c == 'n') {
        i = s.startsWith("null", i) ? i + 4 : -1;
      } else if (c == '-' || Chars.isDigit(c)) {
        i = number(s, i, n);
      } else {
        return false;
      }
      if (i < 0) {
        return false;
      }
      // After a value: commas and closers.
      while (true) {
        i = skip(s, i, n);
        if (depth == 0) {
          return i == n;
        }
        if (i >= n) {
          return false;
        }
        char d = s.charAt(i);
        byte top = stack[depth - 1];
        if (d == ',') {
          i = skip(s, i + 1, n);
          if (top == IN_OBJECT) {
            i = member(s, i, n);
            if (i < 0) {
              return false;
            }
          }
          break;
        }
        if ((d == '}' && top == IN_OBJECT) || (d == ']' && top == IN_ARRAY)) {
          depth--;
          i++;
          continue;
        }
        return false;
      }
    }
  }

  /** Reads {@code "key" :} and the space after it; returns the index of the value or -1. */
  private static int member(String s, int i, int n) {
    if (i >= n || s.charAt(i) != '"') {
      return -1;
    }
    i = string(s, i, n);
    if (i < 0) {
      return -1;
    }
    i = skip(s, i, n);
    if (i >= n || s.charAt(i) != ':') {
      return -1;
    }
    return skip(s, i + 1, n);
  }

  private static int skip(String s, int i, int n) {
    while (i < n) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        break;
      }
      i++;
    }
    return i;
  }

  private static int string(String s, int i, int n) {
    i++;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c < 0x20) {
        return -1;
      }
      if (c == '\\') {
        if (i + 1 >= n) {
          return -1;
        }
        char e = s.charAt(i + 1);
        switch (e) {
          case '"':
          case '\\':
          case '/':
          case 'b':
          case 'f':
          case 'n':
          case 'r':
          case 't':
            i += 2;
            break;
          case 'u':
            if (i + 6 > n) {
              return -1;
            }
            for (int k = i + 2; k < i + 6; k++) {
              if (!Chars.isHex(s.charAt(k))) {
                return -1;
              }
            }
            i += 6;
            break;
          default:
            return -1;
        }
      } else {
        i++;
      }
    }
    return -1;
  }

  private static int number(String s, int i, int n) {
    int j = i;
    while (j < n) {
      char c = s.charAt(j);
      if (Chars.isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
        j++;
      } else {
        break;
      }
    }
    return NumberText.isStrict(s, i, j) ? j : -1;
  }
}
