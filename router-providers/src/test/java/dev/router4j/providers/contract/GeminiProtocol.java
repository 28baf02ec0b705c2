package dev.router4j.providers.contract;

import static dev.router4j.providers.contract.Json.arr;
import static dev.router4j.providers.contract.Json.obj;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.spi.Provider;
import dev.router4j.providers.Gemini;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Google's Gemini API: no call ids on the wire, results matched by function name. */
final class GeminiProtocol implements AdapterFixture {
  private static final Endpoint FLASH = Endpoint.builder(Gemini.SLUG, "google/gemini-2.5-flash").build();

  @Override
  public String name() {
    return "gemini";
  }

  @Override
  public String key() {
    return "AIza" + "SyContract-0123456789abcdefghijk";
  }

  @Override
  public Provider provider(String baseUrl) {
    return Gemini.builder().baseUrl(baseUrl + "v1beta").apiKey(key()).build();
  }

  @Override
  public Endpoint endpoint() {
    return FLASH;
  }

  private static Map<String, Object> usage(int prompt, int completion) {
    return obj("promptTokenCount", prompt, "candidatesTokenCount", completion,
        "totalTokenCount", prompt + completion);
  }

  private static Map<String, Object> response(List<Object> parts, String finish,
      Map<String, Object> usage) {
    Map<String, Object> candidate = obj("content", obj("parts", parts, "role", "model"), "index", 0);
    if (finish != null) {
      candidate.put("finishReason", finish);
    }
    Map<String, Object> r = obj("candidates", arr(candidate));
    if (usage != null) {
      r.put("usageMetadata", usage);
    }
    r.put("modelVersion", "gemini-2.5-flash");
    r.put("responseId", "contract-response");
    return r;
  }

  @Override
  public String chatReply(String text, int promptTokens, int completionTokens) {
    return Json.write(response(arr(obj("text", text)), "STOP", usage(promptTokens, completionTokens)));
  }

  @Override
  public String toolCallReply(String callId, String name, String argumentsJson) {
    return Json.write(response(arr(obj("functionCall", obj("name", name,
        "args", Json.read(argumentsJson)))), "STOP", usage(40, 12)));
  }

  @Override
  public String streamHead(List<String> pieces) {
    StringBuilder b = new StringBuilder();
    for (String p : pieces) {
      b.append(Json.data(response(arr(obj("text", p)), null, null)));
    }
    return b.toString();
  }

  @Override
  public String stream(List<String> pieces, int promptTokens, int completionTokens) {
    List<String> head = pieces.subList(0, pieces.size() - 1);
    String last = pieces.get(pieces.size() - 1);
    return streamHead(head) + Json.data(response(arr(obj("text", last)), "STOP",
        usage(promptTokens, completionTokens)));
  }

  @Override
  public String errorBody(int status, String message) {
    String s = switch (status) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 503 -> "UNAVAILABLE";
      default -> "INTERNAL";
    };
    return Json.write(obj("error", obj("code", status, "message", message, "status", s)));
  }

  @Override
  public List<String> toolNames(Map<String, Object> body) {
    List<String> names = new ArrayList<>();
    for (Object t : Json.list(body.get("tools"))) {
      for (Object d : Json.list(Json.map(t).get("functionDeclarations"))) {
        names.add((String) Json.map(d).get("name"));
      }
    }
    return names;
  }

  @Override
  public boolean carriesToolResult(Map<String, Object> body, String callId, String name,
      String result) {
    Object expected = Json.read(result);
    for (Object c : Json.list(body.get("contents"))) {
      for (Object part : Json.list(Json.map(c).get("parts"))) {
        Map<String, Object> fr = Json.map(Json.map(part).get("functionResponse"));
        if (name.equals(fr.get("name")) && expected.equals(fr.get("response"))) {
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
