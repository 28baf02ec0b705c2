package dev.router4j.internal.routing;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ResponseFormat;
import java.util.ArrayList;
import java.util.List;

/** The OpenRouter parameter names a request sets, as endpoints list them in supported_parameters. */
public final class RequestParameters {
  private RequestParameters() {}

  /** The parameters the request sets. */
  public static List<String> used(ChatRequest r) {
    List<String> used = new ArrayList<>(8);
    add(used, r.temperature(), "temperature");
    add(used, r.topP(), "top_p");
    add(used, r.topK(), "top_k");
    add(used, r.minP(), "min_p");
    add(used, r.topA(), "top_a");
    add(used, r.frequencyPenalty(), "frequency_penalty");
    add(used, r.presencePenalty(), "presence_penalty");
    add(used, r.repetitionPenalty(), "repetition_penalty");
    add(used, r.seed(), "seed");
    add(used, r.effectiveMaxTokens(), "max_tokens");
    add(used, r.stop(), "stop");
    add(used, r.logitBias(), "logit_bias");
    add(used, r.logprobs(), "logprobs");
    add(used, r.topLogprobs(), "top_logprobs");
    if (!r.tools().isEmpty()) {
      used.add("tools");
    }
    add(used, r.toolChoice(), "tool_choice");
    add(used, r.parallelToolCalls(), "parallel_tool_calls");
    if (r.responseFormat() != null) {
      used.add("response_format");
      if (r.responseFormat().type() == ResponseFormat.Type.JSON_SCHEMA) {
        used.add("structured_outputs");
      }
    }
    add(used, r.effectiveReasoning(), "reasoning");
    return used;
  }

  private static void add(List<String> used, Object value, String name) {
    if (value != null) {
      used.add(name);
    }
  }
}
