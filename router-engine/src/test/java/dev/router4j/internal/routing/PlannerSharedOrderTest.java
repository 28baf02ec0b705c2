package dev.router4j.internal.routing;

import static dev.router4j.internal.routing.Fixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.routing.Sort;
import dev.router4j.internal.tokens.TokenEstimator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Plans where nothing is filtered out and nothing failed lately: the planner then reuses the
 * registry's price order and draw weights. They must give what the general path gives.
 */
class PlannerSharedOrderTest {
  private final Fixtures.ManualTicker ticker = new Fixtures.ManualTicker();
  // m/x: blended prices 1, 2 and 6 per million, plus two at 2 to check ties; m/y elsewhere.
  private final List<Endpoint> catalog = List.of(
      endpoint("beta", "m/x", "1.00", "1.00").build(),
      endpoint("gamma", "m/x", "3.00", "3.00").build(),
      endpoint("alpha", "m/x", "0.50", "0.50").build(),
      endpoint("eps", "m/x", "1.00", "1.00").build(),
      endpoint("zeta", "m/x", "1.00", "1.00").build(),
      endpoint("alpha", "m/y", "1.00", "1.00").build());

  private Planner planner(HealthTracker health, long seed) {
    return new Planner(Fixtures.registry(catalog), health, new SplittableRandom(seed),
        TokenEstimator::promptTokens, null);
  }

  private static ChatRequest request(String model) {
    return ChatRequest.builder().model(model).user("hello").build();
  }

  private static List<String> tags(RoutePlan plan) {
    List<String> out = new ArrayList<>();
    for (Step s : plan.steps()) {
      out.add(s.route().endpoint().tag());
    }
    return out;
  }

  @Test
  void theDrawFollowsInversePriceSquaredWhenNothingIsFilteredOut() {
    Planner planner = planner(new HealthTracker(ticker), 42);
    ChatRequest r = request("m/x");
    Map<String, Integer> firsts = new HashMap<>();
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      RoutePlan plan = planner.plan(r);
      assertThat(plan.exclusions()).isEmpty();
      firsts.merge(plan.steps().get(0).route().endpoint().tag(), 1, Integer::sum);
    }
    // weights: alpha 1, beta, eps and zeta 1/4 each, gamma 1/36
    double total = 1 + 0.75 + 1.0 / 36;
    assertThat(firsts.get("alpha") / (double) n).isCloseTo(1 / total, Offset.offset(0.01));
    for (String tag : List.of("beta", "eps", "zeta")) {
      assertThat(firsts.get(tag) / (double) n).isCloseTo(0.25 / total, Offset.offset(0.01));
    }
    assertThat(firsts.get("gamma") / (double) n).isCloseTo((1.0 / 36) / total,
        Offset.offset(0.005));
  }

  @Test
  void behindTheDrawnRouteTheOthersFollowCheapestFirstWithTiesInCatalogOrder() {
    for (int seed = 0; seed < 50; seed++) {
      List<String> tags = tags(planner(new HealthTracker(ticker), seed).plan(request("m/x")));
      List<String> rest = new ArrayList<>(List.of("alpha", "beta", "eps", "zeta", "gamma"));
      rest.remove(tags.get(0));
      assertThat(tags.subList(1, tags.size())).containsExactlyElementsOf(rest);
    }
    assertThat(tags(planner(new HealthTracker(ticker), 1).plan(ChatRequest.builder()
        .model("m/x").user("hi").provider(p -> p.sort(Sort.PRICE)).build())))
        .containsExactly("alpha", "beta", "eps", "zeta", "gamma");
  }

  @Test
  void aFailureOfAnotherModelsEndpointLeavesThePlansUnchanged() {
    HealthTracker calm = new HealthTracker(ticker);
    HealthTracker troubled = new HealthTracker(ticker);
    troubled.failure("alpha:m/y", ErrorCategory.PROVIDER_ERROR);
    assertThat(troubled.allStable()).isFalse();
    Planner a = planner(calm, 7);
    Planner b = planner(troubled, 7);
    for (int i = 0; i < 500; i++) {
      assertThat(tags(b.plan(request("m/x")))).isEqualTo(tags(a.plan(request("m/x"))));
    }
  }

  @Test
  void anEndpointThatJustFailedGoesLastEvenWithNothingFilteredOut() {
    HealthTracker health = new HealthTracker(ticker);
    health.failure("alpha:m/x", ErrorCategory.PROVIDER_OVERLOADED);
    for (int seed = 0; seed < 20; seed++) {
      List<String> tags = tags(planner(health, seed).plan(request("m/x")));
      assertThat(tags).hasSize(5).last().isEqualTo("alpha");
    }
  }

  @Test
  void stepsAndExclusionsAreUnmodifiableAndReadTheSameEachTime() {
    Planner planner = planner(new HealthTracker(ticker), 3);
    RoutePlan plan = planner.plan(ChatRequest.builder().model("m/x").user("hi")
        .provider(p -> p.ignore("gamma", "eps")).build());
    assertThat(plan.steps()).hasSize(3);
    assertThat(plan.steps().get(1)).isEqualTo(plan.steps().get(1));
    assertThatThrownBy(() -> plan.steps().get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> plan.steps().add(plan.steps().get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(plan.exclusions()).containsExactly(
        "gamma:m/x — in provider.ignore", "eps:m/x — in provider.ignore");
    assertThat(List.copyOf(plan.exclusions())).isEqualTo(plan.exclusions());
    assertThatThrownBy(() -> plan.exclusions().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
