package dev.router4j.internal.routing;

import static dev.router4j.internal.routing.Fixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.Plugin;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.Tool;
import dev.router4j.api.catalog.DataPolicy;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.error.NoEndpointException;
import dev.router4j.api.routing.DataCollection;
import dev.router4j.api.routing.MaxPrice;
import dev.router4j.api.routing.PercentileCutoffs;
import dev.router4j.api.routing.ProviderPreferences;
import dev.router4j.api.routing.Quantization;
import dev.router4j.api.routing.Sort;
import dev.router4j.internal.tokens.TokenEstimator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final Fixtures.ManualTicker ticker = new Fixtures.ManualTicker();
  private final HealthTracker health = new HealthTracker(ticker);

  // A small catalog: one model on four providers, a second model on two, a free variant.
  private final List<Endpoint> catalog = List.of(
      endpoint("alpha", "m/one", "1.00", "1.00").supportedParameters("tools", "temperature", "max_tokens").build(),
      endpoint("beta", "m/one", "3.00", "3.00").supportedParameters("temperature", "max_tokens")
          .quantization(Quantization.FP8).build(),
      endpoint("gamma", "m/one", "2.00", "2.00").contextLength(8_000)
          .dataPolicy(new DataPolicy(true, 30, false, false)).build(),
      endpoint("delta", "m/one", "0.50", "0.50").dataPolicy(DataPolicy.ZDR).build(),
      endpoint("delta/flex", "m/one", "0.25", "0.25").build(),
      endpoint("alpha", "m/two", "5.00", "5.00").build(),
      endpoint("beta", "m/two", "4.00", "4.00").build(),
      endpoint("alpha", "m/one:free", "0", "0").build());

  private Planner planner(long seed) {
    return new Planner(Fixtures.registry(catalog), health, new SplittableRandom(seed),
        TokenEstimator::promptTokens, null);
  }

  private static ChatRequest request(String model, Consumer<ChatRequest.Builder> edit) {
    ChatRequest.Builder b = ChatRequest.builder().model(model).user("hello");
    edit.accept(b);
    return b.build();
  }

  private static List<String> tags(RoutePlan plan) {
    List<String> out = new ArrayList<>();
    for (Step s : plan.steps()) {
      out.add(s.route().endpoint().tag() + ":" + s.route().endpoint().model());
    }
    return out;
  }

  @Test
  void sortByPriceOrdersCheapestFirstAndKeepsFlexTierOut() {
    RoutePlan plan = planner(1).plan(request("m/one", b -> b.provider(p -> p.sort(Sort.PRICE))));
    assertThat(tags(plan)).containsExactly("delta:m/one", "alpha:m/one", "gamma:m/one", "beta:m/one");
    assertThat(plan.exclusions()).singleElement().asString()
        .startsWith("delta/flex:m/one — flex tier needs :floor");
  }

  @Test
  void floorVariantSortsByPriceAndMakesFlexEligible() {
    RoutePlan plan = planner(1).plan(request("m/one:floor", b -> { }));
    assertThat(tags(plan)).containsExactly(
        "delta/flex:m/one", "delta:m/one", "alpha:m/one", "gamma:m/one", "beta:m/one");
  }

  @Test
  void freeVariantPlansOverTheFreeCatalogEntry() {
    assertThat(tags(planner(1).plan(request("m/one:free", b -> { }))))
        .containsExactly("alpha:m/one:free");
  }

  @Test
  void aFreeVariantTheCatalogLacksFailsAsNoEndpoint() {
    assertThatThrownBy(() -> planner(1).plan(request("m/two:free", b -> { })))
        .isInstanceOf(NoEndpointException.class).hasMessageContaining("m/two:free");
  }

  @Test
  void anUnknownSuffixIsAnInvalidRequestNamingIt() {
    assertThatThrownBy(() -> planner(1).plan(request("m/one:turbo", b -> { })))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining(":turbo");
  }

  @Test
  void thinkingVariantSwitchesReasoningOnInTheStepsRequest() {
    RoutePlan plan = planner(1).plan(request("m/two:thinking", b -> { }));
    assertThat(plan.steps()).allSatisfy(s -> assertThat(s.request().effectiveReasoning().isOn()).isTrue());
  }

  @Test
  void onlineVariantAddsTheWebPlugin() {
    RoutePlan plan = planner(1).plan(request("m/two:online", b -> { }));
    assertThat(plan.steps().get(0).request().plugin(Plugin.WEB)).isNotNull();
  }

  @Test
  void orderPutsNamedProvidersFirstThenTheRestByPrice() {
    RoutePlan plan = planner(1).plan(request("m/one", b -> b.provider(p -> p.order("beta", "gamma"))));
    assertThat(tags(plan)).containsExactly("beta:m/one", "gamma:m/one", "delta:m/one", "alpha:m/one");
  }

  @Test
  void orderWithoutFallbacksUsesOnlyTheNamedProviders() {
    RoutePlan plan = planner(1).plan(request("m/one",
        b -> b.provider(p -> p.order("beta", "gamma").allowFallbacks(false))));
    assertThat(tags(plan)).containsExactly("beta:m/one", "gamma:m/one");
  }

  @Test
  void aFullTagInOrderOptsIntoATierEndpoint() {
    RoutePlan plan = planner(1).plan(request("m/one", b -> b.provider(p -> p.order("delta/flex"))));
    assertThat(tags(plan).get(0)).isEqualTo("delta/flex:m/one");
  }

  @Test
  void onlyAndIgnoreAreHardFiltersWithReasons() {
    RoutePlan only = planner(1).plan(request("m/one", b -> b.provider(p -> p.only("alpha", "beta"))));
    assertThat(tags(only)).containsExactlyInAnyOrder("alpha:m/one", "beta:m/one");
    assertThat(only.exclusions()).anySatisfy(x -> assertThat(x).startsWith("gamma:m/one — not in provider.only"));
    RoutePlan ignore = planner(1).plan(request("m/one", b -> b.provider(p -> p.ignore("alpha"))));
    assertThat(tags(ignore)).doesNotContain("alpha:m/one");
  }

  @Test
  void quantizationsDataCollectionAndZdrExclude() {
    assertThat(tags(planner(1).plan(request("m/one",
        b -> b.provider(p -> p.quantizations(Quantization.FP8))))))
        .containsExactly("beta:m/one");
    assertThat(tags(planner(1).plan(request("m/one",
        b -> b.provider(p -> p.dataCollection(DataCollection.DENY))))))
        .doesNotContain("gamma:m/one");
    assertThat(tags(planner(1).plan(request("m/one", b -> b.provider(p -> p.zdr(true))))))
        .containsExactly("delta:m/one");
  }

  @Test
  void requireParametersDropsEndpointsLackingAnySetParameter() {
    RoutePlan plan = planner(1).plan(request("m/one",
        b -> b.temperature(0.5).maxTokens(10).provider(p -> p.requireParameters(true).sort(Sort.PRICE))));
    // alpha and beta list temperature; gamma and delta list nothing (unknown: kept).
    assertThat(tags(plan)).containsExactly("delta:m/one", "alpha:m/one", "gamma:m/one", "beta:m/one");
    RoutePlan tools = planner(1).plan(request("m/one", b -> b.tools(Tool.function("f", null, null))
        .provider(p -> p.requireParameters(true).only("alpha", "beta"))));
    assertThat(tags(tools)).containsExactly("alpha:m/one");
    assertThat(tools.exclusions()).anySatisfy(x -> assertThat(x)
        .isEqualTo("beta:m/one — require_parameters: does not support 'tools'"));
  }

  @Test
  void toolsSoftFilterKeepsSupportingEndpointsWhenSomeExist() {
    RoutePlan plan = planner(1).plan(request("m/one",
        b -> b.tools(Tool.function("f", null, null)).provider(p -> p.only("alpha", "beta"))));
    assertThat(tags(plan)).containsExactly("alpha:m/one");
  }

  @Test
  void contextFitExcludesEndpointsTooSmallForPromptPlusMaxTokens() {
    RoutePlan plan = planner(1).plan(request("m/one", b -> b.maxTokens(10_000)));
    assertThat(tags(plan)).doesNotContain("gamma:m/one");
    assertThat(plan.exclusions()).anySatisfy(x -> assertThat(x).startsWith("gamma:m/one — context:"));
  }

  @Test
  void maxPriceExcludesEndpointsAboveTheLimitPerMillion() {
    RoutePlan plan = planner(1).plan(request("m/one",
        b -> b.provider(p -> p.maxPrice(MaxPrice.perMillionTokens("1.00", null)))));
    assertThat(tags(plan)).containsExactlyInAnyOrder("alpha:m/one", "delta:m/one");
    assertThat(plan.exclusions()).anySatisfy(x -> assertThat(x)
        .isEqualTo("beta:m/one — max_price.prompt: $3/M over $1/M"));
  }

  @Test
  void nothingLeftFailsWithEveryExclusionListed() {
    assertThatThrownBy(() -> planner(1).plan(request("m/one",
        b -> b.provider(p -> p.only("nobody")))))
        .isInstanceOfSatisfying(NoEndpointException.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND);
          assertThat(e.exclusions()).hasSize(5);
        });
  }

  @Test
  void modelsFallbackListPlansEachModelInTurn() {
    RoutePlan plan = planner(1).plan(request("m/two", b -> b.models("m/one").provider(p -> p.sort(Sort.PRICE))));
    assertThat(tags(plan)).containsExactly("beta:m/two", "alpha:m/two",
        "delta:m/one", "alpha:m/one", "gamma:m/one", "beta:m/one");
  }

  @Test
  void partitionNoneSortsAcrossModels() {
    RoutePlan plan = planner(1).plan(request("m/two",
        b -> b.models("m/one").provider(p -> p.sort(new Sort(Sort.By.PRICE, Sort.Partition.NONE)))));
    assertThat(tags(plan)).containsExactly("delta:m/one", "alpha:m/one", "gamma:m/one", "beta:m/one",
        "beta:m/two", "alpha:m/two");
  }

  @Test
  void theDefaultDrawFollowsInversePriceSquared() {
    Planner planner = planner(42);
    ChatRequest r = request("m/one", b -> b.provider(p -> p.only("alpha", "beta", "delta")));
    Map<String, Integer> firsts = new HashMap<>();
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      firsts.merge(planner.plan(r).steps().get(0).route().endpoint().tag(), 1, Integer::sum);
    }
    // prices (prompt+completion per M): delta 1, alpha 2, beta 6 -> weights 1, 1/4, 1/36
    double total = 1 + 0.25 + 1.0 / 36;
    assertThat(firsts.get("delta") / (double) n).isCloseTo(1 / total, org.assertj.core.data.Offset.offset(0.01));
    assertThat(firsts.get("alpha") / (double) n).isCloseTo(0.25 / total, org.assertj.core.data.Offset.offset(0.01));
    assertThat(firsts.get("beta") / (double) n).isCloseTo((1.0 / 36) / total, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void theSameSeedGivesTheSamePlan() {
    ChatRequest r = request("m/one", b -> { });
    assertThat(tags(planner(7).plan(r))).isEqualTo(tags(planner(7).plan(r)));
  }

  @Test
  void anEndpointWithARecentOutageGoesLastForThirtySeconds() {
    ChatRequest r = request("m/one", b -> b.provider(p -> p.only("alpha", "delta")));
    health.failure("delta:m/one", ErrorCategory.PROVIDER_OVERLOADED);
    for (int seed = 0; seed < 20; seed++) {
      assertThat(tags(planner(seed).plan(r))).containsExactly("alpha:m/one", "delta:m/one");
    }
    ticker.advanceSeconds(31);
    Map<String, Integer> firsts = new HashMap<>();
    for (int seed = 0; seed < 200; seed++) {
      firsts.merge(tags(planner(seed).plan(r)).get(0), 1, Integer::sum);
    }
    assertThat(firsts.get("delta:m/one")).as("back in the draw, and cheaper").isGreaterThan(100);
  }

  @Test
  void preferredThresholdsMoveMissesToTheEndWithoutExcluding() {
    for (int i = 0; i < 5; i++) {
      health.success("beta:m/one", 200_000_000L, 500, 1_000_000_000L); // 0.2 s, 500 tok/s
      health.success("alpha:m/one", 2_000_000_000L, 50, 1_000_000_000L); // 2 s, 50 tok/s
    }
    RoutePlan plan = planner(1).plan(request("m/one", b -> b.provider(p -> p.only("alpha", "beta")
        .sort(Sort.PRICE).preferredMinThroughput(PercentileCutoffs.of(100)))));
    assertThat(tags(plan)).containsExactly("beta:m/one", "alpha:m/one");
    RoutePlan latency = planner(1).plan(request("m/one", b -> b.provider(p -> p.only("alpha", "beta")
        .sort(Sort.PRICE).preferredMaxLatency(PercentileCutoffs.of(1)))));
    assertThat(tags(latency)).containsExactly("beta:m/one", "alpha:m/one");
  }

  @Test
  void nitroSortsByObservedThroughput() {
    for (int i = 0; i < 3; i++) {
      health.success("gamma:m/one", 100_000_000L, 900, 1_000_000_000L);
      health.success("delta:m/one", 100_000_000L, 90, 1_000_000_000L);
    }
    RoutePlan plan = planner(1).plan(request("m/one:nitro", b -> b.provider(p -> p.only("gamma", "delta"))));
    assertThat(tags(plan)).containsExactly("gamma:m/one", "delta:m/one");
  }

  @Test
  void exactoPutsEndpointsWithUsableToolCallsFirst() {
    for (int i = 0; i < 4; i++) {
      health.toolCalls("delta:m/one", false);
      health.toolCalls("alpha:m/one", true);
    }
    RoutePlan plan = planner(1).plan(request("m/one:exacto", b -> b.provider(p -> p.only("alpha", "delta"))));
    assertThat(tags(plan)).containsExactly("alpha:m/one", "delta:m/one");
  }

  @Test
  void responseFormatSoftFilterKeepsAllWhenNoneDeclaresSupport() {
    RoutePlan plan = planner(1).plan(request("m/two",
        b -> b.responseFormat(ResponseFormat.JSON_OBJECT).provider(p -> p.sort(Sort.PRICE))));
    assertThat(tags(plan)).containsExactly("beta:m/two", "alpha:m/two");
  }

  @Test
  void hardFiltersHoldForRandomPreferences() {
    SplittableRandom rnd = new SplittableRandom(99);
    String[] providers = {"alpha", "beta", "gamma", "delta", "delta/flex"};
    for (int round = 0; round < 2_000; round++) {
      ProviderPreferences.Builder p = ProviderPreferences.builder();
      List<String> only = pick(rnd, providers);
      List<String> ignore = pick(rnd, providers);
      if (rnd.nextBoolean()) {
        p.only(only);
      }
      if (rnd.nextBoolean()) {
        p.ignore(ignore);
      }
      if (rnd.nextBoolean()) {
        p.zdr(true);
      }
      if (rnd.nextBoolean()) {
        p.dataCollection(DataCollection.DENY);
      }
      if (rnd.nextBoolean()) {
        p.quantizations(Quantization.FP16);
      }
      if (rnd.nextBoolean()) {
        p.sort(Sort.PRICE);
      }
      ProviderPreferences prefs = p.build();
      ChatRequest r = request(rnd.nextBoolean() ? "m/one" : "m/one:floor", b -> b.provider(prefs));
      RoutePlan plan;
      try {
        plan = planner(round).plan(r);
      } catch (NoEndpointException e) {
        continue;
      }
      for (Step s : plan.steps()) {
        Endpoint e = s.route().endpoint();
        if (prefs.only() != null) {
          assertThat(prefs.only().stream().anyMatch(x -> Planner.matches(e, x))).isTrue();
        }
        if (prefs.ignore() != null) {
          assertThat(prefs.ignore().stream().noneMatch(x -> Planner.matches(e, x))).isTrue();
        }
        if (Boolean.TRUE.equals(prefs.zdr())) {
          assertThat(e.dataPolicy().zeroDataRetention()).isTrue();
        }
        if (prefs.dataCollection() == DataCollection.DENY) {
          assertThat(e.dataPolicy().collectsData()).isFalse();
        }
        if (prefs.quantizations() != null) {
          assertThat(prefs.quantizations()).contains(e.quantization());
        }
      }
    }
  }

  private static List<String> pick(SplittableRandom rnd, String[] from) {
    List<String> out = new ArrayList<>();
    for (String s : from) {
      if (rnd.nextInt(3) == 0) {
        out.add(s);
      }
    }
    return out.isEmpty() ? List.of(from[rnd.nextInt(from.length)]) : out;
  }
}
