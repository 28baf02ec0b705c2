package dev.router4j.examples.simulator;

import java.util.regex.Pattern;

/**
 * Ways a simulated model breaks the JSON it was asked for, as real models do: the damage a
 * response healer has to undo. {@link #apply(String)} turns a well-formed JSON object into the
 * broken text; the well-formed text is the value the model meant.
 */
public enum Malformation {
  /** A comma after the last member: <code>{"a": 1,}</code>. */
  TRAILING_COMMA,
  /** The JSON inside a Markdown fence: <code>```json ... ```</code>. */
  FENCED,
  /** The JSON between a sentence of prose before and after it. */
  PROSE,
  /** Single-quoted keys and strings, as in a Python dict. */
  SINGLE_QUOTES,
  /** Keys without quotes: <code>{a: 1}</code>. */
  UNQUOTED_KEYS,
  /** The final closing brace is missing. */
  MISSING_CLOSING,
  /** Python literals: {@code True}, {@code False}, {@code None}. */
  PYTHON_LITERALS,
  /** Cut off two thirds of the way through, as by a token limit; finishes with {@code length}. */
  TRUNCATED;

  private static final Pattern QUOTED_KEY = Pattern.compile("\"([A-Za-z_][A-Za-z0-9_]*)\"\\s*:");

  /**
   * Breaks the given JSON text. Quote-based damage assumes the strings hold no quotes or
   * apostrophes, which holds for the simulator's own generated values.
   *
   * @param json a well-formed JSON object
   * @return the broken text
   */
  public String apply(String json) {
    switch (this) {
      case TRAILING_COMMA: {
        int close = json.lastIndexOf('}');
        return close <= 0 ? json + "," : json.substring(0, close) + "," + json.substring(close);
      }
      case FENCED:
        return "```json\n" + json + "\n```";
      case PROSE:
        return "Here is the JSON you asked for:\n" + json + "\nLet me know if you need anything else.";
      case SINGLE_QUOTES:
        return json.replace('"', '\'');
      case UNQUOTED_KEYS:
        return QUOTED_KEY.matcher(json).replaceAll("$1:");
      case MISSING_CLOSING: {
        int close = json.lastIndexOf('}');
        return close < 0 ? json : json.substring(0, close) + json.substring(close + 1);
      }
      case PYTHON_LITERALS:
        return replaceLiterals(json);
      case TRUNCATED:
        return json.substring(0, Math.max(1, json.length() * 2 / 3));
      default:
        throw new AssertionError(this);
    }
  }

  /** Replaces true, false and null outside strings. */
  private static String replaceLiterals(String json) {
    StringBuilder out = new StringBuilder(json.length() + 8);
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\' && i + 1 < json.length()) {
          out.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == '"') {
        inString = true;
        out.append(c);
      } else if (json.startsWith("true", i)) {
        out.append("True");
        i += 3;
      } else if (json.startsWith("false", i)) {
        out.append("False");
        i += 4;
      } else if (json.startsWith("null", i)) {
        out.append("None");
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
