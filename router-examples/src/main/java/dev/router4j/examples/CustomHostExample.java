package dev.router4j.examples;

import dev.router4j.Router;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.examples.simulator.LoopbackSimulator;
import dev.router4j.examples.simulator.Protocol;
import dev.router4j.providers.OpenAiCompatible;

/**
 * A host of your own: any server that speaks OpenAI's Chat Completions (vLLM, llama.cpp, LM
 * Studio, a proxy, a new cloud) is one builder call and no code: a slug, a base URL, a key if it
 * wants one, and the models it serves with their prices. Known hosts have presets that carry
 * their quirks: {@code OpenAiCompatible.preset("ollama")}, {@code preset("groq")}...
 *
 * <p>Usage: {@code CustomHostExample [baseUrl model [key]]}, e.g.
 * {@code http://10.0.0.5:8000/v1 meta-llama/Llama-3.1-8B-Instruct}; without arguments a local
 * simulator plays the host.
 */
public final class CustomHostExample {
  private CustomHostExample() {}

  /** One call to a self-hosted model. */
  public static void main(String[] args) {
    boolean own = args.length >= 2;
    try (LoopbackSimulator sim = own ? null : LoopbackSimulator.builder()
        .provider("my-vllm", Protocol.OPENAI, p -> p.apiKey("sk-local-0000")
            .model("meta-llama/llama-3.1-8b-instruct",
                m -> m.upstreamModel("meta-llama/Llama-3.1-8B-Instruct")))
        .start()) {
      String baseUrl = own ? args[0] : sim.baseUrl("my-vllm");
      String served = own ? args[1] : "meta-llama/Llama-3.1-8B-Instruct"; // the name it knows
      OpenAiCompatible.Builder host = OpenAiCompatible.builder("my-vllm")
          .baseUrl(baseUrl)
          .allowPlainHttp() // a plain-HTTP server on the local network, not only loopback
          .model("local/llama-3.1-8b", served, Pricing.FREE, 32_768);
      String key = own ? (args.length > 2 ? args[2] : null) : sim.apiKey("my-vllm");
      if (key != null) {
        host.apiKey(key);
      }
      try (Router router = Router.builder().provider(host.build()).build()) {
        ChatResponse answer = router.chat("local/llama-3.1-8b", "Say hello in Italian.");
        System.out.println(answer.text());
        System.out.println(answer.usage().total() + " tokens, " + answer.cost() + ", via "
            + answer.provider() + " at " + baseUrl);
      }
    }
  }
}
