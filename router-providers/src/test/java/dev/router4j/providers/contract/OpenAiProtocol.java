package dev.router4j.providers.contract;

import static dev.router4j.providers.contract.Json.arr;
import static dev.router4j.providers.contract.Json.data;
import static dev.router4j.providers.contract.Json.obj;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.spi.Provider;
import dev.router4j.providers.OpenAi;
import dev.router4j.providers.OpenAiCompatible;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Chat Completions, as api.openai.com or an OpenAI-compatible preset speaks it. */
final class OpenAiProtocol implements AdapterFixture {
  private final String name;
  private final String key;
  private final Supplier<OpenAiCompatible.Builder> builder;
  private final Endpoint endpoint;

  private OpenAiProtocol(String name, String key, Supplier<OpenAiCompatible.Builder> builder,
      Endpoint endpoint) {
    this.name = name;
    this.key = key;
    this.builder = builder;
    this.endpoint = endpoint;
  }

  static OpenAiProtocol openAi() {
    return new OpenAiProtocol("openai", "sk-proj-contract-0123456789", OpenAi::builder,
        Endpoint.builder("openai", "openai/gpt-4.1-mini").build());
  }

  /** Groq: its keys (gsk_...) match no generic key pattern, so the adapter's own redaction counts. */
  static OpenAiProtocol groq() {
    return new OpenAiProtocol("groq preset", "gsk_contractKey0123456789abcdef",
        () -> OpenAiCompatible.preset("groq"),
        Endpoint.builder("groq", "meta-llama/llama-3.3-70b-instruct")
            .upstreamModel("llama-3.3-70b-versatile").build());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public Provider provider(String baseUrl) {
    return builder.get().baseUrl(baseUrl + "v1").apiKey(key).build();
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  private Map<String, Object> usage(int prompt, int completion) {
    return obj("prompt_tokens", prompt, "completion_tokens", completion,
        "total_tokens", prompt + completion);
  }

  private Map<String, Object> completion(Map<String, Object> message, String finish,
      Map<String, Object> usage) {
    return obj("id", "chatcmpl-contract", "object", "chat.completion", "created", 1750000000,
        "model", endpoint.upstreamModel(),
        "choices", arr(obj("index", 0, "message", message, "logprobs", null, "finish_reason", finish)),
        "usage", usage);
  }

  @Override
  public String chatReply(String text, int promptTokens, int completionTokens) {
    return Json.write(completion(obj("role", "assistant", "content", text, "refusal", null),
        "stop", usage(promptTokens, completionTokens)));
  }

  @Override
  public String toolCallReply(String callId, String name, String argumentsJson) {
    Map<String, Object> call = obj("id", callId, "type", "function",
        "function", obj("name", name, "arguments", argumentsJson));
    return Json.write(completion(obj("role", "assistant", "content", null, "tool_calls", arr(call)),
        "tool_calls", usage(40, 12)));
  }

  private String chunk(Map<String, Object> delta, String finish) {
    return data(obj("id", "chatcmpl-contract", "object", "chat.completion.chunk",
        "created", 1750000000, "model", endpoint.upstreamModel(),
        "choices", arr(obj("index", 0, "delta", delta, "finish_reason", finish))));
  }

  @Override
  public String streamHead(List<String> pieces) {
    StringBuilder b = new StringBuilder(chunk(obj("role", "assistant", "content", ""), null));
    for (String p : pieces) {
      b.append(chunk(obj("content", p), null));
    }
    return b.toString();
  }

  @Override
  public String stream(List<String> pieces, int promptTokens, int completionTokens) {
    return streamHead(pieces) + chunk(obj(), "stop")
        + data(obj("id", "chatcmpl-contract", "object", "chat.completion.chunk",
            "created", 1750000000, "model", endpoint.upstreamModel(), "choices", arr(),
            "usage", usage(promptTokens, completionTokens)))
        + "data: [DONE]\n\n";
  }

  @Override
  public String errorBody(int status, String message) {
    String type = status == 429 ? "requests" : status >= 500 ? "server_error"
        : status == 401 ? "invalid_request_error" : "invalid_request_error";
    Object code = status == 429 ? "rate_limit_exceeded" : status == 401 ? "invalid_api_key" : null;
    return Json.write(obj("error", obj("message", message, "type", type, "param", null, "code", code)));
  }

  @Override
  public List<String> toolNames(Map<String, Object> body) {
    List<String> names = new ArrayList<>();
    for (Object t : Json.list(body.get("tools"))) {
      names.add((String) Json.map(Json.map(t).get("function")).get("name"));
    }
    return names;
  }

  @Override
  public boolean carriesToolResult(Map<String, Object> body, String callId, String name,
      String result) {
    for (Object m : Json.list(body.get("messages"))) {
      Map<String, Object> msg = Json.map(m);
      if ("tool".equals(msg.get("role")) && callId.equals(msg.get("tool_call_id"))
          && result.equals(msg.get("content"))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return name;
  }
}
