package dev.router4j.internal.routing;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.Plugin;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.internal.plugins.ContextCompression;
import java.util.List;

/**
 * Fits a request to one endpoint: parameters the endpoint does not list among its supported
 * parameters are dropped, as OpenRouter drops them when {@code require_parameters} is off.
 * Returns the same instance when nothing needs dropping, so the common case allocates nothing.
 */
public final class RequestShaper {
  private RequestShaper() {}

  /** The request as it should be sent to the endpoint. */
  public static ChatRequest forEndpoint(ChatRequest request, Endpoint e) {
    ChatRequest compressed = ContextCompression.applies(request, e.contextLength())
        && mayOverflow(request, e) ? ContextCompression.fit(request, e.contextLength()) : request;
    ChatRequest local = withoutLocalPlugins(compressed);
    if (e.supportedParameters().isEmpty()) {
      return local;
    }
    ChatRequest r = dev.router4j.internal.structured.StructuredPrompt.forEndpoint(local, e);
    List<String> used = RequestParameters.used(r);
    ChatRequest.Builder b = null;
    for (String param : used) {
      if (e.supports(param)) {
        continue;
      }
      if (param.equals("structured_outputs") && e.supports("response_format")) {
        continue; // json_schema falls back to healing; the format itself is still sent
      }
      if (b == null) {
        b = r.toBuilder();
      }
      drop(b, param);
    }
    return b == null ? r : b.build();
  }

  /**
   * A cheap first look: only a prompt that might come near the context is counted with the
   * real tokenizer. The look counts a token per character, so that text whose tokens are
   * short (Chinese, Japanese) is not waved through.
   */
  private static boolean mayOverflow(ChatRequest r, Endpoint e) {
    long reserve = r.effectiveMaxTokens() == null ? 0 : r.effectiveMaxTokens();
    return dev.router4j.internal.tokens.TokenEstimator.promptTokensAtMost(r) + reserve
        > e.contextLength() * 3L / 4;
  }

  /** Plugins the router runs itself are not sent upstream (an OpenRouter upstream would run them again). */
  static ChatRequest withoutLocalPlugins(ChatRequest r) {
    if (r.plugins().isEmpty()) {
      return r;
    }
    List<Plugin> kept = new java.util.ArrayList<>(r.plugins().size());
    for (Plugin p : r.plugins()) {
      if (!LOCAL_PLUGINS.contains(p.id())) {
        kept.add(p);
      }
    }
    return kept.size() == r.plugins().size() ? r : r.toBuilder().plugins(kept).build();
  }

  private static final java.util.Set<String> LOCAL_PLUGINS = java.util.Set.of(Plugin.WEB,
      Plugin.RESPONSE_HEALING, Plugin.CONTEXT_COMPRESSION, "auto-router");

  private static void drop(ChatRequest.Builder b, String param) {
    switch (param) {
      case "temperature": b.temperature(null); break;
      case "top_p": b.topP(null); break;
      case "top_k": b.topK(null); break;
      case "min_p": b.minP(null); break;
      case "top_a": b.topA(null); break;
      case "frequency_penalty": b.frequencyPenalty(null); break;
      case "presence_penalty": b.presencePenalty(null); break;
      case "repetition_penalty": b.repetitionPenalty(null); break;
      case "seed": b.seed(null); break;
      case "stop": b.stop((List<String>) null); break;
      case "logit_bias": b.logitBias(null); break;
      case "logprobs": b.logprobs(null); break;
      case "top_logprobs": b.topLogprobs(null); break;
      case "tool_choice": b.toolChoice(null); break;
      case "parallel_tool_calls": b.parallelToolCalls(null); break;
      case "reasoning": b.reasoning(null).reasoningEffort(null); break;
      default:
        // max_tokens, tools and response_format are never dropped: they change the answer's
        // shape, and soft filtering already preferred endpoints that support them.
        break;
    }
  }
}
