package dev.router4j.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyRingTest {
  private static final String SECRET = "sk-" + "test-0123456789abcdef";

  private final Fixtures.ManualTicker ticker = new Fixtures.ManualTicker();
  private final KeyRing ring = new KeyRing(ticker);

  private static Credential key(String label, int weight) {
    return new Credential(label, SECRET + label, weight);
  }

  private static Provider provider(Credential... keys) {
    return new Provider("acme", Fixtures.NO_CALLS, List.of(keys), List.of(), List.of());
  }

  private static RouterException failure(ErrorCategory category) {
    return new RouterException(category, "refused");
  }

  private static RouterException rateLimited(Duration retryAfter) {
    return new RouterException(ErrorCategory.RATE_LIMITED, "slow down") {
      @Override
      public Duration retryAfter() {
        return retryAfter;
      }
    };
  }

  private String labels(Provider p, int picks) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < picks; i++) {
      s.append(ring.pick(p).label());
    }
    return s.toString();
  }

  private Map<String, Integer> shares(Provider p, int picks) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < picks; i++) {
      counts.merge(ring.pick(p).label(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void keysShareCallsExactlyInProportionToTheirWeights() {
    Provider p = provider(key("a", 5), key("b", 3), key("c", 2));
    // Each run of ten picks (the sum of the weights) gives every key exactly its weight.
    for (int round = 0; round < 50; round++) {
      assertThat(shares(p, 10)).containsOnly(Map.entry("a", 5), Map.entry("b", 3), Map.entry("c", 2));
    }
  }

  @Test
  void picksOfAHeavyKeyAreSpreadOutNotBunched() {
    assertThat(labels(provider(key("a", 2), key("b", 1)), 9)).isEqualTo("abaabaaba");
    assertThat(labels(provider(key("x", 5), key("y", 1), key("z", 1)), 7)).isEqualTo("xxyxzxx");
  }

  @Test
  void equalWeightsTakeTurns() {
    assertThat(labels(provider(new Credential("a", SECRET), new Credential("b", SECRET),
        new Credential("c", SECRET)), 9)).isEqualTo("abcabcabc");
  }

  @Test
  void theOnlyKeyIsAlwaysUsedEvenWhileItRests() {
    Credential only = key("only", 4);
    Provider p = provider(only);
    assertThat(ring.rest(p, only, failure(ErrorCategory.AUTHENTICATION))).isFalse();
    assertThat(ring.pick(p)).isSameAs(only);
    assertThat(ring.pick(provider())).isNull();
  }

  @Test
  void aRefusedKeyRestsWhileTheOthersShareItsCallsThenComesBack() {
    Credential a = key("a", 3);
    Credential b = key("b", 1);
    Credential c = key("c", 1);
    Provider p = provider(a, b, c);
    assertThat(shares(p, 5)).containsOnly(Map.entry("a", 3), Map.entry("b", 1), Map.entry("c", 1));

    assertThat(ring.rest(p, a, rateLimited(Duration.ofSeconds(20)))).isTrue();
    assertThat(shares(p, 100)).containsOnly(Map.entry("b", 50), Map.entry("c", 50));
    ticker.advanceSeconds(19.9);
    assertThat(shares(p, 10)).containsOnly(Map.entry("b", 5), Map.entry("c", 5));

    ticker.advanceSeconds(0.2); // the Retry-After has passed
    assertThat(shares(p, 500)).containsOnly(Map.entry("a", 300), Map.entry("b", 100),
        Map.entry("c", 100));
  }

  @Test
  void failuresThatAreNotAboutTheKeyDoNotRestIt() {
    Credential a = key("a", 1);
    Credential b = key("b", 1);
    Provider p = provider(a, b);
    for (ErrorCategory category : List.of(ErrorCategory.PROVIDER_ERROR, ErrorCategory.TIMEOUT,
        ErrorCategory.CONTEXT_LENGTH_EXCEEDED, ErrorCategory.INVALID_REQUEST)) {
      assertThat(ring.rest(p, a, failure(category))).isFalse();
    }
    assertThat(labels(p, 4)).isEqualTo("abab");
  }

  @Test
  void eachKindOfRefusalRestsTheKeyForItsOwnTime() {
    Credential a = key("a", 1);
    Credential b = key("b", 1);
    Credential c = key("c", 1);
    Credential d = key("d", 1);
    Credential e = key("e", 1);
    Provider p = provider(a, b, c, d, e);
    ring.rest(p, a, failure(ErrorCategory.AUTHENTICATION)); // 10 minutes
    ring.rest(p, b, failure(ErrorCategory.PERMISSION)); // 10 minutes
    ring.rest(p, c, failure(ErrorCategory.PAYMENT)); // an hour
    ring.rest(p, d, failure(ErrorCategory.RATE_LIMITED)); // 30 s without a Retry-After
    assertThat(labels(p, 3)).isEqualTo("eee");
    ticker.advanceSeconds(31);
    assertThat(shares(p, 4)).containsOnly(Map.entry("d", 2), Map.entry("e", 2));
    ticker.advanceSeconds(600);
    assertThat(shares(p, 8)).containsOnly(Map.entry("a", 2), Map.entry("b", 2),
        Map.entry("d", 2), Map.entry("e", 2));
    ticker.advanceSeconds(3_000);
    assertThat(shares(p, 10)).containsOnly(Map.entry("a", 2), Map.entry("b", 2),
        Map.entry("c", 2), Map.entry("d", 2), Map.entry("e", 2));
  }

  @Test
  void whenEveryKeyRestsTheOneWhoseRestEndsFirstIsUsed() {
    Credential a = key("a", 5);
    Credential b = key("b", 1);
    Credential c = key("c", 1);
    Provider p = provider(a, b, c);
    assertThat(ring.rest(p, a, rateLimited(Duration.ofSeconds(90)))).isTrue();
    assertThat(ring.rest(p, b, rateLimited(Duration.ofSeconds(10)))).isTrue();
    // The last awake key is refused: no other key can be tried now.
    assertThat(ring.rest(p, c, rateLimited(Duration.ofSeconds(40)))).isFalse();
    assertThat(labels(p, 3)).isEqualTo("bbb");
    ticker.advanceSeconds(11);
    assertThat(labels(p, 3)).isEqualTo("bbb"); // b is awake again; a and c still rest
    assertThat(ring.rest(p, b, failure(ErrorCategory.AUTHENTICATION))).isFalse();
    assertThat(labels(p, 2)).isEqualTo("cc"); // c wakes at 40 s, a at 90 s, b at 611 s
  }

  @Test
  void aRestingKeyIsFoundByItsLabel() {
    Provider p = provider(key("a", 1), key("b", 1));
    // The key that failed may be an equal copy of the provider's credential.
    assertThat(ring.rest(p, key("a", 1), failure(ErrorCategory.PAYMENT))).isTrue();
    assertThat(labels(p, 3)).isEqualTo("bbb");
  }

  @Test
  void concurrentPicksKeepTheSharesExact() throws Exception {
    Provider p = provider(key("a", 3), key("b", 2), key("c", 1));
    int threads = 8;
    int picksEach = 6_000;
    ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < picksEach; i++) {
            counts.computeIfAbsent(ring.pick(p).label(), k -> new AtomicInteger()).incrementAndGet();
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    // 48,000 picks is 8,000 runs of six: shares are exact whatever the interleaving.
    assertThat(counts.get("a")).hasValue(24_000);
    assertThat(counts.get("b")).hasValue(16_000);
    assertThat(counts.get("c")).hasValue(8_000);
  }
}
