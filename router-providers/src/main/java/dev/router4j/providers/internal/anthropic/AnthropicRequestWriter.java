package dev.router4j.providers.internal.anthropic;

import dev.router4j.api.CacheControl;
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
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a normalized request onto a Messages API body, as a JSON tree.
 *
 * <ul>
 *   <li>system and developer messages are lifted into the top-level {@code system}: a string
 *       when there is one plain system text, else text blocks keeping their cache_control;
 *   <li>tool messages become {@code tool_result} blocks of a user turn, placed before the
 *       turn's other content; assistant tool calls become {@code tool_use} blocks;
 *   <li>consecutive turns of the same role are merged, as Anthropic wants them alternating;
 *   <li>an assistant's Anthropic reasoning details are echoed first in its turn, as
 *       {@code thinking} (with the signature) and {@code redacted_thinking} blocks;
 *   <li>sampling, stop sequences, tools, tool choice, structured output, thinking and the
 *       end-user id map onto their Anthropic counterparts; see {@code Anthropic} for the
 *       choices made where the two APIs differ.
 * </ul>
 */
final class AnthropicRequestWriter {
  /** The completion limit when neither the request nor the endpoint gives one. */
  static final int DEFAULT_MAX_TOKENS = 4096;
  /** Anthropic's smallest thinking budget. */
  static final int MIN_THINKING_BUDGET = 1024;
  /** With thinking on, Anthropic accepts top_p only from here to 1. */
  static final double MIN_TOP_P_WITH_THINKING = 0.95;

  /** Top-level extra fields that are Anthropic's own and pass through; the rest are dropped. */
  private static final Set<String> PASS_THROUGH =
      Set.of("service_tier", "container", "mcp_servers", "context_management");

  private AnthropicRequestWriter() {}

  /**
   * The body for the request sent to the endpoint.
   *
   * @throws InvalidRequestException when the request cannot be expressed (malformed tool-call
   *     arguments, audio input, an image that is neither a link nor inline data)
   */
  static Map<String, Object> body(ChatRequest r, Endpoint endpoint, boolean stream) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", endpoint.upstreamModel());

    List<Message> messages = r.messages();
    if (messages.isEmpty() && r.prompt() != null) {
      messages = List.of(Message.user(r.prompt()));
    }
    Object system = system(messages);
    if (system != null) {
      body.put("system", system);
    }
    List<Object> turns = turns(messages);
    body.put("messages", turns);

    int maxTokens = r.effectiveMaxTokens() != null ? r.effectiveMaxTokens()
        : endpoint.maxCompletionTokens() != null ? endpoint.maxCompletionTokens()
        : DEFAULT_MAX_TOKENS;

    boolean forcesTool = !r.tools().isEmpty() && r.toolChoice() != null
        && (r.toolChoice().mode() == ToolChoice.Mode.REQUIRED
            || r.toolChoice().mode() == ToolChoice.Mode.FUNCTION);
    Map<String, Object> thinking = null;
    Reasoning reasoning = r.effectiveReasoning();
    if (reasoning != null && reasoning.isOn() && !forcesTool && !unsignedToolLoop(turns)) {
      int budget = budget(reasoning, maxTokens);
      if (budget >= maxTokens) {
        // Leave the answer the room it was given, on top of the thinking budget.
        long raised = (long) budget + maxTokens;
        Integer cap = endpoint.maxCompletionTokens();
        if (cap != null && raised > cap) {
          raised = cap;
          budget = Math.min(budget, Math.max(MIN_THINKING_BUDGET, cap - 1));
        }
        maxTokens = (int) Math.min(Integer.MAX_VALUE, raised);
      }
      thinking = new LinkedHashMap<>();
      thinking.put("type", "enabled");
      thinking.put("budget_tokens", budget);
    } else if (reasoning != null && isExplicitlyOff(reasoning)) {
      thinking = Map.of("type", "disabled");
    }
    boolean thinkingOn = thinking != null && "enabled".equals(thinking.get("type"));

    body.put("max_tokens", maxTokens);
    if (thinking != null) {
      body.put("thinking", thinking);
    }
    if (!thinkingOn) {
      if (r.temperature() != null) {
        body.put("temperature", Math.min(1.0, r.temperature()));
      }
      if (r.topK() != null && r.topK() > 0) {
        body.put("top_k", r.topK());
      }
    }
    if (r.topP() != null) {
      body.put("top_p", thinkingOn ? Math.max(MIN_TOP_P_WITH_THINKING, r.topP()) : r.topP());
    }
    if (r.stop() != null && !r.stop().isEmpty()) {
      body.put("stop_sequences", List.copyOf(r.stop()));
    }
    if (!r.tools().isEmpty()) {
      List<Object> tools = new ArrayList<>();
      for (Tool t : r.tools()) {
        tools.add(tool(t));
      }
      body.put("tools", tools);
      Map<String, Object> choice = toolChoice(r.toolChoice(), r.parallelToolCalls());
      if (choice != null) {
        body.put("tool_choice", choice);
      }
    }
    ResponseFormat format = r.responseFormat();
    if (format != null && format.type() == ResponseFormat.Type.JSON_SCHEMA
        && format.schema() != null) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("type", "json_schema");
      f.put("schema", format.schema());
      body.put("output_config", Map.of("format", f));
    }
    // json_object: Anthropic has no JSON mode; the router's response healing takes care of it.
    if (r.user() != null) {
      body.put("metadata", Map.of("user_id", r.user()));
    }
    if (stream) {
      body.put("stream", true);
    }
    for (Map.Entry<String, Object> e : r.extra().entrySet()) {
      if (PASS_THROUGH.contains(e.getKey()) && !body.containsKey(e.getKey())) {
        body.put(e.getKey(), e.getValue());
      }
    }
    return body;
  }

  /** The thinking budget: the requested tokens, or the effort's share of max_tokens; ≥ 1024. */
  static int budget(Reasoning reasoning, int maxTokens) {
    long budget;
    if (reasoning.maxTokens() != null && reasoning.maxTokens() > 0) {
      budget = reasoning.maxTokens();
    } else {
      Reasoning.Effort effort =
          reasoning.effort() != null ? reasoning.effort() : Reasoning.Effort.MEDIUM;
      budget = (long) maxTokens * effort.budgetPercent() / 100;
    }
    return (int) Math.max(MIN_THINKING_BUDGET, Math.min(Integer.MAX_VALUE - 1, budget));
  }

  /**
   * Whether the conversation continues a tool loop whose last assistant turn has no thinking
   * block (it came from another provider, or thinking was off): Anthropic refuses thinking
   * then, as it cannot resume reasoning it did not sign.
   */
  private static boolean unsignedToolLoop(List<Object> turns) {
    for (int i = turns.size() - 1; i >= 0; i--) {
      Map<?, ?> turn = (Map<?, ?>) turns.get(i);
      if (!"assistant".equals(turn.get("role"))) {
        continue;
      }
      List<?> blocks = (List<?>) turn.get("content");
      boolean usesTools = false;
      for (Object b : blocks) {
        usesTools |= "tool_use".equals(((Map<?, ?>) b).get("type"));
      }
      Object first = ((Map<?, ?>) blocks.get(0)).get("type");
      return usesTools && !"thinking".equals(first) && !"redacted_thinking".equals(first);
    }
    return false;
  }

  private static boolean isExplicitlyOff(Reasoning reasoning) {
    return Boolean.FALSE.equals(reasoning.enabled())
        || reasoning.effort() == Reasoning.Effort.NONE
        || (reasoning.maxTokens() != null && reasoning.maxTokens() == 0);
  }

  // ---------------------------------------------------------------------------------------
  // System

  private static Object system(List<Message> messages) {
    List<Map<String, Object>> blocks = new ArrayList<>();
    boolean plain = true;
    for (Message m : messages) {
      if (m.role() != Role.SYSTEM && m.role() != Role.DEVELOPER) {
        continue;
      }
      if (m.content() != null) {
        if (!m.content().isEmpty()) {
          blocks.add(text(m.content(), null));
        }
      } else if (m.parts() != null) {
        for (ContentPart p : m.parts()) {
          if (p instanceof ContentPart.Text t && !t.text().isEmpty()) {
            blocks.add(text(t.text(), t.cacheControl()));
            plain &= t.cacheControl() == null;
          }
        }
      }
    }
    if (blocks.isEmpty()) {
      return null;
    }
    if (blocks.size() == 1 && plain) {
      return blocks.get(0).get("text");
    }
    return blocks;
  }

  // ---------------------------------------------------------------------------------------
  // Turns

  /** One turn being built: a role and its blocks, tool results kept ahead of the rest. */
  private static final class Turn {
    final String role;
    final List<Object> toolResults = new ArrayList<>();
    final List<Object> blocks = new ArrayList<>();

    Turn(String role) {
      this.role = role;
    }

    boolean isEmpty() {
      return toolResults.isEmpty() && blocks.isEmpty();
    }

    Map<String, Object> toTree() {
      List<Object> content = new ArrayList<>(toolResults.size() + blocks.size());
      content.addAll(toolResults);
      content.addAll(blocks);
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("role", role);
      t.put("content", content);
      return t;
    }
  }

  private static List<Object> turns(List<Message> messages) {
    List<Turn> turns = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      Turn turn;
      switch (m.role()) {
        case SYSTEM:
        case DEVELOPER:
          continue;
        case TOOL:
          turn = new Turn("user");
          turn.toolResults.add(toolResult(m));
          break;
        case ASSISTANT:
          turn = assistant(m, i);
          break;
        default:
          turn = user(m, i);
      }
      if (turn.isEmpty()) {
        continue;
      }
      Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
      if (last != null && last.role.equals(turn.role)) {
        last.toolResults.addAll(turn.toolResults);
        last.blocks.addAll(turn.blocks);
      } else {
        turns.add(turn);
      }
    }
    List<Object> out = new ArrayList<>(turns.size());
    for (Turn t : turns) {
      out.add(t.toTree());
    }
    return out;
  }

  private static Turn user(Message m, int index) {
    Turn turn = new Turn("user");
    if (m.content() != null) {
      if (!m.content().isEmpty()) {
        turn.blocks.add(text(m.content(), null));
      }
      return turn;
    }
    if (m.parts() == null) {
      return turn;
    }
    for (int j = 0; j < m.parts().size(); j++) {
      ContentPart p = m.parts().get(j);
      String field = "messages[" + index + "].content[" + j + "]";
      if (p instanceof ContentPart.Text t) {
        if (!t.text().isEmpty()) {
          turn.blocks.add(text(t.text(), t.cacheControl()));
        }
      } else if (p instanceof ContentPart.Image img) {
        turn.blocks.add(image(img, field));
      } else if (p instanceof ContentPart.File f) {
        turn.blocks.add(file(f, field));
      } else if (p instanceof ContentPart.Audio) {
        throw new InvalidRequestException(field, "Anthropic does not accept input audio");
      }
    }
    return turn;
  }

  private static Turn assistant(Message m, int index) {
    Turn turn = new Turn("assistant");
    for (ReasoningDetail d : m.reasoningDetails()) {
      Map<String, Object> block = thinkingBlock(d);
      if (block != null) {
        turn.blocks.add(block);
      }
    }
    if (m.content() != null) {
      if (!m.content().isEmpty()) {
        turn.blocks.add(text(m.content(), null));
      }
    } else if (m.parts() != null) {
      for (ContentPart p : m.parts()) {
        if (p instanceof ContentPart.Text t && !t.text().isEmpty()) {
          turn.blocks.add(text(t.text(), t.cacheControl()));
        }
      }
    }
    for (int j = 0; j < m.toolCalls().size(); j++) {
      ToolCall c = m.toolCalls().get(j);
      Map<String, Object> use = new LinkedHashMap<>();
      use.put("type", "tool_use");
      use.put("id", c.id());
      use.put("name", c.name());
      use.put("input", arguments(c, "messages[" + index + "].tool_calls[" + j + "].function.arguments"));
      turn.blocks.add(use);
    }
    return turn;
  }

  /**
   * An Anthropic reasoning detail as the block to echo back, or null for one that cannot be
   * sent: another provider's format, a summary, or thinking text without its signature
   * (Anthropic rejects unsigned thinking).
   */
  private static Map<String, Object> thinkingBlock(ReasoningDetail d) {
    if (d.format() != null && !d.format().startsWith("anthropic")) {
      return null;
    }
    Map<String, Object> block = new LinkedHashMap<>();
    if ("reasoning.text".equals(d.type()) && d.signature() != null) {
      block.put("type", "thinking");
      block.put("thinking", d.text() == null ? "" : d.text());
      block.put("signature", d.signature());
      return block;
    }
    if ("reasoning.encrypted".equals(d.type()) && d.data() != null) {
      block.put("type", "redacted_thinking");
      block.put("data", d.data());
      return block;
    }
    return null;
  }

  private static Object arguments(ToolCall c, String field) {
    String text = c.arguments();
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    Object tree;
    try {
      tree = JsonTrees.parse(text);
    } catch (IOException | RuntimeException e) {
      throw new InvalidRequestException(field,
          "tool call '" + c.id() + "' has arguments that are not valid JSON: " + e.getMessage(), e);
    }
    if (!(tree instanceof Map)) {
      throw new InvalidRequestException(field,
          "tool call '" + c.id() + "' has arguments that are not a JSON object");
    }
    return tree;
  }

  private static Map<String, Object> toolResult(Message m) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("type", "tool_result");
    result.put("tool_use_id", m.toolCallId());
    if (m.content() != null) {
      if (!m.content().isEmpty()) {
        result.put("content", m.content());
      }
    } else if (m.parts() != null) {
      List<Object> blocks = new ArrayList<>();
      for (ContentPart p : m.parts()) {
        if (p instanceof ContentPart.Text t && !t.text().isEmpty()) {
          blocks.add(text(t.text(), t.cacheControl()));
        }
      }
      if (!blocks.isEmpty()) {
        result.put("content", blocks);
      }
    }
    return result;
  }

  // ---------------------------------------------------------------------------------------
  // Blocks

  private static Map<String, Object> text(String text, CacheControl cache) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("type", "text");
    block.put("text", text);
    if (cache != null) {
      block.put("cache_control", cacheControl(cache));
    }
    return block;
  }

  private static Map<String, Object> cacheControl(CacheControl cache) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", cache.type());
    if (cache.ttl() != null) {
      c.put("ttl", cache.ttl());
    }
    return c;
  }

  private static Map<String, Object> image(ContentPart.Image img, String field) {
    Map<String, Object> source;
    if (img.isBase64()) {
      DataUrl data = DataUrl.parse(img.url(), field);
      if (!data.base64) {
        throw new InvalidRequestException(field, "an inline image must be base64 data");
      }
      source = base64(data.mimeType, data.payload);
    } else if (isHttp(img.url())) {
      source = url(img.url());
    } else {
      throw new InvalidRequestException(field, "an image must be an http(s) URL or a data: URL");
    }
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("type", "image");
    block.put("source", source);
    return block;
  }

  private static Map<String, Object> file(ContentPart.File f, String field) {
    Map<String, Object> source;
    String data = f.fileData();
    if (data == null) {
      source = new LinkedHashMap<>();
      source.put("type", "file");
      source.put("file_id", f.fileId());
    } else if (data.startsWith("data:")) {
      DataUrl url = DataUrl.parse(data, field);
      String mime = url.mimeType == null ? "application/pdf" : url.mimeType;
      if (mime.startsWith("image/")) {
        if (!url.base64) {
          throw new InvalidRequestException(field, "an inline image must be base64 data");
        }
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("type", "image");
        block.put("source", base64(mime, url.payload));
        return block;
      }
      if (mime.equals("text/plain")) {
        source = new LinkedHashMap<>();
        source.put("type", "text");
        source.put("media_type", "text/plain");
        source.put("data", url.text(field));
      } else {
        if (!url.base64) {
          throw new InvalidRequestException(field, "an inline " + mime + " file must be base64 data");
        }
        source = base64(mime, url.payload);
      }
    } else if (isHttp(data)) {
      source = url(data);
    } else {
      // Bare base64, as OpenAI's file_data allows: a PDF is the only binary document Anthropic reads.
      source = base64("application/pdf", data);
    }
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("type", "document");
    block.put("source", source);
    if (f.filename() != null && !f.filename().isBlank()) {
      block.put("title", f.filename());
    }
    return block;
  }

  private static Map<String, Object> base64(String mime, String data) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("type", "base64");
    source.put("media_type", mime);
    source.put("data", data);
    return source;
  }

  private static Map<String, Object> url(String url) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("type", "url");
    source.put("url", url);
    return source;
  }

  private static boolean isHttp(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  /** A {@code data:} URL taken apart. */
  private record DataUrl(String mimeType, boolean base64, String payload) {
    static DataUrl parse(String url, String field) {
      int comma = url.indexOf(',');
      if (!url.startsWith("data:") || comma < 0) {
        throw new InvalidRequestException(field, "not a valid data: URL");
      }
      String meta = url.substring(5, comma);
      boolean base64 = false;
      String mime = null;
      String[] params = meta.split(";");
      for (int k = 0; k < params.length; k++) {
        String p = params[k].strip();
        if (k == 0 && p.contains("/")) {
          mime = p.toLowerCase(Locale.ROOT);
        } else if (p.equalsIgnoreCase("base64")) {
          base64 = true;
        }
      }
      return new DataUrl(mime, base64, url.substring(comma + 1));
    }

    String text(String field) {
      if (!base64) {
        return URLDecoder.decode(payload, StandardCharsets.UTF_8);
      }
      try {
        return new String(Base64.getMimeDecoder().decode(payload), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException(field, "the text file is not valid base64", e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Tools

  private static Map<String, Object> tool(Tool t) {
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("name", t.name());
    if (t.description() != null) {
      tool.put("description", t.description());
    }
    // Anthropic requires a schema; a function without parameters takes an empty object.
    tool.put("input_schema", t.parameters() != null ? t.parameters()
        : Map.of("type", "object", "properties", Map.of()));
    if (t.strict() != null) {
      tool.put("strict", t.strict());
    }
    return tool;
  }

  private static Map<String, Object> toolChoice(ToolChoice c, Boolean parallel) {
    boolean serial = Boolean.FALSE.equals(parallel);
    if (c == null && !serial) {
      return null;
    }
    Map<String, Object> choice = new LinkedHashMap<>();
    ToolChoice.Mode mode = c == null ? ToolChoice.Mode.AUTO : c.mode();
    switch (mode) {
      case NONE:
        choice.put("type", "none");
        return choice; // nothing to parallelize
      case REQUIRED:
        choice.put("type", "any");
        break;
      case FUNCTION:
        choice.put("type", "tool");
        choice.put("name", c.functionName());
        break;
      default:
        choice.put("type", "auto");
    }
    if (serial) {
      choice.put("disable_parallel_tool_use", true);
    }
    return choice;
  }
}
