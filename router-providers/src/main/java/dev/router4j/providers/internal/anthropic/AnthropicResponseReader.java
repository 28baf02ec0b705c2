package dev.router4j.providers.internal.anthropic;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import dev.router4j.api.Message;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.Role;
import dev.router4j.api.ToolCall;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.RouterException;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;

/**
 * Reads a Messages API reply into the normalized model: text blocks joined into the content,
 * {@code tool_use} blocks as tool calls (their input as JSON text), {@code thinking} and
 * {@code redacted_thinking} blocks as reasoning text and reasoning details. Blocks of server
 * tools (web search, code execution) carry no client-visible content and are skipped.
 */
final class AnthropicResponseReader {
  private AnthropicResponseReader() {}

  /**
   * Reads a whole reply.
   *
   * @param provider the provider slug put on the response
   * @param excludeReasoning whether to leave the reasoning text out (its details stay, to be
   *     echoed back)
   */
  static ChatResponse read(BufferedSource source, String provider, boolean excludeReasoning) {
    JsonReader r = JsonReader.of(source);
    Object tree;
    try {
      tree = JsonTrees.read(r);
      if (r.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonDataException("unexpected data after the reply at " + r.getPath());
      }
    } catch (JsonDataException | JsonEncodingException e) {
      throw new MalformedResponseException(r.getPath(), "malformed Anthropic message: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MalformedResponseException(r.getPath(), "unreadable Anthropic message: " + e.getMessage(), e);
    }
    return response(tree, provider, excludeReasoning);
  }

  static ChatResponse response(Object tree, String provider, boolean excludeReasoning) {
    if (!(tree instanceof Map<?, ?> root)) {
      throw new MalformedResponseException("$", "an Anthropic message must be a JSON object", null);
    }
    List<?> content = AnthropicWire.list(root.get("content"));
    if (content == null) {
      throw new MalformedResponseException("$.content", "an Anthropic message needs a content array", null);
    }
    StringBuilder text = new StringBuilder();
    boolean sawText = false;
    StringBuilder reasoning = null;
    List<ToolCall> calls = new ArrayList<>();
    List<ReasoningDetail> details = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      String path = "$.content[" + i + "]";
      Map<?, ?> block = AnthropicWire.map(content.get(i));
      if (block == null) {
        throw new MalformedResponseException(path, "a content block must be an object", null);
      }
      String type = AnthropicWire.str(block.get("type"));
      if (type == null) {
        throw new MalformedResponseException(path + ".type", "a content block needs a type", null);
      }
      switch (type) {
        case "text": {
          String t = AnthropicWire.str(block.get("text"));
          if (t != null && !t.isEmpty()) {
            text.append(t);
            sawText = true;
          }
          break;
        }
        case "tool_use": {
          String id = AnthropicWire.str(block.get("id"));
          String name = AnthropicWire.str(block.get("name"));
          if (id == null || name == null) {
            throw new MalformedResponseException(path, "a tool_use block needs an id and a name", null);
          }
          Object input = block.get("input");
          calls.add(new ToolCall(id, name, input == null ? "{}" : JsonTrees.print(input)));
          break;
        }
        case "thinking": {
          String t = AnthropicWire.str(block.get("thinking"));
          if (t == null) {
            t = "";
          }
          if (reasoning == null) {
            reasoning = new StringBuilder();
          }
          reasoning.append(t);
          details.add(AnthropicWire.thinking(t, AnthropicWire.str(block.get("signature")), details.size()));
          break;
        }
        case "redacted_thinking": {
          String data = AnthropicWire.str(block.get("data"));
          if (data == null) {
            throw new MalformedResponseException(path + ".data", "a redacted_thinking block needs data", null);
          }
          details.add(AnthropicWire.redacted(data, details.size()));
          break;
        }
        default:
          // server_tool_use, web_search_tool_result and the like: nothing to hand back.
          break;
      }
    }
    String stopReason = AnthropicWire.str(root.get("stop_reason"));
    try {
      Message message = Message.builder(Role.ASSISTANT)
          .content(sawText || calls.isEmpty() ? text.toString() : null)
          .reasoning(excludeReasoning || reasoning == null ? null : reasoning.toString())
          .reasoningDetails(details)
          .toolCalls(calls)
          .build();
      Choice choice = new Choice(0, message, AnthropicWire.finishReason(stopReason), stopReason,
          null, null);
      ChatResponse.Builder b = ChatResponse.builder()
          .id(AnthropicWire.str(root.get("id")))
          .object("chat.completion")
          .created(Instant.now().getEpochSecond())
          .model(AnthropicWire.str(root.get("model")))
          .provider(provider)
          .choice(choice);
      Map<?, ?> usage = AnthropicWire.map(root.get("usage"));
      if (usage != null) {
        b.usage(AnthropicWire.usage(usage));
      }
      return b.build();
    } catch (JsonDataException e) {
      throw new MalformedResponseException("$.usage", "malformed Anthropic usage: " + e.getMessage(), e);
    } catch (RouterException e) {
      throw new MalformedResponseException("$", "invalid Anthropic message: " + e.getMessage(), e);
    }
  }
}
