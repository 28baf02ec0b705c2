package dev.router4j.examples;

import dev.router4j.ChatStream;
import dev.router4j.Router;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;

/**
 * Streaming: the answer is printed piece by piece as it arrives, and once the stream has ended
 * the whole answer is there too, with its usage, exact cost and route. Leaving the
 * try-with-resources block early closes the stream, which cancels the call. A failure before
 * the first piece moves on to the next endpoint, as a blocking call would.
 * ({@code router.publisher(request)} gives the same as a {@code Flow.Publisher}.)
 *
 * <p>Calls OpenAI with {@code OPENAI_API_KEY} (or OpenRouter with {@code OPENROUTER_API_KEY}),
 * else the simulator.
 */
public final class StreamingExample {
  private StreamingExample() {}

  /** Streams one answer. */
  public static void main(String[] args) {
    try (Hosts hosts = Hosts.start("openai/gpt-4.1-mini");
         Router router = hosts.router().build();
         ChatStream stream = router.stream(ChatRequest.builder()
             .model("openai/gpt-4.1-mini")
             .user("Describe a harbor at dawn in three sentences.")
             .build())) {
      for (ChatChunk chunk : stream) {
        System.out.print(chunk.text());
        System.out.flush();
      }
      System.out.println();
      ChatResponse answer = stream.response();
      System.out.println(answer.usage().total() + " tokens, " + answer.cost() + ", via "
          + answer.provider() + ", finish " + answer.finishReason());
    }
  }
}
