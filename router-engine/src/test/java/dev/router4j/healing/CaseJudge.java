package dev.router4j.healing;

/** Judges one case exactly as the healing corpus README describes. */
final class CaseJudge {
  private CaseJudge() {}

  /** Returns null when the case is good, otherwise why not ("failed: .." or "wrong: .."). */
  static String judge(JsonHealer healer, HealingCorpus.Case c) {
    HealResult r;
    try {
      r = healer.heal(c.input, c.schema);
    } catch (UnrecoverableOutputException e) {
      return c.unrecoverable ? null : "failed: " + e.getMessage();
    } catch (RuntimeException e) {
      return "failed with an untyped exception: " + e;
    }
    if (c.unrecoverable) {
      return "wrong: expected an error but got " + r.json();
    }
    Object actual;
    try {
      actual = StrictJson.parse(r.json());
    } catch (IllegalArgumentException e) {
      return "failed: output is not strict JSON (" + e.getMessage() + "): " + r.json();
    }
    if (!StrictJson.same(actual, c.expected)) {
      return "wrong: got " + r.json() + " expected " + c.expected;
    }
    if (c.schema == null && StrictJson.isValid(c.input) && r.json() != c.input) {
      return "wrong: valid input was not returned as the same string";
    }
    return null;
  }
}
