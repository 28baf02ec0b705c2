package dev.router4j.internal.json;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonReader.Options;
import com.squareup.moshi.JsonReader.Token;
import dev.router4j.api.Annotation;
import dev.router4j.api.CacheControl;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.Role;
import dev.router4j.api.ToolCall;
import dev.router4j.api.ToolCallDelta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads messages and the pieces requests and responses share: content parts, tool calls,
 * reasoning details and annotations.
 */
final class MessageReader {
  private MessageReader() {}

  static final Role[] ROLE_VALUES = Role.values();
  static final Enums ROLES = new Enums("role", wireNames());

  private static String[] wireNames() {
    String[] names = new String[ROLE_VALUES.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = ROLE_VALUES[i].wireName();
    }
    return names;
  }

  /** A role, or null. */
  static Role role(JsonIn in) throws IOException {
    int i = ROLES.read(in);
    return i < 0 ? null : ROLE_VALUES[i];
  }

  // ---- message --------------------------------------------------------------------------

  private static final Options MESSAGE = Options.of(
      "role", "content", "name", "tool_call_id", "tool_calls", "refusal", "reasoning",
      "reasoning_details", "annotations");

  /**
   * Reads a message object. In a request the role is required; in a response it defaults to
   * assistant.
   */
  static Message message(JsonIn in) throws IOException {
    JsonReader r = in.r;
    in.beginObject();
    Role role = null;
    String content = null;
    List<ContentPart> parts = null;
    String name = null;
    String toolCallId = null;
    List<ToolCall> toolCalls = null;
    String refusal = null;
    String reasoning = null;
    List<ReasoningDetail> details = null;
    List<Annotation> annotations = null;
    Map<String, Object> extra = null;
    while (r.hasNext()) {
      switch (r.selectName(MESSAGE)) {
        case 0:
          role = role(in);
          break;
        case 1: {
          Token t = r.peek();
          if (t == Token.STRING) {
            content = r.nextString();
            parts = null;
          } else if (t == Token.BEGIN_ARRAY) {
            parts = parts(in);
            content = null;
          } else if (t == Token.NULL) {
            r.nextNull();
            content = null;
            parts = null;
          } else {
            throw in.expected("a string or an array of content parts", t);
          }
          break;
        }
        case 2:
          name = in.string();
          break;
        case 3:
          toolCallId = in.string();
          break;
        case 4:
          toolCalls = toolCalls(in);
          break;
        case 5:
          refusal = in.string();
          break;
        case 6:
          reasoning = in.string();
          break;
        case 7:
          details = reasoningDetails(in);
          break;
        case 8:
          annotations = annotations(in);
          break;
        default:
          extra = in.extra(extra);
      }
    }
    r.endObject();
    if (role == null) {
      if (in.request) {
        throw in.fail(in.pathOfPrevious() + ".role", "is required (system, developer, user,"
            + " assistant or tool)");
      }
      role = Role.ASSISTANT;
    }
    try {
      return new Message(role, content, parts, name, toolCallId, toolCalls, refusal, reasoning,
          details, annotations, extra);
    } catch (RuntimeException e) {
      throw in.rethrow(e, null);
    }
  }

  // ---- content parts --------------------------------------------------------------------

  private static final Enums PART_TYPES =
      new Enums("content part type", "text", "image_url", "file", "input_audio");
  private static final Options PART = Options.of(
      "type", "text", "cache_control", "image_url", "file", "input_audio");
  private static final Options CACHE_CONTROL = Options.of("type", "ttl");
  private static final Options IMAGE_URL = Options.of("url", "detail");
  private static final Options FILE = Options.of("filename", "file_data", "file_id");
  private static final Options INPUT_AUDIO = Options.of("data", "format");

  static List<ContentPart> parts(JsonIn in) throws IOException {
    JsonReader r = in.r;
    r.beginArray();
    List<ContentPart> parts = new ArrayList<>();
    while (r.hasNext()) {
      parts.add(part(in));
    }
    r.endArray();
    return parts;
  }

  static ContentPart part(JsonIn in) throws IOException {
    JsonReader r = in.r;
    in.beginObject();
    int type = -1;
    String text = null;
    boolean hasCache = false;
    String cacheType = null;
    String cacheTtl = null;
    boolean hasImage = false;
    String url = null;
    String detail = null;
    boolean hasFile = false;
    String filename = null;
    String fileData = null;
    String fileId = null;
    boolean hasAudio = false;
    String audioData = null;
    String audioFormat = null;
    while (r.hasNext()) {
      switch (r.selectName(PART)) {
        case 0:
          type = PART_TYPES.read(in);
          break;
        case 1:
          text = in.string();
          break;
        case 2:
          if (in.beginObjectOrNull()) {
            hasCache = true;
            while (r.hasNext()) {
              switch (r.selectName(CACHE_CONTROL)) {
                case 0:
                  cacheType = in.string();
                  break;
                case 1:
                  cacheTtl = in.string();
                  break;
                default:
                  r.skipName();
                  r.skipValue();
              }
            }
            r.endObject();
          }
          break;
        case 3:
          if (in.beginObjectOrNull()) {
            hasImage = true;
            while (r.hasNext()) {
              switch (r.selectName(IMAGE_URL)) {
                case 0:
                  url = in.string();
                  break;
                case 1:
                  detail = in.string();
                  break;
                default:
                  r.skipName();
                  r.skipValue();
              }
            }
            r.endObject();
          }
          break;
        case 4:
          if (in.beginObjectOrNull()) {
            hasFile = true;
            while (r.hasNext()) {
              switch (r.selectName(FILE)) {
                case 0:
                  filename = in.string();
                  break;
                case 1:
                  fileData = in.string();
                  break;
                case 2:
                  fileId = in.string();
                  break;
                default:
                  r.skipName();
                  r.skipValue();
              }
            }
            r.endObject();
          }
          break;
        case 5:
          if (in.beginObjectOrNull()) {
            hasAudio = true;
            while (r.hasNext()) {
              switch (r.selectName(INPUT_AUDIO)) {
                case 0:
                  audioData = in.string();
                  break;
                case 1:
                  audioFormat = in.string();
                  break;
                default:
                  r.skipName();
                  r.skipValue();
              }
            }
            r.endObject();
          }
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    if (type < 0) {
      throw in.fail(in.pathOfPrevious() + ".type",
          "is required (text, image_url, file or input_audio)");
    }
    String wire = PART_TYPES.name(type);
    boolean present = type == 0 || (type == 1 && hasImage) || (type == 2 && hasFile)
        || (type == 3 && hasAudio);
    if (!present) {
      throw in.fail(in.pathOfPrevious() + "." + wire, "is required for a part of type " + wire);
    }
    try {
      switch (type) {
        case 0:
          return new ContentPart.Text(text,
              hasCache ? new CacheControl(cacheType, cacheTtl) : null);
        case 1:
          return new ContentPart.Image(url, detail);
        case 2:
          return new ContentPart.File(filename, fileData, fileId);
        default:
          return new ContentPart.Audio(audioData, audioFormat);
      }
    } catch (RuntimeException e) {
      throw in.rethrow(e, null);
    }
  }

  // ---- tool calls -----------------------------------------------------------------------

  private static final Options TOOL_CALL = Options.of("id", "type", "function", "index");
  private static final Options FUNCTION_CALL = Options.of("name", "arguments");
  private static final Enums FUNCTION_TYPE = new Enums("tool call type", "function");

  static List<ToolCall> toolCalls(JsonIn in) throws IOException {
    JsonReader r = in.r;
    if (!in.beginArrayOrNull()) {
      return null;
    }
    List<ToolCall> calls = new ArrayList<>();
    while (r.hasNext()) {
      in.beginObject();
      String id = null;
      String name = null;
      String arguments = null;
      while (r.hasNext()) {
        switch (r.selectName(TOOL_CALL)) {
          case 0:
            id = in.string();
            break;
          case 1:
            FUNCTION_TYPE.read(in);
            break;
          case 2:
            if (in.beginObjectOrNull()) {
              while (r.hasNext()) {
                switch (r.selectName(FUNCTION_CALL)) {
                  case 0:
                    name = in.string();
                    break;
                  case 1:
                    arguments = arguments(in);
                    break;
                  default:
                    r.skipName();
                    r.skipValue();
                }
              }
              r.endObject();
            }
            break;
          case 3:
            // "index", sent by some providers in complete messages too.
            r.skipValue();
            break;
          default:
            r.skipName();
            r.skipValue();
        }
      }
      r.endObject();
      try {
        calls.add(new ToolCall(id, name, arguments));
      } catch (RuntimeException e) {
        throw in.rethrow(e, "tool_calls");
      }
    }
    r.endArray();
    return calls;
  }

  /** Tool-call arguments: JSON text; an object or array some providers send is turned to text. */
  static String arguments(JsonIn in) throws IOException {
    Token t = in.r.peek();
    if (t == Token.BEGIN_OBJECT || t == Token.BEGIN_ARRAY) {
      return ChatWriter.tree(in.value());
    }
    return in.string();
  }

  /** Tool-call fragments of a stream delta. */
  static List<ToolCallDelta> toolCallDeltas(JsonIn in) throws IOException {
    JsonReader r = in.r;
    if (!in.beginArrayOrNull()) {
      return null;
    }
    List<ToolCallDelta> calls = new ArrayList<>();
    while (r.hasNext()) {
      in.beginObject();
      Integer index = null;
      String id = null;
      String name = null;
      String arguments = null;
      while (r.hasNext()) {
        switch (r.selectName(TOOL_CALL)) {
          case 0:
            id = in.string();
            break;
          case 1:
            FUNCTION_TYPE.read(in);
            break;
          case 2:
            if (in.beginObjectOrNull()) {
              while (r.hasNext()) {
                switch (r.selectName(FUNCTION_CALL)) {
                  case 0:
                    name = in.string();
                    break;
                  case 1:
                    arguments = arguments(in);
                    break;
                  default:
                    r.skipName();
                    r.skipValue();
                }
              }
              r.endObject();
            }
            break;
          case 3:
            index = in.integer();
            break;
          default:
            r.skipName();
            r.skipValue();
        }
      }
      r.endObject();
      calls.add(new ToolCallDelta(index != null ? index : calls.size(), id, name, arguments));
    }
    r.endArray();
    return calls;
  }

  // ---- reasoning details ----------------------------------------------------------------

  private static final Options DETAIL = Options.of(
      "type", "text", "summary", "data", "signature", "id", "format", "index");

  static List<ReasoningDetail> reasoningDetails(JsonIn in) throws IOException {
    JsonReader r = in.r;
    if (!in.beginArrayOrNull()) {
      return null;
    }
    List<ReasoningDetail> out = new ArrayList<>();
    while (r.hasNext()) {
      in.beginObject();
      String type = null;
      String text = null;
      String summary = null;
      String data = null;
      String signature = null;
      String id = null;
      String format = null;
      Integer index = null;
      Map<String, Object> extra = null;
      while (r.hasNext()) {
        switch (r.selectName(DETAIL)) {
          case 0:
            type = in.string();
            break;
          case 1:
            text = in.string();
            break;
          case 2:
            summary = in.string();
            break;
          case 3:
            data = in.string();
            break;
          case 4:
            signature = in.string();
            break;
          case 5:
            id = in.string();
            break;
          case 6:
            format = in.string();
            break;
          case 7:
            index = in.integer();
            break;
          default:
            extra = in.extra(extra);
        }
      }
      r.endObject();
      try {
        out.add(new ReasoningDetail(type, text, summary, data, signature, id, format, index, extra));
      } catch (RuntimeException e) {
        throw in.rethrow(e, "reasoning_details");
      }
    }
    r.endArray();
    return out;
  }

  // ---- annotations ----------------------------------------------------------------------

  /** Where unknown members of {@code url_citation} are kept, inside {@link Annotation#extra()}. */
  static final String URL_CITATION = "url_citation";

  private static final Options ANNOTATION = Options.of("type", URL_CITATION);
  private static final Options CITATION =
      Options.of("url", "title", "content", "start_index", "end_index");

  static List<Annotation> annotations(JsonIn in) throws IOException {
    JsonReader r = in.r;
    if (!in.beginArrayOrNull()) {
      return null;
    }
    List<Annotation> out = new ArrayList<>();
    while (r.hasNext()) {
      in.beginObject();
      String type = null;
      String url = null;
      String title = null;
      String content = null;
      Integer start = null;
      Integer end = null;
      Map<String, Object> extra = null;
      while (r.hasNext()) {
        switch (r.selectName(ANNOTATION)) {
          case 0:
            type = in.string();
            break;
          case 1:
            if (in.beginObjectOrNull()) {
              Map<String, Object> unknown = null;
              while (r.hasNext()) {
                switch (r.selectName(CITATION)) {
                  case 0:
                    url = in.string();
                    break;
                  case 1:
                    title = in.string();
                    break;
                  case 2:
                    content = in.string();
                    break;
                  case 3:
                    start = in.integer();
                    break;
                  case 4:
                    end = in.integer();
                    break;
                  default:
                    unknown = in.extra(unknown);
                }
              }
              r.endObject();
              if (unknown != null) {
                extra = put(extra, URL_CITATION, unknown);
              }
            }
            break;
          default:
            extra = in.extra(extra);
        }
      }
      r.endObject();
      try {
        out.add(new Annotation(type, url, title, content, start, end, extra));
      } catch (RuntimeException e) {
        throw in.rethrow(e, "annotations");
      }
    }
    r.endArray();
    return out;
  }

  static Map<String, Object> put(Map<String, Object> map, String key, Object value) {
    if (map == null) {
      map = new java.util.LinkedHashMap<>();
    }
    map.put(key, value);
    return map;
  }
}
