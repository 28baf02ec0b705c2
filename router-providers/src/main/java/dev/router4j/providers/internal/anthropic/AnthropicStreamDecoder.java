package dev.router4j.providers.internal.anthropic;

import com.squareup.moshi.JsonDataException;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Turns the named events of a Messages stream into normalized chunks, one event at a time.
 *
 * <ul>
 *   <li>{@code message_start}: a chunk with the role, id and model; the input usage is kept;
 *   <li>{@code text_delta}: a content piece; {@code thinking_delta}: a reasoning piece;
 *   <li>a {@code tool_use} block start: a tool-call fragment with its id, name and empty
 *       arguments, whose index is the call's ordinal in the message (not the block index);
 *       {@code input_json_delta}: an arguments piece for it;
 *   <li>a thinking block's stop: one reasoning detail with the whole text and its signature;
 *       a redacted_thinking block: one encrypted detail;
 *   <li>{@code message_delta}: the stop reason and the cumulative usage are kept;
 *   <li>{@code message_stop}: the final chunk, with the finish reason and the usage;
 *   <li>{@code ping} and unknown events: nothing.
 * </ul>
 *
 * Errors ({@code event: error}) are the stream call's business, not the decoder's. Not
 * thread-safe.
 */
final class AnthropicStreamDecoder {
  private final String provider;
  private final boolean excludeReasoning;

  private String id;
  private String model;
  private final long created = Instant.now().getEpochSecond();
  private final Map<String, Object> usage = new LinkedHashMap<>();
  private boolean sawUsage;
  private String stopReason;
  private final Map<Integer, Block> blocks = new HashMap<>();
  private int toolCalls;
  private int reasoningBlocks;
  private boolean finished;
  private boolean sawOutput;
  private final StringBuilder text = new StringBuilder();

  /** What is known of one open content block. */
  private static final class Block {
    final String type;
    int toolIndex = -1;
    StringBuilder thinking;
    StringBuilder signature;
    String data;

    Block(String type) {
      this.type = type;
    }
  }

  AnthropicStreamDecoder(String provider, boolean excludeReasoning) {
    this.provider = provider;
    this.excludeReasoning = excludeReasoning;
  }

  /** Whether {@code message_stop} has arrived. */
  boolean finished() {
    return finished;
  }

  /** Whether a chunk with something the caller sees (text, reasoning, a tool call) went out. */
  boolean sawOutput() {
    return sawOutput;
  }

  /** The content streamed so far. */
  String partialText() {
    return text.toString();
  }

  /**
   * Decodes one event's data.
   *
   * @param event the SSE event name, or null; the data's own {@code type} wins
   * @return the chunk to hand on, or null when the event adds nothing
   * @throws MalformedResponseException when the data is not what the protocol promises
   */
  ChatChunk decode(String event, String data) {
    return decode(event, new Buffer().writeUtf8(data));
  }

  /** {@link #decode(String, String)} reading the data's UTF-8 bytes from {@code data}. */
  ChatChunk decode(String event, BufferedSource data) {
    Map<?, ?> e;
    try {
      Object tree = JsonTrees.parse(data);
      e = AnthropicWire.map(tree);
    } catch (IOException | JsonDataException ex) {
      throw new MalformedResponseException("$", "malformed Anthropic stream event "
          + (event == null ? "" : "'" + event + "'") + ": " + ex.getMessage(), ex);
    }
    if (e == null) {
      throw new MalformedResponseException("$", "an Anthropic stream event must be a JSON object", null);
    }
    String type = AnthropicWire.str(e.get("type"));
    if (type == null) {
      type = event;
    }
    if (type == null) {
      return null;
    }
    try {
      switch (type) {
        case "message_start":
          return messageStart(e);
        case "content_block_start":
          return blockStart(e);
        case "content_block_delta":
          return blockDelta(e);
        case "content_block_stop":
          return blockStop(e);
        case "message_delta":
          messageDelta(e);
          return null;
        case "message_stop":
          finished = true;
          return finalChunk();
        default:
          return null; // ping, and events added after this code was written
      }
    } catch (JsonDataException | RouterException ex) {
      throw new MalformedResponseException("$", "invalid Anthropic stream event '" + type + "': "
          + ex.getMessage(), ex);
    }
  }

  private ChatChunk messageStart(Map<?, ?> e) {
    Map<?, ?> message = AnthropicWire.map(e.get("message"));
    if (message == null) {
      throw new JsonDataException("message_start needs a message");
    }
    id = AnthropicWire.str(message.get("id"));
    model = AnthropicWire.str(message.get("model"));
    mergeUsage(AnthropicWire.map(message.get("usage")));
    return chunk(new Delta(Role.ASSISTANT, null, null, null, null, null, null, null), null, null);
  }

  private ChatChunk blockStart(Map<?, ?> e) {
    int index = index(e);
    Map<?, ?> cb = AnthropicWire.map(e.get("content_block"));
    if (cb == null) {
      throw new JsonDataException("content_block_start needs a content_block");
    }
    String type = String.valueOf(AnthropicWire.str(cb.get("type")));
    Block block = new Block(type);
    blocks.put(index, block);
    switch (type) {
      case "text": {
        String t = AnthropicWire.str(cb.get("text"));
        return t == null || t.isEmpty() ? null : content(t);
      }
      case "thinking": {
        block.thinking = new StringBuilder();
        block.signature = new StringBuilder();
        String t = AnthropicWire.str(cb.get("thinking"));
        String s = AnthropicWire.str(cb.get("signature"));
        if (s != null) {
          block.signature.append(s);
        }
        return t == null || t.isEmpty() ? null : reasoning(block, t);
      }
      case "redacted_thinking":
        block.data = AnthropicWire.str(cb.get("data"));
        return null;
      case "tool_use": {
        String callId = AnthropicWire.str(cb.get("id"));
        String name = AnthropicWire.str(cb.get("name"));
        if (callId == null || name == null) {
          throw new JsonDataException("a tool_use block needs an id and a name");
        }
        block.toolIndex = toolCalls++;
        sawOutput = true;
        return chunk(toolDelta(new ToolCallDelta(block.toolIndex, callId, name, "")), null, null);
      }
      default:
        return null; // server tool blocks: nothing for the client
    }
  }

  private ChatChunk blockDelta(Map<?, ?> e) {
    int index = index(e);
    Map<?, ?> delta = AnthropicWire.map(e.get("delta"));
    if (delta == null) {
      throw new JsonDataException("content_block_delta needs a delta");
    }
    Block block = blocks.get(index);
    String type = String.valueOf(AnthropicWire.str(delta.get("type")));
    switch (type) {
      case "text_delta": {
        String t = AnthropicWire.str(delta.get("text"));
        return t == null || t.isEmpty() ? null : content(t);
      }
      case "thinking_delta": {
        String t = AnthropicWire.str(delta.get("thinking"));
        if (block == null || block.thinking == null) {
          throw new JsonDataException("thinking_delta for block " + index + ", which is not thinking");
        }
        return t == null || t.isEmpty() ? null : reasoning(block, t);
      }
      case "signature_delta": {
        if (block == null || block.signature == null) {
          throw new JsonDataException("signature_delta for block " + index + ", which is not thinking");
        }
        String s = AnthropicWire.str(delta.get("signature"));
        if (s != null) {
          block.signature.append(s);
        }
        return null;
      }
      case "input_json_delta": {
        if (block == null || block.toolIndex < 0) {
          return null; // a server tool's input: not the client's to run
        }
        String piece = AnthropicWire.str(delta.get("partial_json"));
        if (piece == null || piece.isEmpty()) {
          return null;
        }
        return chunk(toolDelta(new ToolCallDelta(block.toolIndex, null, null, piece)), null, null);
      }
      default:
        return null; // citations_delta and newer kinds
    }
  }

  private ChatChunk blockStop(Map<?, ?> e) {
    Block block = blocks.remove(index(e));
    if (block == null) {
      return null;
    }
    ReasoningDetail detail;
    if (block.thinking != null) {
      String signature = block.signature.length() == 0 ? null : block.signature.toString();
      detail = AnthropicWire.thinking(block.thinking.toString(), signature, reasoningBlocks++);
    } else if ("redacted_thinking".equals(block.type) && block.data != null) {
      detail = AnthropicWire.redacted(block.data, reasoningBlocks++);
    } else {
      return null;
    }
    sawOutput = true;
    return chunk(new Delta(null, null, null, null, List.of(detail), null, null, null), null, null);
  }

  private void messageDelta(Map<?, ?> e) {
    Map<?, ?> delta = AnthropicWire.map(e.get("delta"));
    if (delta != null && AnthropicWire.str(delta.get("stop_reason")) != null) {
      stopReason = AnthropicWire.str(delta.get("stop_reason"));
    }
    mergeUsage(AnthropicWire.map(e.get("usage")));
  }

  /** Later counts replace earlier ones: message_delta's are cumulative. */
  private void mergeUsage(Map<?, ?> u) {
    if (u == null) {
      return;
    }
    sawUsage = true;
    for (Map.Entry<?, ?> entry : u.entrySet()) {
      if (entry.getValue() != null) {
        usage.put(String.valueOf(entry.getKey()), entry.getValue());
      }
    }
  }

  private ChatChunk finalChunk() {
    FinishReason finish = AnthropicWire.finishReason(stopReason);
    Usage u = sawUsage ? AnthropicWire.usage(usage) : null;
    ChunkChoice choice = new ChunkChoice(0, Delta.EMPTY, finish, stopReason, null, null);
    return new ChatChunk(id, "chat.completion.chunk", created, model, provider, List.of(choice),
        null, u, null, null);
  }

  private ChatChunk content(String piece) {
    text.append(piece);
    sawOutput = true;
    return chunk(Delta.content(piece), null, null);
  }

  private ChatChunk reasoning(Block block, String piece) {
    block.thinking.append(piece);
    if (excludeReasoning) {
      return null;
    }
    sawOutput = true;
    return chunk(new Delta(null, null, null, piece, null, null, null, null), null, null);
  }

  private static Delta toolDelta(ToolCallDelta d) {
    return new Delta(null, null, null, null, null, List.of(d), null, null);
  }

  private ChatChunk chunk(Delta delta, FinishReason finish, String nativeFinish) {
    ChunkChoice choice = new ChunkChoice(0, delta, finish, nativeFinish, null, null);
    return new ChatChunk(id, "chat.completion.chunk", created, model, provider, List.of(choice),
        null, null, null, null);
  }

  private static int index(Map<?, ?> e) {
    Integer index = AnthropicWire.integer(e.get("index"));
    if (index == null) {
      throw new JsonDataException("a content block event needs an index");
    }
    return index;
  }
}
