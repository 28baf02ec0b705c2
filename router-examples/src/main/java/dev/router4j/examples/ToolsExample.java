package dev.router4j.examples;

import dev.router4j.Router;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Message;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolCall;

/**
 * Tools (function calling), the whole round trip: the model asks for {@code get_weather}, the
 * program runs it and sends the result back as a tool message, and the model answers in words.
 * The same request works on every provider; here Anthropic's Messages API
 * ({@code ANTHROPIC_API_KEY} or {@code OPENROUTER_API_KEY}), else the simulator.
 */
public final class ToolsExample {
  private ToolsExample() {}

  /** Runs one tool round trip. */
  public static void main(String[] args) {
    Tool weather = Tool.function("get_weather", "The current weather in a city",
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
            + "\"required\":[\"city\"]}");
    try (Hosts hosts = Hosts.start("anthropic/claude-haiku-4.5");
         Router router = hosts.router().build()) {
      ChatRequest ask = ChatRequest.builder().model("anthropic/claude-haiku-4.5")
          .user("What is the weather in Lyon right now?").tools(weather).build();
      ChatResponse first = router.chat(ask);
      ChatRequest.Builder next = ask.toBuilder().message(first.message());
      for (ToolCall call : first.toolCalls()) {
        System.out.println("the model calls " + call.name() + " " + call.arguments());
        next.message(Message.tool(call.id(), weatherIn(call.arguments())));
      }
      ChatResponse answer = first.toolCalls().isEmpty() ? first : router.chat(next.build());
      System.out.println(answer.text());
      System.out.println("finish " + answer.finishReason() + ", " + answer.cost());
    }
  }

  /** The tool itself; a real one would look the weather up. */
  private static String weatherIn(String argumentsJson) {
    return "{\"forecast\":\"sunny\",\"temp_c\":21,\"query\":" + argumentsJson + "}";
  }
}
