package dev.router4j.examples;

import dev.router4j.Router;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.ResponseFormat;
import dev.router4j.examples.simulator.Fault;
import dev.router4j.examples.simulator.Malformation;
import dev.router4j.providers.Gemini;

/**
 * Structured output with response healing: ask for JSON that follows a schema. When the reply
 * is broken JSON (in a Markdown fence, wrapped in prose, with a trailing comma, cut off...) the
 * router repairs it, checks it against the schema, and says what it did in
 * {@code answer.healing()}; with {@code structuredOutputRetry(true)} an answer that cannot be
 * repaired is asked for once more. Here the simulator is told to fence its JSON; a real Gemini
 * ({@code GEMINI_API_KEY} or {@code OPENROUTER_API_KEY}) usually answers clean JSON.
 */
public final class StructuredOutputExample {
  private StructuredOutputExample() {}

  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{"
      + "\"city\":{\"type\":\"string\"},\"population\":{\"type\":\"integer\"},"
      + "\"rivers\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
      + "\"required\":[\"city\",\"population\",\"rivers\"],\"additionalProperties\":false}";

  /** Asks for one JSON object. */
  public static void main(String[] args) {
    try (Hosts hosts = Hosts.start("google/gemini-2.5-flash");
         Router router = hosts.router().structuredOutputRetry(true).build()) {
      if (hosts.isSimulated()) { // make the stand-in misbehave, as models sometimes do
        hosts.simulator().inject(Gemini.SLUG, "google/gemini-2.5-flash",
            Fault.malformedJson(Malformation.FENCED));
      }
      ChatResponse answer = router.chat(ChatRequest.builder()
          .model("google/gemini-2.5-flash")
          .user("The biggest city of France, its population and its rivers.")
          .responseFormat(ResponseFormat.jsonSchema("city", SCHEMA))
          .build());
      System.out.println(answer.text());
      System.out.println(answer.healing() == null ? "valid JSON as sent"
          : "healed: " + String.join("; ", answer.healing().repairs()));
    }
  }
}
