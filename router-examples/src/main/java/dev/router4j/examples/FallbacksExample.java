package dev.router4j.examples;

import dev.router4j.Router;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.examples.simulator.Fault;

/**
 * Fallbacks, both kinds. Provider fallback: when an endpoint fails, the same model is asked at
 * the next provider of the plan (a 503 is retried once first). Model fallback:
 * {@code models(...)} lists the models to try when every endpoint of the first has failed. The
 * route trace shows each attempt with its outcome, HTTP status and latency. On the simulator,
 * groq is told to answer 503 twice; with {@code OPENROUTER_API_KEY} the calls are real.
 */
public final class FallbacksExample {
  private FallbacksExample() {}

  /** One call whose first endpoint fails. */
  public static void main(String[] args) {
    String llama = "meta-llama/llama-3.3-70b-instruct";
    try (Hosts hosts = Hosts.start(llama, "openai/gpt-4.1-mini");
         Router router = hosts.router().build()) {
      if (hosts.isSimulated()) {
        hosts.simulator().inject("groq", llama, Fault.status(503), Fault.status(503));
      }
      ChatResponse answer = router.chat(ChatRequest.builder()
          .model(llama)
          .models("openai/gpt-4.1-mini")                // when every llama endpoint fails
          .provider(p -> p.order("groq", "together"))   // groq, then together, then the rest
          .user("Suggest a name for a river boat.")
          .build());
      answer.route().forEach(attempt -> System.out.println("  " + attempt));
      System.out.println(answer.model() + " via " + answer.provider() + ": " + answer.text());
    }
  }
}
