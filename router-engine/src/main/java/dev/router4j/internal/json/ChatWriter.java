package dev.router4j.internal.json;

import com.squareup.moshi.JsonWriter;
import dev.router4j.api.Annotation;
import dev.router4j.api.CacheControl;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Delta;
import dev.router4j.api.Message;
import dev.router4j.api.Plugin;
import dev.router4j.api.Reasoning;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.StreamError;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolCall;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.ToolChoice;
import dev.router4j.api.Usage;
import dev.router4j.api.routing.MaxPrice;
import dev.router4j.api.routing.PercentileCutoffs;
import dev.router4j.api.routing.ProviderPreferences;
import dev.router4j.api.routing.Quantization;
import dev.router4j.api.routing.Sort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;

/**
 * Writes the chat model as OpenRouter JSON. Only fields that are set are written: null
 * values and empty lists (the model's "none") are left out, except {@code choices}, which is
 * always written. Extra members are written after the modelled ones; an extra member whose
 * name is a modelled field of the same object is skipped, so no member is written twice.
 */
public final class ChatWriter {
  private ChatWriter() {}

  /** A writer over {@code sink} that writes the nulls inside free-form trees. */
  public static JsonWriter writer(okio.BufferedSink sink) {
    JsonWriter w = JsonWriter.of(sink);
    w.setSerializeNulls(true);
    return w;
  }

  /** A tree as compact JSON text. */
  public static String tree(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = writer(buffer)) {
      Trees.write(w, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  // ---- helpers --------------------------------------------------------------------------

  private static void str(JsonWriter w, String name, String value) throws IOException {
    if (value != null) {
      w.name(name).value(value);
    }
  }

  private static void bool(JsonWriter w, String name, Boolean value) throws IOException {
    if (value != null) {
      w.name(name).value(value.booleanValue());
    }
  }

  private static void num(JsonWriter w, String name, Integer value) throws IOException {
    if (value != null) {
      w.name(name).value(value.longValue());
    }
  }

  private static void num(JsonWriter w, String name, Long value) throws IOException {
    if (value != null) {
      w.name(name).value(value.longValue());
    }
  }

  private static void num(JsonWriter w, String name, Double value) throws IOException {
    if (value != null) {
      w.name(name);
      Trees.write(w, value);
    }
  }

  private static void num(JsonWriter w, String name, BigDecimal value) throws IOException {
    if (value != null) {
      w.name(name).value(value);
    }
  }

  private static void tree(JsonWriter w, String name, Object value) throws IOException {
    if (value != null) {
      w.name(name);
      Trees.write(w, value);
    }
  }

  private static void strings(JsonWriter w, String name, List<String> values) throws IOException {
    if (values != null) {
      w.name(name).beginArray();
      for (String s : values) {
        w.value(s);
      }
      w.endArray();
    }
  }

  private static void extra(JsonWriter w, Map<String, Object> extra, Set<String> known)
      throws IOException {
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      if (!known.contains(e.getKey())) {
        w.name(e.getKey());
        Trees.write(w, e.getValue());
      }
    }
  }

  // ---- request --------------------------------------------------------------------------

  private static final Set<String> REQUEST_KNOWN = Set.of(
      "messages", "prompt", "model", "models", "temperature", "top_p", "top_k", "min_p",
      "top_a", "frequency_penalty", "presence_penalty", "repetition_penalty", "seed",
      "max_tokens", "max_completion_tokens", "stop", "logit_bias", "logprobs", "top_logprobs",
      "tools", "tool_choice", "parallel_tool_calls", "response_format", "reasoning",
      "reasoning_effort", "provider", "plugins", "user", "session_id", "stream");

  /** Writes a request. */
  public static void request(JsonWriter w, ChatRequest q) throws IOException {
    w.beginObject();
    str(w, "model", q.model());
    if (!q.models().isEmpty()) {
      strings(w, "models", q.models());
    }
    if (!q.messages().isEmpty() || q.prompt() == null) {
      w.name("messages").beginArray();
      for (Message m : q.messages()) {
        message(w, m);
      }
      w.endArray();
    }
    str(w, "prompt", q.prompt());
    num(w, "temperature", q.temperature());
    num(w, "top_p", q.topP());
    num(w, "top_k", q.topK());
    num(w, "min_p", q.minP());
    num(w, "top_a", q.topA());
    num(w, "frequency_penalty", q.frequencyPenalty());
    num(w, "presence_penalty", q.presencePenalty());
    num(w, "repetition_penalty", q.repetitionPenalty());
    num(w, "seed", q.seed());
    num(w, "max_tokens", q.maxTokens());
    num(w, "max_completion_tokens", q.maxCompletionTokens());
    if (q.stop() != null) {
      if (q.stopAsString()) {
        w.name("stop").value(q.stop().get(0));
      } else {
        strings(w, "stop", q.stop());
      }
    }
    if (q.logitBias() != null) {
      w.name("logit_bias").beginObject();
      for (Map.Entry<String, Integer> e : q.logitBias().entrySet()) {
        w.name(e.getKey()).value(e.getValue().longValue());
      }
      w.endObject();
    }
    bool(w, "logprobs", q.logprobs());
    num(w, "top_logprobs", q.topLogprobs());
    if (!q.tools().isEmpty()) {
      w.name("tools").beginArray();
      for (Tool t : q.tools()) {
        tool(w, t);
      }
      w.endArray();
    }
    if (q.toolChoice() != null) {
      w.name("tool_choice");
      toolChoice(w, q.toolChoice());
    }
    bool(w, "parallel_tool_calls", q.parallelToolCalls());
    if (q.responseFormat() != null) {
      w.name("response_format");
      responseFormat(w, q.responseFormat());
    }
    if (q.reasoning() != null) {
      w.name("reasoning");
      reasoning(w, q.reasoning());
    }
    if (q.reasoningEffort() != null) {
      w.name("reasoning_effort").value(q.reasoningEffort().wireName());
    }
    if (q.provider() != null) {
      w.name("provider");
      provider(w, q.provider());
    }
    if (!q.plugins().isEmpty()) {
      w.name("plugins").beginArray();
      for (Plugin p : q.plugins()) {
        plugin(w, p);
      }
      w.endArray();
    }
    str(w, "user", q.user());
    str(w, "session_id", q.sessionId());
    bool(w, "stream", q.stream());
    extra(w, q.extra(), REQUEST_KNOWN);
    w.endObject();
  }

  private static void tool(JsonWriter w, Tool t) throws IOException {
    w.beginObject();
    w.name("type").value("function");
    w.name("function").beginObject();
    str(w, "name", t.name());
    str(w, "description", t.description());
    tree(w, "parameters", t.parameters());
    bool(w, "strict", t.strict());
    w.endObject();
    w.endObject();
  }

  private static void toolChoice(JsonWriter w, ToolChoice c) throws IOException {
    switch (c.mode()) {
      case NONE:
        w.value("none");
        break;
      case AUTO:
        w.value("auto");
        break;
      case REQUIRED:
        w.value("required");
        break;
      default:
        w.beginObject();
        w.name("type").value("function");
        w.name("function").beginObject().name("name").value(c.functionName()).endObject();
        w.endObject();
    }
  }

  private static void responseFormat(JsonWriter w, ResponseFormat f) throws IOException {
    w.beginObject();
    w.name("type").value(f.type().wireName());
    if (f.type() == ResponseFormat.Type.JSON_SCHEMA) {
      w.name("json_schema").beginObject();
      str(w, "name", f.name());
      str(w, "description", f.description());
      tree(w, "schema", f.schema());
      bool(w, "strict", f.strict());
      w.endObject();
    }
    w.endObject();
  }

  private static void reasoning(JsonWriter w, Reasoning r) throws IOException {
    w.beginObject();
    if (r.effort() != null) {
      w.name("effort").value(r.effort().wireName());
    }
    num(w, "max_tokens", r.maxTokens());
    bool(w, "exclude", r.exclude());
    bool(w, "enabled", r.enabled());
    w.endObject();
  }

  private static final Set<String> PLUGIN_KNOWN = Set.of("id", "enabled");

  private static void plugin(JsonWriter w, Plugin p) throws IOException {
    w.beginObject();
    w.name("id").value(p.id());
    bool(w, "enabled", p.enabled());
    extra(w, p.config(), PLUGIN_KNOWN);
    w.endObject();
  }

  private static final Set<String> PROVIDER_KNOWN = Set.of(
      "order", "allow_fallbacks", "require_parameters", "data_collection", "zdr",
      "enforce_distillable_text", "only", "ignore", "quantizations", "sort", "max_price",
      "preferred_min_throughput", "preferred_max_latency");

  private static void provider(JsonWriter w, ProviderPreferences p) throws IOException {
    w.beginObject();
    strings(w, "order", p.order());
    bool(w, "allow_fallbacks", p.allowFallbacks());
    bool(w, "require_parameters", p.requireParameters());
    if (p.dataCollection() != null) {
      w.name("data_collection").value(p.dataCollection().wireName());
    }
    bool(w, "zdr", p.zdr());
    bool(w, "enforce_distillable_text", p.enforceDistillableText());
    strings(w, "only", p.only());
    strings(w, "ignore", p.ignore());
    if (p.quantizations() != null) {
      w.name("quantizations").beginArray();
      for (Quantization q : p.quantizations()) {
        w.value(q.wireName());
      }
      w.endArray();
    }
    Sort sort = p.sort();
    if (sort != null) {
      w.name("sort");
      if (sort.partition() == null) {
        w.value(sort.by().wireName());
      } else {
        w.beginObject();
        w.name("by").value(sort.by().wireName());
        w.name("partition").value(sort.partition().wireName());
        w.endObject();
      }
    }
    MaxPrice mp = p.maxPrice();
    if (mp != null) {
      w.name("max_price").beginObject();
      num(w, "prompt", mp.prompt());
      num(w, "completion", mp.completion());
      num(w, "request", mp.request());
      num(w, "image", mp.image());
      num(w, "audio", mp.audio());
      w.endObject();
    }
    cutoffs(w, "preferred_min_throughput", p.preferredMinThroughput());
    cutoffs(w, "preferred_max_latency", p.preferredMaxLatency());
    extra(w, p.extra(), PROVIDER_KNOWN);
    w.endObject();
  }

  private static void cutoffs(JsonWriter w, String name, PercentileCutoffs c) throws IOException {
    if (c == null) {
      return;
    }
    w.name(name);
    if (c.scalar()) {
      w.value(c.p50());
      return;
    }
    w.beginObject();
    num(w, "p50", c.p50());
    num(w, "p75", c.p75());
    num(w, "p90", c.p90());
    num(w, "p99", c.p99());
    w.endObject();
  }

  // ---- messages -------------------------------------------------------------------------

  private static final Set<String> MESSAGE_KNOWN = Set.of(
      "role", "content", "name", "tool_call_id", "tool_calls", "refusal", "reasoning",
      "reasoning_details", "annotations");

  /** Writes a message. */
  public static void message(JsonWriter w, Message m) throws IOException {
    w.beginObject();
    w.name("role").value(m.role().wireName());
    if (m.content() != null) {
      w.name("content").value(m.content());
    } else if (m.parts() != null) {
      w.name("content").beginArray();
      for (ContentPart p : m.parts()) {
        part(w, p);
      }
      w.endArray();
    }
    str(w, "name", m.name());
    str(w, "tool_call_id", m.toolCallId());
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
    str(w, "refusal", m.refusal());
    str(w, "reasoning", m.reasoning());
    reasoningDetails(w, m.reasoningDetails());
    annotations(w, m.annotations());
    extra(w, m.extra(), MESSAGE_KNOWN);
    w.endObject();
  }

  private static void part(JsonWriter w, ContentPart p) throws IOException {
    w.beginObject();
    w.name("type").value(p.type());
    if (p instanceof ContentPart.Text t) {
      w.name("text").value(t.text());
      CacheControl cc = t.cacheControl();
      if (cc != null) {
        w.name("cache_control").beginObject();
        w.name("type").value(cc.type());
        str(w, "ttl", cc.ttl());
        w.endObject();
      }
    } else if (p instanceof ContentPart.Image i) {
      w.name("image_url").beginObject();
      w.name("url").value(i.url());
      str(w, "detail", i.detail());
      w.endObject();
    } else if (p instanceof ContentPart.File f) {
      w.name("file").beginObject();
      str(w, "filename", f.filename());
      str(w, "file_data", f.fileData());
      str(w, "file_id", f.fileId());
      w.endObject();
    } else if (p instanceof ContentPart.Audio a) {
      w.name("input_audio").beginObject();
      w.name("data").value(a.data());
      w.name("format").value(a.format());
      w.endObject();
    }
    w.endObject();
  }

  private static final Set<String> DETAIL_KNOWN = Set.of(
      "type", "text", "summary", "data", "signature", "id", "format", "index");

  private static void reasoningDetails(JsonWriter w, List<ReasoningDetail> details)
      throws IOException {
    if (details.isEmpty()) {
      return;
    }
    w.name("reasoning_details").beginArray();
    for (ReasoningDetail d : details) {
      w.beginObject();
      w.name("type").value(d.type());
      str(w, "text", d.text());
      str(w, "summary", d.summary());
      str(w, "data", d.data());
      str(w, "signature", d.signature());
      str(w, "id", d.id());
      str(w, "format", d.format());
      num(w, "index", d.index());
      extra(w, d.extra(), DETAIL_KNOWN);
      w.endObject();
    }
    w.endArray();
  }

  private static final Set<String> ANNOTATION_KNOWN = Set.of("type", MessageReader.URL_CITATION);

  private static void annotations(JsonWriter w, List<Annotation> annotations) throws IOException {
    if (annotations.isEmpty()) {
      return;
    }
    w.name("annotations").beginArray();
    for (Annotation a : annotations) {
      w.beginObject();
      w.name("type").value(a.type());
      Object more = a.extra().get(MessageReader.URL_CITATION);
      boolean fields = a.url() != null || a.title() != null || a.content() != null
          || a.startIndex() != null || a.endIndex() != null;
      if (fields || more instanceof Map) {
        w.name(MessageReader.URL_CITATION).beginObject();
        str(w, "url", a.url());
        str(w, "title", a.title());
        str(w, "content", a.content());
        num(w, "start_index", a.startIndex());
        num(w, "end_index", a.endIndex());
        if (more instanceof Map<?, ?> m) {
          for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!CITATION_KNOWN.contains(k)) {
              w.name(k);
              Trees.write(w, e.getValue());
            }
          }
        }
        w.endObject();
      } else if (more != null) {
        tree(w, MessageReader.URL_CITATION, more);
      }
      extra(w, a.extra(), ANNOTATION_KNOWN);
      w.endObject();
    }
    w.endArray();
  }

  private static final Set<String> CITATION_KNOWN =
      Set.of("url", "title", "content", "start_index", "end_index");

  // ---- responses ------------------------------------------------------------------------

  private static final Set<String> RESPONSE_KNOWN = Set.of(
      "id", "object", "created", "model", "provider", "choices", "system_fingerprint", "usage");

  /**
   * Writes a response. The router-only fields {@link ChatResponse#cost()} and
   * {@link ChatResponse#route()} are not written.
   */
  public static void response(JsonWriter w, ChatResponse s) throws IOException {
    w.beginObject();
    str(w, "id", s.id());
    str(w, "provider", s.provider());
    str(w, "model", s.model());
    str(w, "object", s.object());
    num(w, "created", s.created());
    w.name("choices").beginArray();
    for (Choice c : s.choices()) {
      w.beginObject();
      w.name("index").value(c.index());
      w.name("message");
      message(w, c.message());
      finish(w, c.finishReason(), c.nativeFinishReason());
      tree(w, "logprobs", c.logprobs());
      extra(w, c.extra(), CHOICE_KNOWN);
      w.endObject();
    }
    w.endArray();
    str(w, "system_fingerprint", s.systemFingerprint());
    if (s.usage() != null) {
      w.name("usage");
      usage(w, s.usage());
    }
    extra(w, s.extra(), RESPONSE_KNOWN);
    w.endObject();
  }

  private static final Set<String> CHOICE_KNOWN = Set.of(
      "index", "message", "delta", "finish_reason", "native_finish_reason", "logprobs");

  private static void finish(JsonWriter w, dev.router4j.api.FinishReason reason, String nativeReason)
      throws IOException {
    if (reason != null) {
      w.name("finish_reason").value(reason.wireName());
    }
    str(w, "native_finish_reason", nativeReason);
  }

  private static final Set<String> CHUNK_KNOWN = Set.of(
      "id", "object", "created", "model", "provider", "choices", "system_fingerprint", "usage",
      "error");

  /** Writes a stream chunk. */
  public static void chunk(JsonWriter w, ChatChunk k) throws IOException {
    w.beginObject();
    str(w, "id", k.id());
    str(w, "provider", k.provider());
    str(w, "model", k.model());
    str(w, "object", k.object());
    num(w, "created", k.created());
    w.name("choices").beginArray();
    for (ChunkChoice c : k.choices()) {
      w.beginObject();
      w.name("index").value(c.index());
      w.name("delta");
      delta(w, c.delta());
      finish(w, c.finishReason(), c.nativeFinishReason());
      tree(w, "logprobs", c.logprobs());
      extra(w, c.extra(), CHOICE_KNOWN);
      w.endObject();
    }
    w.endArray();
    str(w, "system_fingerprint", k.systemFingerprint());
    if (k.usage() != null) {
      w.name("usage");
      usage(w, k.usage());
    }
    StreamError e = k.error();
    if (e != null) {
      w.name("error").beginObject();
      tree(w, "code", e.code());
      str(w, "message", e.message());
      if (!e.metadata().isEmpty()) {
        tree(w, "metadata", e.metadata());
      }
      w.endObject();
    }
    extra(w, k.extra(), CHUNK_KNOWN);
    w.endObject();
  }

  private static final Set<String> DELTA_KNOWN = Set.of(
      "role", "content", "refusal", "reasoning", "reasoning_details", "tool_calls",
      "annotations");

  private static void delta(JsonWriter w, Delta d) throws IOException {
    w.beginObject();
    if (d.role() != null) {
      w.name("role").value(d.role().wireName());
    }
    str(w, "content", d.content());
    str(w, "refusal", d.refusal());
    str(w, "reasoning", d.reasoning());
    reasoningDetails(w, d.reasoningDetails());
    if (!d.toolCalls().isEmpty()) {
      w.name("tool_calls").beginArray();
      for (ToolCallDelta c : d.toolCalls()) {
        w.beginObject();
        w.name("index").value(c.index());
        str(w, "id", c.id());
        str(w, "type", c.type());
        if (c.name() != null || c.arguments() != null) {
          w.name("function").beginObject();
          str(w, "name", c.name());
          str(w, "arguments", c.arguments());
          w.endObject();
        }
        w.endObject();
      }
      w.endArray();
    }
    annotations(w, d.annotations());
    extra(w, d.extra(), DELTA_KNOWN);
    w.endObject();
  }

  private static final Set<String> USAGE_KNOWN = Set.of(
      "prompt_tokens", "completion_tokens", "total_tokens", ResponseReader.PROMPT_DETAILS,
      ResponseReader.COMPLETION_DETAILS, "cost", "is_byok", "cost_details");
  private static final Set<String> PROMPT_DETAILS_KNOWN =
      Set.of("cached_tokens", "cache_write_tokens", "audio_tokens");
  private static final Set<String> COMPLETION_DETAILS_KNOWN = Set.of(
      "reasoning_tokens", "image_tokens", "audio_tokens", "accepted_prediction_tokens",
      "rejected_prediction_tokens");

  /**
   * Writes usage. Unknown details members kept in {@link Usage#extra()} under the details' key
   * are merged back into the details object; {@link Usage#estimated()} is not written.
   */
  public static void usage(JsonWriter w, Usage u) throws IOException {
    w.beginObject();
    num(w, "prompt_tokens", u.promptTokens());
    num(w, "completion_tokens", u.completionTokens());
    num(w, "total_tokens", u.totalTokens());
    Object more = u.extra().get(ResponseReader.PROMPT_DETAILS);
    if (u.cachedTokens() != null || u.cacheWriteTokens() != null
        || u.promptAudioTokens() != null || more instanceof Map) {
      w.name(ResponseReader.PROMPT_DETAILS).beginObject();
      num(w, "cached_tokens", u.cachedTokens());
      num(w, "cache_write_tokens", u.cacheWriteTokens());
      num(w, "audio_tokens", u.promptAudioTokens());
      merge(w, more, PROMPT_DETAILS_KNOWN);
      w.endObject();
    } else if (more != null) {
      tree(w, ResponseReader.PROMPT_DETAILS, more);
    }
    more = u.extra().get(ResponseReader.COMPLETION_DETAILS);
    if (u.reasoningTokens() != null || u.completionImageTokens() != null
        || u.completionAudioTokens() != null || u.acceptedPredictionTokens() != null
        || u.rejectedPredictionTokens() != null || more instanceof Map) {
      w.name(ResponseReader.COMPLETION_DETAILS).beginObject();
      num(w, "reasoning_tokens", u.reasoningTokens());
      num(w, "image_tokens", u.completionImageTokens());
      num(w, "audio_tokens", u.completionAudioTokens());
      num(w, "accepted_prediction_tokens", u.acceptedPredictionTokens());
      num(w, "rejected_prediction_tokens", u.rejectedPredictionTokens());
      merge(w, more, COMPLETION_DETAILS_KNOWN);
      w.endObject();
    } else if (more != null) {
      tree(w, ResponseReader.COMPLETION_DETAILS, more);
    }
    num(w, "cost", u.cost());
    bool(w, "is_byok", u.isByok());
    tree(w, "cost_details", u.costDetails());
    extra(w, u.extra(), USAGE_KNOWN);
    w.endObject();
  }

  private static void merge(JsonWriter w, Object more, Set<String> known) throws IOException {
    if (more instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = String.valueOf(e.getKey());
        if (!known.contains(k)) {
          w.name(k);
          Trees.write(w, e.getValue());
        }
      }
    }
  }
}
