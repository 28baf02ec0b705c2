package dev.router4j.providers.internal.openai;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import dev.router4j.api.Annotation;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Delta;
import dev.router4j.api.FinishReason;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.Role;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.Usage;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.RouterException;
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
  private static final JsonReader.Options TOP = JsonReader.Options.of(
      "id", "object", "created", "model", "provider", "choices", "system_fingerprint", "usage",
      "obfuscation", "x_groq");
  private static final JsonReader.Options CHOICE = JsonReader.Options.of(
      "index", "delta", "finish_reason", "native_finish_reason", "logprobs");
  private static final JsonReader.Options DELTA = JsonReader.Options.of(
      "role", "content", "refusal", "reasoning", "reasoning_details", "tool_calls", "annotations",
      "reasoning_content", "obfuscation");
  private static final JsonReader.Options TOOL_CALL =
      JsonReader.Options.of("index", "id", "type", "function");
  private static final JsonReader.Options FUNCTION = JsonReader.Options.of("name", "arguments");

  private OpenAiChunkReader() {}

  /** Parses the chunk. */
  public static ChatChunk read(String data) {
    JsonReader r = JsonReader.of(new Buffer().writeUtf8(data));
    try {
      return chunk(r);
    } catch (JsonDataException | JsonEncodingException | IllegalArgumentException e) {
      throw new MalformedResponseException(r.getPath(), "malformed stream chunk: " + e.getMessage(), e);
    } catch (RouterException e) {
      throw new MalformedResponseException(r.getPath(), "invalid stream chunk: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MalformedResponseException(r.getPath(), "unreadable stream chunk: " + e.getMessage(), e);
    }
  }

  private static ChatChunk chunk(JsonReader r) throws IOException {
    String id = null;
    String object = null;
    Long created = null;
    String model = null;
    String provider = null;
    String fingerprint = null;
    Usage usage = null;
    Usage groqUsage = null;
    List<ChunkChoice> choices = new ArrayList<>();
    Map<String, Object> extra = new LinkedHashMap<>();
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(TOP)) {
        case 0: id = string(r); break;
        case 1: object = string(r); break;
        case 2: created = r.peek() == JsonReader.Token.NULL ? r.<Long>nextNull() : r.nextLong(); break;
        case 3: model = string(r); break;
        case 4: provider = string(r); break;
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
        case 6: fingerprint = string(r); break;
        case 7: usage = OpenAiResponseReader.usage(r); break;
        case 8: r.skipValue(); break; // OpenAI's padding against length side channels
        case 9:
          // Groq reports a stream's usage inside x_groq on its last chunk.
          Object groq = JsonTrees.read(r);
          extra.put("x_groq", groq);
          if (groq instanceof Map<?, ?> m && m.get("usage") != null) {
            groqUsage = OpenAiResponseReader.usage(JsonReader.of(
                new Buffer().writeUtf8(OpenAiResponseReader.writeTree(m.get("usage")))));
          }
          break;
        default:
          extra.put(r.nextName(), JsonTrees.read(r));
      }
    }
    r.endObject();
    if (usage == null) {
      usage = groqUsage;
    }
    return new ChatChunk(id, object, created, model, provider, choices, fingerprint, usage, null,
        extra);
  }

  private static String string(JsonReader r) throws IOException {
    return r.peek() == JsonReader.Token.NULL ? r.nextNull() : r.nextString();
  }

  private static ChunkChoice choice(JsonReader r) throws IOException {
    int index = 0;
    Delta delta = Delta.EMPTY;
    String finish = null;
    String nativeFinish = null;
    Object logprobs = null;
    Map<String, Object> extra = new LinkedHashMap<>();
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(CHOICE)) {
        case 0: index = r.nextInt(); break;
        case 1: delta = delta(r); break;
        case 2: finish = string(r); break;
        case 3: nativeFinish = string(r); break;
        case 4: logprobs = JsonTrees.read(r); break;
        default:
          extra.put(r.nextName(), JsonTrees.read(r));
      }
    }
    r.endObject();
    FinishReason normalized = FinishReason.fromWire(finish);
    if (normalized == null && finish != null) {
      normalized = FinishReason.normalize(finish);
    }
    if (nativeFinish == null) {
      nativeFinish = finish;
    }
    return new ChunkChoice(index, delta, normalized, nativeFinish, logprobs, extra);
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
    List<ReasoningDetail> details = new ArrayList<>();
    List<ToolCallDelta> calls = new ArrayList<>();
    List<Annotation> annotations = new ArrayList<>();
    Map<String, Object> extra = new LinkedHashMap<>();
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
          if (r.peek() == JsonReader.Token.NULL) {
            r.skipValue();
            break;
          }
          r.beginArray();
          while (r.hasNext()) {
            details.add(OpenAiResponseReader.reasoningDetail(JsonTrees.read(r)));
          }
          r.endArray();
          break;
        case 5:
          if (r.peek() == JsonReader.Token.NULL) {
            r.skipValue();
            break;
          }
          r.beginArray();
          while (r.hasNext()) {
            calls.add(toolCall(r, calls.size()));
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
            annotations.add(OpenAiResponseReader.annotation(JsonTrees.read(r)));
          }
          r.endArray();
          break;
        case 7:
          String text = string(r);
          if (reasoning == null) {
            reasoning = text;
          }
          break;
        case 8: r.skipValue(); break;
        default:
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
                    ? OpenAiResponseReader.writeTree(JsonTrees.read(r)) : string(r);
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
}
