package dev.router4j;

import dev.router4j.api.Usage;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.cost.Cost;
import dev.router4j.api.spi.Credential;
import dev.router4j.internal.budget.CallScope;
import dev.router4j.internal.budget.RateGate;
import dev.router4j.internal.budget.Reservation;
import dev.router4j.internal.budget.SpendGuard;
import dev.router4j.internal.budget.WorstCase;
import dev.router4j.internal.routing.AttemptGate;
import dev.router4j.internal.routing.Step;
import java.math.BigDecimal;

/**
 * One call's gate: before each attempt, reserve the worst case against every spend cap that
 * applies (workspace, key, user, tags) and take a rate-limit slot; after it, settle with the
 * actual cost, or release when the attempt failed.
 */
final class CallGate implements AttemptGate {
  private final SpendGuard guard;
  private final RateGate rates;
  private final CallScope scope;
  private final int promptTokens;
  private final BigDecimal platformFeePercent;

  CallGate(SpendGuard guard, RateGate rates, CallScope scope, int promptTokens,
      BigDecimal platformFeePercent) {
    this.guard = guard;
    this.rates = rates;
    this.scope = scope;
    this.promptTokens = promptTokens;
    this.platformFeePercent = platformFeePercent;
  }

  @Override
  public Ticket enter(Step step, Credential key, long remainingNanos) {
    Endpoint e = step.route().endpoint();
    CallScope s = scope.withKeyLabel(key == null ? null : key.label());
    Integer maxTokens = step.request().effectiveMaxTokens();
    BigDecimal worst = WorstCase.cost(e, promptTokens, maxTokens, false, 0, 0, platformFeePercent);
    Reservation reservation = guard.reserve(s, worst);
    long tokens = (long) promptTokens + WorstCase.completionTokens(e, promptTokens, maxTokens);
    try {
      rates.acquire(s, e.provider(), e.model(), tokens, Math.max(0, remainingNanos));
    } catch (RuntimeException refused) {
      guard.release(reservation);
      throw refused;
    }
    return new Ticket() {
      @Override
      public void settle(Cost cost, Usage usage) {
        guard.settle(reservation, cost);
        if (usage != null) {
          rates.reconcile(s, e.provider(), e.model(), tokens, usage.total());
        }
      }

      @Override
      public void release() {
        guard.release(reservation);
      }

      @Override
      public String keyLabel() {
        return s.keyLabel();
      }
    };
  }
}
