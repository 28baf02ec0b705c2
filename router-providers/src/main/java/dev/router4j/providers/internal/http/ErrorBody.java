package dev.router4j.providers.internal.http;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okio.Buffer;

/**
 * What a provider's error document says, whichever of the known shapes it uses:
 *
 * <ul>
 *   <li>OpenAI and OpenRouter: {@code {"error":{"message","type","param","code","metadata"}}};
 *   <li>Anthropic: {@code {"type":"error","error":{"type","message"},"request_id"}};
 *   <li>Gemini: {@code {"error":{"code","message","status","details":[...]}}}, also wrapped in
 *       a one-element array;
 *   <li>looser OpenAI-compatible hosts: {@code {"error":"text"}}, {@code {"message":"text"}},
 *       {@code {"detail":"text"}}.
 * </ul>
 *
 * Bodies that are not JSON, or JSON of another shape, keep a sanitised excerpt instead.
 */
final class ErrorBody {

  /** Bodies longer than this are not parsed as JSON (an error document is small). */
  static final int MAX_JSON_CHARS = 512 * 1024;

  /** Whether the body parsed as JSON and held a recognised error. */
  boolean recognised;
  /** OpenAI {@code type}, Anthropic {@code error.type}. */
  String type;
  /** OpenAI {@code code} (a string), OpenRouter {@code code} (a number, as text). */
  String code;
  /** Gemini {@code status}, for example {@code RESOURCE_EXHAUSTED}. */
  String status;
  /** The numeric {@code code} of Gemini and OpenRouter, or 0. */
  int numericCode;
  String message;
  String param;
  /** Gemini {@code ErrorInfo.reason}, for example {@code API_KEY_INVALID}. */
  String reason;
  /** Gemini {@code RetryInfo.retryDelay}. */
  Duration retryDelay;
  /** OpenRouter {@code metadata.error_type}. */
  String metadataErrorType;
  /** OpenRouter {@code metadata.provider_name}. */
  String providerName;
  /** OpenRouter {@code metadata.raw}, as text. */
  String raw;
  /** The error document found inside {@code raw}, when it is one. */
  ErrorBody upstream;
  /** OpenRouter {@code error.availability.retryable}. */
  Boolean availabilityRetryable;
  /** OpenRouter {@code error.availability.retry_after}, read as seconds. */
  Duration availabilityRetryAfter;
  /** An unrecognised body, whose excerpt is made when first asked for; or null. */
  private String unrecognised;
  private String excerpt;
  /** Anthropic's top-level {@code request_id}, when it is a plain id. */
  String requestId;

  private ErrorBody() {}

  /** Parses a body; never fails. */
  static ErrorBody parse(String body) {
    return parse(body, 0);
  }

  private static ErrorBody parse(String body, int depth) {
    ErrorBody e = new ErrorBody();
    if (body == null || body.isBlank()) {
      return e;
    }
    Object root = body.length() <= MAX_JSON_CHARS ? readJson(body) : null;
    if (root instanceof List<?> list && !list.isEmpty()) {
      root = list.get(0);
    }
    if (root instanceof Map<?, ?> map) {
      e.fill(map, depth);
    }
    if (!e.recognised) {
      e.unrecognised = body;
    }
    return e;
  }

  /** Reads one JSON value, or returns null when the text is not JSON. */
  static Object readJson(String text) {
    String t = text.strip();
    if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
      return null;
    }
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(t))) {
      return reader.readJsonValue();
    } catch (IOException | RuntimeException ex) {
      return null;
    }
  }

  private void fill(Map<?, ?> root, int depth) {
    Object error = root.get("error");
    if (error instanceof Map<?, ?> err) {
      recognised = true;
      type = str(err.get("type"));
      message = str(err.get("message"));
      param = str(err.get("param"));
      status = str(err.get("status"));
      Object c = err.get("code");
      if (c instanceof Number n) {
        numericCode = n.intValue();
        code = str(c);
      } else {
        code = str(c);
      }
      if (err.get("metadata") instanceof Map<?, ?> meta) {
        metadataErrorType = str(meta.get("error_type"));
        providerName = str(meta.get("provider_name"));
        Object r = meta.get("raw");
        raw = r instanceof String s ? s : r == null ? null : toJson(r);
        if (raw != null && depth == 0) {
          ErrorBody inner = parse(raw, depth + 1);
          upstream = inner.recognised ? inner : null;
        }
      }
      if (err.get("availability") instanceof Map<?, ?> av) {
        if (av.get("retryable") instanceof Boolean b) {
          availabilityRetryable = b;
        }
        if (av.get("retry_after") instanceof Number n && n.doubleValue() >= 0) {
          availabilityRetryAfter = Durations.ofSeconds(n.doubleValue());
        }
      }
      if (err.get("details") instanceof List<?> details) {
        readGoogleDetails(details);
      }
    } else if (error instanceof String s && !s.isBlank()) {
      recognised = true;
      message = s;
      type = str(root.get("type"));
      code = str(root.get("code"));
    } else if (root.get("message") instanceof String s) {
      recognised = true;
      message = s;
      type = str(root.get("type"));
      code = str(root.get("code"));
    } else if (root.get("detail") != null) {
      recognised = true;
      Object d = root.get("detail");
      message = d instanceof String s ? s : toJson(d);
    }
    if ("error".equals(str(root.get("type")))) {
      recognised = true;
    }
    String id = str(root.get("request_id"));
    if (id != null && id.matches("[A-Za-z0-9_\\-]{1,100}")) {
      requestId = id;
    }
  }

  private void readGoogleDetails(List<?> details) {
    for (Object d : details) {
      if (!(d instanceof Map<?, ?> detail)) {
        continue;
      }
      String kind = str(detail.get("@type"));
      if (kind == null) {
        continue;
      }
      if (kind.endsWith("google.rpc.RetryInfo")) {
        Object delay = detail.get("retryDelay");
        if (delay instanceof String s) {
          retryDelay = Durations.parseGo(s);
        } else if (delay instanceof Map<?, ?> m) {
          double seconds = m.get("seconds") instanceof Number n ? n.doubleValue() : 0;
          double nanos = m.get("nanos") instanceof Number n ? n.doubleValue() : 0;
          retryDelay = Durations.ofSeconds(seconds + nanos / 1e9);
        }
      } else if (kind.endsWith("google.rpc.ErrorInfo") && reason == null) {
        reason = str(detail.get("reason"));
      }
    }
  }

  /**
   * The lower-case names this error carries, most specific first: OpenRouter's {@code
   * metadata.error_type}, then {@code type}, {@code code}, Gemini {@code status} and {@code
   * ErrorInfo.reason}, then the upstream error's.
   */
  List<String> tokens() {
    List<String> out = new ArrayList<>(8);
    add(out, metadataErrorType);
    add(out, type);
    if (numericCode == 0) {
      add(out, code);
    }
    add(out, status);
    add(out, reason);
    if (upstream != null) {
      out.addAll(upstream.tokens());
    }
    return out;
  }

  /** A sanitised excerpt of an unrecognised body, made once when first asked for; or null. */
  String excerpt() {
    if (excerpt == null && unrecognised != null) {
      excerpt = ErrorText.excerpt(unrecognised);
      unrecognised = null;
    }
    return excerpt;
  }

  /** All the free text, lower case, for phrase matching (message, raw, upstream message). */
  String searchableText() {
    StringBuilder s = new StringBuilder();
    if (message != null) {
      s.append(message).append('\n');
    }
    if (raw != null) {
      s.append(raw.length() > 8192 ? raw.substring(0, 8192) : raw).append('\n');
    }
    if (code != null) {
      s.append(code).append('\n');
    }
    if (excerpt() != null) {
      s.append(excerpt());
    }
    return s.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * The message to keep in the exception: the provider's message, with OpenRouter's upstream
   * provider name and upstream message when it has them; or the excerpt of an unrecognised
   * body. Sanitised and cut to {@link ErrorText#MAX_MESSAGE}.
   */
  String displayMessage() {
    StringBuilder s = new StringBuilder();
    if (message != null && !message.isBlank()) {
      s.append(message.strip());
    }
    if (providerName != null) {
      s.append(s.length() > 0 ? " " : "").append("[upstream ").append(providerName).append(']');
    }
    String inner = upstream != null && upstream.message != null ? upstream.message : null;
    if (inner == null && raw != null) {
      inner = ErrorText.excerpt(raw);
    }
    if (inner != null && (message == null || !message.contains(inner))) {
      s.append(s.length() > 0 ? ": " : "").append(inner);
    }
    if (s.length() == 0 && excerpt() != null) {
      s.append(excerpt());
    }
    return ErrorText.clean(s.toString(), ErrorText.MAX_MESSAGE);
  }

  /** The provider's error type for the exception: {@code type}, else OpenRouter's error_type, else Gemini's reason. */
  String providerType() {
    if (type != null) {
      return type;
    }
    if (metadataErrorType != null) {
      return metadataErrorType;
    }
    return reason;
  }

  /** The provider's error code for the exception: Gemini's status, else {@code code}. */
  String providerCode() {
    return status != null ? status : code;
  }

  private static void add(List<String> out, String s) {
    if (s != null && !s.isBlank()) {
      out.add(s.strip().toLowerCase(Locale.ROOT));
    }
  }

  private static String str(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    if (o instanceof String || o instanceof Number || o instanceof Boolean) {
      return o.toString();
    }
    return null;
  }

  private static String toJson(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.jsonValue(value);
    } catch (IOException | RuntimeException ex) {
      return String.valueOf(value);
    }
    return buffer.readUtf8();
  }
}
