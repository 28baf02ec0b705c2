package dev.router4j.internal.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.knuddels.jtokkit.api.Encoding;
import com.squareup.moshi.JsonWriter;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolCall;
import dev.router4j.api.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okio.Buffer;

/**
 * Counts tokens with a real byte-pair encoding (jtokkit): the text of a completion, and the
 * prompt of a {@link ChatRequest} the way OpenAI counts it.
 *
 * <p><b>Prompt tokens</b> follow OpenAI's published recipe: 3 tokens to prime the reply, and per
 * message 3 tokens plus the tokens of its role, its content and, when it has a name, the name
 * plus 1. Tool definitions follow the recipe for functions (per function 7 tokens on o200k and
 * 10 on cl100k, plus {@code name:description}; per property 3 plus
 * {@code name:type:description} and its enum values; 12 to close the list); nested schemas
 * are counted as their JSON text, an approximation. Tool calls an assistant made count their
 * name and arguments plus 3; images count by OpenAI's tile formula when their size can be read
 * from inline data, otherwise a flat {@value TokenizerImages#UNKNOWN_SIZE}
 * ({@link TokenizerImages}); files and audio count a share of their base64 size, as
 * {@link TokenEstimator} does. For models outside the GPT families, o200k stands in for the
 * provider's own tokenizer, so those counts are estimates.
 *
 * <p><b>Speed.</b> Encodings load once, lazily ({@link TokenizerEncoding}). Long texts are cut
 * at points where the encoding's pre-tokenizer always splits (a single space between a
 * non-space and a letter), which keeps the count exact, and the pieces are counted in parallel
 * beyond {@value #PARALLEL_CHARS} characters. Counts of long texts (at least
 * {@value #CACHE_MIN_CHARS} characters) are cached, bounded by their total length, so that a
 * conversation's history is not counted again on every turn.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Tokenizer {
  /** Tokens that prime the assistant's reply ({@code <|start|>assistant<|message|>}). */
  public static final int REPLY_PRIMING = 3;
  /** Tokens every message costs besides its role and content. */
  public static final int PER_MESSAGE = 3;
  /** Tokens a message's name costs besides its text. */
  public static final int PER_NAME = 1;
  /** Tokens each tool call in an assistant message costs besides its name and arguments. */
  public static final int PER_TOOL_CALL = 3;

  static final int CHUNK_CHARS = 16 * 1024;
  static final int PARALLEL_CHARS = 256 * 1024;
  static final int CACHE_MIN_CHARS = 2048;
  private static final long CACHE_MAX_CHARS = 4L * 1024 * 1024;

  private static final Tokenizer O200K = new Tokenizer(TokenizerEncoding.O200K_BASE);
  private static final Tokenizer CL100K = new Tokenizer(TokenizerEncoding.CL100K_BASE);

  private final TokenizerEncoding encoding;
  private final Cache<String, Integer> cache;

  private Tokenizer(TokenizerEncoding encoding) {
    this.encoding = encoding;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(CACHE_MAX_CHARS)
        .weigher((String k, Integer v) -> k.length())
        .build();
  }

  /** The tokenizer for a model slug; see {@link TokenizerEncoding#forModel(String)}. */
  public static Tokenizer forModel(String model) {
    return of(TokenizerEncoding.forModel(model));
  }

  /** The tokenizer of an encoding. */
  public static Tokenizer of(TokenizerEncoding encoding) {
    return Objects.requireNonNull(encoding, "encoding") == TokenizerEncoding.O200K_BASE
        ? O200K : CL100K;
  }

  /** The default tokenizer, {@code o200k_base}. */
  public static Tokenizer o200k() {
    return O200K;
  }

  /** The {@code cl100k_base} tokenizer. */
  public static Tokenizer cl100k() {
    return CL100K;
  }

  /** The encoding this tokenizer counts with. */
  public TokenizerEncoding encoding() {
    return encoding;
  }

  /** The tokens of a text (special-token markers count as plain text); 0 for null or empty. */
  public int count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    if (text.length() < CACHE_MIN_CHARS) {
      return encoding.encoding().countTokensOrdinary(text);
    }
    Integer cached = cache.getIfPresent(text);
    if (cached != null) {
      return cached;
    }
    int n = countLong(text);
    cache.put(text, n);
    return n;
  }

  private int countLong(String text) {
    Encoding e = encoding.encoding();
    if (text.length() <= CHUNK_CHARS) {
      return e.countTokensOrdinary(text);
    }
    List<String> pieces = split(text, CHUNK_CHARS);
    if (text.length() < PARALLEL_CHARS) {
      long n = 0;
      for (String p : pieces) {
        n += e.countTokensOrdinary(p);
      }
      return (int) Math.min(Integer.MAX_VALUE, n);
    }
    long n = pieces.parallelStream().mapToLong(e::countTokensOrdinary).sum();
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  /**
   * Cuts a text into pieces of about {@code target} characters at points where both encodings'
   * pre-tokenizers always split: before a single space that follows a non-space and precedes a
   * letter. A piece with no such point stays whole.
   */
  static List<String> split(String text, int target) {
    List<String> out = new ArrayList<>(text.length() / target + 1);
    int start = 0;
    int n = text.length();
    while (n - start > target) {
      int cut = -1;
      for (int i = start + target; i < n - 1; i++) {
        if (text.charAt(i) == ' ' && !Character.isWhitespace(text.charAt(i - 1))
            && Character.isLetter(text.codePointAt(i + 1))) {
          cut = i;
          break;
        }
        if (i - start > 4 * target) {
          break;
        }
      }
      if (cut < 0) {
        break;
      }
      out.add(text.substring(start, cut));
      start = cut;
    }
    out.add(text.substring(start));
    return out;
  }

  /** The prompt tokens of a request, as OpenAI counts them (see the class comment). */
  public int promptTokens(ChatRequest request) {
    long n = 0;
    if (!request.messages().isEmpty()) {
      n += REPLY_PRIMING;
      for (Message m : request.messages()) {
        n += messageTokens(m);
      }
    }
    if (request.prompt() != null) {
      n += count(request.prompt());
    }
    n += toolTokens(request.tools());
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  /** The tokens of one message in a prompt: overhead, role, name, content and tool calls. */
  public int messageTokens(Message m) {
    long n = PER_MESSAGE + count(m.role().wireName());
    if (m.name() != null) {
      n += count(m.name()) + PER_NAME;
    }
    n += contentTokens(m);
    for (ToolCall call : m.toolCalls()) {
      n += PER_TOOL_CALL + count(call.name()) + count(call.arguments());
    }
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  private long contentTokens(Message m) {
    if (m.content() != null) {
      return count(m.content());
    }
    if (m.parts() == null) {
      return 0;
    }
    long n = 0;
    for (ContentPart p : m.parts()) {
      if (p instanceof ContentPart.Text t) {
        n += count(t.text());
      } else if (p instanceof ContentPart.Image i) {
        n += TokenizerImages.tokens(i);
      } else if (p instanceof ContentPart.File f) {
        n += f.fileData() == null ? 0 : (f.fileData().length() / 8 + 3) / 4;
      } else if (p instanceof ContentPart.Audio a) {
        n += (a.data().length() / 16 + 3) / 4;
      }
    }
    return n;
  }

  /**
   * The tokens of a request's tool definitions, by OpenAI's recipe for functions; 0 when there
   * are none.
   */
  public int toolTokens(List<Tool> tools) {
    if (tools == null || tools.isEmpty()) {
      return 0;
    }
    boolean cl100k = encoding == TokenizerEncoding.CL100K_BASE;
    int funcInit = cl100k ? 10 : 7;
    int propInit = 3;
    int propKey = 3;
    int enumInit = -3;
    int enumItem = 3;
    int funcEnd = 12;
    long n = 0;
    for (Tool t : tools) {
      n += funcInit;
      n += count(t.name() + ":" + trimDot(t.description()));
      Map<String, Object> props = properties(t.parameters());
      if (props != null && !props.isEmpty()) {
        n += propInit;
        for (Map.Entry<String, Object> e : props.entrySet()) {
          n += propKey;
          Map<String, Object> p = object(e.getValue());
          String type = "";
          String desc = "";
          if (p != null) {
            Object ty = p.get("type");
            type = ty == null ? "" : ty instanceof String s ? s : json(ty);
            desc = p.get("description") instanceof String s ? s : "";
            if (p.get("enum") instanceof List<?> values) {
              n += enumInit;
              for (Object v : values) {
                n += enumItem + count(v instanceof String s ? s : json(v));
              }
            }
            for (String nested : new String[] {"properties", "items", "anyOf", "oneOf", "allOf"}) {
              if (p.get(nested) != null) {
                n += count(json(p.get(nested)));
              }
            }
          }
          n += count(e.getKey() + ":" + type + ":" + trimDot(desc));
        }
      }
    }
    n += funcEnd;
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  /** The tokens of a completion's text (no overhead). */
  public int completionTokens(String text) {
    return count(text);
  }

  /**
   * The tokens of a completion message: its text, refusal, reasoning and the tool calls it
   * made (name and arguments plus {@value #PER_TOOL_CALL} each).
   */
  public int completionTokens(Message message) {
    long n = count(message.text()) + count(message.refusal()) + count(message.reasoning());
    for (ToolCall call : message.toolCalls()) {
      n += PER_TOOL_CALL + count(call.name()) + count(call.arguments());
    }
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  /**
   * A locally counted usage for a request and its completion, flagged
   * {@link Usage#estimated() estimated}; reasoning tokens are the completion's reasoning text.
   *
   * @param request the request
   * @param completion the completion message, or null when nothing was produced
   */
  public Usage estimateUsage(ChatRequest request, Message completion) {
    int prompt = promptTokens(request);
    int done = completion == null ? 0 : completionTokens(completion);
    Usage.Builder b = Usage.builder().promptTokens(prompt).completionTokens(done)
        .totalTokens((int) Math.min(Integer.MAX_VALUE, (long) prompt + done)).estimated(true);
    if (completion != null && completion.reasoning() != null) {
      b.reasoningTokens(count(completion.reasoning()));
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "Tokenizer[" + encoding.encodingName() + "]";
  }

  private static String trimDot(String s) {
    if (s == null) {
      return "";
    }
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** Compact JSON text of a JSON tree (maps, lists, strings, numbers, booleans, null). */
  private static String json(Object tree) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setSerializeNulls(true);
      w.jsonValue(tree);
    } catch (IOException | IllegalArgumentException e) {
      return String.valueOf(tree);
    }
    return buffer.readUtf8();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object o) {
    return o instanceof Map ? (Map<String, Object>) o : null;
  }

  private static Map<String, Object> properties(Map<String, Object> schema) {
    return schema == null ? null : object(schema.get("properties"));
  }
}
