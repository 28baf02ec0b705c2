package dev.router4j.providers.internal.openai;

import dev.router4j.api.Annotation;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.Plugin;
import dev.router4j.api.Reasoning;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.Role;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolCall;
import dev.router4j.api.ToolChoice;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import com.squareup.moshi.JsonWriter;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import okio.BufferedSink;
import okio.ByteString;

/**
 * Writes a normalized request as a Chat Completions body for one endpoint and dialect.
 *
 * <p>What changes with the model, under a dialect with OpenAI's reasoning-model rules
 * ({@code o1}, {@code o3}, {@code o4-mini}, {@code gpt-5}...): the limit is always
 * {@code max_completion_tokens}; {@code temperature}, {@code top_p}, the penalties,
 * {@code logprobs}, {@code top_logprobs}, {@code logit_bias} and {@code stop}, which those
 * models reject, are left out; {@code reasoning_effort} is sent (and only for them); system
 * messages become developer messages, or user messages for {@code o1-mini} and
 * {@code o1-preview}, which take neither.
 *
 * <p>Fields of the request's {@code extra} map pass through unless the writer already wrote a
 * field of that name.
 *
 * <p>{@link #encode} writes the common shapes (plain-text messages, tool calls, tools, the
 * sampling fields, user, stream) straight to a buffer, without the tree of {@link #body};
 * every other shape goes through the tree. Both give the same bytes. Thread-safe.
 */
public final class OpenAiRequestWriter {
  /** Plugins the router runs itself: never forwarded, even to OpenRouter. */
  private static final Set<String> LOCAL_PLUGINS =
      Set.of(Plugin.WEB, Plugin.RESPONSE_HEALING, "auto-router");

  /** The top-level names the direct path writes; a seed field named like one takes the tree. */
  private static final Set<String> DIRECT_NAMES = Set.of("model", "messages", "temperature",
      "top_p", "top_k", "min_p", "repetition_penalty", "top_a", "frequency_penalty",
      "presence_penalty", "max_tokens", "max_completion_tokens", "tools", "tool_choice",
      "parallel_tool_calls", "user", "stream", "stream_options");

  private final OpenAiDialect dialect;
  /** Whether the dialect lets {@link #encode} write directly at all. */
  private final boolean directDialect;
  /**
   * The model rules for the endpoint written last: an adapter's calls mostly go to one
   * endpoint, and matching its names against the dialect's patterns costs more than the body.
   */
  private volatile ModelRules lastRules;

  /** A writer for the given dialect. */
  public OpenAiRequestWriter(OpenAiDialect dialect) {
    this.dialect = dialect;
    this.directDialect =
        dialect.seedField() == null || !DIRECT_NAMES.contains(dialect.seedField());
  }

  /** Writes the body for the endpoint, naming the endpoint's upstream model, to the sink. */
  public void write(ChatRequest r, Endpoint endpoint, boolean stream, BufferedSink sink)
      throws IOException {
    sink.write(encode(r, endpoint, endpoint.upstreamModel(), stream, null));
  }

  /**
   * The body as compact UTF-8 JSON, nulls kept: byte for byte what {@link #body} encoded by
   * {@link JsonTrees#encode} gives, without building the tree for the common shapes.
   *
   * @param wireModel the model name to send (the upstream model, or an Azure deployment)
   * @param provider the provider slug, for errors
   * @throws ProviderException as {@link #body} does
   * @throws IllegalArgumentException when a free-form value (tool parameters, extra fields) is
   *     not JSON
   */
  public ByteString encode(ChatRequest r, Endpoint endpoint, String wireModel, boolean stream,
      String provider) {
    if (!direct(r)) {
      return JsonTrees.encode(body(r, endpoint, wireModel, stream, provider), true);
    }
    ModelRules rules = rules(endpoint);
    boolean reasoningModel = rules.reasoningModel();
    boolean fixedSampling = rules.fixedSampling();
    boolean noInstructionRole = rules.noInstructionRole();
    boolean toolsWanted = checkTools(r, provider, endpoint);
    Buffer buffer = new Buffer();
    try {
      JsonWriter w = JsonWriter.of(buffer);
      w.setSerializeNulls(true);
      w.beginObject();
      w.name("model").value(wireModel);
      w.name("messages").beginArray();
      for (Message m : r.messages()) {
        writeMessage(w, m, role(m.role(), reasoningModel, noInstructionRole));
      }
      w.endArray();
      if (!fixedSampling) {
        number(w, "temperature", r.temperature());
        number(w, "top_p", r.topP());
      }
      if (dialect.extendedSampling() || dialect.openRouterFields()) {
        number(w, "top_k", r.topK());
        number(w, "min_p", r.minP());
        number(w, "repetition_penalty", r.repetitionPenalty());
      }
      if (dialect.openRouterFields()) {
        number(w, "top_a", r.topA());
      }
      if (dialect.penalties() && !fixedSampling) {
        number(w, "frequency_penalty", r.frequencyPenalty());
        number(w, "presence_penalty", r.presencePenalty());
      }
      if (dialect.seedField() != null) {
        number(w, dialect.seedField(), r.seed());
      }
      Integer max = r.effectiveMaxTokens();
      if (max != null) {
        boolean completion = dialect.maxCompletionTokens() || reasoningModel;
        w.name(completion ? "max_completion_tokens" : "max_tokens").value(max);
      }
      if (toolsWanted) {
        writeTools(w, r);
      }
      if (r.user() != null && dialect.user()) {
        w.name("user").value(r.user());
      }
      if (stream) {
        w.name("stream").value(true);
        if (dialect.streamUsage()) {
          w.name("stream_options").beginObject().name("include_usage").value(true).endObject();
        }
      }
      w.endObject();
      w.flush();
    } catch (IOException e) {
      throw new IllegalStateException("writing to a buffer failed", e);
    }
    return buffer.readByteString();
  }

  /** What the dialect's rules say of an endpoint's model, as {@link #body} works it out. */
  private record ModelRules(
      Endpoint endpoint, boolean reasoningModel, boolean fixedSampling,
      boolean noInstructionRole) {}

  /** The rules for the endpoint, from the last one kept when it is the same (immutable) one. */
  private ModelRules rules(Endpoint endpoint) {
    ModelRules rules = lastRules;
    if (rules != null && rules.endpoint() == endpoint) {
      return rules;
    }
    ModelNames names = ModelNames.of(endpoint);
    boolean reasoningModel = dialect.isOpenAiReasoningModel(names);
    rules = new ModelRules(endpoint, reasoningModel, dialect.hasFixedSampling(names),
        reasoningModel && names.matches(OpenAiDialect.NO_INSTRUCTION_ROLE));
    lastRules = rules;
    return rules;
  }

  /**
   * Whether {@link #encode} may write the request directly: nothing that the tree path places
   * with {@code putIfAbsent} (extra fields, logprobs) and none of the rarer fields.
   */
  boolean direct(ChatRequest r) {
    if (!directDialect || r.prompt() != null || !r.extra().isEmpty() || r.stop() != null
        || r.logitBias() != null || r.logprobs() != null || r.topLogprobs() != null
        || r.responseFormat() != null || r.effectiveReasoning() != null) {
      return false;
    }
    if (dialect.openRouterFields() && (!r.plugins().isEmpty() || r.sessionId() != null)) {
      return false;
    }
    for (Message m : r.messages()) {
      if (m.parts() != null || m.refusal() != null || m.reasoning() != null
          || !m.reasoningDetails().isEmpty() || !m.annotations().isEmpty()
          || !m.extra().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static void number(JsonWriter w, String name, Number value) throws IOException {
    if (value != null) {
      w.name(name).value(value);
    }
  }

  /** A message of text (or of tool calls only), as {@link #message} writes it. */
  private void writeMessage(JsonWriter w, Message m, String role) throws IOException {
    w.beginObject();
    w.name("role").value(role);
    String content = m.content();
    if (content == null && m.role() != Role.ASSISTANT) {
      content = "";
    }
    w.name("content").value(content);
    if (m.name() != null && dialect.messageName()) {
      w.name("name").value(m.name());
    }
    if (m.toolCallId() != null) {
      w.name("tool_call_id").value(m.toolCallId());
    }
    if (!m.toolCalls().isEmpty()) {
      w.name("tool_calls").beginArray();
      for (ToolCall c : m.toolCalls()) {
        w.beginObject();
        w.name("id").value(c.id());
        w.name("type").value("function");
        w.name("function").beginObject();
        w.name("name").value(c.name());
        w.name("arguments").value(c.arguments());
        w.endObject();
        w.endObject();
      }
      w.endArray();
    }
    w.endObject();
  }

  /** Tools, tool choice and parallel calls, as {@link #tools} puts them. */
  private void writeTools(JsonWriter w, ChatRequest r) throws IOException {
    w.name("tools").beginArray();
    for (Tool t : r.tools()) {
      w.beginObject();
      w.name("type").value("function");
      w.name("function").beginObject();
      w.name("name").value(t.name());
      if (t.description() != null) {
        w.name("description").value(t.description());
      }
      if (t.parameters() != null) {
        w.name("parameters");
        JsonTrees.write(w, t.parameters());
      }
      if (t.strict() != null) {
        w.name("strict").value(t.strict().booleanValue());
      }
      w.endObject();
      w.endObject();
    }
    w.endArray();
    if (r.toolChoice() != null) {
      w.name("tool_choice");
      JsonTrees.write(w, toolChoice(r.toolChoice())); // the very value the tree holds
    }
    if (r.parallelToolCalls() != null && dialect.parallelToolCalls()) {
      w.name("parallel_tool_calls").value(r.parallelToolCalls().booleanValue());
    }
  }

  /**
   * The body as a JSON tree.
   *
   * @param wireModel the model name to send (the upstream model, or an Azure deployment)
   * @param provider the provider slug, for errors
   * @throws ProviderException when the request needs what the host lacks (tools), as a
   *     fallback-worthy invalid request
   */
  public Map<String, Object> body(ChatRequest r, Endpoint endpoint, String wireModel,
      boolean stream, String provider) {
    ModelNames names = ModelNames.of(endpoint);
    boolean reasoningModel = dialect.isOpenAiReasoningModel(names);
    boolean fixedSampling = dialect.hasFixedSampling(names);
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("model", wireModel);
    b.put("messages", messages(r, names, reasoningModel));
    if (r.prompt() != null && dialect.openRouterFields()) {
      b.put("prompt", r.prompt());
    }
    if (!fixedSampling) {
      put(b, "temperature", r.temperature());
      put(b, "top_p", r.topP());
    }
    if (dialect.extendedSampling() || dialect.openRouterFields()) {
      put(b, "top_k", r.topK());
      put(b, "min_p", r.minP());
      put(b, "repetition_penalty", r.repetitionPenalty());
    }
    if (dialect.openRouterFields()) {
      put(b, "top_a", r.topA());
    }
    if (dialect.penalties() && !fixedSampling) {
      put(b, "frequency_penalty", r.frequencyPenalty());
      put(b, "presence_penalty", r.presencePenalty());
    }
    if (dialect.seedField() != null) {
      put(b, dialect.seedField(), r.seed());
    }
    Integer max = r.effectiveMaxTokens();
    if (max != null) {
      boolean completion = dialect.maxCompletionTokens() || reasoningModel;
      b.put(completion ? "max_completion_tokens" : "max_tokens", max);
    }
    if (r.stop() != null && dialect.stop() && !reasoningModel) {
      b.put("stop", r.stopAsString() ? r.stop().get(0) : new ArrayList<>(r.stop()));
    }
    if (r.logitBias() != null && dialect.logitBias() && !fixedSampling) {
      b.put("logit_bias", new LinkedHashMap<>(r.logitBias()));
    }
    if (!fixedSampling) {
      logprobs(b, r);
    }
    tools(b, r, provider, endpoint);
    if (r.responseFormat() != null) {
      b.put("response_format", responseFormat(r.responseFormat()));
    }
    reasoning(b, r, names);
    if (r.user() != null && dialect.user()) {
      b.put("user", r.user());
    }
    if (dialect.openRouterFields()) {
      openRouterFields(b, r);
    }
    if (stream) {
      b.put("stream", true);
      if (dialect.streamUsage()) {
        b.put("stream_options", Map.of("include_usage", true));
      }
    }
    for (Map.Entry<String, Object> e : r.extra().entrySet()) {
      b.putIfAbsent(e.getKey(), e.getValue());
    }
    return b;
  }

  private static void put(Map<String, Object> b, String name, Object value) {
    if (value != null) {
      b.put(name, value);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Messages

  private List<Object> messages(ChatRequest r, ModelNames names, boolean reasoningModel) {
    List<Object> out = new ArrayList<>();
    if (r.messages().isEmpty() && r.prompt() != null && !dialect.openRouterFields()) {
      // A legacy text-completion prompt: a chat host takes it as the user's turn.
      Map<String, Object> turn = new LinkedHashMap<>(); // role first, every run
      turn.put("role", "user");
      turn.put("content", r.prompt());
      out.add(turn);
      return out;
    }
    boolean noInstructionRole = reasoningModel && names.matches(OpenAiDialect.NO_INSTRUCTION_ROLE);
    for (Message m : r.messages()) {
      out.add(message(m, role(m.role(), reasoningModel, noInstructionRole)));
    }
    return out;
  }

  private String role(Role role, boolean reasoningModel, boolean noInstructionRole) {
    if (role != Role.SYSTEM && role != Role.DEVELOPER) {
      return role.wireName();
    }
    if (noInstructionRole) {
      return "user";
    }
    if (reasoningModel) {
      return "developer";
    }
    return dialect.developerRole() ? role.wireName() : "system";
  }

  private Map<String, Object> message(Message m, String role) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("role", role);
    Object content = content(m);
    String refusal = m.refusal();
    if (content == null && refusal != null && !dialect.assistantRefusal()) {
      content = refusal; // a host without the field still hears what was said
      refusal = null;
    }
    if (content == null && m.role() != Role.ASSISTANT) {
      content = "";
    }
    out.put("content", content); // an assistant turn of tool calls only carries content: null
    if (m.name() != null && dialect.messageName()) {
      out.put("name", m.name());
    }
    if (m.toolCallId() != null) {
      out.put("tool_call_id", m.toolCallId());
    }
    if (refusal != null && dialect.assistantRefusal()) {
      out.put("refusal", refusal);
    }
    if (!m.toolCalls().isEmpty()) {
      List<Object> calls = new ArrayList<>();
      for (ToolCall c : m.toolCalls()) {
        Map<String, Object> fn = new LinkedHashMap<>();
        fn.put("name", c.name());
        fn.put("arguments", c.arguments());
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", c.id());
        call.put("type", "function");
        call.put("function", fn);
        calls.add(call);
      }
      out.put("tool_calls", calls);
    }
    if (dialect.echoReasoning()) {
      if (m.reasoning() != null) {
        out.put("reasoning", m.reasoning());
      }
      if (!m.reasoningDetails().isEmpty()) {
        List<Object> details = new ArrayList<>();
        for (ReasoningDetail d : m.reasoningDetails()) {
          details.add(reasoningDetail(d));
        }
        out.put("reasoning_details", details);
      }
      if (!m.annotations().isEmpty()) {
        List<Object> notes = new ArrayList<>();
        for (Annotation a : m.annotations()) {
          notes.add(annotation(a));
        }
        out.put("annotations", notes);
      }
    }
    for (Map.Entry<String, Object> e : m.extra().entrySet()) {
      out.putIfAbsent(e.getKey(), e.getValue());
    }
    return out;
  }

  private Object content(Message m) {
    if (m.content() != null) {
      return m.content();
    }
    if (m.parts() == null) {
      return null;
    }
    boolean onlyText = m.parts().stream().allMatch(p -> p instanceof ContentPart.Text);
    if (onlyText && dialect.textPartsAsString()) {
      return m.text();
    }
    List<Object> parts = new ArrayList<>();
    for (ContentPart p : m.parts()) {
      parts.add(part(p));
    }
    return parts;
  }

  private Map<String, Object> part(ContentPart p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", p.type());
    if (p instanceof ContentPart.Text t) {
      out.put("text", t.text());
      if (t.cacheControl() != null && dialect.cacheControl()) {
        Map<String, Object> cc = new LinkedHashMap<>();
        cc.put("type", t.cacheControl().type());
        put(cc, "ttl", t.cacheControl().ttl());
        out.put("cache_control", cc);
      }
    } else if (p instanceof ContentPart.Image i) {
      Map<String, Object> image = new LinkedHashMap<>();
      image.put("url", i.url());
      put(image, "detail", i.detail());
      out.put("image_url", image);
    } else if (p instanceof ContentPart.File f) {
      Map<String, Object> file = new LinkedHashMap<>();
      put(file, "filename", f.filename());
      if (f.fileData() != null) {
        file.put("file_data", dataUrl(f.fileData(), f.filename()));
      }
      put(file, "file_id", f.fileId());
      out.put("file", file);
    } else if (p instanceof ContentPart.Audio a) {
      Map<String, Object> audio = new LinkedHashMap<>();
      audio.put("data", a.data());
      audio.put("format", a.format());
      out.put("input_audio", audio);
    }
    return out;
  }

  /**
   * OpenAI takes inline files only as {@code data:} URLs; a bare base64 payload is wrapped,
   * its type guessed from the file name (PDF when there is none).
   */
  static String dataUrl(String data, String filename) {
    if (data.startsWith("data:")) {
      return data;
    }
    return "data:" + mimeType(filename) + ";base64," + data;
  }

  private static String mimeType(String filename) {
    String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
    if (name.endsWith(".txt")) {
      return "text/plain";
    }
    if (name.endsWith(".md")) {
      return "text/markdown";
    }
    if (name.endsWith(".csv")) {
      return "text/csv";
    }
    if (name.endsWith(".json")) {
      return "application/json";
    }
    if (name.endsWith(".docx")) {
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    }
    return "application/pdf";
  }

  private static Map<String, Object> reasoningDetail(ReasoningDetail d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", d.type());
    put(out, "text", d.text());
    put(out, "summary", d.summary());
    put(out, "data", d.data());
    put(out, "signature", d.signature());
    put(out, "id", d.id());
    put(out, "format", d.format());
    put(out, "index", d.index());
    for (Map.Entry<String, Object> e : d.extra().entrySet()) {
      out.putIfAbsent(e.getKey(), e.getValue());
    }
    return out;
  }

  private static Map<String, Object> annotation(Annotation a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", a.type());
    if (a.url() != null || a.title() != null || a.content() != null) {
      Map<String, Object> cite = new LinkedHashMap<>();
      put(cite, "url", a.url());
      put(cite, "title", a.title());
      put(cite, "content", a.content());
      put(cite, "start_index", a.startIndex());
      put(cite, "end_index", a.endIndex());
      out.put("url_citation", cite);
    }
    for (Map.Entry<String, Object> e : a.extra().entrySet()) {
      out.putIfAbsent(e.getKey(), e.getValue());
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------
  // Tools, formats, reasoning

  /**
   * Whether the tool fields are written: the request has tools and the host takes them.
   *
   * @throws ProviderException when the request needs tools the host lacks
   */
  private boolean checkTools(ChatRequest r, String provider, Endpoint endpoint) {
    boolean wanted = !r.tools().isEmpty()
        && (r.toolChoice() == null || r.toolChoice().mode() != ToolChoice.Mode.NONE);
    if (!dialect.tools()) {
      if (wanted) {
        throw ProviderException.builder(ErrorCategory.INVALID_REQUEST)
            .provider(provider)
            .model(endpoint.model())
            .providerMessage("this host offers no function calling; the request has "
                + r.tools().size() + " tool(s)")
            .fallbackWorthy(true) // another endpoint may have tools
            .build();
      }
      return false; // tools with tool_choice none: nothing may be called, nothing is lost
    }
    return !r.tools().isEmpty();
  }

  private void tools(Map<String, Object> b, ChatRequest r, String provider, Endpoint endpoint) {
    if (!checkTools(r, provider, endpoint)) {
      return;
    }
    List<Object> tools = new ArrayList<>();
    for (Tool t : r.tools()) {
      Map<String, Object> fn = new LinkedHashMap<>();
      fn.put("name", t.name());
      put(fn, "description", t.description());
      put(fn, "parameters", t.parameters());
      put(fn, "strict", t.strict());
      Map<String, Object> tool = new LinkedHashMap<>();
      tool.put("type", "function");
      tool.put("function", fn);
      tools.add(tool);
    }
    b.put("tools", tools);
    if (r.toolChoice() != null) {
      b.put("tool_choice", toolChoice(r.toolChoice())); // OpenAI refuses a choice without tools
    }
    if (r.parallelToolCalls() != null && dialect.parallelToolCalls()) {
      b.put("parallel_tool_calls", r.parallelToolCalls());
    }
  }

  private Object toolChoice(ToolChoice c) {
    switch (c.mode()) {
      case NONE:
        return "none";
      case AUTO:
        return "auto";
      case REQUIRED:
        return dialect.requiredToolChoice();
      default:
        // Ordered: a two-entry Map.of iterates in an order that changes from run to run.
        Map<String, Object> named = new LinkedHashMap<>();
        named.put("type", "function");
        named.put("function", Map.of("name", c.functionName()));
        return named;
    }
  }

  private Map<String, Object> responseFormat(ResponseFormat f) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (f.type() == ResponseFormat.Type.JSON_SCHEMA && !dialect.jsonSchema()) {
      // The host knows only JSON mode: the router's healing checks the schema afterwards.
      out.put("type", ResponseFormat.Type.JSON_OBJECT.wireName());
      return out;
    }
    out.put("type", f.type().wireName());
    if (f.type() == ResponseFormat.Type.JSON_SCHEMA) {
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("name", f.name());
      put(schema, "description", f.description());
      put(schema, "schema", f.schema());
      put(schema, "strict", f.strict());
      out.put("json_schema", schema);
    }
    return out;
  }

  private void logprobs(Map<String, Object> b, ChatRequest r) {
    switch (dialect.logprobs()) {
      case BOOLEAN:
        put(b, "logprobs", r.logprobs());
        if (r.topLogprobs() != null && !Boolean.FALSE.equals(r.logprobs())) {
          b.put("top_logprobs", r.topLogprobs());
          b.putIfAbsent("logprobs", true); // OpenAI refuses top_logprobs without it
        }
        break;
      case INTEGER:
        if (Boolean.TRUE.equals(r.logprobs())) {
          b.put("logprobs", r.topLogprobs() == null ? 1 : Math.max(1, r.topLogprobs()));
        }
        break;
      default:
        break;
    }
  }

  private void reasoning(Map<String, Object> b, ChatRequest r, ModelNames names) {
    Reasoning reasoning = r.effectiveReasoning();
    if (reasoning == null) {
      return;
    }
    if (dialect.reasoning() == OpenAiDialect.ReasoningParam.OBJECT) {
      Map<String, Object> out = new LinkedHashMap<>();
      if (reasoning.effort() != null) {
        out.put("effort", reasoning.effort().wireName());
      }
      put(out, "max_tokens", reasoning.maxTokens());
      put(out, "exclude", reasoning.exclude());
      put(out, "enabled", reasoning.enabled());
      b.put("reasoning", out);
      return;
    }
    if (!dialect.takesReasoningEffort(names)) {
      return;
    }
    Reasoning.Effort effort = effort(reasoning, r.effectiveMaxTokens());
    if (effort != null) {
      b.put("reasoning_effort", effort.wireName());
    }
  }

  /**
   * The effort for {@code reasoning_effort}: the one given; {@code none} when reasoning is
   * turned off; for a token budget, the level whose share of the completion limit is nearest
   * (medium without a limit, or for {@code enabled} alone); {@code max} as OpenAI's top level,
   * {@code xhigh}. Null when the settings ask nothing of the effort (only {@code exclude}).
   */
  static Reasoning.Effort effort(Reasoning reasoning, Integer maxTokens) {
    Reasoning.Effort effort = reasoning.effort();
    if (effort == null) {
      Integer budget = reasoning.maxTokens();
      if (Boolean.FALSE.equals(reasoning.enabled()) || (budget != null && budget == 0)) {
        return Reasoning.Effort.NONE;
      }
      if (budget != null && maxTokens != null) {
        double share = 100.0 * budget / maxTokens;
        effort = Reasoning.Effort.MEDIUM;
        for (Reasoning.Effort e : List.of(
            Reasoning.Effort.HIGH, Reasoning.Effort.MEDIUM, Reasoning.Effort.LOW)) {
          if (Math.abs(e.budgetPercent() - share) < Math.abs(effort.budgetPercent() - share)) {
            effort = e;
          }
        }
      } else if (reasoning.isOn()) {
        effort = Reasoning.Effort.MEDIUM;
      } else {
        return null;
      }
    }
    return effort == Reasoning.Effort.MAX ? Reasoning.Effort.XHIGH : effort;
  }

  private static void openRouterFields(Map<String, Object> b, ChatRequest r) {
    List<Object> plugins = new ArrayList<>();
    for (Plugin p : r.plugins()) {
      if (LOCAL_PLUGINS.contains(p.id())) {
        continue; // the router runs these itself; OpenRouter must not run them again
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", p.id());
      put(out, "enabled", p.enabled());
      for (Map.Entry<String, Object> e : p.config().entrySet()) {
        out.putIfAbsent(e.getKey(), e.getValue());
      }
      plugins.add(out);
    }
    if (!plugins.isEmpty()) {
      b.put("plugins", plugins);
    }
    put(b, "session_id", r.sessionId());
  }
}
