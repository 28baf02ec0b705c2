package dev.router4j.healing;

/**
 * What one repair did to the model's text. Each {@link Repair} carries one of these together
 * with the character offset in the input where it applied.
 */
public enum RepairKind {
  /** Text around the document (prose, a markdown fence, XML-ish tags, chat-template tokens) was dropped. */
  EXTRACTED_DOCUMENT("dropped text around the JSON document"),
  /** A reasoning block such as {@code <think>..</think>} was dropped. */
  STRIPPED_REASONING("dropped a reasoning block"),
  /** The document had been serialized as a JSON string ({@code {\"a\": 1}}) and was decoded. */
  DECODED_ESCAPED_JSON("decoded a document that was written as an escaped string"),
  /** A byte-order mark, a non-JSON space character or a literal {@code \n} between tokens was dropped. */
  REMOVED_WHITESPACE("dropped a byte-order mark or non-JSON whitespace"),
  /** A line comment, a block comment or a {@code #} comment was dropped. */
  REMOVED_COMMENT("dropped a comment"),
  /** A trailing, doubled or leading comma was dropped. */
  REMOVED_COMMA("dropped a superfluous comma"),
  /** A missing comma between two members or elements was inserted. */
  INSERTED_COMMA("inserted a missing comma"),
  /** An unquoted object key was quoted. */
  QUOTED_KEY("quoted an unquoted key"),
  /** An unquoted token that is neither a number nor a literal became a string of its own text. */
  QUOTED_VALUE("quoted an unquoted value"),
  /** A string delimited by single, curly or back quotes was rewritten with double quotes. */
  NORMALIZED_QUOTES("replaced non-JSON string quotes"),
  /**
   * A Python, JavaScript or upper-case literal ({@code True}, {@code None}, {@code undefined})
   * became a JSON literal.
   */
  CONVERTED_LITERAL("converted a non-JSON literal"),
  /** {@code NaN} or an infinity became {@code null}. */
  NONFINITE_TO_NULL("replaced a non-finite number with null"),
  /** A literal cut short ({@code tr}, {@code fals}) was completed. */
  COMPLETED_LITERAL("completed a literal cut at the end of the text"),
  /** A raw control character inside a string was escaped. */
  ESCAPED_CONTROL_CHARACTER("escaped a raw control character in a string"),
  /** A double quote inside a string that did not end the string was escaped. */
  ESCAPED_INNER_QUOTE("escaped a quote inside a string"),
  /** An invalid escape such as {@code \U} kept its backslash, which was escaped. */
  KEPT_INVALID_ESCAPE("kept the backslash of an invalid escape"),
  /** A needless escape such as {@code \'} was replaced by the character it escapes. */
  REMOVED_ESCAPE("replaced a needless escape by its character"),
  /** An escape cut at the end of the text was dropped. */
  DROPPED_INCOMPLETE_ESCAPE("dropped an escape cut at the end of the text"),
  /** A number written in a non-JSON form ({@code +5}, {@code .5}, {@code 5.}) was rewritten. */
  NORMALIZED_NUMBER("rewrote a number in JSON form"),
  /** A number-like token that is not a JSON number ({@code 02134}, {@code 1.2.3}) became a string. */
  NUMBER_TO_STRING("kept a number-like token as a string"),
  /** A member without a value received {@code null}. */
  INSERTED_NULL("gave a member without a value null"),
  /** A string left open at the end of the text was closed. */
  CLOSED_STRING("closed a string cut at the end of the text"),
  /** An object or array left open was closed. */
  CLOSED_CONTAINER("closed an object or array left open"),
  /** A closer of the wrong kind closed the containers it was meant for. */
  FIXED_CLOSER("closed containers that a mismatched closer implied"),
  /** A surplus closing brace or bracket was dropped. */
  REMOVED_EXTRA_CLOSER("dropped a surplus closing bracket"),
  /** A missing opening brace or bracket was inserted. */
  INSERTED_OPENER("inserted a missing opening bracket"),
  /** Several top-level values were merged into one array. */
  MERGED_CONCATENATED("merged concatenated top-level values into an array"),
  /** Doubled braces ({@code {{ .. }}}) left from template escaping were collapsed. */
  COLLAPSED_DOUBLED_BRACES("collapsed doubled braces"),
  /** The schema asked for another scalar type and the value converted without loss. */
  SCHEMA_COERCED("converted a value to the type the schema asks for"),
  /** The schema asked for an array and the single value was wrapped in one. */
  SCHEMA_WRAPPED_IN_ARRAY("wrapped a value in an array as the schema asks"),
  /** The schema did not allow an array and its only element was used. */
  SCHEMA_UNWRAPPED_ARRAY("used the only element of an array as the schema asks"),
  /** A string matched exactly one enum member once case and padding were ignored. */
  SCHEMA_ENUM_MATCHED("replaced a string by the enum member it matches"),
  /** A string held the JSON object or array the schema asks for and was decoded. */
  SCHEMA_DECODED_STRING("decoded a stringified object or array"),
  /** A property that {@code additionalProperties: false} forbids was dropped. */
  SCHEMA_DROPPED_PROPERTY("dropped a property the schema forbids"),
  /** An array item cut by truncation that cannot satisfy its schema was dropped. */
  SCHEMA_DROPPED_ITEM("dropped an incomplete trailing array item");

  private final String description;

  RepairKind(String description) {
    this.description = description;
  }

  /** A short English description of the repair. */
  public String description() {
    return description;
  }
}
