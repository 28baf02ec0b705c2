package dev.router4j.internal.json;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonReader.Options;
import com.squareup.moshi.JsonReader.Token;
import dev.router4j.api.Annotation;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Delta;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Message;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.Role;
import dev.router4j.api.StreamError;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.Usage;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads chat completion responses, stream chunks and usage. */
public final class ResponseReader {
  private ResponseReader() {}

  /** Key of unknown {@code prompt_tokens_details} members inside {@link Usage#extra()}. */
  static final String PROMPT_DETAILS = "prompt_tokens_details";
  /** Key of unknown {@code completion_tokens_details} members inside {@link Usage#extra()}. */
  static final String COMPLETION_DETAILS = "completion_tokens_details";

  // ---- response -------------------------------------------------------------------------

  private static final Options TOP = Options.of(
      "id", "object", "created", "model", "provider", "choices", "system_fingerprint", "usage",
      "error");

  /** Reads a whole response document (the reader is at its start). */
  public static ChatResponse response(JsonIn in) throws IOException {
    JsonReader r = in.r;
    in.beginObject();
    String id = null;
    String object = null;
    Long created = null;
    String model = null;
    String provider = null;
    List<Choice> choices = null;
    String fingerprint = null;
    Usage usage = null;
    Map<String, Object> extra = null;
    while (r.hasNext()) {
      switch (r.selectName(TOP)) {
        case 0:
          id = in.string();
          break;
        case 1:
          object = in.string();
          break;
        case 2:
          created = in.longInteger();
          break;
        case 3:
          model = in.string();
          break;
        case 4:
          provider = in.string();
          break;
        case 5:
          if (in.beginArrayOrNull()) {
            choices = new ArrayList<>();
            while (r.hasNext()) {
              choices.add(choice(in, choices.size()));
            }
            r.endArray();
          }
          break;
        case 6:
          fingerprint = in.string();
          break;
        case 7:
          usage = usage(in);
          break;
        case 8:
          // A response has no modelled error: keep it as it is.
          extra = MessageReader.put(extra, "error", in.value());
          break;
        default:
          extra = in.extra(extra);
      }
    }
    r.endObject();
    in.end();
    try {
      return new ChatResponse(id, object, created, model, provider, choices, fingerprint, usage,
          null, null, null, extra);
    } catch (RuntimeException e) {
      throw in.rethrowAt("$", e, null);
    }
  }

  private static final Options CHOICE = Options.of(
      "index", "message", "finish_reason", "native_finish_reason", "logprobs", "delta");

  private static Choice choice(JsonIn in, int position) throws IOException {
    JsonReader r = in.r;
    in.beginObject();
    Integer index = null;
    Message message = null;
    String finish = null;
    String nativeFinish = null;
    Object logprobs = null;
    Map<String, Object> extra = null;
    while (r.hasNext()) {
      switch (r.selectName(CHOICE)) {
        case 0:
          index = in.integer();
          break;
        case 1:
          if (r.peek() == Token.NULL) {
            r.nextNull();
          } else {
            message = MessageReader.message(in);
          }
          break;
        case 2:
          finish = in.string();
          break;
        case 3:
          nativeFinish = in.string();
          break;
        case 4:
          logprobs = in.value();
          break;
        case 5:
          // A delta in a complete response: keep it as it is.
          extra = MessageReader.put(extra, "delta", in.value());
          break;
        default:
          extra = in.extra(extra);
      }
    }
    r.endObject();
    if (message == null) {
      throw in.fail(in.pathOfPrevious() + ".message", "is required");
    }
    FinishReason reason = FinishReason.fromWire(finish);
    if (reason == null && finish != null) {
      reason = FinishReason.normalize(finish);
      if (nativeFinish == null) {
        nativeFinish = finish;
      }
    }
    try {
      return new Choice(index != null ? index : position, message, reason, nativeFinish,
          logprobs, extra);
    } catch (RuntimeException e) {
      throw in.rethrow(e, null);
    }
  }

  // ---- chunk ----------------------------------------------------------------------------

  /** Reads a whole stream chunk document (the reader is at its start). */
  public static ChatChunk chunk(JsonIn in) throws IOException {
    JsonReader r = in.r;
    in.beginObject();
    String id = null;
    String object = null;
    Long created = null;
    String model = null;
    String provider = null;
    List<ChunkChoice> choices = null;
    String fingerprint = null;
    Usage usage = null;
    StreamError error = null;
    Map<String, Object> extra = null;
    while (r.hasNext()) {
      switch (r.selectName(TOP)) {
        case 0:
          id = in.string();
          break;
        case 1:
          object = in.string();
          break;
        case 2:
          created = in.longInteger();
          break;
        case 3:
          model = in.string();
          break;
        case 4:
          provider = in.string();
          break;
        case 5:
          if (in.beginArrayOrNull()) {
            choices = new ArrayList<>();
            while (r.hasNext()) {
              choices.add(chunkChoice(in, choices.size()));
            }
            r.endArray();
          }
          break;
        case 6:
          fingerprint = in.string();
          break;
        case 7:
          usage = usage(in);
          break;
        case 8:
          error = error(in);
          break;
        default:
          extra = in.extra(extra);
      }
    }
    r.endObject();
    in.end();
    try {
      return new ChatChunk(id, object, created, model, provider, choices, fingerprint, usage,
          error, extra);
    } catch (RuntimeException e) {
      throw in.rethrowAt("$", e, null);
    }
  }

  private static ChunkChoice chunkChoice(JsonIn in, int position) throws IOException {
    JsonReader r = in.r;
    in.beginObject();
    Integer index = null;
    Delta delta = null;
    String finish = null;
    String nativeFinish = null;
    Object logprobs = null;
    Map<String, Object> extra = null;
    while (r.hasNext()) {
      switch (r.selectName(CHOICE)) {
        case 0:
          index = in.integer();
          break;
        case 2:
          finish = in.string();
          break;
        case 3:
          nativeFinish = in.string();
          break;
        case 4:
          logprobs = in.value();
          break;
        case 1:
          // A message in a chunk: keep it as it is.
          extra = MessageReader.put(extra, "message", in.value());
          break;
        case 5:
          delta = delta(in);
          break;
        default:
          extra = in.extra(extra);
      }
    }
    r.endObject();
    FinishReason reason = FinishReason.fromWire(finish);
    if (reason == null && finish != null) {
      reason = FinishReason.normalize(finish);
      if (nativeFinish == null) {
        nativeFinish = finish;
      }
    }
    try {
      return new ChunkChoice(index != null ? index : position, delta != null ? delta : Delta.EMPTY,
          reason, nativeFinish, logprobs, extra);
    } catch (RuntimeException e) {
      throw in.rethrow(e, null);
    }
  }

  private static final Options DELTA = Options.of(
      "role", "content", "refusal", "reasoning", "reasoning_details", "tool_calls",
      "annotations");

  private static Delta delta(JsonIn in) throws IOException {
    JsonReader r = in.r;
    if (!in.beginObjectOrNull()) {
      return null;
    }
    Role role = null;
    String content = null;
    String refusal = null;
    String reasoning = null;
    List<ReasoningDetail> details = null;
    List<ToolCallDelta> toolCalls = null;
    List<Annotation> annotations = null;
    Map<String, Object> extra = null;
    while (r.hasNext()) {
      switch (r.selectName(DELTA)) {
        case 0:
          role = MessageReader.role(in);
          break;
        case 1:
          content = in.string();
          break;
        case 2:
          refusal = in.string();
          break;
        case 3:
          reasoning = in.string();
          break;
        case 4:
          details = MessageReader.reasoningDetails(in);
          break;
        case 5:
          toolCalls = MessageReader.toolCallDeltas(in);
          break;
        case 6:
          annotations = MessageReader.annotations(in);
          break;
        default:
          extra = in.extra(extra);
      }
    }
    r.endObject();
    if (role == null && content == null && refusal == null && reasoning == null
        && details == null && toolCalls == null && annotations == null && extra == null) {
      return Delta.EMPTY;
    }
    try {
      return new Delta(role, content, refusal, reasoning, details, toolCalls, annotations, extra);
    } catch (RuntimeException e) {
      throw in.rethrow(e, null);
    }
  }

  private static final Options ERROR = Options.of("code", "message", "metadata");

  private static StreamError error(JsonIn in) throws IOException {
    JsonReader r = in.r;
    if (!in.beginObjectOrNull()) {
      return null;
    }
    Object code = null;
    String message = null;
    Map<String, Object> metadata = null;
    while (r.hasNext()) {
      switch (r.selectName(ERROR)) {
        case 0:
          code = in.value();
          break;
        case 1:
          message = in.string();
          break;
        case 2:
          metadata = in.object();
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    try {
      return new StreamError(code, message, metadata);
    } catch (RuntimeException e) {
      throw in.rethrow(e, null);
    }
  }

  // ---- usage ----------------------------------------------------------------------------

  private static final Options USAGE = Options.of(
      "prompt_tokens", "completion_tokens", "total_tokens", PROMPT_DETAILS, COMPLETION_DETAILS,
      "cost", "is_byok", "cost_details");
  private static final Options PROMPT_DETAIL_NAMES =
      Options.of("cached_tokens", "cache_write_tokens", "audio_tokens");
  private static final Options COMPLETION_DETAIL_NAMES = Options.of(
      "reasoning_tokens", "image_tokens", "audio_tokens", "accepted_prediction_tokens",
      "rejected_prediction_tokens");

  /**
   * Reads a usage object, or null. Unknown members of the two details objects are kept in
   * {@link Usage#extra()} under the details' key, as is a details object that holds nothing the
   * model knows (so that an empty one survives the round trip).
   */
  public static Usage usage(JsonIn in) throws IOException {
    JsonReader r = in.r;
    if (!in.beginObjectOrNull()) {
      return null;
    }
    Usage.Builder b = Usage.builder();
    Map<String, Object> extra = null;
    while (r.hasNext()) {
      switch (r.selectName(USAGE)) {
        case 0:
          b.promptTokens(in.integer());
          break;
        case 1:
          b.completionTokens(in.integer());
          break;
        case 2:
          b.totalTokens(in.integer());
          break;
        case 3:
          if (in.beginObjectOrNull()) {
            boolean known = false;
            Integer v;
            Map<String, Object> unknown = null;
            while (r.hasNext()) {
              switch (r.selectName(PROMPT_DETAIL_NAMES)) {
                case 0:
                  v = in.integer();
                  b.cachedTokens(v);
                  known |= v != null;
                  break;
                case 1:
                  v = in.integer();
                  b.cacheWriteTokens(v);
                  known |= v != null;
                  break;
                case 2:
                  v = in.integer();
                  b.promptAudioTokens(v);
                  known |= v != null;
                  break;
                default:
                  unknown = in.extra(unknown);
              }
            }
            r.endObject();
            if (unknown != null || !known) {
              extra = MessageReader.put(extra, PROMPT_DETAILS,
                  unknown != null ? unknown : new LinkedHashMap<>());
            }
          }
          break;
        case 4:
          if (in.beginObjectOrNull()) {
            boolean known = false;
            Integer v;
            Map<String, Object> unknown = null;
            while (r.hasNext()) {
              switch (r.selectName(COMPLETION_DETAIL_NAMES)) {
                case 0:
                  v = in.integer();
                  b.reasoningTokens(v);
                  known |= v != null;
                  break;
                case 1:
                  v = in.integer();
                  b.completionImageTokens(v);
                  known |= v != null;
                  break;
                case 2:
                  v = in.integer();
                  b.completionAudioTokens(v);
                  known |= v != null;
                  break;
                case 3:
                  v = in.integer();
                  b.acceptedPredictionTokens(v);
                  known |= v != null;
                  break;
                case 4:
                  v = in.integer();
                  b.rejectedPredictionTokens(v);
                  known |= v != null;
                  break;
                default:
                  unknown = in.extra(unknown);
              }
            }
            r.endObject();
            if (unknown != null || !known) {
              extra = MessageReader.put(extra, COMPLETION_DETAILS,
                  unknown != null ? unknown : new LinkedHashMap<>());
            }
          }
          break;
        case 5: {
          BigDecimal cost = in.decimal(false);
          b.cost(cost);
          break;
        }
        case 6:
          b.isByok(in.bool());
          break;
        case 7:
          b.costDetails(in.object());
          break;
        default:
          extra = in.extra(extra);
      }
    }
    r.endObject();
    try {
      return b.extra(extra).build();
    } catch (RuntimeException e) {
      throw in.rethrow(e, null);
    }
  }
}
