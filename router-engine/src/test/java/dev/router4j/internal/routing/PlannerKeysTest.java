package dev.router4j.internal.routing;

import static dev.router4j.internal.routing.Fixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.error.NoEndpointException;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.Provider;
import dev.router4j.internal.tokens.TokenEstimator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The planner leaves out the endpoints of a provider none of whose keys serves the model. */
class PlannerKeysTest {
  private static final String SECRET = "sk-" + "test-planner-keys-0123";

  private final HealthTracker health = new HealthTracker(new Fixtures.ManualTicker());

  // alpha's only key is for m/one; beta has a key for m/two and one for every m/ model;
  // gamma has no keys (a host without auth); delta's keys serve neither model.
  private final Provider alpha = new Provider("alpha", Fixtures.NO_CALLS,
      List.of(new Credential("alpha-org", SECRET).withModels("m/one")), List.of(), List.of(
          endpoint("alpha", "m/one", "1.00", "1.00").build(),
          endpoint("alpha", "m/two", "1.00", "1.00").build()));
  private final Provider beta = new Provider("beta", Fixtures.NO_CALLS,
      List.of(new Credential("beta-two", SECRET).withModels("m/two"),
          new Credential("beta-any", SECRET).withModels("M/*")), List.of(), List.of(
          endpoint("beta", "m/one", "2.00", "2.00").build(),
          endpoint("beta", "m/two", "2.00", "2.00").build()));
  private final Provider gamma = new Provider("gamma", Fixtures.NO_CALLS, List.of(), List.of(),
      List.of(endpoint("gamma", "m/two", "3.00", "3.00").build()));
  private final Provider delta = new Provider("delta", Fixtures.NO_CALLS,
      List.of(new Credential("delta-a", SECRET).withModels("x/*"),
          new Credential("delta-b", SECRET).withModels("y/*")), List.of(), List.of(
          endpoint("delta", "m/one", "0.50", "0.50").build(),
          endpoint("delta", "m/three", "0.50", "0.50").build()));

  private final EndpointRegistry registry = EndpointRegistry.of(List.of(), List.of(),
      List.of(alpha, beta, gamma, delta), e -> Double.NaN, e -> Double.NaN);

  private RoutePlan plan(String model) {
    return new Planner(registry, health, new SplittableRandom(7), TokenEstimator::promptTokens,
        null).plan(ChatRequest.builder().model(model).user("hello").build());
  }

  private static List<String> ids(RoutePlan plan) {
    List<String> out = new ArrayList<>();
    for (Step s : plan.steps()) {
      out.add(s.route().id());
    }
    return out;
  }

  @Test
  void anEndpointWhoseProviderHasNoKeyForTheModelIsExcludedWithAReason() {
    RoutePlan one = plan("m/one");
    assertThat(ids(one)).containsExactlyInAnyOrder("alpha:m/one", "beta:m/one");
    assertThat(one.exclusions()).containsExactly("delta:m/one — no key for this model: the keys"
        + " of delta [delta-a, delta-b] are restricted to other models");
    assertThat(String.join("\n", one.exclusions())).doesNotContain(SECRET);

    RoutePlan two = plan("m/two");
    // gamma needs no key; beta has two keys for m/two; alpha's only key is for m/one.
    assertThat(ids(two)).containsExactlyInAnyOrder("beta:m/two", "gamma:m/two");
    assertThat(two.exclusions()).containsExactly("alpha:m/two — no key for this model: the keys"
        + " of alpha [alpha-org] are restricted to other models");
  }

  @Test
  void aModelNoKeyServesFailsListingTheReason() {
    NoEndpointException e = catchThrowableOfType(NoEndpointException.class,
        () -> plan("m/three"));
    assertThat(e.exclusions()).containsExactly("delta:m/three — no key for this model: the keys"
        + " of delta [delta-a, delta-b] are restricted to other models");
  }

  @Test
  void routesKnowAtBuildTimeWhetherAKeyServesTheirModel() {
    assertThat(registry.routes("m/one")).extracting(r -> r.id() + "=" + r.lacksKey())
        .containsExactlyInAnyOrder("alpha:m/one=false", "beta:m/one=false", "delta:m/one=true");
    assertThat(registry.routes("m/two")).extracting(r -> r.id() + "=" + r.lacksKey())
        .containsExactlyInAnyOrder("alpha:m/two=true", "beta:m/two=false", "gamma:m/two=false");
  }

  @Test
  void aRouteNoKeyMayCallSetsNoCheapestPrice() {
    double callable = registry.routes("m/one").stream().filter(r -> !r.lacksKey())
        .mapToDouble(Route::price).min().orElseThrow();
    double keyless = registry.routes("m/one").stream().filter(Route::lacksKey)
        .mapToDouble(Route::price).min().orElseThrow();
    assertThat(keyless).isLessThan(callable); // delta is the cheapest, but cannot be called
    assertThat(registry.cheapestPrice("m/one")).isEqualTo(callable);
    assertThat(registry.cheapestPrice("m/three")).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void theAutoAndFreeRoutersDoNotChooseAModelNoKeyServes() {
    assertThat(registry.callableModels()).extracting(Model::id)
        .containsExactly("m/one", "m/two");
    assertThat(registry.hasModel("m/three")).isTrue(); // still known, so the plan says why
  }

  @Test
  void thePlannedKeyServesTheModelForEveryRouteOfThePlan() {
    KeyRing ring = new KeyRing(new Fixtures.ManualTicker());
    for (String model : List.of("m/one", "m/two")) {
      for (int i = 0; i < 20; i++) {
        for (Step s : plan(model).steps()) {
          Credential key = ring.pick(s.route().provider(), s.route().endpoint().model());
          if (key != null) {
            assertThat(key.servesModel(model)).as(s.route().id() + " " + key).isTrue();
          } else {
            assertThat(s.route().provider().credentials()).isEmpty();
          }
        }
      }
    }
  }
}
