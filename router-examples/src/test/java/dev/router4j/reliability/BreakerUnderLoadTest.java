package dev.router4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.Router;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.error.RouterException;
import dev.router4j.examples.simulator.Fault;
import dev.router4j.examples.simulator.LoopbackSimulator;
import dev.router4j.examples.simulator.ProviderSpec;
import dev.router4j.examples.simulator.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The circuit breakers under concurrent load, with the router's default breaker settings.
 * Failures come back at once (an error status) while answers take their time, so when traffic
 * starts, a provider failing 10% of requests reports only failures while none of its answers
 * has arrived yet. A breaker that counted only finished calls would open although 90% of the
 * requests succeed; the router's breakers also weigh the calls started in the window, so the
 * circuits stay closed and nearly every request is answered.
 */
class BreakerUnderLoadTest {

  @Test
  void tenPercentFastFailuresDoNotOpenEveryCircuit() throws Exception {
    try (Rig rig = new Rig()) {
      rig.patienceMillis = 15_000;
      LoopbackSimulator sim = rig.simulator(s -> s.maxConnections(4096)
          .provider(spec("alpha", 1)).provider(spec("beta", 2)));
      Router router = rig.router(b -> b.circuitBreaker(5, Duration.ofSeconds(30))
              .sleeper(dev.router4j.api.spi.Sleeper.system()),
          rig.openAi(sim, "alpha"), rig.openAi(sim, "beta"));
      int requests = 900;
      AtomicInteger answered = new AtomicInteger();
      Map<String, Integer> failures = new TreeMap<>();
      List<Thread> callers = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        ChatRequest request = ChatRequest.builder().model(Wire.MODEL).user("r" + i).maxTokens(8)
            .build();
        Thread t = new Thread(() -> {
          try {
            router.chat(request);
            answered.incrementAndGet();
          } catch (RouterException e) {
            synchronized (failures) {
              failures.merge(e.category() + " " + e.getMessage().replaceAll("\\[.*", "")
                  .replaceAll("[0-9]+", "#"), 1, Integer::sum);
            }
          }
        }, "breaker-caller-" + i);
        t.setDaemon(true);
        t.start();
        callers.add(t);
        Thread.sleep(3); // about 300 requests a second for three seconds
      }
      for (Thread t : callers) {
        t.join(30_000);
      }
      System.out.println("[breaker under load] answered " + answered + " of " + requests
          + "; failures " + failures + "; circuits " + Rig.circuits(router));
      assertThat(answered.get()).as("answers (failures: %s)", failures)
          .isGreaterThan(requests * 9 / 10);
    }
  }

  private static ProviderSpec spec(String slug, long seed) {
    return ProviderSpec.builder(slug, Protocol.OPENAI).apiKey("sk-test-" + slug + "-0123456789")
        .model(Wire.MODEL, m -> m.pricePerMillion("1", "2").outputTokens(4, 8)
            .timeToFirstToken(Duration.ofSeconds(1)))
        .randomFaults(0.10, seed, Fault.status(500)).build();
  }
}
