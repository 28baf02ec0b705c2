package dev.router4j.ledger;

/** A ledger could not open, migrate, read or write its store, or was interrupted waiting. */
public class LedgerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message.
   *
   * @param message what failed
   */
  public LedgerException(String message) {
    super(message);
  }

  /**
   * An exception with a message and its cause.
   *
   * @param message what failed
   * @param cause why
   */
  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }
}
