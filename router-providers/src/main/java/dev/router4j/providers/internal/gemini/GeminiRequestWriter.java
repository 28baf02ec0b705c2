package dev.router4j.providers.internal.gemini;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.Reasoning;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.Role;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolCall;
import dev.router4j.api.ToolChoice;
import dev.router4j.api.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a normalized request as a Gemini {@code GenerateContentRequest} body (a JSON tree).
 *
 * <p>Messages: system and developer messages become {@code systemInstruction}; user messages
 * {@code user} turns; assistant messages {@code model} turns with their text and {@code
 * functionCall} parts; tool results {@code functionResponse} parts in a {@code user} turn.
 * Consecutive turns of the same role are merged into one.
 *
 * <p>Reasoning ({@code thinkingConfig}):
 *
 * <ul>
 *   <li>{@code max_tokens} is sent as {@code thinkingBudget};
 *   <li>reasoning switched off ({@code enabled:false}, effort {@code none} or a budget of 0)
 *       is {@code thinkingBudget: 0}; Gemini 3 cannot switch thinking off, so there it is the
 *       lowest level ({@code minimal} on Flash models, {@code low} otherwise);
 *   <li>an effort on Gemini 3 and later is a {@code thinkingLevel}: Flash models know minimal,
 *       low, medium and high; other models low and high, so minimal becomes low and medium
 *       becomes high; xhigh and max are high;
 *   <li>an effort on earlier models is a {@code thinkingBudget} of the effort's share ({@link
 *       Reasoning.Effort#budgetPercent()}) of the request's max tokens, or of 24,576 (the
 *       largest budget Gemini 2.5 Flash accepts) when the request sets none; {@code
 *       enabled:true} alone counts as medium;
 *   <li>{@code includeThoughts} is true unless {@code exclude} is set or thinking is off.
 * </ul>
 *
 * <p>Thought signatures: {@code reasoning.encrypted} details in format {@value
 * #SIGNATURE_FORMAT} go back on the part they came from: the {@code functionCall} part whose
 * tool call id is the detail's id, or (no id) the text part. On Gemini 3, a model turn whose
 * first function call has no signature (history from another model) gets Google's documented
 * placeholder {@value #FOREIGN_SIGNATURE}, without which Gemini 3 rejects the request.
 *
 * <p>Tool call ids that this adapter generated (those starting with {@code call_}, which is
 * also OpenAI's prefix) are not sent upstream; ids that Gemini issued are echoed on both the
 * {@code functionCall} and the {@code functionResponse}.
 *
 * <p>Not mapped, as Gemini has no equivalent: {@code min_p}, {@code top_a}, {@code
 * repetition_penalty}, {@code logit_bias}, {@code parallel_tool_calls}, {@code user}, {@code
 * logprobs}/{@code top_logprobs}, plugins. Extra fields pass through only when they are Gemini
 * request members ({@code safetySettings}, {@code cachedContent}, {@code labels}).
 */
public final class GeminiRequestWriter {
  /** The {@code format} of reasoning details that carry Gemini thought signatures. */
  public static final String SIGNATURE_FORMAT = "google-gemini-v1";
  /** The signature Google documents for model turns that Gemini did not produce. */
  public static final String FOREIGN_SIGNATURE = "skip_thought_signature_validator";
  /** The budget base for an effort when the request sets no max tokens. */
  static final int DEFAULT_BUDGET_BASE = 24_576;

  private static final Pattern MAJOR = Pattern.compile("gemini-(\\d+)");
  private static final List<String> PASS_THROUGH =
      List.of("safetySettings", "cachedContent", "labels");

  private GeminiRequestWriter() {}

  /** The body for the given request and upstream model name. */
  public static Map<String, Object> body(ChatRequest r, String upstreamModel) {
    String model = modelName(upstreamModel);
    boolean levels = usesThinkingLevels(model);
    Map<String, Object> body = new LinkedHashMap<>();
    List<Map<String, Object>> contents = new ArrayList<>();
    List<Map<String, Object>> system = new ArrayList<>();
    List<Message> messages = r.messages();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      switch (m.role()) {
        case SYSTEM:
        case DEVELOPER:
          String text = m.text();
          if (!text.isEmpty()) {
            system.add(textPart(text));
          }
          break;
        case USER:
          append(contents, "user", userParts(m));
          break;
        case ASSISTANT:
          append(contents, "model", modelParts(m, levels));
          break;
        case TOOL:
          append(contents, "user", List.of(functionResponse(m, messages, i)));
          break;
        default:
          break;
      }
    }
    if (messages.isEmpty() && r.prompt() != null && !r.prompt().isEmpty()) {
      append(contents, "user", List.of(textPart(r.prompt())));
    }
    if (contents.isEmpty() && !system.isEmpty()) {
      // Gemini needs at least one turn: a conversation of instructions only becomes the turn.
      append(contents, "user", system);
      system = List.of();
    }
    body.put("contents", contents);
    if (!system.isEmpty()) {
      body.put("systemInstruction", Map.of("parts", system));
    }
    if (!r.tools().isEmpty()) {
      List<Object> declarations = new ArrayList<>();
      for (Tool t : r.tools()) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", t.name());
        if (t.description() != null) {
          d.put("description", t.description());
        }
        Map<String, Object> params = GeminiSchemas.parameters(t.parameters());
        if (params != null) {
          d.put("parameters", params);
        }
        declarations.add(d);
      }
      body.put("tools", List.of(Map.of("functionDeclarations", declarations)));
      if (r.toolChoice() != null) {
        body.put("toolConfig", Map.of("functionCallingConfig", toolChoice(r.toolChoice())));
      }
    }
    Map<String, Object> config = generationConfig(r, model, levels);
    if (!config.isEmpty()) {
      body.put("generationConfig", config);
    }
    for (String key : PASS_THROUGH) {
      if (r.extra().containsKey(key)) {
        body.put(key, r.extra().get(key));
      }
    }
    return body;
  }

  /** The model name without a {@code models/} prefix. */
  static String modelName(String upstreamModel) {
    return upstreamModel.startsWith("models/") ? upstreamModel.substring(7) : upstreamModel;
  }

  /** Whether the model takes a {@code thinkingLevel} (Gemini 3 and later). */
  static boolean usesThinkingLevels(String model) {
    Matcher m = MAJOR.matcher(model.toLowerCase(Locale.ROOT));
    if (!m.find()) {
      return false;
    }
    try {
      return Integer.parseInt(m.group(1)) >= 3;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Whether a tool call id was generated by an adapter rather than issued by Gemini. */
  static boolean isGeneratedId(String id) {
    return id == null || id.startsWith("call_");
  }

  private static void append(List<Map<String, Object>> contents, String role,
      List<Map<String, Object>> parts) {
    if (parts.isEmpty()) {
      return;
    }
    if (!contents.isEmpty() && role.equals(contents.get(contents.size() - 1).get("role"))) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> last =
          (List<Map<String, Object>>) contents.get(contents.size() - 1).get("parts");
      last.addAll(parts);
      return;
    }
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("role", role);
    content.put("parts", new ArrayList<>(parts));
    contents.add(content);
  }

  private static Map<String, Object> textPart(String text) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("text", text);
    return p;
  }

  // ---------------------------------------------------------------------------------------
  // User content

  private static List<Map<String, Object>> userParts(Message m) {
    List<Map<String, Object>> parts = new ArrayList<>();
    if (m.content() != null) {
      if (!m.content().isEmpty()) {
        parts.add(textPart(m.content()));
      }
      return parts;
    }
    if (m.parts() == null) {
      return parts;
    }
    for (ContentPart p : m.parts()) {
      if (p instanceof ContentPart.Text t) {
        if (!t.text().isEmpty()) {
          parts.add(textPart(t.text()));
        }
      } else if (p instanceof ContentPart.Image i) {
        if (i.isBase64()) {
          String mime = i.mimeType();
          parts.add(inline(mime == null || mime.isEmpty() ? "image/jpeg" : mime, i.base64Data()));
        } else {
          parts.add(fileData(MimeTypes.guess(i.url(), "image/jpeg"), i.url()));
        }
      } else if (p instanceof ContentPart.File f) {
        parts.add(filePart(f));
      } else if (p instanceof ContentPart.Audio a) {
        parts.add(inline(MimeTypes.audio(a.format()), a.data()));
      }
    }
    return parts;
  }

  private static Map<String, Object> filePart(ContentPart.File f) {
    String data = f.fileData();
    String fallback = MimeTypes.guess(f.filename(), "application/pdf");
    if (data != null) {
      if (data.startsWith("data:")) {
        int comma = data.indexOf(',');
        String header = comma < 0 ? data.substring(5) : data.substring(5, comma);
        int semi = header.indexOf(';');
        String mime = semi < 0 ? header : header.substring(0, semi);
        return inline(mime.isEmpty() ? fallback : mime, comma < 0 ? "" : data.substring(comma + 1));
      }
      if (MimeTypes.isLink(data)) {
        return fileData(f.filename() != null ? fallback : MimeTypes.guess(data, "application/pdf"),
            data);
      }
      return inline(fallback, data);
    }
    return fileData(fallback, f.fileId());
  }

  private static Map<String, Object> inline(String mime, String data) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mimeType", mime);
    d.put("data", data);
    return Map.of("inlineData", d);
  }

  private static Map<String, Object> fileData(String mime, String uri) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mimeType", mime);
    d.put("fileUri", uri);
    return Map.of("fileData", d);
  }

  // ---------------------------------------------------------------------------------------
  // Model turns

  private static List<Map<String, Object>> modelParts(Message m, boolean gemini3) {
    Map<String, String> signatureById = new HashMap<>();
    String textSignature = null;
    List<String> callIds = new ArrayList<>();
    for (ToolCall c : m.toolCalls()) {
      callIds.add(c.id());
    }
    for (ReasoningDetail d : m.reasoningDetails()) {
      if ("reasoning.encrypted".equals(d.type()) && d.data() != null && isGeminiFormat(d.format())) {
        if (d.id() != null && callIds.contains(d.id())) {
          signatureById.put(d.id(), d.data());
        } else {
          textSignature = d.data();
        }
      }
    }
    List<Map<String, Object>> parts = new ArrayList<>();
    String text = m.content() != null ? m.content() : m.parts() != null ? m.text() : null;
    if (text != null && !text.isEmpty()) {
      Map<String, Object> p = textPart(text);
      if (textSignature != null) {
        p.put("thoughtSignature", textSignature);
        textSignature = null;
      }
      parts.add(p);
    }
    List<ToolCall> calls = m.toolCalls();
    for (int i = 0; i < calls.size(); i++) {
      ToolCall c = calls.get(i);
      Map<String, Object> fc = new LinkedHashMap<>();
      fc.put("name", c.name());
      Map<String, Object> args = GeminiJson.object(GeminiJson.tryParse(c.arguments()));
      fc.put("args", args == null ? Map.of() : args);
      if (!isGeneratedId(c.id())) {
        fc.put("id", c.id());
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("functionCall", fc);
      String signature = signatureById.get(c.id());
      if (signature == null && i == 0 && gemini3) {
        signature = FOREIGN_SIGNATURE;
      }
      if (signature != null) {
        p.put("thoughtSignature", signature);
      }
      parts.add(p);
    }
    if (textSignature != null) {
      // A signature that came on an empty text part (the last event of a stream) goes back on
      // an empty text part after the others, as it came.
      Map<String, Object> p = textPart("");
      p.put("thoughtSignature", textSignature);
      parts.add(p);
    }
    return parts;
  }

  private static boolean isGeminiFormat(String format) {
    return format != null && format.startsWith("google-gemini");
  }

  private static Map<String, Object> functionResponse(
      Message m, List<Message> messages, int index) {
    String id = m.toolCallId();
    String name = null;
    for (int j = index - 1; j >= 0 && name == null; j--) {
      Message earlier = messages.get(j);
      if (earlier.role() == Role.ASSISTANT) {
        for (ToolCall c : earlier.toolCalls()) {
          if (c.id().equals(id)) {
            name = c.name();
            break;
          }
        }
      }
    }
    if (name == null) {
      name = m.name();
    }
    if (name == null) {
      throw new InvalidRequestException("messages[" + index + "].tool_call_id",
          "'" + id + "' answers no tool call of an earlier assistant message; Gemini needs the"
              + " function's name");
    }
    String text = m.text();
    Object parsed = GeminiJson.tryParse(text);
    Map<String, Object> response;
    if (parsed instanceof Map<?, ?>) {
      response = GeminiJson.object(parsed);
    } else {
      response = new LinkedHashMap<>();
      response.put("result", text);
    }
    Map<String, Object> fr = new LinkedHashMap<>();
    if (!isGeneratedId(id)) {
      fr.put("id", id);
    }
    fr.put("name", name);
    fr.put("response", response);
    return Map.of("functionResponse", fr);
  }

  private static Map<String, Object> toolChoice(ToolChoice c) {
    Map<String, Object> config = new LinkedHashMap<>();
    switch (c.mode()) {
      case NONE:
        config.put("mode", "NONE");
        break;
      case REQUIRED:
        config.put("mode", "ANY");
        break;
      case FUNCTION:
        config.put("mode", "ANY");
        config.put("allowedFunctionNames", List.of(c.functionName()));
        break;
      case AUTO:
      default:
        config.put("mode", "AUTO");
    }
    return config;
  }

  // ---------------------------------------------------------------------------------------
  // generationConfig

  private static Map<String, Object> generationConfig(
      ChatRequest r, String model, boolean levels) {
    Map<String, Object> g = new LinkedHashMap<>();
    if (r.temperature() != null) {
      g.put("temperature", r.temperature());
    }
    if (r.topP() != null) {
      g.put("topP", r.topP());
    }
    if (r.topK() != null && r.topK() > 0) {
      g.put("topK", r.topK());
    }
    Integer max = r.effectiveMaxTokens();
    if (max != null) {
      g.put("maxOutputTokens", max);
    }
    if (r.stop() != null && !r.stop().isEmpty()) {
      g.put("stopSequences", r.stop());
    }
    if (r.seed() != null) {
      long s = r.seed();
      // Gemini's seed is a 32-bit integer: larger seeds are folded, deterministically.
      g.put("seed", s == (int) s ? (int) s : (int) (s ^ (s >>> 32)));
    }
    if (r.presencePenalty() != null) {
      g.put("presencePenalty", r.presencePenalty());
    }
    if (r.frequencyPenalty() != null) {
      g.put("frequencyPenalty", r.frequencyPenalty());
    }
    ResponseFormat f = r.responseFormat();
    if (f != null && f.type() != ResponseFormat.Type.TEXT) {
      g.put("responseMimeType", "application/json");
      if (f.type() == ResponseFormat.Type.JSON_SCHEMA && f.schema() != null) {
        g.put("responseJsonSchema", f.schema());
      }
    }
    Map<String, Object> thinking = thinkingConfig(r, model, levels);
    if (thinking != null) {
      g.put("thinkingConfig", thinking);
    }
    return g;
  }

  private static Map<String, Object> thinkingConfig(ChatRequest r, String model, boolean levels) {
    Reasoning reasoning = r.effectiveReasoning();
    if (reasoning == null) {
      return null;
    }
    boolean flash = model.toLowerCase(Locale.ROOT).contains("flash");
    Map<String, Object> t = new LinkedHashMap<>();
    boolean off = Boolean.FALSE.equals(reasoning.enabled())
        || reasoning.effort() == Reasoning.Effort.NONE
        || (reasoning.maxTokens() != null && reasoning.maxTokens() == 0);
    if (off) {
      if (levels) {
        t.put("thinkingLevel", flash ? "minimal" : "low");
      } else {
        t.put("thinkingBudget", 0);
      }
      t.put("includeThoughts", false);
      return t;
    }
    Reasoning.Effort effort = reasoning.effort();
    if (reasoning.maxTokens() != null) {
      t.put("thinkingBudget", reasoning.maxTokens());
    } else {
      if (effort == null && Boolean.TRUE.equals(reasoning.enabled())) {
        effort = Reasoning.Effort.MEDIUM;
      }
      if (effort != null) {
        if (levels) {
          t.put("thinkingLevel", level(effort, flash));
        } else {
          Integer max = r.effectiveMaxTokens();
          long base = max != null ? max : DEFAULT_BUDGET_BASE;
          long budget = Math.max(1, base * effort.budgetPercent() / 100);
          t.put("thinkingBudget", (int) Math.min(Integer.MAX_VALUE, budget));
        }
      }
    }
    t.put("includeThoughts", !Boolean.TRUE.equals(reasoning.exclude()));
    return t;
  }

  private static String level(Reasoning.Effort effort, boolean flash) {
    switch (effort) {
      case MINIMAL:
        return flash ? "minimal" : "low";
      case LOW:
        return "low";
      case MEDIUM:
        return flash ? "medium" : "high";
      default:
        return "high";
    }
  }
}
