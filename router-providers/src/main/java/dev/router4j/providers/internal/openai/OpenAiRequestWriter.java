package dev.router4j.providers.internal.openai;

import com.squareup.moshi.JsonWriter;
import dev.router4j.api.Annotation;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.Plugin;
import dev.router4j.api.Reasoning;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolCall;
import dev.router4j.api.ToolChoice;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.util.Map;
import okio.BufferedSink;

/** Writes a normalized request as a Chat Completions body for one endpoint and dialect. */
public final class OpenAiRequestWriter {
  private final OpenAiDialect dialect;

  /** A writer for the given dialect. */
  public OpenAiRequestWriter(OpenAiDialect dialect) {
    this.dialect = dialect;
  }

  /** Writes the body to the sink. */
  public void write(ChatRequest r, Endpoint endpoint, boolean stream, BufferedSink sink)
      throws IOException {
    JsonWriter w = JsonWriter.of(sink);
    w.setSerializeNulls(false);
    w.beginObject();
    w.name("model").value(endpoint.upstreamModel());
    w.name("messages").beginArray();
    for (Message m : r.messages()) {
      message(w, m);
    }
    w.endArray();
    if (r.prompt() != null) {
      w.name("prompt").value(r.prompt());
    }
    opt(w, "temperature", r.temperature());
    opt(w, "top_p", r.topP());
    if (dialect.extendedSampling() || dialect.openRouterFields()) {
      opt(w, "top_k", r.topK());
      opt(w, "min_p", r.minP());
      opt(w, "repetition_penalty", r.repetitionPenalty());
    }
    if (dialect.openRouterFields()) {
      opt(w, "top_a", r.topA());
    }
    opt(w, "frequency_penalty", r.frequencyPenalty());
    opt(w, "presence_penalty", r.presencePenalty());
    if (r.seed() != null) {
      w.name("seed").value(r.seed().longValue());
    }
    Integer max = r.effectiveMaxTokens();
    if (max != null) {
      w.name(dialect.maxCompletionTokens() ? "max_completion_tokens" : "max_tokens").value(max);
    }
    if (r.stop() != null) {
      w.name("stop");
      if (r.stopAsString()) {
        w.value(r.stop().get(0));
      } else {
        w.beginArray();
        for (String s : r.stop()) {
          w.value(s);
        }
        w.endArray();
      }
    }
    if (r.logitBias() != null) {
      w.name("logit_bias").beginObject();
      for (Map.Entry<String, Integer> e : r.logitBias().entrySet()) {
        w.name(e.getKey()).value(e.getValue());
      }
      w.endObject();
    }
    if (r.logprobs() != null) {
      w.name("logprobs").value(r.logprobs());
    }
    if (r.topLogprobs() != null) {
      w.name("top_logprobs").value(r.topLogprobs());
    }
    if (!r.tools().isEmpty()) {
      w.name("tools").beginArray();
      for (Tool t : r.tools()) {
        tool(w, t);
      }
      w.endArray();
    }
    if (r.toolChoice() != null) {
      toolChoice(w, r.toolChoice());
    }
    if (r.parallelToolCalls() != null) {
      w.name("parallel_tool_calls").value(r.parallelToolCalls());
    }
    if (r.responseFormat() != null) {
      responseFormat(w, r.responseFormat());
    }
    reasoning(w, r);
    if (r.user() != null) {
      w.name("user").value(r.user());
    }
    if (dialect.openRouterFields()) {
      openRouterFields(w, r);
    }
    if (stream) {
      w.name("stream").value(true);
      if (dialect.streamUsage()) {
        w.name("stream_options").beginObject().name("include_usage").value(true).endObject();
      }
    }
    for (Map.Entry<String, Object> e : r.extra().entrySet()) {
      w.name(e.getKey());
      JsonTrees.write(w, e.getValue());
    }
    w.endObject();
    w.flush();
  }

  private static void opt(JsonWriter w, String name, Double v) throws IOException {
    if (v != null) {
      w.name(name).value(v.doubleValue());
    }
  }

  private static void opt(JsonWriter w, String name, Integer v) throws IOException {
    if (v != null) {
      w.name(name).value(v.longValue());
    }
  }

  private static void message(JsonWriter w, Message m) throws IOException {
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
    } else {
      // An assistant turn with only tool calls carries an explicit null content.
      w.name("content");
      w.setSerializeNulls(true);
      w.nullValue();
      w.setSerializeNulls(false);
    }
    if (m.name() != null) {
      w.name("name").value(m.name());
    }
    if (m.toolCallId() != null) {
      w.name("tool_call_id").value(m.toolCallId());
    }
    if (m.refusal() != null) {
      w.name("refusal").value(m.refusal());
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
    if (m.reasoning() != null) {
      w.name("reasoning").value(m.reasoning());
    }
    if (!m.reasoningDetails().isEmpty()) {
      w.name("reasoning_details").beginArray();
      for (ReasoningDetail d : m.reasoningDetails()) {
        reasoningDetail(w, d);
      }
      w.endArray();
    }
    if (!m.annotations().isEmpty()) {
      w.name("annotations").beginArray();
      for (Annotation a : m.annotations()) {
        annotation(w, a);
      }
      w.endArray();
    }
    for (Map.Entry<String, Object> e : m.extra().entrySet()) {
      w.name(e.getKey());
      JsonTrees.write(w, e.getValue());
    }
    w.endObject();
  }

  private static void part(JsonWriter w, ContentPart p) throws IOException {
    w.beginObject();
    w.name("type").value(p.type());
    if (p instanceof ContentPart.Text t) {
      w.name("text").value(t.text());
      if (t.cacheControl() != null) {
        w.name("cache_control").beginObject();
        w.name("type").value(t.cacheControl().type());
        if (t.cacheControl().ttl() != null) {
          w.name("ttl").value(t.cacheControl().ttl());
        }
        w.endObject();
      }
    } else if (p instanceof ContentPart.Image i) {
      w.name("image_url").beginObject();
      w.name("url").value(i.url());
      if (i.detail() != null) {
        w.name("detail").value(i.detail());
      }
      w.endObject();
    } else if (p instanceof ContentPart.File f) {
      w.name("file").beginObject();
      if (f.filename() != null) {
        w.name("filename").value(f.filename());
      }
      if (f.fileData() != null) {
        w.name("file_data").value(f.fileData());
      }
      if (f.fileId() != null) {
        w.name("file_id").value(f.fileId());
      }
      w.endObject();
    } else if (p instanceof ContentPart.Audio a) {
      w.name("input_audio").beginObject();
      w.name("data").value(a.data());
      w.name("format").value(a.format());
      w.endObject();
    }
    w.endObject();
  }

  static void reasoningDetail(JsonWriter w, ReasoningDetail d) throws IOException {
    w.beginObject();
    w.name("type").value(d.type());
    if (d.text() != null) {
      w.name("text").value(d.text());
    }
    if (d.summary() != null) {
      w.name("summary").value(d.summary());
    }
    if (d.data() != null) {
      w.name("data").value(d.data());
    }
    if (d.signature() != null) {
      w.name("signature").value(d.signature());
    }
    if (d.id() != null) {
      w.name("id").value(d.id());
    }
    if (d.format() != null) {
      w.name("format").value(d.format());
    }
    if (d.index() != null) {
      w.name("index").value(d.index().longValue());
    }
    for (Map.Entry<String, Object> e : d.extra().entrySet()) {
      w.name(e.getKey());
      JsonTrees.write(w, e.getValue());
    }
    w.endObject();
  }

  private static void annotation(JsonWriter w, Annotation a) throws IOException {
    w.beginObject();
    w.name("type").value(a.type());
    if (a.url() != null || a.title() != null || a.content() != null) {
      w.name("url_citation").beginObject();
      if (a.url() != null) {
        w.name("url").value(a.url());
      }
      if (a.title() != null) {
        w.name("title").value(a.title());
      }
      if (a.content() != null) {
        w.name("content").value(a.content());
      }
      if (a.startIndex() != null) {
        w.name("start_index").value(a.startIndex().longValue());
      }
      if (a.endIndex() != null) {
        w.name("end_index").value(a.endIndex().longValue());
      }
      w.endObject();
    }
    w.endObject();
  }

  private static void tool(JsonWriter w, Tool t) throws IOException {
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
      w.name("strict").value(t.strict());
    }
    w.endObject();
    w.endObject();
  }

  private static void toolChoice(JsonWriter w, ToolChoice c) throws IOException {
    w.name("tool_choice");
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
    w.name("response_format").beginObject();
    w.name("type").value(f.type().wireName());
    if (f.type() == ResponseFormat.Type.JSON_SCHEMA) {
      w.name("json_schema").beginObject();
      w.name("name").value(f.name());
      if (f.description() != null) {
        w.name("description").value(f.description());
      }
      if (f.schema() != null) {
        w.name("schema");
        JsonTrees.write(w, f.schema());
      }
      if (f.strict() != null) {
        w.name("strict").value(f.strict());
      }
      w.endObject();
    }
    w.endObject();
  }

  private void reasoning(JsonWriter w, ChatRequest r) throws IOException {
    Reasoning reasoning = r.effectiveReasoning();
    if (reasoning == null) {
      return;
    }
    if (dialect.reasoningObject()) {
      w.name("reasoning").beginObject();
      if (reasoning.effort() != null) {
        w.name("effort").value(reasoning.effort().wireName());
      }
      if (reasoning.maxTokens() != null) {
        w.name("max_tokens").value(reasoning.maxTokens().longValue());
      }
      if (reasoning.exclude() != null) {
        w.name("exclude").value(reasoning.exclude());
      }
      if (reasoning.enabled() != null) {
        w.name("enabled").value(reasoning.enabled());
      }
      w.endObject();
    } else {
      Reasoning.Effort effort = reasoning.effort();
      if (effort == null && reasoning.isOn()) {
        effort = Reasoning.Effort.MEDIUM;
      } else if (effort == null && Boolean.FALSE.equals(reasoning.enabled())) {
        effort = Reasoning.Effort.NONE;
      }
      if (effort == Reasoning.Effort.MAX) {
        effort = Reasoning.Effort.XHIGH;
      }
      if (effort != null) {
        w.name("reasoning_effort").value(effort.wireName());
      }
    }
  }

  private static void openRouterFields(JsonWriter w, ChatRequest r) throws IOException {
    if (!r.plugins().isEmpty()) {
      w.name("plugins").beginArray();
      for (Plugin p : r.plugins()) {
        w.beginObject();
        w.name("id").value(p.id());
        if (p.enabled() != null) {
          w.name("enabled").value(p.enabled());
        }
        for (Map.Entry<String, Object> e : p.config().entrySet()) {
          w.name(e.getKey());
          JsonTrees.write(w, e.getValue());
        }
        w.endObject();
      }
      w.endArray();
    }
    if (r.sessionId() != null) {
      w.name("session_id").value(r.sessionId());
    }
  }
}
