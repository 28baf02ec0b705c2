package dev.router4j.providers.internal.openai;

import com.squareup.moshi.JsonReader;
import dev.router4j.api.Annotation;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Delta;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.Role;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Reads one {@code chat.completion.chunk} (the data of one SSE event) into a {@link ChatChunk}.
 * Besides OpenAI's fields it reads what compatible hosts send instead: {@code reasoning_content}
 * as reasoning (DeepSeek, xAI, vLLM), Groq's {@code x_groq.usage} as the chunk's usage, tool
 * arguments given as a JSON object; OpenAI's {@code obfuscation} padding is dropped. Unknown
 * fields are kept in the extras.
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

  private OpenAiChunkReader() {}

  /** Parses the chunk. */
  public static ChatChunk read(String data) {
    return OpenAiJson.document(JsonReader.of(new Buffer().writeUtf8(data)), "stream chunk",
        OpenAiChunkReader::chunk);
  }

  private static ChatChunk chunk(JsonReader r) throws IOException {
    OpenAiJson.Top<ChunkChoice> t = OpenAiJson.top(r, TOP, OpenAiChunkReader::choice,
        (index, top) -> {
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
        });
    return new ChatChunk(t.id, t.object, t.created, t.model, t.provider, t.choices,
        t.fingerprint, t.usage == null ? t.hostUsage : t.usage, null, t.extra);
  }

  private static ChunkChoice choice(JsonReader r) throws IOException {
    OpenAiJson.Choice<Delta> c = OpenAiJson.choice(r, CHOICE, OpenAiChunkReader::delta);
    return new ChunkChoice(c.index, c.body == null ? Delta.EMPTY : c.body, c.finishReason(),
        c.nativeFinishReason(), c.logprobs, c.extra);
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
        case 0:
          String wire = string(r);
          role = wire == null ? null : Role.fromWire(wire);
          break;
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
    return new Delta(role, content, refusal, reasoning, details, calls, annotations, extra);
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
