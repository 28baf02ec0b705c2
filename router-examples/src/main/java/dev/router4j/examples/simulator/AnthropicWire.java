package dev.router4j.examples.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Anthropic Messages: {@code POST /v1/messages}, JSON or named SSE events. */
final class AnthropicWire extends Wire {
  private static final Route MESSAGES = new Route(null, null, true);

  @Override
  Protocol protocol() {
    return Protocol.ANTHROPIC;
  }

  @Override
  String idPrefix() {
    return "msg_";
  }

  @Override
  Route route(HttpRequest request, String rest) {
    return "POST".equals(request.method) && "/v1/messages".equals(rest) ? MESSAGES : null;
  }

  @Override
  WireRequest parse(Map<String, Object> body, Route route) {
    WireRequest r = new WireRequest();
    r.model = Trees.str(body, "model");
    r.stream = Trees.bool(body, "stream");
    r.maxTokens = Trees.integer(body, "max_tokens");
    List<Object> messages = Trees.list(body.get("messages"));
    if (r.model == null) {
      r.invalid = "model: Field required";
    } else if (messages.isEmpty()) {
      r.invalid = "messages: Field required";
    } else if (r.maxTokens == null) {
      r.invalid = "max_tokens: Field required";
    }
    StringBuilder text = new StringBuilder(256);
    Trees.text(body.get("system"), text);
    Trees.text(messages, text);
    Trees.text(body.get("tools"), text);
    r.promptText = text.toString();
    if (!messages.isEmpty()) {
      Object last = messages.get(messages.size() - 1);
      if ("user".equals(Trees.str(last, "role"))) {
        for (Object block : Trees.list(Trees.get(last, "content"))) {
          if ("tool_result".equals(Trees.str(block, "type"))) {
            r.lastIsToolResult = true;
          }
        }
      }
    }
    List<WireRequest.ToolDef> tools = new ArrayList<>();
    for (Object t : Trees.list(body.get("tools"))) {
      String name = Trees.str(t, "name");
      Map<String, Object> schema = Trees.obj(Trees.get(t, "input_schema"));
      String type = Trees.str(t, "type");
      if (name != null && (schema != null || type == null || "custom".equals(type))) {
        tools.add(new WireRequest.ToolDef(name, schema));
      }
    }
    r.tools = tools;
    String choice = Trees.str(body, "tool_choice", "type");
    if ("none".equals(choice)) {
      r.toolMode = WireRequest.ToolMode.NONE;
    } else if ("any".equals(choice)) {
      r.toolMode = WireRequest.ToolMode.REQUIRED;
    } else if ("tool".equals(choice)) {
      r.toolMode = WireRequest.ToolMode.NAMED;
      r.namedTool = Trees.str(body, "tool_choice", "name");
    }
    r.parallelToolCalls = !Trees.bool(body, "tool_choice", "disable_parallel_tool_use");
    Object format = Trees.get(body, "output_config", "format");
    if (format == null) {
      format = body.get("output_format");
    }
    if ("json_schema".equals(Trees.str(format, "type"))) {
      r.json = true;
      r.jsonSchema = Trees.obj(Trees.get(format, "schema"));
    }
    r.cacheControl = Trees.hasKey(body, "cache_control");
    return r;
  }

  @Override
  Out authError(HttpRequest request, Set<String> keys, String requestId) {
    if (keys.isEmpty()) {
      return null;
    }
    String key = request.header("x-api-key");
    if (key == null || key.isEmpty()) {
      return error(401, "authentication_error", "x-api-key header is required", requestId);
    }
    if (!keys.contains(key.trim())) {
      return error(401, "authentication_error", "invalid x-api-key", requestId);
    }
    return null;
  }

  /** The version header is required. */
  Out versionError(HttpRequest request, String requestId) {
    String v = request.header("anthropic-version");
    return v == null || v.isBlank()
        ? error(400, "invalid_request_error", "anthropic-version: header is required", requestId)
        : null;
  }

  @Override
  Out invalid(String message, String requestId) {
    return error(400, "invalid_request_error", message, requestId);
  }

  @Override
  Out modelNotFound(String model, String requestId) {
    return error(404, "not_found_error", "model: " + model, requestId);
  }

  @Override
  Out unknownRoute(HttpRequest request, String requestId) {
    return error(404, "not_found_error", "Not Found", requestId);
  }

  @Override
  Out status(int status, Duration retryAfter, String model, String requestId) {
    String type;
    String message;
    switch (status) {
      case 400: type = "invalid_request_error"; message = "Invalid request."; break;
      case 401: type = "authentication_error"; message = "invalid x-api-key"; break;
      case 402:
        type = "billing_error";
        message = "Your credit balance is too low to access the Anthropic API.";
        break;
      case 403:
        type = "permission_error";
        message = "Your API key does not have permission to use the specified resource.";
        break;
      case 404: return modelNotFound(model, requestId);
      case 413:
        type = "request_too_large";
        message = "Request exceeds the maximum allowed number of bytes.";
        break;
      case 429:
        type = "rate_limit_error";
        message = "This request would exceed the rate limit for your organization of 50 requests"
            + " per minute.";
        break;
      case 529: type = "overloaded_error"; message = "Overloaded"; break;
      default:
        type = status >= 500 ? "api_error" : "invalid_request_error";
        message = status >= 500 ? "Internal server error" : Exchange.reason(status);
    }
    Out out = error(status, type, message, requestId);
    if (retryAfter != null) {
      out.headers().put("retry-after", Long.toString(ceilSeconds(retryAfter)));
    }
    if (status == 429) {
      Duration wait = retryAfter == null ? Duration.ofSeconds(1) : retryAfter;
      out.headers().put("anthropic-ratelimit-requests-limit", "50");
      out.headers().put("anthropic-ratelimit-requests-remaining", "0");
      out.headers().put("anthropic-ratelimit-requests-reset",
          Instant.now().plus(wait).truncatedTo(ChronoUnit.SECONDS).toString());
    }
    return out;
  }

  @Override
  Out overloaded(String requestId) {
    return status(529, null, null, requestId);
  }

  @Override
  Out quota(String model, String requestId) {
    return status(402, null, model, requestId);
  }

  private static Out error(int status, String type, String message, String requestId) {
    String body = new Json().beginObject().put("type", "error")
        .name("error").beginObject().put("type", type).put("message", message).endObject()
        .put("request_id", requestId).endObject().toString();
    return new Out(status, headers("Content-Type", "application/json", "request-id", requestId),
        utf8(body));
  }

  @Override
  Map<String, String> okHeaders(boolean stream, Ctx ctx) {
    return stream
        ? headers("Content-Type", "text/event-stream; charset=utf-8", "Cache-Control", "no-cache",
            "request-id", ctx.requestId())
        : headers("Content-Type", "application/json", "request-id", ctx.requestId());
  }

  private static String stopReason(Reply reply) {
    switch (reply.finish) {
      case LENGTH: return "max_tokens";
      case TOOL_CALLS: return "tool_use";
      default: return "end_turn";
    }
  }

  private static Json usage(Json j, Reply r, int outputTokens) {
    return j.beginObject()
        .put("input_tokens", Math.max(0, r.promptTokens - r.cachedTokens - r.cacheWriteTokens))
        .put("cache_creation_input_tokens", r.cacheWriteTokens)
        .put("cache_read_input_tokens", r.cachedTokens)
        .put("output_tokens", outputTokens).endObject();
  }

  @Override
  byte[] complete(Ctx ctx, Reply reply) {
    Json j = new Json(512 + reply.text.length()).beginObject()
        .put("id", ctx.id()).put("type", "message").put("role", "assistant")
        .put("model", ctx.model()).name("content").beginArray();
    if (reply.isToolCall()) {
      for (Reply.ToolCallOut c : reply.toolCalls) {
        j.beginObject().put("type", "tool_use").put("id", "toolu_" + c.idSuffix())
            .put("name", c.name()).name("input").any(c.args()).endObject();
      }
    } else {
      j.beginObject().put("type", "text").put("text", reply.text).endObject();
    }
    j.endArray().put("stop_reason", stopReason(reply)).putNull("stop_sequence");
    usage(j.name("usage"), reply, reply.completionTokens);
    return utf8(j.endObject().toString());
  }

  @Override
  List<Event> stream(Ctx ctx, Reply reply) {
    List<Event> events = new ArrayList<>(reply.completionTokens + 10);
    Json start = new Json().beginObject().put("type", "message_start").name("message")
        .beginObject().put("id", ctx.id()).put("type", "message").put("role", "assistant")
        .put("model", ctx.model()).name("content").beginArray().endArray()
        .putNull("stop_reason").putNull("stop_sequence");
    usage(start.name("usage"), reply, Math.min(1, reply.completionTokens));
    events.add(event("message_start", start.endObject().endObject().toString(), -1));
    int token = 0;
    if (reply.isToolCall()) {
      for (int k = 0; k < reply.toolCalls.size(); k++) {
        Reply.ToolCallOut c = reply.toolCalls.get(k);
        String block = new Json().beginObject().put("type", "content_block_start").put("index", k)
            .name("content_block").beginObject().put("type", "tool_use")
            .put("id", "toolu_" + c.idSuffix()).put("name", c.name())
            .name("input").beginObject().endObject().endObject().endObject().toString();
        events.add(event("content_block_start", block, -1));
        if (k == 0) {
          events.add(event("ping", "{\"type\": \"ping\"}", -1));
        }
        events.add(event("content_block_delta", inputDelta(k, ""), -1));
        for (String fragment : c.fragments()) {
          events.add(event("content_block_delta", inputDelta(k, fragment), token++));
        }
        events.add(event("content_block_stop",
            "{\"type\":\"content_block_stop\",\"index\":" + k + "}", -1));
      }
    } else {
      events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
          + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}", -1));
      events.add(event("ping", "{\"type\": \"ping\"}", -1));
      for (String piece : reply.pieces) {
        events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":" + Json.quote(piece) + "}}", token++));
      }
      events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}",
          -1));
    }
    events.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
        + stopReason(reply) + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":"
        + reply.completionTokens + "}}", -1));
    events.add(event("message_stop", "{\"type\":\"message_stop\"}", -1));
    return events;
  }

  private static String inputDelta(int index, String partial) {
    return "{\"type\":\"content_block_delta\",\"index\":" + index
        + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + Json.quote(partial)
        + "}}";
  }

  private static Event event(String name, String data, int token) {
    return new Event(utf8("event: " + name + "\ndata: " + data + "\n\n"), token);
  }

  @Override
  byte[] streamError(Ctx ctx, int eventsSent) {
    return utf8("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
        + "\"message\":\"Overloaded\"}}\n\n");
  }
}
