package dev.router4j.examples;

import dev.router4j.Router;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.providers.OpenAi;

/** The README's quick start: one provider, one request, the answer with its cost and route. */
public final class QuickStart {
  private QuickStart() {}

  /** Runs the quick start; needs {@code OPENAI_API_KEY}. */
  public static void main(String[] args) {
    try (Router router = Router.builder()
        .provider(OpenAi.builder()
            .apiKey(System.getenv("OPENAI_API_KEY"))
            .model("openai/gpt-4.1-mini", dev.router4j.api.catalog.Pricing.perMillion("0.40", "1.60"))
            .build())
        .build()) {
      ChatResponse answer = router.chat(ChatRequest.builder()
          .model("openai/gpt-4.1-mini")
          .system("You are terse.")
          .user("Name three rivers in France.")
          .build());
      System.out.println(answer.text());
      System.out.println(answer.usage().total() + " tokens, " + answer.cost() + ", via " + answer.route());
    }
  }
}
