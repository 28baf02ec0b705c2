package dev.router4j.providers.internal.openai;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import dev.router4j.api.Annotation;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Message;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.Role;
import dev.router4j.api.ToolCall;
import dev.router4j.api.Usage;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.RouterException;
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
  private static final JsonReader.Options TOP = JsonReader.Options.of(
      "id", "object", "created", "model", "provider", "choices", "system_fingerprint", "usage");
  private static final JsonReader.Options CHOICE = JsonReader.Options.of(
      "index", "message", "finish_reason", "native_finish_reason", "logprobs");
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
    JsonReader r = JsonReader.of(source);
    try {
      ChatResponse response = response(r);
      if (dialect.citationsAsAnnotations()) {
        response = OpenAiCitations.annotate(response);
      }
      if (r.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonDataException("unexpected data after the reply at " + r.getPath());
      }
      return response;
    } catch (JsonDataException | JsonEncodingException | IllegalArgumentException e) {
      throw new MalformedResponseException(r.getPath(), "malformed chat completion: " + e.getMessage(), e);
    } catch (RouterException e) {
      throw new MalformedResponseException(r.getPath(), "invalid chat completion: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MalformedResponseException(r.getPath(), "unreadable chat completion: " + e.getMessage(), e);
    }
  }

  private static ChatResponse response(JsonReader r) throws IOException {
    ChatResponse.Builder b = ChatResponse.builder();
    List<Choice> choices = new ArrayList<>();
    Map<String, Object> extra = new LinkedHashMap<>();
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(TOP)) {
        case 0: b.id(string(r)); break;
        case 1: b.object(string(r)); break;
        case 2: b.created(r.peek() == JsonReader.Token.NULL ? r.<Long>nextNull() : r.nextLong()); break;
        case 3: b.model(string(r)); break;
        case 4: b.provider(string(r)); break;
        case 5:
          if (r.peek() == JsonReader.Token.NULL) {
            r.skipValue();
            break;
          }
          r.beginArray();
          while (r.hasNext()) {
            choices.add(choice(r));
          }
          r.endArray();
          break;
        case 6: b.systemFingerprint(string(r)); break;
        case 7: b.usage(usage(r)); break;
        default:
          extra.put(r.nextName(), JsonTrees.read(r));
      }
    }
    r.endObject();
    if (choices.isEmpty()) {
      throw new JsonDataException("a chat completion needs at least one choice at $.choices");
    }
    return b.choices(choices).extra(extra).build();
  }

  private static String string(JsonReader r) throws IOException {
    if (r.peek() == JsonReader.Token.NULL) {
      return r.nextNull();
    }
    return r.nextString();
  }

  private static Integer integer(JsonReader r) throws IOException {
    if (r.peek() == JsonReader.Token.NULL) {
      return r.nextNull();
    }
    return r.nextInt();
  }

  private static Choice choice(JsonReader r) throws IOException {
    int index = 0;
    Message message = null;
    String finish = null;
    String nativeFinish = null;
    Object logprobs = null;
    Map<String, Object> extra = new LinkedHashMap<>();
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(CHOICE)) {
        case 0: index = r.nextInt(); break;
        case 1: message = message(r); break;
        case 2: finish = string(r); break;
        case 3: nativeFinish = string(r); break;
        case 4: logprobs = JsonTrees.read(r); break;
        default:
          extra.put(r.nextName(), JsonTrees.read(r));
      }
    }
    r.endObject();
    if (message == null) {
      throw new JsonDataException("a choice needs a message at " + r.getPath());
    }
    FinishReason normalized = FinishReason.fromWire(finish);
    if (normalized == null && finish != null) {
      normalized = FinishReason.normalize(finish);
      if (nativeFinish == null) {
        nativeFinish = finish;
      }
    }
    if (nativeFinish == null) {
      nativeFinish = finish;
    }
    return new Choice(index, message, normalized, nativeFinish, logprobs, extra);
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
        case 3:
          if (r.peek() == JsonReader.Token.NULL) {
            r.skipValue();
            break;
          }
          r.beginArray();
          while (r.hasNext()) {
            calls.add(toolCall(r));
          }
          r.endArray();
          break;
        case 4: reasoning = string(r); break;
        case 5:
          if (r.peek() == JsonReader.Token.NULL) {
            r.skipValue();
            break;
          }
          r.beginArray();
          while (r.hasNext()) {
            details.add(reasoningDetail(JsonTrees.read(r)));
          }
          r.endArray();
          break;
        case 6:
          if (r.peek() == JsonReader.Token.NULL) {
            r.skipValue();
            break;
          }
          r.beginArray();
          while (r.hasNext()) {
            annotations.add(annotation(JsonTrees.read(r)));
          }
          r.endArray();
          break;
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
    String arguments = args == null ? "{}" : args instanceof String s ? s : writeTree(args);
    return new ToolCall((String) id, (String) name, arguments);
  }

  static String writeTree(Object tree) throws IOException {
    okio.Buffer buffer = new okio.Buffer();
    com.squareup.moshi.JsonWriter w = com.squareup.moshi.JsonWriter.of(buffer);
    JsonTrees.write(w, tree);
    w.flush();
    return buffer.readUtf8();
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
          if (r.peek() == JsonReader.Token.NULL) {
            r.skipValue();
            break;
          }
          r.beginObject();
          while (r.hasNext()) {
            switch (r.selectName(PROMPT_DETAILS)) {
              case 0: u.cachedTokens(integer(r)); break;
              case 1: u.cacheWriteTokens(integer(r)); break;
              case 2: u.promptAudioTokens(integer(r)); break;
              default:
                r.skipName();
                r.skipValue();
            }
          }
          r.endObject();
          break;
        case 4:
          if (r.peek() == JsonReader.Token.NULL) {
            r.skipValue();
            break;
          }
          r.beginObject();
          while (r.hasNext()) {
            switch (r.selectName(COMPLETION_DETAILS)) {
              case 0: u.reasoningTokens(integer(r)); break;
              case 1: u.completionImageTokens(integer(r)); break;
              case 2: u.completionAudioTokens(integer(r)); break;
              case 3: u.acceptedPredictionTokens(integer(r)); break;
              case 4: u.rejectedPredictionTokens(integer(r)); break;
              default:
                r.skipName();
                r.skipValue();
            }
          }
          r.endObject();
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
