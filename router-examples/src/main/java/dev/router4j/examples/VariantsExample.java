package dev.router4j.examples;

import dev.router4j.Router;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.RouteAttempt;
import java.util.List;

/**
 * Model variants and the two routers, as on OpenRouter: {@code :floor} tries the cheapest
 * endpoint first, {@code :nitro} the fastest, {@code :free} only the free ones;
 * {@code openrouter/free} draws one of the free models and {@code openrouter/auto} picks a model
 * for the task. Each line shows the endpoint that served and what it cost. The simulator serves
 * Llama 3.3 70B at six providers, as the bundled catalog lists it ({@code OPENROUTER_API_KEY}
 * for the real thing).
 */
public final class VariantsExample {
  private VariantsExample() {}

  /** One call per variant. */
  public static void main(String[] args) {
    String llama = "meta-llama/llama-3.3-70b-instruct";
    try (Hosts hosts = Hosts.start(llama, llama + ":free");
         Router router = hosts.router().build()) {
      for (String model : List.of(llama + ":floor", llama + ":nitro", llama + ":free",
          "openrouter/free", "openrouter/auto")) {
        ChatResponse answer = router.chat(model, "Give one tip for a first trip to Paris.");
        RouteAttempt served = answer.route().get(answer.route().size() - 1);
        System.out.printf("%-42s -> %-50s %s%n", model, served.endpoint(), answer.cost());
      }
    }
  }
}
