package dev.router4j.internal.healing;

import dev.router4j.healing.UnrecoverableOutputException;
import dev.router4j.healing.UnrecoverableOutputException.Reason;

/** An internal, stackless failure that the public API turns into {@link UnrecoverableOutputException}. */
public final class ParseFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Reason reason;
  private final int offset;
  private long work;

  ParseFailure(Reason reason, String message, int offset) {
    super(message, null, false, false);
    this.reason = reason;
    this.offset = offset;
  }

  /** Why parsing stopped. */
  public Reason reason() {
    return reason;
  }

  /** Where parsing stopped, or -1. */
  public int offset() {
    return offset;
  }

  /** Characters examined before healing gave up (a linear-time witness, like {@link HealEngine.Outcome#work}). */
  public long work() {
    return work;
  }

  void addWork(long w) {
    work += w;
  }

  /** The public exception for this failure. */
  public UnrecoverableOutputException toPublic() {
    return new UnrecoverableOutputException(reason, getMessage(), offset);
  }
}
