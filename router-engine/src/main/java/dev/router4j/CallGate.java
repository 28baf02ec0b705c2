package dev.router4j;

import dev.router4j.api.ChatRequest;
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
import dev.router4j.internal.tokens.Tokenizer;
import dev.router4j.internal.tokens.TokenizerEncoding;
import java.math.BigDecimal;
import java.util.function.ToIntBiFunction;

/**
 * One call's gate: before each attempt, reserve the worst case against every spend cap that
 * applies (workspace, key, user, tags) and take a rate-limit slot; after it, settle with the
 * actual cost, or release when the attempt failed.
 *
 * <p>The worst case and the token estimate count the call's prompt with the real tokenizer of
 * the endpoint's model family ({@link Tokenizer}), plus the completion the request allows. The
 * prompt is counted only when the call's workspace has a spend cap or a token limit applies,
 * so that calls with neither pay nothing for it, and at most once per encoding, however many
 * attempts and fallbacks the call makes.
 */
final class CallGate implements AttemptGate {
  private final SpendGuard guard;
  private final RateGate rates;
  private final CallScope scope;
  private final ChatRequest request;
  private final BigDecimal platformFeePercent;
  private final ToIntBiFunction<Tokenizer, ChatRequest> counter;
  // The prompt's tokens by encoding, -1 until counted. A racing second count is harmless.
  private volatile int o200kTokens = -1;
  private volatile int cl100kTokens = -1;

  CallGate(SpendGuard guard, RateGate rates, CallScope scope, ChatRequest request,
      BigDecimal platformFeePercent) {
    this(guard, rates, scope, request, platformFeePercent, Tokenizer::promptTokens);
  }

  /** With the function that counts a prompt, which tests replace to watch the counting. */
  CallGate(SpendGuard guard, RateGate rates, CallScope scope, ChatRequest request,
      BigDecimal platformFeePercent, ToIntBiFunction<Tokenizer, ChatRequest> counter) {
    this.guard = guard;
    this.rates = rates;
    this.scope = scope;
    this.request = request;
    this.platformFeePercent = platformFeePercent;
    this.counter = counter;
  }

  @Override
  public Ticket enter(Step step, Credential key, long remainingNanos) {
    Endpoint e = step.route().endpoint();
    CallScope s = scope.withKeyLabel(key == null ? null : key.label());
    boolean capped = guard.hasCaps(s.workspace());
    boolean tokenLimited = rates.countsTokens(s.workspace());
    Integer maxTokens = step.request().effectiveMaxTokens();
    int prompt = capped || tokenLimited ? promptTokens(e.model()) : 0;
    BigDecimal worst = capped
        ? WorstCase.cost(e, prompt, maxTokens, false, 0, 0, platformFeePercent)
        : BigDecimal.ZERO;
    Reservation reservation = guard.reserve(s, worst);
    // Without a token limit no bucket counts tokens: 0 keeps the gate from doing any sums.
    long tokens = tokenLimited
        ? (long) prompt + WorstCase.completionTokens(e, prompt, maxTokens) : 0;
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
        if (usage != null && tokenLimited) {
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

  /** The call's prompt tokens with the tokenizer of the model's family, counted once. */
  private int promptTokens(String model) {
    Tokenizer tokenizer = Tokenizer.forModel(model);
    boolean o200k = tokenizer.encoding() == TokenizerEncoding.O200K_BASE;
    int n = o200k ? o200kTokens : cl100kTokens;
    if (n < 0) {
      n = counter.applyAsInt(tokenizer, request);
      if (o200k) {
        o200kTokens = n;
      } else {
        cl100kTokens = n;
      }
    }
    return n;
  }
}
