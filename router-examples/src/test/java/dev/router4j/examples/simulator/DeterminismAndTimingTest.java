package dev.router4j.examples.simulator;

import static dev.router4j.examples.simulator.SimClient.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeterminismAndTimingTest {
  private static LoopbackSimulator sim;
  private static SimClient client;

  @BeforeAll
  static void start() {
    sim = LoopbackSimulator.builder()
        .provider("a", Protocol.OPENAI, p -> p
            .model("acme/seed-42", m -> m.seed(42))
            .model("acme/seed-43", m -> m.seed(43))
            .model("acme/fixed", m -> m.reply("The answer is forty-two."))
            .model("acme/slow-start", m -> m.timeToFirstToken(Duration.ofMillis(250))
                .outputTokens(3))
            .model("acme/paced", m -> m.tokensPerSecond(50).outputTokens(11)))
        .start();
    client = new SimClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  private static String text(String model, String prompt) throws Exception {
    try (Response r = client.post(sim.baseUrl("a") + "/chat/completions", "{\"model\":\""
        + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}")) {
      return (String) at(SimClient.obj(r.body().string()), "choices", 0, "message", "content");
    }
  }

  @Test
  void theSameRequestToTheSameSeedGivesTheSameText() throws Exception {
    assertThat(text("seed-42", "Tell me a story")).isEqualTo(text("seed-42", "Tell me a story"));
  }

  @Test
  void anotherSeedOrAnotherPromptGivesAnotherText() throws Exception {
    String base = text("seed-42", "Tell me a story");
    assertThat(text("seed-43", "Tell me a story")).isNotEqualTo(base);
    assertThat(text("seed-42", "Tell me a poem")).isNotEqualTo(base);
  }

  @Test
  void theTextIsTheSameAcrossSimulatorInstances() throws Exception {
    String here = text("seed-42", "Reproducible?");
    try (LoopbackSimulator other = LoopbackSimulator.builder()
        .provider("a", Protocol.OPENAI, p -> p.model("acme/seed-42", m -> m.seed(42)))
        .start();
        Response r = client.post(other.baseUrl("a") + "/chat/completions", "{\"model\":"
            + "\"seed-42\",\"messages\":[{\"role\":\"user\",\"content\":\"Reproducible?\"}]}")) {
      assertThat(at(SimClient.obj(r.body().string()), "choices", 0, "message", "content"))
          .isEqualTo(here);
    }
  }

  @Test
  void aFixedReplyIsSentVerbatim() throws Exception {
    assertThat(text("fixed", "anything")).isEqualTo("The answer is forty-two.");
  }

  @Test
  void timeToFirstTokenIsALowerBoundOnTheFirstContentEvent() throws Exception {
    long t0 = System.nanoTime();
    try (Response r = client.post(sim.baseUrl("a") + "/chat/completions", "{\"model\":"
        + "\"slow-start\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")) {
      List<SimClient.Sse> events = SimClient.events(r);
      // events.get(1) is the first content delta (events.get(0) carries the role)
      assertThat(Duration.ofNanos(events.get(1).atNanos() - t0))
          .isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }
    long t1 = System.nanoTime();
    text("slow-start", "y");
    assertThat(Duration.ofNanos(System.nanoTime() - t1))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }

  @Test
  void tokensPerSecondPacesTheStream() throws Exception {
    // 11 tokens at 50/s: the last comes at least 10 intervals (200 ms) after the first.
    try (Response r = client.post(sim.baseUrl("a") + "/chat/completions", "{\"model\":"
        + "\"paced\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")) {
      List<SimClient.Sse> events = SimClient.events(r);
      long first = events.get(1).atNanos();
      long last = events.get(11).atNanos();
      assertThat(Duration.ofNanos(last - first)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
      for (int i = 2; i <= 11; i++) {
        assertThat(events.get(i).atNanos()).isGreaterThanOrEqualTo(events.get(i - 1).atNanos());
      }
    }
    long t0 = System.nanoTime();
    text("paced", "z"); // not streamed: the whole answer waits for all 11 tokens
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }
}
