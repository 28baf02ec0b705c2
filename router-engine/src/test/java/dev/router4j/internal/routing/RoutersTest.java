package dev.router4j.internal.routing;

import static dev.router4j.internal.routing.Fixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.Plugin;
import dev.router4j.api.Tool;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.error.NoEndpointException;
import dev.router4j.internal.tokens.TokenEstimator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The auto and free routers and the task classifier. */
class RoutersTest {
  private final List<Endpoint> catalog = List.of(
      endpoint("a", "acme/coder-small", "0.10", "0.20").supportedParameters("tools", "max_tokens").build(),
      endpoint("a", "acme/chat-mini", "0.05", "0.10").supportedParameters("max_tokens").build(),
      endpoint("b", "acme/chat-pro", "5.00", "15.00").supportedParameters("tools", "structured_outputs").build(),
      endpoint("b", "acme/thinking-max", "10.00", "40.00").supportedParameters("reasoning").build(),
      endpoint("a", "acme/chat-mini:free", "0", "0").supportedParameters("max_tokens").build(),
      endpoint("c", "acme/open-free", "0", "0").supportedParameters("tools").build());

  private Planner planner(long seed) {
    return new Planner(Fixtures.registry(catalog), new HealthTracker(new Fixtures.ManualTicker()),
        new SplittableRandom(seed), TokenEstimator::promptTokens, null);
  }

  private static List<String> models(RoutePlan plan) {
    return plan.steps().stream().map(s -> s.route().endpoint().model()).distinct().toList();
  }

  @Test
  void classifierTellsTheTasksApart() {
    assertThat(TaskClassifier.classify(ChatRequest.builder().user("Why does my Java code throw a "
        + "NullPointerException in `list.get(0)`?").build(), 20)).isEqualTo(TaskClassifier.Task.CODE);
    assertThat(TaskClassifier.classify(ChatRequest.builder().user("Prove that there are infinitely "
        + "many primes.").build(), 20)).isEqualTo(TaskClassifier.Task.MATH);
    assertThat(TaskClassifier.classify(ChatRequest.builder().user("Tell me about Lyon.").build(), 20))
        .isEqualTo(TaskClassifier.Task.CHAT);
    assertThat(TaskClassifier.classify(ChatRequest.builder().user("hi").build(), 50_000))
        .isEqualTo(TaskClassifier.Task.LONG_CONTEXT);
    assertThat(TaskClassifier.classify(ChatRequest.builder()
        .message(Message.user("What is this?", ContentPart.imageUrl("https://x.example/a.png"))).build(), 20))
        .isEqualTo(TaskClassifier.Task.VISION);
    assertThat(TaskClassifier.classify(ChatRequest.builder().user("weather?")
        .tools(Tool.function("w", null, null)).build(), 20)).isEqualTo(TaskClassifier.Task.TOOLS);
  }

  @Test
  void autoPicksACodeModelFromTheLowTierForCode() {
    RoutePlan plan = planner(1).plan(ChatRequest.builder().model("openrouter/auto")
        .user("Refactor this Python function: def f(x): return x*2").build());
    assertThat(models(plan).get(0)).isEqualTo("acme/coder-small");
    assertThat(models(plan)).doesNotContain("acme/chat-mini:free", "acme/open-free");
  }

  @Test
  void autoHonoursTheCostTierAndModelGlobs() {
    ChatRequest max = ChatRequest.builder().model("auto").user("Tell me a story.")
        .plugins(new Plugin("auto-router", null, Map.of("cost_tier", "max"))).build();
    assertThat(models(planner(1).plan(max)).get(0)).isEqualTo("acme/thinking-max");
    ChatRequest globbed = ChatRequest.builder().model("auto").user("Tell me a story.")
        .plugins(new Plugin("auto-router", null, Map.of("allowed_models", List.of("acme/chat-*")))).build();
    assertThat(models(planner(1).plan(globbed))).allMatch(m -> m.startsWith("acme/chat-"));
    ChatRequest badTier = ChatRequest.builder().model("auto").user("x")
        .plugins(new Plugin("auto-router", null, Map.of("cost_tier", "cheap"))).build();
    assertThatThrownBy(() -> planner(1).plan(badTier)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cost_tier");
  }

  @Test
  void autoKeepsOnlyModelsThatSupportTheRequestsTools() {
    RoutePlan plan = planner(1).plan(ChatRequest.builder().model("openrouter/auto").user("weather in Paris?")
        .tools(Tool.function("weather", null, null)).build());
    assertThat(models(plan)).containsOnly("acme/coder-small", "acme/chat-pro");
  }

  @Test
  void freePicksUniformlyAmongFreeModelsThatFit() {
    Map<String, Integer> firsts = new HashMap<>();
    for (int seed = 0; seed < 4_000; seed++) {
      RoutePlan plan = planner(seed).plan(ChatRequest.builder().model("openrouter/free").user("hi").build());
      firsts.merge(models(plan).get(0), 1, Integer::sum);
      assertThat(models(plan)).containsExactlyInAnyOrder("acme/chat-mini:free", "acme/open-free");
    }
    assertThat(firsts.get("acme/open-free")).isBetween(1_800, 2_200);
    RoutePlan tools = planner(3).plan(ChatRequest.builder().model("free").user("hi")
        .tools(Tool.function("t", null, null)).build());
    assertThat(models(tools)).containsExactly("acme/open-free");
  }

  @Test
  void freeWithNothingFittingFailsAsNoEndpoint() {
    assertThatThrownBy(() -> planner(1).plan(ChatRequest.builder().model("free")
        .message(Message.user("see", ContentPart.imageUrl("https://x.example/i.png"))).build()))
        .isInstanceOf(NoEndpointException.class).hasMessageContaining("[free]");
  }
}
