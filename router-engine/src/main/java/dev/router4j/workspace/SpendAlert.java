package dev.router4j.workspace;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A spend cap reached one of its alert thresholds. Each threshold is reported once per cap,
 * subject and period; a new period reports them afresh.
 *
 * @param workspace the workspace's name
 * @param cap the cap
 * @param subject the key label, user or tag value whose spend reached the threshold, or null
 *     for a workspace cap
 * @param percent the threshold reached, a percentage of the cap's limit
 * @param spent what has been spent in the period, settled costs only (not reservations)
 * @param periodStart when the period began ({@link Instant#EPOCH} for an all-time cap)
 */
public record SpendAlert(
    String workspace, SpendCap cap, String subject, int percent, BigDecimal spent,
    Instant periodStart) {

  /** The cap as messages name it, e.g. {@code user u-42 in workspace prod, daily $2.00}. */
  public String capName() {
    return cap.describe(workspace, subject);
  }

  @Override
  public String toString() {
    return capName() + " reached " + percent + "%: $" + spent.toPlainString() + " spent since "
        + periodStart;
  }
}
