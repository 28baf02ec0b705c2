package dev.router4j.internal.json;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonReader.Options;
import com.squareup.moshi.JsonReader.Token;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.Message;
import dev.router4j.api.Plugin;
import dev.router4j.api.Reasoning;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolChoice;
import dev.router4j.api.routing.DataCollection;
import dev.router4j.api.routing.MaxPrice;
import dev.router4j.api.routing.PercentileCutoffs;
import dev.router4j.api.routing.ProviderPreferences;
import dev.router4j.api.routing.Quantization;
import dev.router4j.api.routing.Sort;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads chat completion requests. */
public final class RequestReader {
  private RequestReader() {}

  private static final Options TOP = Options.of(
      "messages", "prompt", "model", "models", "temperature", "top_p", "top_k", "min_p",
      "top_a", "frequency_penalty", "presence_penalty", "repetition_penalty", "seed",
      "max_tokens", "max_completion_tokens", "stop", "logit_bias", "logprobs", "top_logprobs",
      "tools", "tool_choice", "parallel_tool_calls", "response_format", "reasoning",
      "reasoning_effort", "provider", "plugins", "user", "session_id", "stream");

  static final Reasoning.Effort[] EFFORT_VALUES = Reasoning.Effort.values();
  static final Enums EFFORTS;

  static {
    String[] names = new String[EFFORT_VALUES.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = EFFORT_VALUES[i].wireName();
    }
    EFFORTS = new Enums("effort", names);
  }

  /** Reads a whole request document (the reader is at its start). */
  public static ChatRequest request(JsonIn in) throws IOException {
    JsonReader r = in.r;
    in.beginObject();
    List<Message> messages = null;
    String prompt = null;
    String model = null;
    List<String> models = null;
    Double temperature = null;
    Double topP = null;
    Integer topK = null;
    Double minP = null;
    Double topA = null;
    Double frequencyPenalty = null;
    Double presencePenalty = null;
    Double repetitionPenalty = null;
    Long seed = null;
    Integer maxTokens = null;
    Integer maxCompletionTokens = null;
    List<String> stop = null;
    boolean stopAsString = false;
    Map<String, Integer> logitBias = null;
    Boolean logprobs = null;
    Integer topLogprobs = null;
    List<Tool> tools = null;
    ToolChoice toolChoice = null;
    Boolean parallelToolCalls = null;
    ResponseFormat responseFormat = null;
    Reasoning reasoning = null;
    Reasoning.Effort reasoningEffort = null;
    ProviderPreferences provider = null;
    List<Plugin> plugins = null;
    String user = null;
    String sessionId = null;
    Boolean stream = null;
    Map<String, Object> extra = null;
    while (r.hasNext()) {
      switch (r.selectName(TOP)) {
        case 0:
          if (in.beginArrayOrNull()) {
            messages = new ArrayList<>();
            while (r.hasNext()) {
              messages.add(MessageReader.message(in));
            }
            r.endArray();
          } else {
            messages = null;
          }
          break;
        case 1:
          prompt = in.string();
          break;
        case 2:
          model = in.string();
          break;
        case 3:
          models = in.strings();
          break;
        case 4:
          temperature = in.dbl();
          break;
        case 5:
          topP = in.dbl();
          break;
        case 6:
          topK = in.integer();
          break;
        case 7:
          minP = in.dbl();
          break;
        case 8:
          topA = in.dbl();
          break;
        case 9:
          frequencyPenalty = in.dbl();
          break;
        case 10:
          presencePenalty = in.dbl();
          break;
        case 11:
          repetitionPenalty = in.dbl();
          break;
        case 12:
          seed = in.longInteger();
          break;
        case 13:
          maxTokens = in.integer();
          break;
        case 14:
          maxCompletionTokens = in.integer();
          break;
        case 15: {
          Token t = r.peek();
          if (t == Token.STRING) {
            stop = List.of(r.nextString());
            stopAsString = true;
          } else if (t == Token.BEGIN_ARRAY) {
            stop = in.strings();
            stopAsString = false;
          } else if (t == Token.NULL) {
            r.nextNull();
            stop = null;
            stopAsString = false;
          } else {
            throw in.expected("a string or an array of strings", t);
          }
          break;
        }
        case 16:
          logitBias = logitBias(in);
          break;
        case 17:
          logprobs = in.bool();
          break;
        case 18:
          topLogprobs = in.integer();
          break;
        case 19:
          tools = tools(in);
          break;
        case 20:
          toolChoice = toolChoice(in);
          break;
        case 21:
          parallelToolCalls = in.bool();
          break;
        case 22:
          responseFormat = responseFormat(in);
          break;
        case 23:
          reasoning = reasoning(in);
          break;
        case 24: {
          int i = EFFORTS.read(in);
          reasoningEffort = i < 0 ? null : EFFORT_VALUES[i];
          break;
        }
        case 25:
          provider = provider(in);
          break;
        case 26:
          plugins = plugins(in);
          break;
        case 27:
          user = in.string();
          break;
        case 28:
          sessionId = in.string();
          break;
        case 29:
          stream = in.bool();
          break;
        default:
          extra = in.extra(extra);
      }
    }
    r.endObject();
    in.end();
    try {
      return new ChatRequest(messages, prompt, model, models, temperature, topP, topK, minP,
          topA, frequencyPenalty, presencePenalty, repetitionPenalty, seed, maxTokens,
          maxCompletionTokens, stop, stopAsString, logitBias, logprobs, topLogprobs, tools,
          toolChoice, parallelToolCalls, responseFormat, reasoning, reasoningEffort, provider,
          plugins, user, sessionId, stream, extra);
    } catch (RuntimeException e) {
      throw in.rethrowAt("$", e, null);
    }
  }

  private static Map<String, Integer> logitBias(JsonIn in) throws IOException {
    JsonReader r = in.r;
    if (!in.beginObjectOrNull()) {
      return null;
    }
    Map<String, Integer> bias = new LinkedHashMap<>();
    while (r.hasNext()) {
      String token = r.nextName();
      if (r.peek() == Token.NULL) {
        throw in.expected("an integer", Token.NULL);
      }
      bias.put(token, in.integer());
    }
    r.endObject();
    return bias;
  }

  // ---- tools ----------------------------------------------------------------------------

  private static final Options TOOL = Options.of("type", "function");
  private static final Options FUNCTION = Options.of("name", "description", "parameters", "strict");
  private static final Enums TOOL_TYPE = new Enums("tool type", "function");

  private static List<Tool> tools(JsonIn in) throws IOException {
    JsonReader r = in.r;
    if (!in.beginArrayOrNull()) {
      return null;
    }
    List<Tool> tools = new ArrayList<>();
    while (r.hasNext()) {
      in.beginObject();
      boolean hasFunction = false;
      String name = null;
      String description = null;
      Map<String, Object> parameters = null;
      Boolean strict = null;
      while (r.hasNext()) {
        switch (r.selectName(TOOL)) {
          case 0:
            TOOL_TYPE.read(in);
            break;
          case 1:
            if (in.beginObjectOrNull()) {
              hasFunction = true;
              while (r.hasNext()) {
                switch (r.selectName(FUNCTION)) {
                  case 0:
                    name = in.string();
                    break;
                  case 1:
                    description = in.string();
                    break;
                  case 2:
                    parameters = in.object();
                    break;
                  case 3:
                    strict = in.bool();
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
      if (!hasFunction) {
        throw in.fail(in.pathOfPrevious() + ".function", "is required");
      }
      try {
        tools.add(new Tool(name, description, parameters, strict));
      } catch (RuntimeException e) {
        throw in.rethrow(e, "tools");
      }
    }
    r.endArray();
    return tools;
  }

  private static final Enums TOOL_CHOICE_MODES =
      new Enums("tool_choice", "none", "auto", "required");
  private static final Options NAME = Options.of("name");

  private static ToolChoice toolChoice(JsonIn in) throws IOException {
    JsonReader r = in.r;
    Token t = r.peek();
    if (t == Token.STRING || t == Token.NULL) {
      switch (TOOL_CHOICE_MODES.read(in)) {
        case 0:
          return ToolChoice.NONE;
        case 1:
          return ToolChoice.AUTO;
        case 2:
          return ToolChoice.REQUIRED;
        default:
          return null;
      }
    }
    if (t != Token.BEGIN_OBJECT) {
      throw in.expected("\"none\", \"auto\", \"required\" or a function object", t);
    }
    r.beginObject();
    boolean typed = false;
    String name = null;
    while (r.hasNext()) {
      switch (r.selectName(TOOL)) {
        case 0:
          typed = TOOL_TYPE.read(in) == 0;
          break;
        case 1:
          if (in.beginObjectOrNull()) {
            while (r.hasNext()) {
              if (r.selectName(NAME) == 0) {
                name = in.string();
              } else {
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
    if (!typed) {
      throw in.fail(in.pathOfPrevious() + ".type", "is required (\"function\")");
    }
    if (name == null) {
      throw in.fail(in.pathOfPrevious() + ".function.name", "is required");
    }
    try {
      return ToolChoice.function(name);
    } catch (RuntimeException e) {
      throw in.rethrow(e, "tool_choice");
    }
  }

  // ---- response format ------------------------------------------------------------------

  private static final ResponseFormat.Type[] FORMAT_VALUES = ResponseFormat.Type.values();
  private static final Enums FORMAT_TYPES;

  static {
    String[] names = new String[FORMAT_VALUES.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = FORMAT_VALUES[i].wireName();
    }
    FORMAT_TYPES = new Enums("response_format type", names);
  }

  private static final Options FORMAT = Options.of("type", "json_schema");
  private static final Options JSON_SCHEMA = Options.of("name", "description", "schema", "strict");

  private static ResponseFormat responseFormat(JsonIn in) throws IOException {
    JsonReader r = in.r;
    if (!in.beginObjectOrNull()) {
      return null;
    }
    int type = -1;
    String name = null;
    String description = null;
    Map<String, Object> schema = null;
    Boolean strict = null;
    while (r.hasNext()) {
      switch (r.selectName(FORMAT)) {
        case 0:
          type = FORMAT_TYPES.read(in);
          break;
        case 1:
          if (in.beginObjectOrNull()) {
            while (r.hasNext()) {
              switch (r.selectName(JSON_SCHEMA)) {
                case 0:
                  name = in.string();
                  break;
                case 1:
                  description = in.string();
                  break;
                case 2:
                  schema = in.object();
                  break;
                case 3:
                  strict = in.bool();
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
      throw in.fail(in.pathOfPrevious() + ".type", "is required (text, json_object or json_schema)");
    }
    ResponseFormat.Type t = FORMAT_VALUES[type];
    if (t != ResponseFormat.Type.JSON_SCHEMA) {
      if (name != null || schema != null || description != null || strict != null) {
        throw in.fail(in.pathOfPrevious() + ".json_schema",
            "belongs only to type json_schema, not " + t.wireName());
      }
      return t == ResponseFormat.Type.TEXT ? ResponseFormat.TEXT : ResponseFormat.JSON_OBJECT;
    }
    try {
      return new ResponseFormat(t, name, description, schema, strict);
    } catch (RuntimeException e) {
      throw in.rethrow(e, "response_format");
    }
  }

  // ---- reasoning ------------------------------------------------------------------------

  private static final Options REASONING = Options.of("effort", "max_tokens", "exclude", "enabled");

  private static Reasoning reasoning(JsonIn in) throws IOException {
    JsonReader r = in.r;
    if (!in.beginObjectOrNull()) {
      return null;
    }
    Reasoning.Effort effort = null;
    Integer maxTokens = null;
    Boolean exclude = null;
    Boolean enabled = null;
    while (r.hasNext()) {
      switch (r.selectName(REASONING)) {
        case 0: {
          int i = EFFORTS.read(in);
          effort = i < 0 ? null : EFFORT_VALUES[i];
          break;
        }
        case 1:
          maxTokens = in.integer();
          break;
        case 2:
          exclude = in.bool();
          break;
        case 3:
          enabled = in.bool();
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    try {
      return new Reasoning(effort, maxTokens, exclude, enabled);
    } catch (RuntimeException e) {
      throw in.rethrow(e, "reasoning");
    }
  }

  // ---- plugins --------------------------------------------------------------------------

  private static final Options PLUGIN = Options.of("id", "enabled");

  private static List<Plugin> plugins(JsonIn in) throws IOException {
    JsonReader r = in.r;
    if (!in.beginArrayOrNull()) {
      return null;
    }
    List<Plugin> plugins = new ArrayList<>();
    while (r.hasNext()) {
      in.beginObject();
      String id = null;
      Boolean enabled = null;
      Map<String, Object> config = null;
      while (r.hasNext()) {
        switch (r.selectName(PLUGIN)) {
          case 0:
            id = in.string();
            break;
          case 1:
            enabled = in.bool();
            break;
          default:
            config = in.extra(config);
        }
      }
      r.endObject();
      try {
        plugins.add(new Plugin(id, enabled, config));
      } catch (RuntimeException e) {
        throw in.rethrow(e, "plugins");
      }
    }
    r.endArray();
    return plugins;
  }

  // ---- provider preferences -------------------------------------------------------------

  private static final Options PROVIDER = Options.of(
      "order", "allow_fallbacks", "require_parameters", "data_collection", "zdr",
      "enforce_distillable_text", "only", "ignore", "quantizations", "sort", "max_price",
      "preferred_min_throughput", "preferred_max_latency");
  private static final DataCollection[] DATA_COLLECTION_VALUES = DataCollection.values();
  private static final Enums DATA_COLLECTIONS = new Enums("data_collection", names(DATA_COLLECTION_VALUES));
  private static final Quantization[] QUANTIZATION_VALUES = Quantization.values();
  private static final Enums QUANTIZATIONS = new Enums("quantization", names(QUANTIZATION_VALUES));
  private static final Sort.By[] SORT_BY_VALUES = Sort.By.values();
  private static final Enums SORT_BYS = new Enums("sort", names(SORT_BY_VALUES));
  private static final Sort.Partition[] PARTITION_VALUES = Sort.Partition.values();
  private static final Enums PARTITIONS = new Enums("partition", names(PARTITION_VALUES));

  private static String[] names(Enum<?>[] values) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      Enum<?> v = values[i];
      if (v instanceof DataCollection d) {
        out[i] = d.wireName();
      } else if (v instanceof Quantization q) {
        out[i] = q.wireName();
      } else if (v instanceof Sort.By b) {
        out[i] = b.wireName();
      } else if (v instanceof Sort.Partition p) {
        out[i] = p.wireName();
      } else {
        throw new AssertionError(v);
      }
    }
    return out;
  }

  private static ProviderPreferences provider(JsonIn in) throws IOException {
    JsonReader r = in.r;
    if (!in.beginObjectOrNull()) {
      return null;
    }
    ProviderPreferences.Builder b = ProviderPreferences.builder();
    Map<String, Object> extra = null;
    while (r.hasNext()) {
      switch (r.selectName(PROVIDER)) {
        case 0:
          b.order(in.strings());
          break;
        case 1:
          b.allowFallbacks(in.bool());
          break;
        case 2:
          b.requireParameters(in.bool());
          break;
        case 3: {
          int i = DATA_COLLECTIONS.read(in);
          b.dataCollection(i < 0 ? null : DATA_COLLECTION_VALUES[i]);
          break;
        }
        case 4:
          b.zdr(in.bool());
          break;
        case 5:
          b.enforceDistillableText(in.bool());
          break;
        case 6:
          b.only(in.strings());
          break;
        case 7:
          b.ignore(in.strings());
          break;
        case 8:
          if (in.beginArrayOrNull()) {
            List<Quantization> qs = new ArrayList<>();
            while (r.hasNext()) {
              if (r.peek() == Token.NULL) {
                throw in.expected("a string", Token.NULL);
              }
              qs.add(QUANTIZATION_VALUES[QUANTIZATIONS.read(in)]);
            }
            r.endArray();
            b.quantizations(qs);
          } else {
            b.quantizations((List<Quantization>) null);
          }
          break;
        case 9:
          b.sort(sort(in));
          break;
        case 10:
          b.maxPrice(maxPrice(in));
          break;
        case 11:
          b.preferredMinThroughput(cutoffs(in));
          break;
        case 12:
          b.preferredMaxLatency(cutoffs(in));
          break;
        default:
          extra = in.extra(extra);
      }
    }
    r.endObject();
    try {
      return b.extra(extra).build();
    } catch (RuntimeException e) {
      throw in.rethrow(e, "provider");
    }
  }

  private static final Options SORT = Options.of("by", "partition");

  private static Sort sort(JsonIn in) throws IOException {
    JsonReader r = in.r;
    Token t = r.peek();
    if (t == Token.STRING || t == Token.NULL) {
      int i = SORT_BYS.read(in);
      return i < 0 ? null : new Sort(SORT_BY_VALUES[i], null);
    }
    if (t != Token.BEGIN_OBJECT) {
      throw in.expected("a string (price, throughput, latency or exacto) or an object {by,"
          + " partition}", t);
    }
    r.beginObject();
    Sort.By by = null;
    Sort.Partition partition = null;
    while (r.hasNext()) {
      switch (r.selectName(SORT)) {
        case 0: {
          int i = SORT_BYS.read(in);
          by = i < 0 ? null : SORT_BY_VALUES[i];
          break;
        }
        case 1: {
          int i = PARTITIONS.read(in);
          partition = i < 0 ? null : PARTITION_VALUES[i];
          break;
        }
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    if (by == null) {
      throw in.fail(in.pathOfPrevious() + ".by", "is required (price, throughput, latency or"
          + " exacto)");
    }
    return new Sort(by, partition);
  }

  private static final Options MAX_PRICE =
      Options.of("prompt", "completion", "request", "image", "audio");

  private static MaxPrice maxPrice(JsonIn in) throws IOException {
    JsonReader r = in.r;
    if (!in.beginObjectOrNull()) {
      return null;
    }
    BigDecimal[] v = new BigDecimal[5];
    while (r.hasNext()) {
      int i = r.selectName(MAX_PRICE);
      if (i >= 0) {
        v[i] = in.decimal(true);
      } else {
        r.skipName();
        r.skipValue();
      }
    }
    r.endObject();
    try {
      return new MaxPrice(v[0], v[1], v[2], v[3], v[4]);
    } catch (RuntimeException e) {
      throw in.rethrow(e, "provider.max_price");
    }
  }

  private static final Options PERCENTILES = Options.of("p50", "p75", "p90", "p99");

  private static PercentileCutoffs cutoffs(JsonIn in) throws IOException {
    JsonReader r = in.r;
    Token t = r.peek();
    if (t == Token.NUMBER || t == Token.NULL) {
      BigDecimal p50 = in.decimal(false);
      if (p50 == null) {
        return null;
      }
      if (p50.signum() < 0) {
        throw in.fail(in.pathOfPrevious(), "must not be negative, was " + p50.toPlainString());
      }
      return PercentileCutoffs.of(p50);
    }
    if (t != Token.BEGIN_OBJECT) {
      throw in.expected("a number or an object {p50, p75, p90, p99}", t);
    }
    r.beginObject();
    BigDecimal[] v = new BigDecimal[4];
    while (r.hasNext()) {
      int i = r.selectName(PERCENTILES);
      if (i >= 0) {
        v[i] = in.decimal(false);
      } else {
        r.skipName();
        r.skipValue();
      }
    }
    r.endObject();
    try {
      return new PercentileCutoffs(v[0], v[1], v[2], v[3], false);
    } catch (RuntimeException e) {
      throw in.rethrow(e, null);
    }
  }
}
