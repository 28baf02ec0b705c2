package dev.router4j.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.NoEndpointException;
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

  // ---- keys restricted to some models ----------------------------------------------------

  private String labels(Provider p, String model, int picks) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < picks; i++) {
      s.append(ring.pick(p, model).label());
    }
    return s.toString();
  }

  private Map<String, Integer> shares(Provider p, String model, int picks) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < picks; i++) {
      counts.merge(ring.pick(p, model).label(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void eachModelIsSharedAmongTheKeysServingItOnly() {
    Provider p = provider(key("org", 1).withModels("openai/gpt-4o*"),
        key("cheap", 1).withModels("*-mini"), key("any", 2));
    // gpt-4o-mini: all three; gpt-4o: org and any; o3-mini: cheap and any; o3: any alone.
    assertThat(shares(p, "openai/gpt-4o-mini", 400))
        .containsOnly(Map.entry("org", 100), Map.entry("cheap", 100), Map.entry("any", 200));
    assertThat(shares(p, "openai/gpt-4o", 300)).containsOnly(Map.entry("org", 100),
        Map.entry("any", 200));
    assertThat(shares(p, "openai/o3-mini", 300)).containsOnly(Map.entry("cheap", 100),
        Map.entry("any", 200));
    assertThat(labels(p, "openai/o3", 4)).isEqualTo("anyanyanyany");
    // Case does not matter, as in every slug glob.
    assertThat(shares(p, "OpenAI/GPT-4o", 3)).containsOnly(Map.entry("org", 1),
        Map.entry("any", 2));
  }

  @Test
  void modelsServedByTheSameKeysShareOneRoundRobin() {
    Provider p = provider(key("a", 1).withModels("acme/*"), key("b", 1).withModels("acme/*"),
        key("other", 1).withModels("else/*"));
    // Alternating models of one lane still alternate keys: a per-model round-robin would
    // send both models' first call to the same key.
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      s.append(ring.pick(p, "acme/one").label()).append(ring.pick(p, "acme/two").label());
    }
    assertThat(s.toString()).isEqualTo("ababab");
  }

  @Test
  void theOnlyKeyServingAModelIsUsedEvenWhileItRests() {
    Credential small = key("small", 1).withModels("*-mini");
    Credential big = key("big", 1).withModels("*-large");
    Provider p = provider(small, big);
    assertThat(ring.rest(p, "m-mini", small, failure(ErrorCategory.RATE_LIMITED))).isFalse();
    assertThat(labels(p, "m-mini", 3)).isEqualTo("smallsmallsmall");
    assertThat(labels(p, "m-large", 2)).isEqualTo("bigbig");
  }

  @Test
  void rotationStaysWithinTheKeysServingTheModel() {
    Credential a = key("a", 1).withModels("m/one");
    Credential b = key("b", 1).withModels("m/one", "m/two");
    Credential c = key("c", 1).withModels("m/two");
    Provider p = provider(a, b, c);
    // c is awake but cannot serve m/one: after a and b are refused there is no key to rotate to.
    assertThat(ring.rest(p, "m/one", a, failure(ErrorCategory.AUTHENTICATION))).isTrue();
    assertThat(labels(p, "m/one", 2)).isEqualTo("bb");
    assertThat(ring.rest(p, "m/one", b, rateLimited(Duration.ofSeconds(5)))).isFalse();
    // Every serving key rests: the one that wakes first, never the awake key of another model.
    assertThat(labels(p, "m/one", 2)).isEqualTo("bb");
    // A rest holds for every model the key serves.
    assertThat(labels(p, "m/two", 2)).isEqualTo("cc");
    ticker.advanceSeconds(6);
    assertThat(labels(p, "m/two", 4)).isEqualTo("bcbc");
    assertThat(labels(p, "m/one", 2)).isEqualTo("bb"); // a rests for ten minutes
  }

  @Test
  void aKeyOfAnotherModelDoesNotCountAsOneToRotateTo() {
    Credential a = key("a", 1).withModels("m/one");
    Credential b = key("b", 1).withModels("m/two");
    Provider p = provider(a, b);
    assertThat(ring.rest(p, "m/one", a, failure(ErrorCategory.PERMISSION))).isFalse();
    // Without the model, any awake key counts (the older, model-blind call).
    assertThat(ring.rest(p, a, failure(ErrorCategory.PERMISSION))).isTrue();
  }

  @Test
  void aModelNoKeyServesIsAnErrorNamingTheLabelsNeverTheSecrets() {
    Provider two = provider(key("a", 1).withModels("m/one"), key("b", 1).withModels("m/two"));
    Provider one = provider(key("a", 1).withModels("m/one"));
    for (Provider p : List.of(one, two)) {
      NoEndpointException e = catchThrowableOfType(NoEndpointException.class,
          () -> ring.pick(p, "m/three"));
      assertThat(e.getMessage()).startsWith("no key of provider acme serves the model m/three")
          .contains("[a").doesNotContain(SECRET);
    }
    // Asked without a model, every key may be chosen.
    assertThat(labels(two, 2)).isEqualTo("ab");
  }

  @Test
  void unrestrictedKeysServeEveryModelInOneRoundRobin() {
    Provider p = provider(key("a", 2), key("b", 1));
    StringBuilder s = new StringBuilder();
    for (String model : List.of("x/1", "y/2", "z/3", "x/1", "y/2", "z/3")) {
      s.append(ring.pick(p, model).label());
    }
    assertThat(s.toString()).isEqualTo("abaaba");
  }
}
