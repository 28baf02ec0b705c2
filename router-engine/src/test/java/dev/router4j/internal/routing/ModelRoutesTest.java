package dev.router4j.internal.routing;

import static dev.router4j.internal.routing.Fixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.spi.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelRoutesTest {
  private static final Provider PROVIDER =
      new Provider("p", Fixtures.NO_CALLS, List.of(), List.of(), List.of());
  private static final String[] PRICES = {"0", "0.5", "1", "1", "2", "3", "0.25"};

  private static List<Route> routes(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Route> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String price = PRICES[rnd.nextInt(PRICES.length)];
      Endpoint e = endpoint("p/t" + i, "m/x", price, price).build();
      out.add(new Route(e, PROVIDER));
    }
    return out;
  }

  @Test
  void thePriceOrderIsAStableSortOfTheCatalogOrderForShortAndLongLists() {
    for (int n : new int[] {1, 2, 7, 64, 65, 300}) {
      List<Route> routes = routes(n, n);
      ModelRoutes entry = new ModelRoutes("m/x", routes, null);
      List<Route> expected = new ArrayList<>(routes);
      expected.sort(Comparator.comparingDouble(Route::price));
      assertThat(entry.byPrice()).as("n=%d", n).containsExactlyElementsOf(expected);
      for (int i = 0; i < n; i++) {
        assertThat(entry.byPrice()[entry.priceRank(i)]).isSameAs(routes.get(i));
      }
    }
  }

  @Test
  void weightsAreInversePriceSquaredSummedCheapestFirstAndFreeRoutesAreCounted() {
    List<Route> routes = routes(40, 3);
    ModelRoutes entry = new ModelRoutes("m/x", routes, null);
    double total = 0;
    int free = 0;
    for (int k = 0; k < routes.size(); k++) {
      double price = entry.byPrice()[k].price();
      assertThat(entry.weight(k)).isEqualTo(1.0 / (price * price));
      total += entry.weight(k);
      free += price == 0 ? 1 : 0;
    }
    assertThat(entry.totalWeight()).isEqualTo(total);
    assertThat(entry.freeCount()).isEqualTo(free).isPositive();
    assertThat(entry.cheapest()).isZero();
    assertThat(entry.exact().slug()).isEqualTo("m/x");
    assertThat(entry.exact().variants()).isEmpty();
  }
}
