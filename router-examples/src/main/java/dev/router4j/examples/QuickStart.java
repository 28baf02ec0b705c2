package dev.router4j.examples;

import dev.router4j.Router;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.providers.OpenAi;
import dev.router4j.providers.OpenAiCompatible;

/**
 * The README's quick start: one provider, one request, the answer with its cost and route.
 * With {@code OPENAI_API_KEY} set it calls api.openai.com; without, the very same code calls the
 * local simulator standing in for OpenAI (same model name, same price, same wire protocol).
 */
public final class QuickStart {
  private QuickStart() {}

  /** Runs the quick start against OpenAI, or the simulator when {@code OPENAI_API_KEY} is unset. */
  public static void main(String[] args) {
    String key = Hosts.env("OPENAI_API_KEY");
    try (Hosts simulator = key == null ? Hosts.simulated() : null) {
      OpenAiCompatible.Builder openAi = key != null
          ? OpenAi.builder().apiKey(key)
          : simulator.pointAt(OpenAi.builder(), "openai"); // no key: the local stand-in
      if (key == null) {
        System.out.println("[no OPENAI_API_KEY: calling the simulator on 127.0.0.1]");
      }
      try (Router router = Router.builder()
          .provider(openAi
              .model("openai/gpt-4.1-mini", Pricing.perMillion("0.40", "1.60"))
              .build())
          .build()) {
        ChatResponse answer = router.chat(ChatRequest.builder()
            .model("openai/gpt-4.1-mini")
            .system("You are terse.")
            .user("Name three rivers in France.")
            .build());
        System.out.println(answer.text());
        System.out.println(answer.usage().total() + " tokens, " + answer.cost() + ", via "
            + answer.route());
      }
    }
  }
}
