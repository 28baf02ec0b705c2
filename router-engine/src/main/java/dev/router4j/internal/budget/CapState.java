package dev.router4j.internal.budget;

import dev.router4j.workspace.SpendCap;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A snapshot of one cap's counter: what was spent in the current period and what is reserved
 * by attempts still running.
 *
 * @param workspace the workspace's name
 * @param cap the cap
 * @param subject the key label, user or tag value counted, or null for a workspace cap
 * @param periodStart when the current period began ({@link Instant#EPOCH} for all time)
 * @param periodEnd when it ends ({@link Instant#MAX} for all time)
 * @param spent settled costs in the period
 * @param reserved worst-case costs of attempts not yet settled
 */
public record CapState(
    String workspace, SpendCap cap, String subject, Instant periodStart, Instant periodEnd,
    BigDecimal spent, BigDecimal reserved) {

  /** What may still be reserved: limit − spent − reserved (negative when a settlement overshot). */
  public BigDecimal remaining() {
    return cap.limit().subtract(spent).subtract(reserved);
  }

  /** The cap as messages name it. */
  public String capName() {
    return cap.describe(workspace, subject);
  }
}
