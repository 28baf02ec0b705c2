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
import dev.router4j.api.internal.Trusted;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.math.BigDecimal;
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
 *
 * <p>The lists, extras and JSON trees it reads go into the values without another copy
 * ({@link Trusted}), and members a reply lacks cost nothing: every value equals what the
 * public builders give for the same reply. An instance reads one host's replies (its dialect,
 * its provider slug); thread-safe.
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
  private static final OpenAiJson.Value<ReasoningDetail> REASONING_DETAIL =
      r -> reasoningDetail(JsonTrees.read(r));
  private static final OpenAiJson.Value<Annotation> ANNOTATION = r -> annotation(JsonTrees.read(r));

  private final OpenAiDialect dialect;
  private final String provider;
  /** {@link #document}, made once rather than on every read. */
  private final OpenAiJson.Value<ChatResponse> document = this::document;

  /**
   * A reader of one host's replies.
   *
   * @param dialect the host's dialect
   * @param provider the provider named in a reply that names none, or null
   */
  public OpenAiResponseReader(OpenAiDialect dialect, String provider) {
    this.dialect = dialect;
    this.provider = provider;
  }

  /** Reads a whole reply. */
  public static ChatResponse read(BufferedSource source) {
    return read(source, OpenAiDialect.OPENAI);
  }

  /** Reads a whole reply from a host of the given dialect. */
  public static ChatResponse read(BufferedSource source, OpenAiDialect dialect) {
    return new OpenAiResponseReader(dialect, null).decode(source);
  }

  /**
   * Reads a whole reply; its provider is this reader's when the reply names none.
   *
   * @throws MalformedResponseException when it is not a valid completion
   */
  public ChatResponse decode(BufferedSource source) {
    return OpenAiJson.document(JsonReader.of(source), "chat completion", document);
  }

  private ChatResponse document(JsonReader r) throws IOException {
    ChatResponse response = response(r, provider);
    if (dialect.citationsAsAnnotations()) {
      response = OpenAiCitations.annotate(response);
    }
    if (r.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new JsonDataException("unexpected data after the reply at " + r.getPath());
    }
    return response;
  }

  /**
   * The reply, built with the value types' public constructors from lists and JSON trees that
   * this reader made and hands over ({@link Trusted}): the constructors keep them as they are,
   * and every value is what the builders would have given.
   */
  private static ChatResponse response(JsonReader r, String fallbackProvider) throws IOException {
    OpenAiJson.Top<Choice> t = OpenAiJson.top(r, TOP, OpenAiResponseReader::choice,
        (index, top) -> { }); // no members of its own
    if (t.choices.isEmpty()) {
      throw new JsonDataException("a chat completion needs at least one choice at $.choices");
    }
    return new ChatResponse(t.id, t.object, t.created, t.model,
        t.provider == null ? fallbackProvider : t.provider, t.choices, t.fingerprint, t.usage,
        null, null, null, Trusted.jsonObject(t.extra));
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
    return new Choice(c.index, c.body, c.finishReason(), c.nativeFinishReason(),
        Trusted.jsonValue(c.logprobs), Trusted.jsonObject(c.extra));
  }

  private static Message message(JsonReader r) throws IOException {
    Role role = Role.ASSISTANT;
    String content = null;
    String refusal = null;
    String reasoning = null;
    String name = null;
    // Made only when the message has them: most replies carry text and nothing else.
    List<ToolCall> calls = null;
    List<ReasoningDetail> details = null;
    List<Annotation> annotations = null;
    Map<String, Object> extra = null;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(MESSAGE)) {
        case 0:
          Role wire = OpenAiJson.role(r);
          role = wire == null ? Role.ASSISTANT : wire;
          break;
        case 1: content = content(r); break;
        case 2: refusal = string(r); break;
        case 3:
          calls = OpenAiJson.concat(calls, OpenAiJson.ownedList(r, OpenAiResponseReader::toolCall));
          break;
        case 4: reasoning = string(r); break;
        case 5: details = OpenAiJson.concat(details, OpenAiJson.ownedList(r, REASONING_DETAIL)); break;
        case 6:
          annotations = OpenAiJson.concat(annotations, OpenAiJson.ownedList(r, ANNOTATION));
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
          if (extra == null) {
            extra = new LinkedHashMap<>();
          }
          extra.put(r.nextName(), JsonTrees.read(r));
      }
    }
    r.endObject();
    return new Message(role, content, null, name, null, calls, refusal, reasoning, details,
        annotations, Trusted.jsonObject(extra));
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
    Integer prompt = null;
    Integer completion = null;
    Integer total = null;
    Integer cached = null;
    Integer cacheWrite = null;
    Integer promptAudio = null;
    Integer reasoning = null;
    Integer completionImage = null;
    Integer completionAudio = null;
    Integer accepted = null;
    Integer rejected = null;
    BigDecimal cost = null;
    Boolean isByok = null;
    Map<String, Object> costDetails = null;
    Map<String, Object> extra = null; // made only for a member this reader does not know
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(USAGE)) {
        case 0: prompt = integer(r); break;
        case 1: completion = integer(r); break;
        case 2: total = integer(r); break;
        case 3:
          if (OpenAiJson.beginObject(r)) {
            while (r.hasNext()) {
              switch (r.selectName(PROMPT_DETAILS)) {
                case 0: cached = integer(r); break;
                case 1: cacheWrite = integer(r); break;
                case 2: promptAudio = integer(r); break;
                default: OpenAiJson.skipMember(r);
              }
            }
            r.endObject();
          }
          break;
        case 4:
          if (OpenAiJson.beginObject(r)) {
            while (r.hasNext()) {
              switch (r.selectName(COMPLETION_DETAILS)) {
                case 0: reasoning = integer(r); break;
                case 1: completionImage = integer(r); break;
                case 2: completionAudio = integer(r); break;
                case 3: accepted = integer(r); break;
                case 4: rejected = integer(r); break;
                default: OpenAiJson.skipMember(r);
              }
            }
            r.endObject();
          }
          break;
        case 5:
          cost = r.peek() == JsonReader.Token.NULL ? r.<BigDecimal>nextNull()
              : new BigDecimal(r.nextString());
          break;
        case 6:
          isByok = r.peek() == JsonReader.Token.NULL ? r.<Boolean>nextNull() : r.nextBoolean();
          break;
        case 7:
          Object details = JsonTrees.read(r);
          if (details instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, Object> d = (Map<String, Object>) details;
            costDetails = d;
          }
          break;
        default:
          if (extra == null) {
            extra = new LinkedHashMap<>();
          }
          extra.put(r.nextName(), JsonTrees.read(r));
      }
    }
    r.endObject();
    // Hosts' own names where the standard ones are missing: DeepSeek's prompt_cache_hit_tokens
    // as cached tokens, and the total as the sum.
    if (cached == null && extra != null
        && extra.get("prompt_cache_hit_tokens") instanceof BigDecimal hit) {
      cached = hit.intValueExact();
    }
    if (total == null && prompt != null && completion != null) {
      total = prompt + completion;
    }
    return new Usage(prompt, completion, total, cached, cacheWrite, promptAudio, reasoning,
        completionImage, completionAudio, accepted, rejected, cost, isByok,
        costDetails == null ? null : Trusted.jsonObject(costDetails), false,
        Trusted.jsonObject(extra));
  }
}
