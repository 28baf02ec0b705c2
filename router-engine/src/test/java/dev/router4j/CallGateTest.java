package dev.router4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.testing.NoCalls;
import dev.router4j.internal.budget.CallScope;
import dev.router4j.internal.budget.RateGate;
import dev.router4j.internal.budget.SpendGuard;
import dev.router4j.internal.routing.AttemptGate;
import dev.router4j.internal.routing.Route;
import dev.router4j.internal.routing.Step;
import dev.router4j.internal.tokens.TokenEstimator;
import dev.router4j.internal.tokens.Tokenizer;
import dev.router4j.workspace.BudgetPeriod;
import dev.router4j.workspace.RateLimit;
import dev.router4j.workspace.RateLimitExceededException;
import dev.router4j.workspace.SpendCap;
import dev.router4j.workspace.Workspace;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntBiFunction;
import org.junit.jupiter.api.Test;

class CallGateTest {
  private static final ProviderAdapter NO_CALLS = NoCalls.adapter("the gate makes no calls");

  /** A prompt where four characters a token is far off: non-Latin text and many digits. */
  private static final ChatRequest REQUEST = ChatRequest.builder().model("openai/gpt-4o")
      .system("Réponds en japonais, brièvement.")
      .user("東京から大阪までの距離は何キロメートルですか？ 3.14159265358979 × 2.71828182845904 = ?")
      .maxTokens(300)
      .build();

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<String> counted = new ArrayList<>();
  private final ToIntBiFunction<Tokenizer, ChatRequest> counter = (t, r) -> {
    counted.add(t.encoding().encodingName());
    return t.promptTokens(r);
  };

  private static Step step(String model, String promptPerM, String completionPerM) {
    Endpoint e = Endpoint.builder("acme", model)
        .pricing(Pricing.perMillion(promptPerM, completionPerM)).contextLength(128_000).build();
    Provider p = new Provider("acme", NO_CALLS, List.of(), List.of(), List.of(e));
    return new Step(new Route(e, p), REQUEST.toBuilder().model(model).build());
  }

  private static SpendGuard guard(Workspace... workspaces) {
    return SpendGuard.builder().workspace(workspaces).build();
  }

  private RateGate rates(Workspace... workspaces) {
    return new RateGate(List.of(workspaces), List.of(), now::get, d -> { });
  }

  private CallGate gate(SpendGuard guard, RateGate rates) {
    return new CallGate(guard, rates, CallScope.of("prod"), REQUEST, BigDecimal.ZERO, counter);
  }

  private static BigDecimal perMillion(String price, long tokens) {
    return new BigDecimal(price).multiply(BigDecimal.valueOf(tokens))
        .divide(BigDecimal.valueOf(1_000_000));
  }

  @Test
  void theReservationIsTheTokenizersCountPlusMaxTokensAtTheEndpointsPrices() {
    Workspace prod = Workspace.builder("prod")
        .spendCap(SpendCap.workspace(BudgetPeriod.MONTH, "10.00")).build();
    SpendGuard guard = guard(prod);
    CallGate gate = gate(guard, rates(prod));
    int tokens = Tokenizer.o200k().promptTokens(REQUEST);
    // The gate does not reserve on the character estimate any more.
    assertThat(tokens).isNotEqualTo(TokenEstimator.promptTokens(REQUEST));

    AttemptGate.Ticket ticket = gate.enter(step("openai/gpt-4o", "2.50", "10"), null, Long.MAX_VALUE);

    BigDecimal expected = perMillion("2.50", tokens).add(perMillion("10", 300));
    assertThat(guard.caps("prod").get(0).reserved()).isEqualByComparingTo(expected);
    ticket.release();
    assertThat(guard.caps("prod").get(0).reserved()).isEqualByComparingTo("0");
    assertThat(counted).containsExactly("o200k_base");
  }

  @Test
  void thePromptIsCountedOncePerEncodingHoweverManyAttemptsTheCallMakes() {
    Workspace prod = Workspace.builder("prod")
        .spendCap(SpendCap.workspace(BudgetPeriod.DAY, "10.00")).build();
    SpendGuard guard = guard(prod);
    CallGate gate = gate(guard, rates(prod));
    Step gpt4o = step("openai/gpt-4o", "2.50", "10");
    Step gpt41 = step("openai/gpt-4.1", "2", "8");
    Step gpt4 = step("openai/gpt-4", "30", "60");

    gate.enter(gpt4o, null, Long.MAX_VALUE).release();
    gate.enter(gpt4o, null, Long.MAX_VALUE).release(); // a retry
    gate.enter(gpt41, null, Long.MAX_VALUE).release(); // a fallback with the same encoding
    assertThat(counted).containsExactly("o200k_base");

    // A fallback to a model of another family is counted with its own tokenizer.
    gate.enter(gpt4, null, Long.MAX_VALUE);
    int cl100k = Tokenizer.cl100k().promptTokens(REQUEST);
    assertThat(cl100k).isNotEqualTo(Tokenizer.o200k().promptTokens(REQUEST));
    assertThat(guard.caps("prod").get(0).reserved())
        .isEqualByComparingTo(perMillion("30", cl100k).add(perMillion("60", 300)));
    gate.enter(gpt4, null, Long.MAX_VALUE);
    assertThat(counted).containsExactly("o200k_base", "cl100k_base");
  }

  @Test
  void aCallWithNoCapAndNoTokenLimitCountsNothing() {
    Workspace prod = Workspace.builder("prod").rateLimit(RateLimit.workspace(100)).build();
    SpendGuard guard = guard(prod);
    CallGate gate = gate(guard, rates(prod));
    AttemptGate.Ticket ticket = gate.enter(step("openai/gpt-4o", "2.50", "10"), null, Long.MAX_VALUE);
    ticket.settle(null, null);
    assertThat(counted).isEmpty();
    assertThat(guard.caps("prod")).isEmpty();

    CallGate noWorkspace = new CallGate(guard(), rates(), CallScope.NONE, REQUEST, BigDecimal.ZERO,
        counter);
    noWorkspace.enter(step("openai/gpt-4o", "2.50", "10"), null, Long.MAX_VALUE).release();
    assertThat(counted).isEmpty();
  }

  @Test
  void aTokenLimitTakesTheTokenizersCountPlusMaxTokens() {
    long allowance = 10_000;
    Workspace prod = Workspace.builder("prod")
        .rateLimit(RateLimit.builder(RateLimit.Scope.WORKSPACE).tokensPerMinute(allowance).build())
        .build();
    RateGate rates = rates(prod);
    CallGate gate = gate(guard(prod), rates);
    gate.enter(step("openai/gpt-4o", "2.50", "10"), null, Long.MAX_VALUE);

    long taken = Tokenizer.o200k().promptTokens(REQUEST) + 300L;
    assertThat(counted).containsExactly("o200k_base");
    // The bucket holds exactly what is left: one token more does not fit, what is left does.
    CallScope scope = CallScope.of("prod");
    assertThatThrownBy(() -> rates.reserve(scope, "acme", "openai/gpt-4o", allowance - taken + 1, 0))
        .isInstanceOf(RateLimitExceededException.class);
    assertThat(rates.reserve(scope, "acme", "openai/gpt-4o", allowance - taken, 0)).isZero();
  }

  @Test
  void aRouterWideTokenLimitCountsForCallsOfEveryWorkspace() {
    Workspace prod = Workspace.of("prod");
    RateGate rates = new RateGate(List.of(prod),
        List.of(RateLimit.builder(RateLimit.Scope.PROVIDER).match("acme").tokensPerMinute(5_000)
            .build()), now::get, d -> { });
    assertThat(rates.countsTokens("prod")).isTrue();
    assertThat(rates.countsTokens(null)).isTrue();
    gate(guard(prod), rates).enter(step("openai/gpt-4o", "2.50", "10"), null, Long.MAX_VALUE);
    assertThat(counted).containsExactly("o200k_base");
  }
}
