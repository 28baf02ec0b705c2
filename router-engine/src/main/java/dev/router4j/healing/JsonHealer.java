package dev.router4j.healing;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.error.RouterException;
import dev.router4j.healing.UnrecoverableOutputException.Reason;
import dev.router4j.internal.healing.HealEngine;
import dev.router4j.internal.healing.JNode;
import dev.router4j.internal.healing.ParseFailure;
import dev.router4j.internal.healing.RepairLog;
import dev.router4j.internal.healing.SchemaSupport;
import dev.router4j.internal.healing.StrictJsonScanner;
import dev.router4j.internal.healing.TreeText;
import java.util.List;

/**
 * Heals the JSON a language model wrote: finds the one document in the text, repairs its
 * syntax, closes output cut by a token limit and, given a JSON Schema, applies lossless
 * coercions and validates. Immutable and thread-safe.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Strictly valid JSON with no schema comes back as the same {@code String} instance,
 *       decided by a validating scan that builds no tree.
 *   <li>A text that is one strictly valid document once whitespace of any kind (BOM, NBSP and
 *       the like) is trimmed from its ends is taken as that document, with or without a
 *       schema: its strings are never searched for fences, reasoning tags, chat-template
 *       tokens or other wrapping. Under a schema such a document comes back as written when it
 *       satisfies the schema; otherwise the schema's coercions apply to it alone.
 *   <li>Healing is idempotent: healing a healed document, under the same schema or none,
 *       returns it unchanged.
 *   <li>Numbers are carried as text: no digit is ever lost to a double.
 *   <li>Work is linear in the length of the text, whatever the number of repairs; input longer
 *       than {@link Builder#maxInputChars(int)} is refused, and nesting deeper than
 *       {@link Builder#maxDepth(int)} gives a typed error, never a stack overflow.
 *   <li>Only {@link UnrecoverableOutputException} (and {@link InvalidRequestException} for a
 *       bad schema) escape.
 * </ul>
 *
 * <p>Where a text could be read more than one way, the healer follows the conventions of the
 * project's healing corpus: concatenated values become an array; {@code NaN} and infinities
 * become null; an unquoted word becomes a string of its own text; a number with leading zeros
 * becomes a string unless a schema asks for a number; an invalid escape keeps its backslash;
 * truncated output is closed at the cut; elided content ({@code ...}), placeholders and two
 * competing documents are refused.
 */
public final class JsonHealer {
  /** The default size cap: 8 MiB characters. */
  public static final int DEFAULT_MAX_INPUT_CHARS = 8 * 1024 * 1024;
  /** The default nesting cap. */
  public static final int DEFAULT_MAX_DEPTH = 512;
  /** The largest nesting cap a builder accepts. */
  public static final int MAX_DEPTH_LIMIT = 2048;

  private static final JsonHealer DEFAULT = new Builder().build();

  private final int maxInputChars;
  private final int maxDepth;
  private final HealEngine engine;

  private JsonHealer(Builder b) {
    this.maxInputChars = b.maxInputChars;
    this.maxDepth = b.maxDepth;
    this.engine = new HealEngine(maxDepth);
  }

  /** A healer with the default limits. */
  public static JsonHealer create() {
    return DEFAULT;
  }

  /** Starts a builder for a healer with other limits. */
  public static Builder builder() {
    return new Builder();
  }

  /** The size cap in characters. */
  public int maxInputChars() {
    return maxInputChars;
  }

  /** The nesting cap. */
  public int maxDepth() {
    return maxDepth;
  }

  /**
   * Heals a model's text without a schema.
   *
   * @param text what the model wrote
   * @return the healed document
   * @throws UnrecoverableOutputException when no document can be recovered honestly
   */
  public HealResult heal(String text) {
    return healWith(text, null);
  }

  /**
   * Heals a model's text under a JSON Schema given as text.
   *
   * @param text what the model wrote
   * @param jsonSchema the response schema as JSON text, or null for none
   * @return the healed document, which satisfies the schema
   * @throws UnrecoverableOutputException when no document can be recovered honestly, or the
   *     value fails the schema and no lossless coercion fixes it ({@link Reason#SCHEMA_VIOLATION},
   *     with the violations)
   * @throws InvalidRequestException when the schema is not valid JSON
   */
  public HealResult heal(String text, String jsonSchema) {
    return healWith(text, jsonSchema == null ? null : JsonSchemaValidator.compile(jsonSchema, maxDepth));
  }

  /**
   * Heals a model's text under a compiled schema (compile once, heal many times).
   *
   * @param text what the model wrote
   * @param schema the compiled response schema, or null for none
   * @return the healed document, which satisfies the schema
   * @throws UnrecoverableOutputException as {@link #heal(String, String)} does
   */
  public HealResult healWith(String text, JsonSchemaValidator schema) {
    if (text == null) {
      throw new UnrecoverableOutputException(Reason.EMPTY, "there is no output");
    }
    if (text.length() > maxInputChars) {
      throw new UnrecoverableOutputException(
          Reason.TOO_LARGE,
          "the output has " + text.length() + " characters, more than the cap of " + maxInputChars);
    }
    try {
      boolean valid = StrictJsonScanner.isValid(text);
      if (schema == null) {
        if (valid) {
          return HealResult.unchanged(text);
        }
        HealEngine.Outcome o = engine.strictDocument(text, false, false);
        if (o == null) {
          o = engine.repair(text, false);
        }
        return result(text, o.json, o.log, o.truncated);
      }
      SchemaSupport support = schema.support();
      // A strictly valid document (once trimmed) is the answer as it stands: coercion works on
      // it alone, never on something found inside its strings, and a document that already
      // satisfies the schema is returned as written. Healed output is such a document, so
      // healing it again changes nothing.
      HealEngine.Outcome o = engine.strictDocument(text, valid, true);
      if (o != null && support.validate(o.tree).isEmpty()) {
        return valid ? HealResult.unchanged(text) : result(text, o.json, o.log, false);
      }
      if (o == null) {
        o = engine.repair(text, true);
      }
      RepairLog log = o.log;
      JNode value = support.coerce(o.tree, log, o.truncated);
      List<SchemaViolation> violations = support.validate(value);
      if (!violations.isEmpty()) {
        throw new UnrecoverableOutputException(violations);
      }
      return result(text, TreeText.write(value), log, o.truncated);
    } catch (ParseFailure f) {
      throw f.toPublic();
    } catch (RouterException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      UnrecoverableOutputException u =
          new UnrecoverableOutputException(Reason.MALFORMED, "the healer could not read the output");
      u.initCause(e);
      throw u;
    }
  }

  private static HealResult result(String input, String json, RepairLog log, boolean truncated) {
    // Already immutable and ordered by offset: HealResult keeps it without another copy.
    return new HealResult(json, log.inOffsetOrder(), log.count(), !json.equals(input), truncated);
  }

  /** Builds a {@link JsonHealer}. Not thread-safe. */
  public static final class Builder {
    private int maxInputChars = DEFAULT_MAX_INPUT_CHARS;
    private int maxDepth = DEFAULT_MAX_DEPTH;

    private Builder() {}

    /**
     * The longest text, in characters, the healer accepts; longer text is refused with
     * {@link Reason#TOO_LARGE}. Default {@value #DEFAULT_MAX_INPUT_CHARS}.
     *
     * @param maxInputChars a positive number of characters
     * @return this builder
     */
    public Builder maxInputChars(int maxInputChars) {
      if (maxInputChars <= 0) {
        throw new InvalidRequestException("maxInputChars", "must be positive");
      }
      this.maxInputChars = maxInputChars;
      return this;
    }

    /**
     * The deepest nesting the healer repairs or validates; deeper documents are refused with
     * {@link Reason#TOO_DEEP}. Strictly valid JSON without a schema is returned unchanged
     * whatever its depth. Default {@value JsonHealer#DEFAULT_MAX_DEPTH}, at most
     * {@value JsonHealer#MAX_DEPTH_LIMIT}.
     *
     * @param maxDepth a depth between 1 and {@value JsonHealer#MAX_DEPTH_LIMIT}
     * @return this builder
     */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
        throw new InvalidRequestException("maxDepth", "must be between 1 and " + MAX_DEPTH_LIMIT);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /** Builds the healer. */
    public JsonHealer build() {
      return new JsonHealer(this);
    }
  }
}
