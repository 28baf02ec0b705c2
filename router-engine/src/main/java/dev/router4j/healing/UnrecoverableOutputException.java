package dev.router4j.healing;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import java.util.List;
import java.util.Objects;

/**
 * The model's text holds no JSON document that can be recovered honestly. This is an answer,
 * not a bug: refusals, prose without JSON, elided content, two competing documents and values
 * that fail the requested schema all end here. The category is
 * {@link ErrorCategory#PROVIDER_ERROR}: another attempt or another model may do better.
 */
public class UnrecoverableOutputException extends RouterException {
  private static final long serialVersionUID = 1L;

  /** Why the output could not be healed. */
  public enum Reason {
    /** The text is empty or holds only whitespace. */
    EMPTY,
    /** The text holds no JSON document (prose, YAML, a table, an HTML page, reasoning only). */
    NO_JSON,
    /** The text is a refusal to answer. */
    REFUSAL,
    /** The text holds two or more different documents separated by prose. */
    AMBIGUOUS_CANDIDATES,
    /** The model elided content ({@code [1, 2, ...]}, {@code {...}}); the value is not in the text. */
    ELIDED_CONTENT,
    /** The model left a placeholder such as {@code <name>} where a value belongs. */
    PLACEHOLDER,
    /** The healed value does not satisfy the requested schema and no lossless repair makes it so. */
    SCHEMA_VIOLATION,
    /** The text is longer than the healer's size cap. */
    TOO_LARGE,
    /** The document nests deeper than the healer's depth cap. */
    TOO_DEEP,
    /** The text is JSON-like but broken in a way no repair rule covers honestly. */
    MALFORMED
  }

  private final Reason reason;
  private final int offset;
  private final List<SchemaViolation> violations;

  /** Creates the exception for a reason, with no offset. */
  public UnrecoverableOutputException(Reason reason, String message) {
    this(reason, message, -1, List.of());
  }

  /** Creates the exception for a reason, naming the character offset in the input where healing stopped. */
  public UnrecoverableOutputException(Reason reason, String message, int offset) {
    this(reason, message, offset, List.of());
  }

  /** Creates a {@link Reason#SCHEMA_VIOLATION} exception listing the violations. */
  public UnrecoverableOutputException(List<SchemaViolation> violations) {
    this(Reason.SCHEMA_VIOLATION, describe(violations), -1, violations);
  }

  private UnrecoverableOutputException(
      Reason reason, String message, int offset, List<SchemaViolation> violations) {
    super(ErrorCategory.PROVIDER_ERROR, "unrecoverable model output [" + reason + "]: " + message);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.offset = offset;
    this.violations = List.copyOf(violations);
  }

  private static String describe(List<SchemaViolation> violations) {
    StringBuilder s = new StringBuilder("the value does not match the schema");
    int shown = 0;
    for (SchemaViolation v : violations) {
      if (shown == 5) {
        s.append("; and ").append(violations.size() - shown).append(" more");
        break;
      }
      s.append(shown == 0 ? ": " : "; ").append(v);
      shown++;
    }
    return s.toString();
  }

  /** Why the output could not be healed. */
  public Reason reason() {
    return reason;
  }

  /** The character offset in the input where healing stopped, or -1 when no single place is to blame. */
  public int offset() {
    return offset;
  }

  /** For {@link Reason#SCHEMA_VIOLATION}, what fails the schema and where; otherwise empty. */
  public List<SchemaViolation> violations() {
    return violations;
  }
}
