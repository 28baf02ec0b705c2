package dev.router4j.internal.structured;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.Message;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.catalog.Endpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Structured output on endpoints without native support: the schema goes into the prompt as a
 * system instruction, and the format sent is downgraded to what the endpoint takes (json_object
 * when it supports {@code response_format}, nothing otherwise). The answer is then healed and
 * validated like any other. Endpoints that support it natively get the request unchanged.
 */
public final class StructuredPrompt {
  private StructuredPrompt() {}

  /** The request as the endpoint should receive it. */
  public static ChatRequest forEndpoint(ChatRequest r, Endpoint e) {
    ResponseFormat f = r.responseFormat();
    if (f == null || f.type() != ResponseFormat.Type.JSON_SCHEMA
        || e.supportedParameters().isEmpty() || e.supports("structured_outputs")) {
      return r;
    }
    String instruction = "Answer with one JSON document and nothing else: no prose, no code fence."
        + " It must match this JSON Schema"
        + (f.name() == null ? "" : " (\"" + f.name() + "\")") + ":\n" + f.schemaJson();
    List<Message> messages = new ArrayList<>(r.messages().size() + 1);
    messages.add(Message.system(instruction));
    messages.addAll(r.messages());
    return r.toBuilder()
        .messages(messages)
        .responseFormat(e.supports("response_format") ? ResponseFormat.JSON_OBJECT : null)
        .build();
  }

  /** A follow-up asking the model to correct an answer that failed validation. */
  public static ChatRequest retry(ChatRequest r, String answer, String problems) {
    return r.toBuilder()
        .message(Message.assistant(answer))
        .user("That answer is not valid: " + problems + "\nReply again with only the corrected JSON.")
        .build();
  }
}
