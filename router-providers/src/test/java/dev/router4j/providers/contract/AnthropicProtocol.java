package dev.router4j.providers.contract;

import static dev.router4j.providers.contract.Json.arr;
import static dev.router4j.providers.contract.Json.obj;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.spi.Provider;
import dev.router4j.providers.Anthropic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Anthropic's Messages API. */
final class AnthropicProtocol implements AdapterFixture {
  private static final Endpoint SONNET = Endpoint.builder("anthropic", "anthropic/claude-sonnet-4.5")
      .upstreamModel("claude-sonnet-4-5").contextLength(200_000).build();

  @Override
  public String name() {
    return "anthropic";
  }

  @Override
  public String key() {
    return "sk-ant-" + "api03-contract0123456789abcdef";
  }

  @Override
  public Provider provider(String baseUrl) {
    return Anthropic.builder().baseUrl(baseUrl + "v1").apiKey(key()).build();
  }

  @Override
  public Endpoint endpoint() {
    return SONNET;
  }

  private static Map<String, Object> message(List<Object> content, String stop, int in, int out) {
    return obj("id", "msg_contract", "type", "message", "role", "assistant",
        "model", "claude-sonnet-4-5", "content", content, "stop_reason", stop,
        "stop_sequence", null, "usage", obj("input_tokens", in, "output_tokens", out));
  }

  @Override
  public String chatReply(String text, int promptTokens, int completionTokens) {
    return Json.write(message(arr(obj("type", "text", "text", text)), "end_turn", promptTokens,
        completionTokens));
  }

  @Override
  public String toolCallReply(String callId, String name, String argumentsJson) {
    return Json.write(message(arr(obj("type", "tool_use", "id", callId, "name", name,
        "input", Json.read(argumentsJson))), "tool_use", 40, 12));
  }

  @Override
  public String streamHead(List<String> pieces) {
    Map<String, Object> start = message(arr(), null, 0, 1);
    StringBuilder b = new StringBuilder();
    b.append(Json.event("message_start", obj("type", "message_start", "message", start)));
    b.append(Json.event("content_block_start", obj("type", "content_block_start", "index", 0,
        "content_block", obj("type", "text", "text", ""))));
    b.append(Json.event("ping", obj("type", "ping")));
    for (String p : pieces) {
      b.append(Json.event("content_block_delta", obj("type", "content_block_delta", "index", 0,
          "delta", obj("type", "text_delta", "text", p))));
    }
    return b.toString();
  }

  @Override
  public String stream(List<String> pieces, int promptTokens, int completionTokens) {
    String head = streamHead(pieces).replace("\"input_tokens\":0", "\"input_tokens\":" + promptTokens);
    return head
        + Json.event("content_block_stop", obj("type", "content_block_stop", "index", 0))
        + Json.event("message_delta", obj("type", "message_delta",
            "delta", obj("stop_reason", "end_turn", "stop_sequence", null),
            "usage", obj("output_tokens", completionTokens)))
        + Json.event("message_stop", obj("type", "message_stop"));
  }

  @Override
  public String errorBody(int status, String message) {
    String type = switch (status) {
      case 401 -> "authentication_error";
      case 429 -> "rate_limit_error";
      case 500 -> "api_error";
      case 503, 529 -> "overloaded_error";
      default -> "invalid_request_error";
    };
    return Json.write(obj("type", "error", "error", obj("type", type, "message", message),
        "request_id", "req_011CContract"));
  }

  @Override
  public List<String> toolNames(Map<String, Object> body) {
    List<String> names = new ArrayList<>();
    for (Object t : Json.list(body.get("tools"))) {
      names.add((String) Json.map(t).get("name"));
    }
    return names;
  }

  @Override
  public boolean carriesToolResult(Map<String, Object> body, String callId, String name,
      String result) {
    for (Object m : Json.list(body.get("messages"))) {
      Map<String, Object> msg = Json.map(m);
      if (!"user".equals(msg.get("role"))) {
        continue;
      }
      for (Object block : Json.list(msg.get("content"))) {
        Map<String, Object> b = Json.map(block);
        if ("tool_result".equals(b.get("type")) && callId.equals(b.get("tool_use_id"))
            && String.valueOf(b.get("content")).contains(result)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return name();
  }
}
