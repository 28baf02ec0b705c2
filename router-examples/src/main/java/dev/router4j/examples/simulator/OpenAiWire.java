package dev.router4j.examples.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** OpenAI Chat Completions: {@code POST /v1/chat/completions}, JSON or SSE. */
final class OpenAiWire extends Wire {
  private static final Route CHAT = new Route(null, null, true);
  private static final byte[] DONE = utf8("data: [DONE]\n\n");

  @Override
  Protocol protocol() {
    return Protocol.OPENAI;
  }

  @Override
  String idPrefix() {
    return "chatcmpl-";
  }

  @Override
  Route route(HttpRequest request, String rest) {
    return "POST".equals(request.method) && "/v1/chat/completions".equals(rest) ? CHAT : null;
  }

  @Override
  WireRequest parse(Map<String, Object> body, Route route) {
    WireRequest r = new WireRequest();
    r.model = Trees.str(body, "model");
    r.stream = Trees.bool(body, "stream");
    r.includeUsage = Trees.bool(body, "stream_options", "include_usage");
    List<Object> messages = Trees.list(body.get("messages"));
    if (r.model == null) {
      r.invalid = "you must provide a model parameter";
    } else if (messages.isEmpty()) {
      r.invalid = "[] is too short - 'messages'";
    }
    StringBuilder text = new StringBuilder(256);
    Trees.text(messages, text);
    Trees.text(body.get("tools"), text);
    r.promptText = text.toString();
    if (!messages.isEmpty()) {
      r.lastIsToolResult = "tool".equals(Trees.str(messages.get(messages.size() - 1), "role"));
    }
    List<WireRequest.ToolDef> tools = new ArrayList<>();
    for (Object t : Trees.list(body.get("tools"))) {
      String name = Trees.str(t, "function", "name");
      if (name != null) {
        tools.add(new WireRequest.ToolDef(name, Trees.obj(Trees.get(t, "function", "parameters"))));
      }
    }
    r.tools = tools;
    Object choice = body.get("tool_choice");
    if ("none".equals(choice)) {
      r.toolMode = WireRequest.ToolMode.NONE;
    } else if ("required".equals(choice)) {
      r.toolMode = WireRequest.ToolMode.REQUIRED;
    } else if (Trees.str(choice, "function", "name") != null) {
      r.toolMode = WireRequest.ToolMode.NAMED;
      r.namedTool = Trees.str(choice, "function", "name");
    }
    r.parallelToolCalls = !Boolean.FALSE.equals(body.get("parallel_tool_calls"));
    Integer max = Trees.integer(body, "max_completion_tokens");
    r.maxTokens = max != null ? max : Trees.integer(body, "max_tokens");
    String format = Trees.str(body, "response_format", "type");
    if ("json_object".equals(format)) {
      r.json = true;
    } else if ("json_schema".equals(format)) {
      r.json = true;
      r.jsonSchema = Trees.obj(Trees.get(body, "response_format", "json_schema", "schema"));
    }
    return r;
  }

  @Override
  Out authError(HttpRequest request, Set<String> keys, String requestId) {
    if (keys.isEmpty()) {
      return null;
    }
    String key = null;
    String auth = request.header("authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = auth.substring(7).trim();
    } else if (request.header("api-key") != null) {
      key = request.header("api-key").trim();
    }
    if (key == null || key.isEmpty()) {
      return error(401, "invalid_request_error", null, "You didn't provide an API key. You need to"
          + " provide your API key in an Authorization header using Bearer auth (i.e."
          + " Authorization: Bearer YOUR_KEY).", null, requestId);
    }
    if (!keys.contains(key)) {
      return error(401, "invalid_request_error", "invalid_api_key",
          "Incorrect API key provided. You can find your API key at"
              + " https://platform.openai.com/account/api-keys.", null, requestId);
    }
    return null;
  }

  @Override
  Out invalid(String message, String requestId) {
    return error(400, "invalid_request_error", null, message, null, requestId);
  }

  @Override
  Out modelNotFound(String model, String requestId) {
    return error(404, "invalid_request_error", "model_not_found", "The model `" + model
        + "` does not exist or you do not have access to it.", null, requestId);
  }

  @Override
  Out unknownRoute(HttpRequest request, String requestId) {
    return error(404, "invalid_request_error", null, "Invalid URL (" + request.method + " "
        + request.path + ")", null, requestId);
  }

  @Override
  Out status(int status, Duration retryAfter, String model, String requestId) {
    String type;
    String code = null;
    String message;
    switch (status) {
      case 400:
        type = "invalid_request_error";
        message = "Invalid request.";
        break;
      case 401:
        type = "invalid_request_error";
        code = "invalid_api_key";
        message = "Incorrect API key provided.";
        break;
      case 403:
        type = "invalid_request_error";
        code = "unsupported_country_region_territory";
        message = "Country, region, or territory not supported";
        break;
      case 404:
        return modelNotFound(model, requestId);
      case 429:
        type = "requests";
        code = "rate_limit_exceeded";
        message = "Rate limit reached for requests on model " + model + ". Please try again in "
            + (retryAfter == null ? "1s" : goDuration(retryAfter)) + ".";
        break;
      case 500:
        type = "server_error";
        message = "The server had an error while processing your request. Sorry about that!";
        break;
      case 503:
        type = "server_error";
        message = "The server is overloaded or not ready yet.";
        break;
      default:
        type = status >= 500 ? "server_error" : "invalid_request_error";
        message = Exchange.reason(status) + ".";
    }
    Out out = error(status, type, code, message, null, requestId);
    if (retryAfter != null) {
      out.headers().put("retry-after", Long.toString(ceilSeconds(retryAfter)));
      out.headers().put("retry-after-ms", Long.toString(retryAfter.toMillis()));
    }
    if (status == 429) {
      out.headers().put("x-ratelimit-limit-requests", "500");
      out.headers().put("x-ratelimit-remaining-requests", "0");
      out.headers().put("x-ratelimit-reset-requests",
          goDuration(retryAfter == null ? Duration.ofSeconds(1) : retryAfter));
    }
    return out;
  }

  @Override
  Out overloaded(String requestId) {
    return error(503, "server_error", null, "The server is overloaded or not ready yet.", null,
        requestId);
  }

  @Override
  Out quota(String model, String requestId) {
    return error(429, "insufficient_quota", "insufficient_quota", "You exceeded your current"
        + " quota, please check your plan and billing details.", null, requestId);
  }

  private static Out error(int status, String type, String code, String message, String param,
      String requestId) {
    String body = new Json().beginObject().name("error").beginObject()
        .put("message", message).put("type", type).put("param", param).put("code", code)
        .endObject().endObject().toString();
    return new Out(status, headers("Content-Type", "application/json", "x-request-id", requestId),
        utf8(body));
  }

  @Override
  Map<String, String> okHeaders(boolean stream, Ctx ctx) {
    return stream
        ? headers("Content-Type", "text/event-stream; charset=utf-8", "Cache-Control", "no-cache",
            "x-request-id", ctx.requestId())
        : headers("Content-Type", "application/json", "x-request-id", ctx.requestId());
  }

  @Override
  byte[] complete(Ctx ctx, Reply reply) {
    Json j = new Json(512 + reply.text.length()).beginObject()
        .put("id", ctx.id()).put("object", "chat.completion").put("created", ctx.created())
        .put("model", ctx.model())
        .name("choices").beginArray().beginObject().put("index", 0)
        .name("message").beginObject().put("role", "assistant");
    if (reply.isToolCall()) {
      j.putNull("content").name("tool_calls").beginArray();
      for (Reply.ToolCallOut c : reply.toolCalls) {
        j.beginObject().put("id", "call_" + c.idSuffix()).put("type", "function")
            .name("function").beginObject().put("name", c.name()).put("arguments", c.argsJson())
            .endObject().endObject();
      }
      j.endArray();
    } else {
      j.put("content", reply.text);
    }
    j.putNull("refusal").name("annotations").beginArray().endArray().endObject()
        .putNull("logprobs").put("finish_reason", finish(reply)).endObject().endArray();
    usage(j.name("usage"), reply);
    return utf8(j.put("service_tier", "default").put("system_fingerprint", "fp_loopback")
        .endObject().toString());
  }

  private static String finish(Reply reply) {
    switch (reply.finish) {
      case LENGTH: return "length";
      case TOOL_CALLS: return "tool_calls";
      default: return "stop";
    }
  }

  private static void usage(Json j, Reply r) {
    j.beginObject().put("prompt_tokens", r.promptTokens)
        .put("completion_tokens", r.completionTokens)
        .put("total_tokens", r.promptTokens + r.completionTokens)
        .name("prompt_tokens_details").beginObject().put("cached_tokens", r.cachedTokens)
        .put("audio_tokens", 0).endObject()
        .name("completion_tokens_details").beginObject().put("reasoning_tokens", 0)
        .put("audio_tokens", 0).put("accepted_prediction_tokens", 0)
        .put("rejected_prediction_tokens", 0).endObject()
        .endObject();
  }

  @Override
  List<Event> stream(Ctx ctx, Reply reply) {
    // Every chunk shares its head and tail: render them once.
    String head = "data: {\"id\":" + Json.quote(ctx.id())
        + ",\"object\":\"chat.completion.chunk\",\"created\":" + ctx.created()
        + ",\"model\":" + Json.quote(ctx.model())
        + ",\"system_fingerprint\":\"fp_loopback\",\"choices\":[{\"index\":0,\"delta\":";
    String tail = ctx.includeUsage() ? ",\"usage\":null}\n\n" : "}\n\n";
    String open = ",\"logprobs\":null,\"finish_reason\":null}]";
    List<Event> events = new ArrayList<>(reply.completionTokens + 5);
    int token = 0;
    if (reply.isToolCall()) {
      events.add(event(head + "{\"role\":\"assistant\",\"content\":null,\"refusal\":null}"
          + open + tail, -1));
      for (int k = 0; k < reply.toolCalls.size(); k++) {
        Reply.ToolCallOut c = reply.toolCalls.get(k);
        String first = new Json().beginObject().name("tool_calls").beginArray().beginObject()
            .put("index", k).put("id", "call_" + c.idSuffix()).put("type", "function")
            .name("function").beginObject().put("name", c.name()).put("arguments", "")
            .endObject().endObject().endArray().endObject().toString();
        events.add(event(head + first + open + tail, -1));
        for (String fragment : c.fragments()) {
          String delta = "{\"tool_calls\":[{\"index\":" + k + ",\"function\":{\"arguments\":"
              + Json.quote(fragment) + "}}]}";
          events.add(event(head + delta + open + tail, token++));
        }
      }
    } else {
      events.add(event(head + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}"
          + open + tail, -1));
      for (String piece : reply.pieces) {
        events.add(event(head + "{\"content\":" + Json.quote(piece) + "}" + open + tail, token++));
      }
    }
    events.add(event(head + "{},\"logprobs\":null,\"finish_reason\":\"" + finish(reply) + "\"}]"
        + tail, -1));
    if (ctx.includeUsage()) {
      Json j = new Json().beginObject().put("id", ctx.id())
          .put("object", "chat.completion.chunk").put("created", ctx.created())
          .put("model", ctx.model()).put("system_fingerprint", "fp_loopback")
          .name("choices").beginArray().endArray();
      usage(j.name("usage"), reply);
      events.add(event("data: " + j.endObject() + "\n\n", -1));
    }
    events.add(new Event(DONE, -1));
    return events;
  }

  private static Event event(String sse, int token) {
    return new Event(utf8(sse), token);
  }

  @Override
  byte[] streamError(Ctx ctx, int eventsSent) {
    return utf8("data: {\"error\":{\"message\":\"The server had an error while processing your"
        + " request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,"
        + "\"code\":\"server_error\"}}\n\n");
  }
}
