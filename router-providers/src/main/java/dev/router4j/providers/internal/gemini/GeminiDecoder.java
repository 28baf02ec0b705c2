package dev.router4j.providers.internal.gemini;

import com.squareup.moshi.JsonDataException;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Delta;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Message;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.Role;
import dev.router4j.api.ToolCall;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.Usage;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.internal.Trusted;
import dev.router4j.providers.internal.json.JsonTrees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes {@code GenerateContentResponse} documents (a whole reply, or the events of one
 * stream) into the normalized model. One decoder serves one reply or one stream: it numbers
 * the tool calls across events and remembers whether any was made, which turns {@code STOP}
 * into {@code tool_calls}.
 *
 * <p>Mapping:
 *
 * <ul>
 *   <li>{@code text} parts are the content; {@code thought: true} parts the reasoning, each also
 *       a {@code reasoning.text} detail;
 *   <li>a {@code functionCall} is a tool call; its id is {@code functionCall.id} when Gemini
 *       sends one, else {@code call_<responseId>_<n>} (n counts the calls of the reply), the
 *       same for a stream and a whole reply;
 *   <li>a {@code thoughtSignature} is a {@code reasoning.encrypted} detail in format {@value
 *       GeminiRequestWriter#SIGNATURE_FORMAT} whose id is the tool call it came on (none for a
 *       text part);
 *   <li>finish reasons: {@code STOP} is stop, or tool_calls after a function call; {@code
 *       MAX_TOKENS} length; {@code SAFETY}, {@code RECITATION}, {@code BLOCKLIST}, {@code
 *       PROHIBITED_CONTENT}, {@code SPII} and every {@code IMAGE_*} content_filter; everything
 *       else ({@code MALFORMED_FUNCTION_CALL}, {@code UNEXPECTED_TOOL_CALL}, {@code
 *       TOO_MANY_TOOL_CALLS}, {@code MISSING_THOUGHT_SIGNATURE}, {@code LANGUAGE}, {@code
 *       OTHER}, {@code NO_IMAGE}, {@code FINISH_REASON_UNSPECIFIED} and unknown values) error;
 *       the native value is kept;
 *   <li>a blocked prompt (no candidates, {@code promptFeedback.blockReason}) is an answer with
 *       empty content and finish content_filter, the block reason as the native reason; the
 *       caller gets the usage Gemini reports and can tell the block from the native reason;
 *   <li>usage: prompt = {@code promptTokenCount} + {@code toolUsePromptTokenCount}; completion =
 *       {@code candidatesTokenCount} + {@code thoughtsTokenCount}; reasoning = {@code
 *       thoughtsTokenCount}; cached = {@code cachedContentTokenCount}; prompt audio from {@code
 *       promptTokensDetails}; total = {@code totalTokenCount}.
 * </ul>
 *
 * <p>Not mapped: generated media ({@code inlineData} in a reply), code execution parts ({@code
 * executableCode}, {@code codeExecutionResult}), candidates after the first, log
 * probabilities. Citation, grounding and safety metadata are kept in the choice's extra
 * fields, {@code promptFeedback} in the response's.
 */
final class GeminiDecoder {
  static final String OBJECT = "chat.completion";
  static final String CHUNK_OBJECT = "chat.completion.chunk";

  private final String provider;
  private int toolOrdinal;
  private boolean sawFunctionCall;
  private boolean sawChunk;
  private boolean finished;
  private String responseId;
  private String modelVersion;
  private Usage usage;

  GeminiDecoder(String provider) {
    this.provider = provider;
  }

  /** Whether an event with a finish reason (or a prompt block) has been decoded. */
  boolean finished() {
    return finished;
  }

  private static final class Parts {
    StringBuilder text;
    StringBuilder thoughts;
    final List<ToolCall> calls = new ArrayList<>();
    final List<ToolCallDelta> deltas = new ArrayList<>();
    final List<ReasoningDetail> details = new ArrayList<>();
  }

  // ---------------------------------------------------------------------------------------
  // A whole reply

  /** Decodes a whole {@code generateContent} reply. */
  ChatResponse response(Object tree) {
    Map<String, Object> root = GeminiJson.object(tree);
    if (root == null) {
      throw malformed("$", "the reply is not a JSON object");
    }
    header(root);
    Map<String, Object> candidate = firstCandidate(root);
    Map<String, Object> extra = new LinkedHashMap<>();
    if (root.get("promptFeedback") != null) {
      extra.put("promptFeedback", root.get("promptFeedback"));
    }
    Message message;
    FinishReason finish;
    String nativeFinish;
    Map<String, Object> choiceExtra = new LinkedHashMap<>();
    if (candidate == null) {
      String block = blockReason(root);
      if (block == null) {
        throw malformed("$.candidates", "the reply has no candidate and no prompt block reason");
      }
      message = Message.builder(Role.ASSISTANT).content("").build();
      finish = FinishReason.CONTENT_FILTER;
      nativeFinish = block;
    } else {
      Parts p = parts(candidate, "$.candidates[0]");
      String text = p.text != null ? p.text.toString() : p.calls.isEmpty() ? "" : null;
      message = Message.builder(Role.ASSISTANT)
          .content(text)
          .reasoning(p.thoughts == null ? null : p.thoughts.toString())
          .reasoningDetails(p.details)
          .toolCalls(p.calls)
          .build();
      nativeFinish = GeminiJson.string(candidate.get("finishReason"));
      finish = finish(nativeFinish, sawFunctionCall);
      for (String k : List.of("safetyRatings", "citationMetadata", "groundingMetadata",
          "urlContextMetadata", "finishMessage")) {
        if (candidate.get(k) != null) {
          choiceExtra.put(k, candidate.get(k));
        }
      }
    }
    return ChatResponse.builder()
        .id(responseId)
        .object(OBJECT)
        .model(modelVersion)
        .provider(provider)
        .choice(new Choice(0, message, finish, nativeFinish, null, choiceExtra))
        .usage(usage)
        .extra(extra)
        .build();
  }

  // ---------------------------------------------------------------------------------------
  // Stream events

  /**
   * Decodes one stream event into a chunk, or null when it adds nothing the caller sees (only
   * a running usage count, kept for the last chunk).
   *
   * @param tree the event as {@link JsonTrees} parsed it: immutable, so the chunk may keep
   *     parts of it as they are
   */
  ChatChunk event(Object tree) {
    Map<String, Object> root = GeminiJson.object(tree);
    if (root == null) {
      throw malformed("$", "the stream event is not a JSON object");
    }
    header(root);
    Map<String, Object> candidate = firstCandidate(root);
    FinishReason finish = null;
    String nativeFinish = null;
    Parts p = null;
    Map<String, Object> choiceExtra = new LinkedHashMap<>();
    if (candidate != null) {
      p = parts(candidate, "$.candidates[0]");
      nativeFinish = GeminiJson.string(candidate.get("finishReason"));
      if (nativeFinish != null) {
        finish = finish(nativeFinish, sawFunctionCall);
      }
      for (String k : List.of("citationMetadata", "groundingMetadata", "finishMessage")) {
        if (candidate.get(k) != null) {
          choiceExtra.put(k, candidate.get(k));
        }
      }
    } else {
      String block = blockReason(root);
      if (block != null) {
        finish = FinishReason.CONTENT_FILTER;
        nativeFinish = block;
      }
    }
    boolean wasFinished = finished;
    if (finish != null) {
      finished = true;
    }
    Delta delta = Delta.EMPTY;
    boolean adds = false;
    if (p != null) {
      adds = p.text != null || p.thoughts != null || !p.deltas.isEmpty() || !p.details.isEmpty();
      delta = new Delta(sawChunk ? null : Role.ASSISTANT,
          p.text == null ? null : p.text.toString(), null,
          p.thoughts == null ? null : p.thoughts.toString(), Trusted.list(p.details),
          Trusted.list(p.deltas), null, null); // lists made here, of new non-null values
    } else if (finish != null) {
      delta = new Delta(sawChunk ? null : Role.ASSISTANT, "", null, null, null, null, null, null);
    }
    boolean usageAfterEnd = wasFinished && root.get("usageMetadata") != null;
    if (!adds && finish == null && !usageAfterEnd) {
      return null;
    }
    List<ChunkChoice> choices = List.of();
    if (adds || finish != null) {
      choices = List.of(new ChunkChoice(0, delta, finish, nativeFinish, null,
          Trusted.jsonObject(choiceExtra))); // parts of the parsed tree, already immutable
      sawChunk = true;
    }
    Usage chunkUsage = finish != null || usageAfterEnd ? usage : null;
    return new ChatChunk(responseId, CHUNK_OBJECT, null, modelVersion, provider, choices, null,
        chunkUsage, null, null);
  }

  // ---------------------------------------------------------------------------------------

  private void header(Map<String, Object> root) {
    if (responseId == null) {
      responseId = GeminiJson.string(root.get("responseId"));
    }
    if (modelVersion == null) {
      modelVersion = GeminiJson.string(root.get("modelVersion"));
    }
    Map<String, Object> u = GeminiJson.object(root.get("usageMetadata"));
    if (u != null) {
      usage = usage(u);
    }
  }

  private static Map<String, Object> firstCandidate(Map<String, Object> root) {
    Object c = root.get("candidates");
    if (c == null) {
      return null;
    }
    List<?> list = GeminiJson.array(c);
    if (list == null) {
      throw malformed("$.candidates", "candidates must be an array");
    }
    if (list.isEmpty()) {
      return null;
    }
    Map<String, Object> first = GeminiJson.object(list.get(0));
    if (first == null) {
      throw malformed("$.candidates[0]", "a candidate must be an object");
    }
    return first;
  }

  private static String blockReason(Map<String, Object> root) {
    Map<String, Object> feedback = GeminiJson.object(root.get("promptFeedback"));
    return feedback == null ? null : GeminiJson.string(feedback.get("blockReason"));
  }

  private Parts parts(Map<String, Object> candidate, String path) {
    Parts out = new Parts();
    Map<String, Object> content = GeminiJson.object(candidate.get("content"));
    if (content == null || content.get("parts") == null) {
      return out;
    }
    List<?> parts = GeminiJson.array(content.get("parts"));
    if (parts == null) {
      throw malformed(path + ".content.parts", "parts must be an array");
    }
    for (int i = 0; i < parts.size(); i++) {
      String at = path + ".content.parts[" + i + "]";
      Map<String, Object> part = GeminiJson.object(parts.get(i));
      if (part == null) {
        throw malformed(at, "a part must be an object");
      }
      String signature = GeminiJson.string(part.get("thoughtSignature"));
      String signatureOwner = null;
      if (part.containsKey("functionCall")) {
        Map<String, Object> fc = GeminiJson.object(part.get("functionCall"));
        String name = fc == null ? null : GeminiJson.string(fc.get("name"));
        if (name == null) {
          throw malformed(at + ".functionCall", "a function call needs a name");
        }
        String id = GeminiJson.string(fc.get("id"));
        int ordinal = toolOrdinal++;
        if (id == null || id.isEmpty()) {
          id = "call_" + (responseId == null ? "" : responseId + "_") + ordinal;
        }
        Object args = fc.get("args");
        String arguments = args == null ? "{}" : JsonTrees.print(args);
        out.calls.add(new ToolCall(id, name, arguments));
        out.deltas.add(new ToolCallDelta(ordinal, id, name, arguments));
        sawFunctionCall = true;
        signatureOwner = id;
      } else if (part.get("text") instanceof String text) {
        if (Boolean.TRUE.equals(part.get("thought"))) {
          (out.thoughts == null ? out.thoughts = new StringBuilder() : out.thoughts).append(text);
          if (!text.isEmpty()) {
            out.details.add(new ReasoningDetail("reasoning.text", text, null, null, null, null,
                GeminiRequestWriter.SIGNATURE_FORMAT, null, null));
          }
        } else {
          (out.text == null ? out.text = new StringBuilder() : out.text).append(text);
        }
      }
      if (signature != null && !signature.isEmpty()) {
        out.details.add(new ReasoningDetail("reasoning.encrypted", null, null, signature, null,
            signatureOwner, GeminiRequestWriter.SIGNATURE_FORMAT, null, null));
      }
    }
    return out;
  }

  /** The normalized finish reason for a native one; see the class comment. */
  static FinishReason finish(String nativeReason, boolean sawFunctionCall) {
    if (nativeReason == null) {
      return null;
    }
    String r = nativeReason.toUpperCase(Locale.ROOT);
    switch (r) {
      case "STOP":
        return sawFunctionCall ? FinishReason.TOOL_CALLS : FinishReason.STOP;
      case "MAX_TOKENS":
        return FinishReason.LENGTH;
      case "SAFETY":
      case "RECITATION":
      case "BLOCKLIST":
      case "PROHIBITED_CONTENT":
      case "SPII":
        return FinishReason.CONTENT_FILTER;
      default:
        return r.startsWith("IMAGE_") ? FinishReason.CONTENT_FILTER : FinishReason.ERROR;
    }
  }

  /** Maps {@code usageMetadata}; see the class comment. */
  static Usage usage(Map<String, Object> u) {
    Integer prompt = GeminiJson.integer(u.get("promptTokenCount"));
    Integer toolUse = GeminiJson.integer(u.get("toolUsePromptTokenCount"));
    Integer candidates = GeminiJson.integer(u.get("candidatesTokenCount"));
    Integer thoughts = GeminiJson.integer(u.get("thoughtsTokenCount"));
    Integer total = GeminiJson.integer(u.get("totalTokenCount"));
    int p = (prompt == null ? 0 : prompt) + (toolUse == null ? 0 : toolUse);
    int c = (candidates == null ? 0 : candidates) + (thoughts == null ? 0 : thoughts);
    Integer audio = null;
    if (u.get("promptTokensDetails") instanceof List<?> details) {
      for (Object d : details) {
        Map<String, Object> m = GeminiJson.object(d);
        if (m != null && "AUDIO".equals(m.get("modality"))) {
          audio = GeminiJson.integer(m.get("tokenCount"));
        }
      }
    }
    return Usage.builder()
        .promptTokens(p)
        .completionTokens(c)
        .totalTokens(total != null ? total : p + c)
        .cachedTokens(GeminiJson.integer(u.get("cachedContentTokenCount")))
        .reasoningTokens(thoughts)
        .promptAudioTokens(audio)
        .build();
  }

  static MalformedResponseException malformed(String path, String message) {
    return new MalformedResponseException(path, "malformed Gemini reply: " + message,
        new JsonDataException(message));
  }
}
