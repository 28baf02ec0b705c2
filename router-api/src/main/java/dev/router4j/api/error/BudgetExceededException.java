package dev.router4j.api.error;

/** A spend cap would be crossed by the request; {@link #cap()} names the cap. */
public class BudgetExceededException extends RouterException {
  private static final long serialVersionUID = 1L;

  private final String cap;

  /** Creates the exception naming the cap, for example {@code workspace prod, daily $10.00}. */
  public BudgetExceededException(String cap, String message) {
    super(ErrorCategory.PAYMENT, message);
    this.cap = cap;
  }

  /** The cap that was hit. */
  public String cap() {
    return cap;
  }
}
