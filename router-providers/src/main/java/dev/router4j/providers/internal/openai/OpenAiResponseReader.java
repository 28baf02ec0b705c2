package dev.router4j.providers.internal.openai;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import dev.router4j.api.Annotation;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import dev.router4j.api.Message;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.Role;
import dev.router4j.api.ToolCall;
import dev.router4j.api.Usage;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;

/**
 * Reads a Chat Completions reply (OpenAI's, or an OpenAI-compatible host's, OpenRouter's
 * extensions included) into the normalized model: logprobs kept as their JSON tree, refusals,
 * annotations, every usage detail. Hosts' own names are read too: {@code reasoning_content} as
 * the reasoning, DeepSeek's {@code prompt_cache_hit_tokens} as cached tokens, Perplexity's
 * sources as citations (when the dialect says so). Unknown fields are kept in the extras.
 * Anything malformed becomes a {@link MalformedResponseException} naming the JSON path.
 */
public final class OpenAiResponseReader {
  private static final JsonReader.Options TOP = OpenAiJson.topOptions();
  private static final JsonReader.Options CHOICE = OpenAiJson.choiceOptions("message");
  private static final JsonReader.Options MESSAGE = JsonReader.Options.of(
      "role", "content", "refusal", "tool_calls", "reasoning", "reasoning_details", "annotations",
      "name", "reasoning_content");
  private static final JsonReader.Options USAGE = JsonReader.Options.of(
      "prompt_tokens", "completion_tokens", "total_tokens", "prompt_tokens_details",
      "completion_tokens_details", "cost", "is_byok", "cost_details");
  private static final JsonReader.Options PROMPT_DETAILS =
      JsonReader.Options.of("cached_tokens", "cache_write_tokens", "audio_tokens");
  private static final JsonReader.Options COMPLETION_DETAILS = JsonReader.Options.of(
      "reasoning_tokens", "image_tokens", "audio_tokens", "accepted_prediction_tokens",
      "rejected_prediction_tokens");

  private OpenAiResponseReader() {}

  /** Reads a whole reply. */
  public static ChatResponse read(BufferedSource source) {
    return read(source, OpenAiDialect.OPENAI);
  }

  /** Reads a whole reply from a host of the given dialect. */
  public static ChatResponse read(BufferedSource source, OpenAiDialect dialect) {
    return OpenAiJson.document(JsonReader.of(source), "chat completion", r -> {
      ChatResponse response = response(r);
      if (dialect.citationsAsAnnotations()) {
        response = OpenAiCitations.annotate(response);
      }
      if (r.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonDataException("unexpected data after the reply at " + r.getPath());
      }
      return response;
    });
  }

  private static ChatResponse response(JsonReader r) throws IOException {
    OpenAiJson.Top<Choice> t = OpenAiJson.top(r, TOP, OpenAiResponseReader::choice,
        (index, top) -> { }); // no members of its own
    if (t.choices.isEmpty()) {
      throw new JsonDataException("a chat completion needs at least one choice at $.choices");
    }
    return ChatResponse.builder().id(t.id).object(t.object).created(t.created).model(t.model)
        .provider(t.provider).systemFingerprint(t.fingerprint).usage(t.usage)
        .choices(t.choices).extra(t.extra).build();
  }

  private static String string(JsonReader r) throws IOException {
    return OpenAiJson.string(r);
  }

  private static Integer integer(JsonReader r) throws IOException {
    return OpenAiJson.integer(r);
  }

  private static Choice choice(JsonReader r) throws IOException {
    OpenAiJson.Choice<Message> c = OpenAiJson.choice(r, CHOICE, OpenAiResponseReader::message);
    if (c.body == null) {
      throw new JsonDataException("a choice needs a message at " + r.getPath());
    }
    return new Choice(c.index, c.body, c.finishReason(), c.nativeFinishReason(), c.logprobs,
        c.extra);
  }

  private static Message message(JsonReader r) throws IOException {
    Role role = Role.ASSISTANT;
    String content = null;
    String refusal = null;
    String reasoning = null;
    String name = null;
    List<ToolCall> calls = new ArrayList<>();
    List<ReasoningDetail> details = new ArrayList<>();
    List<Annotation> annotations = new ArrayList<>();
    Map<String, Object> extra = new LinkedHashMap<>();
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(MESSAGE)) {
        case 0:
          String wire = string(r);
          role = wire == null ? Role.ASSISTANT : Role.fromWire(wire);
          break;
        case 1: content = content(r); break;
        case 2: refusal = string(r); break;
        case 3: OpenAiJson.array(r, calls, OpenAiResponseReader::toolCall); break;
        case 4: reasoning = string(r); break;
        case 5: OpenAiJson.array(r, details, e -> reasoningDetail(JsonTrees.read(e))); break;
        case 6: OpenAiJson.array(r, annotations, e -> annotation(JsonTrees.read(e))); break;
        case 7: name = string(r); break;
        case 8:
          // DeepSeek, xAI, vLLM and others name the reasoning text reasoning_content.
          String text = string(r);
          if (reasoning == null) {
            reasoning = text;
          }
          break;
        default:
          extra.put(r.nextName(), JsonTrees.read(r));
      }
    }
    r.endObject();
    return Message.builder(role).content(content).name(name).refusal(refusal)
        .reasoning(reasoning).toolCalls(calls).reasoningDetails(details)
        .annotations(annotations).extra(extra).build();
  }

  /** Content in a reply is a string, null, or (rarely) an array of text parts: joined. */
  private static String content(JsonReader r) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_ARRAY) {
      return string(r);
    }
    StringBuilder text = new StringBuilder();
    r.beginArray();
    while (r.hasNext()) {
      Object part = JsonTrees.read(r);
      if (part instanceof Map<?, ?> m && m.get("text") instanceof String s) {
        text.append(s);
      }
    }
    r.endArray();
    return text.toString();
  }

  private static ToolCall toolCall(JsonReader r) throws IOException {
    Object tree = JsonTrees.read(r);
    if (!(tree instanceof Map<?, ?> call) || !(call.get("function") instanceof Map<?, ?> fn)) {
      throw new JsonDataException("a tool call needs a function object at " + r.getPath());
    }
    Object id = call.get("id");
    Object name = fn.get("name");
    Object args = fn.get("arguments");
    if (!(id instanceof String) || !(name instanceof String)) {
      throw new JsonDataException("a tool call needs an id and a function name at " + r.getPath());
    }
    String arguments = args == null ? "{}" : args instanceof String s ? s
        : OpenAiJson.writeTree(args);
    return new ToolCall((String) id, (String) name, arguments);
  }

  /** Maps a {@code reasoning_details[]} entry, keeping unknown members. */
  public static ReasoningDetail reasoningDetail(Object tree) {
    if (!(tree instanceof Map<?, ?> m)) {
      throw new JsonDataException("a reasoning detail must be an object");
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String k = (String) e.getKey();
      switch (k) {
        case "type": case "text": case "summary": case "data": case "signature": case "id":
        case "format": case "index":
          break;
        default:
          extra.put(k, e.getValue());
      }
    }
    Object index = m.get("index");
    return new ReasoningDetail(str(m.get("type")), str(m.get("text")), str(m.get("summary")),
        str(m.get("data")), str(m.get("signature")), str(m.get("id")), str(m.get("format")),
        index instanceof BigDecimal d ? d.intValueExact() : null, extra);
  }

  static Annotation annotation(Object tree) {
    if (!(tree instanceof Map<?, ?> m)) {
      throw new JsonDataException("an annotation must be an object");
    }
    Object c = m.get("url_citation");
    Map<?, ?> cite = c instanceof Map<?, ?> cm ? cm : Map.of();
    Object start = cite.get("start_index");
    Object end = cite.get("end_index");
    return new Annotation(str(m.get("type")), str(cite.get("url")), str(cite.get("title")),
        str(cite.get("content")), start instanceof BigDecimal s ? s.intValue() : null,
        end instanceof BigDecimal e ? e.intValue() : null, null);
  }

  private static String str(Object o) {
    return o instanceof String s ? s : null;
  }

  /** Reads a {@code usage} object. */
  public static Usage usage(JsonReader r) throws IOException {
    if (r.peek() == JsonReader.Token.NULL) {
      return r.nextNull();
    }
    Usage.Builder u = Usage.builder();
    Map<String, Object> extra = new LinkedHashMap<>();
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(USAGE)) {
        case 0: u.promptTokens(integer(r)); break;
        case 1: u.completionTokens(integer(r)); break;
        case 2: u.totalTokens(integer(r)); break;
        case 3:
          OpenAiJson.object(r, PROMPT_DETAILS, detail -> {
            switch (detail) {
              case 0: u.cachedTokens(integer(r)); break;
              case 1: u.cacheWriteTokens(integer(r)); break;
              default: u.promptAudioTokens(integer(r));
            }
          });
          break;
        case 4:
          OpenAiJson.object(r, COMPLETION_DETAILS, detail -> {
            switch (detail) {
              case 0: u.reasoningTokens(integer(r)); break;
              case 1: u.completionImageTokens(integer(r)); break;
              case 2: u.completionAudioTokens(integer(r)); break;
              case 3: u.acceptedPredictionTokens(integer(r)); break;
              default: u.rejectedPredictionTokens(integer(r));
            }
          });
          break;
        case 5:
          u.cost(r.peek() == JsonReader.Token.NULL ? r.<BigDecimal>nextNull()
              : new BigDecimal(r.nextString()));
          break;
        case 6:
          u.isByok(r.peek() == JsonReader.Token.NULL ? r.<Boolean>nextNull() : r.nextBoolean());
          break;
        case 7:
          Object details = JsonTrees.read(r);
          if (details instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, Object> d = (Map<String, Object>) details;
            u.costDetails(d);
          }
          break;
        default:
          extra.put(r.nextName(), JsonTrees.read(r));
      }
    }
    r.endObject();
    return complete(u, extra).build();
  }

  /**
   * Fills the standard counts from hosts' own names where the standard ones are missing:
   * DeepSeek's {@code prompt_cache_hit_tokens} as cached tokens, and the total as the sum.
   */
  private static Usage.Builder complete(Usage.Builder u, Map<String, Object> extra) {
    Usage partial = u.extra(extra).build();
    if (partial.cachedTokens() == null
        && extra.get("prompt_cache_hit_tokens") instanceof BigDecimal hit) {
      u.cachedTokens(hit.intValueExact());
    }
    if (partial.totalTokens() == null && partial.promptTokens() != null
        && partial.completionTokens() != null) {
      u.totalTokens(partial.promptTokens() + partial.completionTokens());
    }
    return u;
  }
}
