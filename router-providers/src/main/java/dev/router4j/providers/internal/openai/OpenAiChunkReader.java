package dev.router4j.providers.internal.openai;

import com.squareup.moshi.JsonReader;
import dev.router4j.api.Annotation;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Delta;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.Role;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.internal.Trusted;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads one {@code chat.completion.chunk} (the data of one SSE event) into a {@link ChatChunk}.
 * Besides OpenAI's fields it reads what compatible hosts send instead: {@code reasoning_content}
 * as reasoning (DeepSeek, xAI, vLLM), Groq's {@code x_groq.usage} as the chunk's usage, tool
 * arguments given as a JSON object; OpenAI's {@code obfuscation} padding is dropped. Unknown
 * fields are kept in the extras.
 *
 * <p>A stream reads all its chunks with one instance ({@link #next(BufferedSource)}), straight
 * from the event's bytes: the values every chunk repeats (id, object, model, fingerprint,
 * created) are then shared with the first chunk's rather than read again, and the lists and
 * extras it builds go into the chunk without another copy ({@link Trusted}). Not thread-safe;
 * {@link #read(String)} reads a lone chunk.
 */
public final class OpenAiChunkReader {
  private static final JsonReader.Options TOP = OpenAiJson.topOptions("obfuscation", "x_groq");
  private static final JsonReader.Options CHOICE = OpenAiJson.choiceOptions("delta");
  private static final JsonReader.Options DELTA = JsonReader.Options.of(
      "role", "content", "refusal", "reasoning", "reasoning_details", "tool_calls", "annotations",
      "reasoning_content", "obfuscation");
  private static final JsonReader.Options TOOL_CALL =
      JsonReader.Options.of("index", "id", "type", "function");
  private static final JsonReader.Options FUNCTION = JsonReader.Options.of("name", "arguments");

  /**
   * Documents read before the repeated values are learned: two, so that the first content
   * chunk (the second document, after the role) does not wait for the learning.
   */
  private static final int LEARN_AFTER = 2;

  private final OpenAiJson.Repeats repeats = new OpenAiJson.Repeats();
  private int documents;
  /** The reader of the document being read, for {@link #own}. */
  private JsonReader current;
  private final OpenAiJson.TopMember<ChunkChoice> own = this::own;
  private final OpenAiJson.Value<ChatChunk> chunk = this::chunk;

  /** A reader for the chunks of one stream. */
  public OpenAiChunkReader() {}

  /** Parses a lone chunk. */
  public static ChatChunk read(String data) {
    return new OpenAiChunkReader().next(new Buffer().writeUtf8(data));
  }

  /**
   * Parses the stream's next chunk from its UTF-8 bytes.
   *
   * @throws dev.router4j.api.error.MalformedResponseException when it is not a valid chunk
   */
  public ChatChunk next(BufferedSource data) {
    if (documents <= LEARN_AFTER) {
      if (documents == LEARN_AFTER) {
        repeats.learned();
      }
      documents++;
    }
    JsonReader r = JsonReader.of(data);
    current = r;
    try {
      return OpenAiJson.document(r, "stream chunk", chunk);
    } finally {
      current = null;
    }
  }

  private ChatChunk chunk(JsonReader r) throws IOException {
    OpenAiJson.Top<ChunkChoice> t =
        OpenAiJson.top(r, TOP, OpenAiChunkReader::choice, own, repeats);
    return new ChatChunk(t.id, t.object, t.created, t.model, t.provider, t.choices,
        t.fingerprint, t.usage == null ? t.hostUsage : t.usage, null, Trusted.jsonObject(t.extra));
  }

  /** This reader's own top-level members: {@code obfuscation} and {@code x_groq}. */
  private void own(int index, OpenAiJson.Top<ChunkChoice> top) throws IOException {
    JsonReader r = current;
    if (index == 0) {
      r.skipValue(); // OpenAI's padding against length side channels
      return;
    }
    // Groq reports a stream's usage inside x_groq on its last chunk.
    Object groq = JsonTrees.read(r);
    top.extra().put("x_groq", groq);
    if (groq instanceof Map<?, ?> m && m.get("usage") != null) {
      top.hostUsage = OpenAiResponseReader.usage(JsonReader.of(
          new Buffer().writeUtf8(OpenAiJson.writeTree(m.get("usage")))));
    }
  }

  private static ChunkChoice choice(JsonReader r) throws IOException {
    OpenAiJson.Choice<Delta> c = OpenAiJson.choice(r, CHOICE, OpenAiChunkReader::delta);
    return new ChunkChoice(c.index, c.body == null ? Delta.EMPTY : c.body, c.finishReason(),
        c.nativeFinishReason(), Trusted.jsonValue(c.logprobs), Trusted.jsonObject(c.extra));
  }

  private static Delta delta(JsonReader r) throws IOException {
    if (r.peek() == JsonReader.Token.NULL) {
      r.skipValue();
      return Delta.EMPTY;
    }
    Role role = null;
    String content = null;
    String refusal = null;
    String reasoning = null;
    // Made only when the delta has some: most deltas carry a piece of text and nothing else.
    List<ReasoningDetail> details = null;
    List<ToolCallDelta> calls = null;
    List<Annotation> annotations = null;
    Map<String, Object> extra = null;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(DELTA)) {
        case 0: role = OpenAiJson.role(r); break;
        case 1: content = string(r); break;
        case 2: refusal = string(r); break;
        case 3: reasoning = string(r); break;
        case 4:
          details = details == null ? new ArrayList<>() : details;
          OpenAiJson.array(r, details,
              e -> OpenAiResponseReader.reasoningDetail(JsonTrees.read(e)));
          break;
        case 5:
          List<ToolCallDelta> found = calls == null ? new ArrayList<>() : calls;
          OpenAiJson.array(r, found, e -> toolCall(e, found.size()));
          calls = found;
          break;
        case 6:
          annotations = annotations == null ? new ArrayList<>() : annotations;
          OpenAiJson.array(r, annotations, e -> OpenAiResponseReader.annotation(JsonTrees.read(e)));
          break;
        case 7:
          String text = string(r);
          if (reasoning == null) {
            reasoning = text;
          }
          break;
        case 8: r.skipValue(); break;
        default:
          extra = extra == null ? new LinkedHashMap<>() : extra;
          extra.put(r.nextName(), JsonTrees.read(r));
      }
    }
    r.endObject();
    return new Delta(role, content, refusal, reasoning, OpenAiJson.owned(details),
        OpenAiJson.owned(calls), OpenAiJson.owned(annotations), Trusted.jsonObject(extra));
  }

  private static ToolCallDelta toolCall(JsonReader r, int position) throws IOException {
    int index = position;
    String id = null;
    String name = null;
    String arguments = null;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(TOOL_CALL)) {
        case 0: index = r.nextInt(); break;
        case 1: id = string(r); break;
        case 2: r.skipValue(); break;
        case 3:
          r.beginObject();
          while (r.hasNext()) {
            switch (r.selectName(FUNCTION)) {
              case 0: name = string(r); break;
              case 1:
                // Some hosts send the arguments as a JSON object rather than its text.
                arguments = r.peek() == JsonReader.Token.BEGIN_OBJECT
                    ? OpenAiJson.writeTree(JsonTrees.read(r)) : string(r);
                break;
              default:
                r.skipName();
                r.skipValue();
            }
          }
          r.endObject();
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    return new ToolCallDelta(index, id, name, arguments);
  }

  private static String string(JsonReader r) throws IOException {
    return OpenAiJson.string(r);
  }
}
