package dev.router4j.internal.routing;

import static dev.router4j.internal.routing.Fixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.internal.tokens.TokenEstimator;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StickyRoutesTest {
  private final Fixtures.ManualTicker ticker = new Fixtures.ManualTicker();
  private final Pricing cached = Pricing.perMillion("1.00", "1.00")
      .withCache(new BigDecimal("0.0000001"), null);
  private final List<Endpoint> catalog = List.of(
      endpoint("cheap", "m/x", "1.00", "1.00").pricing(cached).build(),
      endpoint("dear", "m/x", "9.00", "9.00").pricing(Pricing.perMillion("9.00", "9.00")
          .withCache(new BigDecimal("0.0000009"), null)).build());
  private final StickyRoutes sticky = new StickyRoutes(ticker, 1000);
  private final HealthTracker health = new HealthTracker(ticker);

  private Planner planner(long seed) {
    return new Planner(Fixtures.registry(catalog), health, new SplittableRandom(seed),
        TokenEstimator::promptTokens, null).withSticky(sticky);
  }

  private static ChatRequest conversation(String next) {
    return ChatRequest.builder().model("m/x").system("You are a librarian.").user("Find me a book.")
        .assistant("Which genre?").user(next).build();
  }

  private String first(long seed, ChatRequest r) {
    return planner(seed).plan(r).steps().get(0).route().endpoint().provider();
  }

  @Test
  void aConversationStaysOnTheEndpointThatServedItUntilTenIdleMinutesPass() {
    Endpoint dear = catalog.get(1);
    sticky.served("m/x", conversation("Crime."), dear.id(), dear.pricing());
    for (int seed = 0; seed < 50; seed++) {
      assertThat(first(seed, conversation("Poetry, actually."))).isEqualTo("dear");
    }
    ticker.advanceSeconds(9 * 60);
    assertThat(first(1, conversation("Sci-fi."))).isEqualTo("dear");
    ticker.advanceSeconds(10 * 60 + 1);
    int dearFirst = 0;
    for (int seed = 0; seed < 200; seed++) {
      dearFirst += first(seed, conversation("Sci-fi.")).equals("dear") ? 1 : 0;
    }
    assertThat(dearFirst).as("forgotten: back to the price-weighted draw").isLessThan(20);
  }

  @Test
  void sessionIdKeysTheConversationAndOrderTurnsStickinessOff() {
    Endpoint dear = catalog.get(1);
    ChatRequest a = ChatRequest.builder().model("m/x").user("one").sessionId("s-1").build();
    sticky.served("m/x", a, dear.id(), dear.pricing());
    assertThat(first(3, ChatRequest.builder().model("m/x").user("something else").sessionId("s-1").build()))
        .isEqualTo("dear");
    assertThat(first(3, ChatRequest.builder().model("m/x").user("one").sessionId("s-1")
        .provider(p -> p.order("cheap")).build())).isEqualTo("cheap");
  }

  @Test
  void endpointsWithoutCheaperCacheReadsAreNotRemembered() {
    Endpoint plain = endpoint("plain", "m/x", "1.00", "1.00").build();
    sticky.served("m/x", conversation("x"), plain.id(), plain.pricing());
    assertThat(sticky.endpointFor("m/x", conversation("x"))).isNull();
  }

  @Test
  void anUnstableStickyEndpointIsNotForced() {
    Endpoint dear = catalog.get(1);
    sticky.served("m/x", conversation("Crime."), dear.id(), dear.pricing());
    health.failure(dear.id(), dev.router4j.api.error.ErrorCategory.PROVIDER_ERROR);
    assertThat(first(1, conversation("Crime."))).isEqualTo("cheap");
  }
}
