package dev.router4j.api.internal;

/**
 * Glob patterns over slugs: {@code *} stands for any run of characters ({@code /} included),
 * {@code ?} for exactly one; every other character stands for itself, compared without regard
 * to ASCII case. Matching allocates nothing, so it may run on every call. Lives in the api so
 * that values such as {@link dev.router4j.api.spi.Credential} can match model slugs; the
 * engine's budget and guardrail globs delegate here. Not part of the API.
 *
 * <pre>
 *   openai/*        every OpenAI model
 *   *:free          every free variant
 *   anthropic/claude-?-*
 * </pre>
 */
public final class Glob {
  private Glob() {}

  /** Whether {@code text} matches {@code pattern} as a whole. */
  public static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int resume = 0;
    int pn = pattern.length();
    int tn = text.length();
    while (t < tn) {
      if (p < pn) {
        char c = pattern.charAt(p);
        if (c == '*') {
          star = p++;
          resume = t;
          continue;
        }
        if (c == '?' || same(c, text.charAt(t))) {
          p++;
          t++;
          continue;
        }
      }
      if (star < 0) {
        return false;
      }
      // Let the last star swallow one more character and try again from there.
      p = star + 1;
      t = ++resume;
    }
    while (p < pn && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pn;
  }

  /** Whether the pattern has no wildcard, so that it matches one text only (up to case). */
  public static boolean isLiteral(String pattern) {
    return pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
  }

  private static boolean same(char a, char b) {
    if (a == b) {
      return true;
    }
    if (a >= 'A' && a <= 'Z') {
      a = (char) (a + 32);
    }
    if (b >= 'A' && b <= 'Z') {
      b = (char) (b + 32);
    }
    return a == b;
  }
}
