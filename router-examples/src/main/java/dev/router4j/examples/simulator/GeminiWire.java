package dev.router4j.examples.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gemini generateContent: {@code POST /v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent} (SSE with {@code alt=sse}, else one streamed JSON array).
 */
final class GeminiWire extends Wire {
  private static final String PREFIX = "/v1beta/models/";
  private static final String JSON_TYPE = "application/json; charset=UTF-8";

  @Override
  Protocol protocol() {
    return Protocol.GEMINI;
  }

  @Override
  String idPrefix() {
    return "";
  }

  @Override
  Route route(HttpRequest request, String rest) {
    if (!"POST".equals(request.method) || !rest.startsWith(PREFIX)) {
      return null;
    }
    String tail = rest.substring(PREFIX.length());
    int colon = tail.lastIndexOf(':');
    if (colon <= 0) {
      return null;
    }
    String model = tail.substring(0, colon);
    String method = tail.substring(colon + 1);
    if ("generateContent".equals(method)) {
      return new Route(model, false, true);
    }
    if ("streamGenerateContent".equals(method)) {
      return new Route(model, true, "sse".equals(request.queryParam("alt")));
    }
    return null;
  }

  @Override
  WireRequest parse(Map<String, Object> body, Route route) {
    WireRequest r = new WireRequest();
    r.model = route.pathModel();
    r.stream = route.pathStream();
    List<Object> contents = Trees.list(body.get("contents"));
    if (contents.isEmpty()) {
      r.invalid = "* GenerateContentRequest.contents: contents is not specified";
    }
    StringBuilder text = new StringBuilder(256);
    Trees.text(body.get("systemInstruction"), text);
    Trees.text(contents, text);
    Trees.text(body.get("tools"), text);
    r.promptText = text.toString();
    if (!contents.isEmpty()) {
      for (Object part : Trees.list(Trees.get(contents.get(contents.size() - 1), "parts"))) {
        if (Trees.get(part, "functionResponse") != null) {
          r.lastIsToolResult = true;
        }
      }
    }
    List<WireRequest.ToolDef> tools = new ArrayList<>();
    for (Object t : Trees.list(body.get("tools"))) {
      for (Object fd : Trees.list(Trees.get(t, "functionDeclarations"))) {
        String name = Trees.str(fd, "name");
        if (name != null) {
          Map<String, Object> schema = Trees.obj(Trees.get(fd, "parameters"));
          if (schema == null) {
            schema = Trees.obj(Trees.get(fd, "parametersJsonSchema"));
          }
          tools.add(new WireRequest.ToolDef(name, schema));
        }
      }
    }
    r.tools = tools;
    String mode = Trees.str(body, "toolConfig", "functionCallingConfig", "mode");
    if ("NONE".equals(mode)) {
      r.toolMode = WireRequest.ToolMode.NONE;
    } else if ("ANY".equals(mode)) {
      List<Object> allowed =
          Trees.list(Trees.get(body, "toolConfig", "functionCallingConfig", "allowedFunctionNames"));
      if (allowed.size() == 1 && allowed.get(0) instanceof String) {
        r.toolMode = WireRequest.ToolMode.NAMED;
        r.namedTool = (String) allowed.get(0);
      } else {
        r.toolMode = WireRequest.ToolMode.REQUIRED;
      }
    }
    r.maxTokens = Trees.integer(body, "generationConfig", "maxOutputTokens");
    if ("application/json".equals(Trees.str(body, "generationConfig", "responseMimeType"))) {
      r.json = true;
      Map<String, Object> schema =
          Trees.obj(Trees.get(body, "generationConfig", "responseJsonSchema"));
      r.jsonSchema = schema != null ? schema
          : Trees.obj(Trees.get(body, "generationConfig", "responseSchema"));
    }
    return r;
  }

  @Override
  Out authError(HttpRequest request, Set<String> keys, String requestId) {
    if (keys.isEmpty()) {
      return null;
    }
    String key = request.header("x-goog-api-key");
    if (key == null) {
      key = request.queryParam("key");
    }
    if (key == null || key.isEmpty()) {
      return error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers"
          + " without established identity). Please use API Key or other form of API consumer"
          + " identity to call this API.", null);
    }
    if (!keys.contains(key.trim())) {
      return error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.",
          "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\","
              + "\"domain\":\"googleapis.com\",\"metadata\":{\"service\":"
              + "\"generativelanguage.googleapis.com\"}}");
    }
    return null;
  }

  @Override
  Out invalid(String message, String requestId) {
    return error(400, "INVALID_ARGUMENT", message, null);
  }

  @Override
  Out modelNotFound(String model, String requestId) {
    return error(404, "NOT_FOUND", "models/" + model + " is not found for API version v1beta, or"
        + " is not supported for generateContent. Call ListModels to see the list of available"
        + " models and their supported methods.", null);
  }

  @Override
  Out unknownRoute(HttpRequest request, String requestId) {
    return error(404, "NOT_FOUND", "Requested entity was not found.", null);
  }

  @Override
  Out status(int status, Duration retryAfter, String model, String requestId) {
    String state;
    String message;
    String details = null;
    switch (status) {
      case 400: state = "INVALID_ARGUMENT"; message = "Request contains an invalid argument."; break;
      case 401:
        state = "UNAUTHENTICATED";
        message = "Request had invalid authentication credentials.";
        break;
      case 403: state = "PERMISSION_DENIED"; message = "The caller does not have permission"; break;
      case 404: return modelNotFound(model, requestId);
      case 409: state = "ABORTED"; message = "The operation was aborted."; break;
      case 429:
        state = "RESOURCE_EXHAUSTED";
        message = "You exceeded your current quota, please check your plan and billing details.";
        details = quotaFailure(model, "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
        break;
      case 500:
        state = "INTERNAL";
        message = "An internal error has occurred. Please retry or report in"
            + " https://developers.generativeai.google/guide/troubleshooting";
        break;
      case 501: state = "UNIMPLEMENTED"; message = "Method not implemented."; break;
      case 503: state = "UNAVAILABLE"; message = "The model is overloaded. Please try again later.";
        break;
      case 504:
        state = "DEADLINE_EXCEEDED";
        message = "Deadline expired before operation could complete.";
        break;
      default:
        state = status >= 500 ? "UNKNOWN" : "FAILED_PRECONDITION";
        message = Exchange.reason(status) + ".";
    }
    if (retryAfter != null) {
      String retry = "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\""
          + protoDuration(retryAfter) + "\"}";
      details = details == null ? retry : details + "," + retry;
    }
    return error(status, state, message, details);
  }

  @Override
  Out overloaded(String requestId) {
    return status(503, null, null, requestId);
  }

  @Override
  Out quota(String model, String requestId) {
    return error(429, "RESOURCE_EXHAUSTED",
        "You exceeded your current quota, please check your plan and billing details.",
        quotaFailure(model, "GenerateRequestsPerDayPerProjectPerModel-FreeTier"));
  }

  private static String quotaFailure(String model, String quotaId) {
    return "{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{"
        + "\"quotaMetric\":\"generativelanguage.googleapis.com/generate_content_free_tier_requests\","
        + "\"quotaId\":\"" + quotaId + "\",\"quotaDimensions\":{\"location\":\"global\","
        + "\"model\":" + Json.quote(model == null ? "unknown" : model) + "},\"quotaValue\":\"10\"}]}";
  }

  /** A protobuf JSON duration: {@code 34s}, {@code 1.500s}. */
  static String protoDuration(Duration d) {
    return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
  }

  private static Out error(int status, String state, String message, String detailsJson) {
    Json j = new Json().beginObject().name("error").beginObject().put("code", status)
        .put("message", message).put("status", state);
    if (detailsJson != null) {
      j.name("details").raw("[" + detailsJson + "]");
    }
    return new Out(status, headers("Content-Type", JSON_TYPE),
        utf8(j.endObject().endObject().toString()));
  }

  @Override
  Map<String, String> okHeaders(boolean stream, Ctx ctx) {
    return stream && ctx.sse()
        ? headers("Content-Type", "text/event-stream", "Cache-Control", "no-cache")
        : headers("Content-Type", JSON_TYPE);
  }

  private static String finishReason(Reply reply) {
    return reply.finish == Reply.Finish.LENGTH ? "MAX_TOKENS" : "STOP";
  }

  private static void usage(Json j, Reply r, int candidates) {
    j.name("usageMetadata").beginObject().put("promptTokenCount", r.promptTokens)
        .put("candidatesTokenCount", candidates)
        .put("totalTokenCount", r.promptTokens + candidates);
    if (r.cachedTokens > 0) {
      j.put("cachedContentTokenCount", r.cachedTokens);
    }
    j.name("promptTokensDetails").beginArray().beginObject().put("modality", "TEXT")
        .put("tokenCount", r.promptTokens).endObject().endArray().endObject();
  }

  /** One GenerateContentResponse with the given parts. */
  private static String response(Ctx ctx, Reply reply, List<String> textParts, boolean calls,
      boolean last, int candidates) {
    Json j = new Json(256).beginObject().name("candidates").beginArray().beginObject()
        .name("content").beginObject().name("parts").beginArray();
    if (calls) {
      for (Reply.ToolCallOut c : reply.toolCalls) {
        j.beginObject().name("functionCall").beginObject().put("name", c.name())
            .name("args").any(c.args()).endObject().endObject();
      }
    } else {
      for (String t : textParts) {
        j.beginObject().put("text", t).endObject();
      }
    }
    j.endArray().put("role", "model").endObject();
    if (last) {
      j.put("finishReason", finishReason(reply));
    }
    j.put("index", 0).endObject().endArray();
    usage(j, reply, candidates);
    return j.put("modelVersion", ctx.model()).put("responseId", ctx.id()).endObject().toString();
  }

  @Override
  byte[] complete(Ctx ctx, Reply reply) {
    return utf8(response(ctx, reply, List.of(reply.text), reply.isToolCall(), true,
        reply.completionTokens));
  }

  @Override
  List<Event> stream(Ctx ctx, Reply reply) {
    List<String> chunks = new ArrayList<>(reply.pieces.size() + 1);
    if (reply.isToolCall()) {
      chunks.add(response(ctx, reply, List.of(), true, true, reply.completionTokens));
    } else if (reply.pieces.isEmpty()) {
      chunks.add(response(ctx, reply, List.of(""), false, true, 0));
    } else {
      for (int i = 0; i < reply.pieces.size(); i++) {
        chunks.add(response(ctx, reply, List.of(reply.pieces.get(i)), false,
            i == reply.pieces.size() - 1, i + 1));
      }
    }
    List<Event> events = new ArrayList<>(chunks.size() + 1);
    for (int i = 0; i < chunks.size(); i++) {
      String framed = ctx.sse() ? "data: " + chunks.get(i) + "\r\n\r\n"
          : (i == 0 ? "[" : ",\r\n") + chunks.get(i);
      events.add(new Event(utf8(framed), i));
    }
    if (!ctx.sse()) {
      events.add(new Event(utf8("]"), -1));
    }
    return events;
  }

  @Override
  byte[] streamError(Ctx ctx, int eventsSent) {
    String error = "{\"error\":{\"code\":500,\"message\":\"An internal error has occurred. Please"
        + " retry or report in https://developers.generativeai.google/guide/troubleshooting\","
        + "\"status\":\"INTERNAL\"}}";
    if (ctx.sse()) {
      return utf8("data: " + error + "\r\n\r\n");
    }
    return utf8((eventsSent == 0 ? "[" : ",\r\n") + error + "]");
  }
}
