package dev.router4j.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.AllRoutesFailedException;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.StreamHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Adapters may report a provider's error answer without a stack trace; what the caller of a
 * routed call gets must still show where it called from.
 */
class AttemptRunnerStackTraceTest {
  private final Fixtures.ManualTicker ticker = new Fixtures.ManualTicker();
  private final List<RouteAttempt> observed = new ArrayList<>();

  private static ProviderException bare(ErrorCategory category, int status, String slug) {
    return ProviderException.builder(category).provider(slug).model("m").httpStatus(status)
        .providerMessage("no").requestId("req-" + slug).stackTrace(false).build();
  }

  private static Provider provider(String slug, Function<ProviderCall, ChatResponse> answer) {
    ProviderAdapter adapter = new ProviderAdapter() {
      @Override
      public String protocol() {
        return "test";
      }

      @Override
      public ChatResponse chat(ProviderCall call) {
        return answer.apply(call);
      }

      @Override
      public StreamHandle stream(ProviderCall call, ChunkListener listener) {
        throw new AssertionError("no streams here");
      }
    };
    return new Provider(slug, adapter, List.of(), List.of(), List.of());
  }

  private RoutePlan plan(Provider... providers) {
    ChatRequest request = ChatRequest.builder().model("x/m").user("hi").build();
    List<Step> steps = new ArrayList<>();
    for (Provider p : providers) {
      Endpoint e = Fixtures.endpoint(p.slug(), "x/m", "1", "2").build();
      steps.add(new Step(new Route(e, p), request));
    }
    return new RoutePlan(steps, List.of());
  }

  private AttemptRunner runner() {
    AttemptPolicy noRetries = new AttemptPolicy(Duration.ofSeconds(5), Duration.ofSeconds(10), 0,
        Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1));
    return new AttemptRunner(ticker, noRetries, new Breakers(1_000, Duration.ofSeconds(30)),
        new HealthTracker(ticker), new SplittableRandom(1), d -> { }, new KeyRing(ticker),
        observed::add);
  }

  private static boolean showsThisTest(Throwable t, String method) {
    for (StackTraceElement f : t.getStackTrace()) {
      if (f.getClassName().equals(AttemptRunnerStackTraceTest.class.getName())
          && f.getMethodName().equals(method)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void anOnlyFailureWithoutAStackTraceIsRethrownAsACopyShowingTheCaller() {
    ProviderException thrown = bare(ErrorCategory.INVALID_REQUEST, 400, "a");
    RoutePlan plan = plan(provider("a", c -> {
      throw thrown;
    }), provider("b", c -> {
      throw new AssertionError("an invalid request is not worth a fallback");
    }));

    ProviderException e = catchThrowableOfType(() -> runner().run(plan), ProviderException.class);

    assertThat(e).isNotSameAs(thrown);
    assertThat(showsThisTest(e,
        "anOnlyFailureWithoutAStackTraceIsRethrownAsACopyShowingTheCaller")).isTrue();
    assertThat(e).hasMessage(thrown.getMessage());
    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.requestId()).isEqualTo("req-a");
    assertThat(observed).extracting(RouteAttempt::outcome)
        .containsExactly(RouteAttempt.Outcome.FAILED);
    assertThat(observed.get(0).detail()).isEqualTo(thrown.getMessage());
  }

  @Test
  void anOnlyFailureThatHasAStackTraceIsRethrownItself() {
    ProviderException thrown = ProviderException.builder(ErrorCategory.PROVIDER_OVERLOADED)
        .provider("a").httpStatus(503).build();
    RoutePlan plan = plan(provider("a", c -> {
      throw thrown;
    }));
    assertThat(catchThrowableOfType(() -> runner().run(plan), RouterException.class))
        .isSameAs(thrown);
  }

  @Test
  void everyEndpointFailingGivesTheCallerATraceAndKeepsEachFailure() {
    ProviderException first = bare(ErrorCategory.PROVIDER_OVERLOADED, 503, "a");
    ProviderException second = bare(ErrorCategory.PROVIDER_ERROR, 500, "b");
    RoutePlan plan = plan(provider("a", c -> {
      throw first;
    }), provider("b", c -> {
      throw second;
    }));

    AllRoutesFailedException e =
        catchThrowableOfType(() -> runner().run(plan), AllRoutesFailedException.class);

    assertThat(showsThisTest(e, "everyEndpointFailingGivesTheCallerATraceAndKeepsEachFailure"))
        .isTrue();
    assertThat(e.failures()).containsExactly(first, second);
    assertThat(e.getCause()).isSameAs(second);
    assertThat(e.getMessage()).contains(second.getMessage());
    assertThat(observed).extracting(RouteAttempt::outcome)
        .containsExactly(RouteAttempt.Outcome.FELL_BACK, RouteAttempt.Outcome.FAILED);
    assertThat(observed).extracting(RouteAttempt::httpStatus).containsExactly(503, 500);
  }
}
