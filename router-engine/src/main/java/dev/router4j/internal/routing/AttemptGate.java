package dev.router4j.internal.routing;

import dev.router4j.api.Usage;
import dev.router4j.api.cost.Cost;
import dev.router4j.api.spi.Credential;

/**
 * What an attempt must pass before it is sent: spend caps (a worst-case reservation) and rate
 * limits. The ticket it hands out is settled with the actual cost when the attempt answered,
 * or released when it failed, so a failed attempt costs nothing.
 */
@FunctionalInterface
public interface AttemptGate {
  /** A gate that lets everything through. */
  AttemptGate OPEN = (step, key, remainingNanos) -> Ticket.NONE;

  /**
   * Admits an attempt or refuses it.
   *
   * @throws dev.router4j.api.error.RouterException a budget or rate-limit refusal
   */
  Ticket enter(Step step, Credential key, long remainingNanos);

  /** An admitted attempt's claim on budgets and limits. */
  interface Ticket {
    /** Holds nothing. */
    Ticket NONE = new Ticket() {
      @Override
      public void settle(Cost cost, Usage usage) {}

      @Override
      public void release() {}
    };

    /** The attempt answered: charge its actual cost (null: charge the reservation). */
    void settle(Cost cost, Usage usage);

    /** The attempt failed: give everything back. */
    void release();

    /** The label of the key the attempt used, or null. */
    default String keyLabel() {
      return null;
    }
  }
}
