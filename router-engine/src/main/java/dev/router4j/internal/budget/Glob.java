package dev.router4j.internal.budget;

/**
 * Glob patterns over slugs: {@code *} stands for any run of characters ({@code /} included),
 * {@code ?} for exactly one; every other character stands for itself, compared without regard
 * to ASCII case. Matching allocates nothing, so it may run on every call. The matcher itself
 * lives in the api ({@link dev.router4j.api.internal.Glob}) so that a credential's model
 * patterns mean what a budget's or a guardrail's do.
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
    return dev.router4j.api.internal.Glob.matches(pattern, text);
  }

  /** Whether the pattern has no wildcard, so that it matches one text only (up to case). */
  public static boolean isLiteral(String pattern) {
    return dev.router4j.api.internal.Glob.isLiteral(pattern);
  }
}
