package dev.router4j.examples.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plans the answer to a request: generated words, JSON, broken JSON or tool calls, with usage.
 * Every random choice comes from a generator seeded by the model's seed and the prompt text,
 * so the same request to the same model gets the same answer.
 */
final class Composer {
  private Composer() {}

  private static final String[] WORDS = {
    "river", "mountain", "quiet", "signal", "harbor", "lantern", "orbit", "meadow", "copper",
    "window", "garden", "thunder", "pencil", "velvet", "compass", "island", "marble", "echo",
    "forest", "bridge", "canvas", "ember", "glacier", "horizon", "journal", "kettle", "ladder",
    "mirror", "needle", "ocean", "pepper", "quartz", "ribbon", "saddle", "timber", "umbrella",
    "valley", "wander", "yellow", "zephyr", "amber", "basket", "candle", "desert", "engine",
    "feather", "granite", "hollow", "ivory", "jasmine", "kernel", "lemon", "maple", "nectar",
    "olive", "prairie", "quiver", "rocket", "silver", "tunnel", "violet", "walnut", "anchor",
    "beacon", "cobalt", "dune", "falcon", "grove", "hazel", "indigo", "juniper", "lagoon",
    "meteor", "nimbus", "onyx", "pebble", "raven", "sierra", "tundra", "upland", "vortex",
    "willow", "atlas", "breeze", "cedar", "delta", "fern", "gale", "heron", "iris", "jade",
    "kite", "lotus", "mesa", "north", "opal", "pine", "reef", "sage", "tide", "vale", "wren",
    "calm", "bright", "swift", "gentle", "steady", "distant", "early", "silent", "golden",
    "runs", "turns", "holds", "carries", "follows", "reaches", "gathers", "shines", "rests",
    "moves", "finds", "keeps", "builds", "shows", "opens", "the", "a", "of", "and", "under",
    "over", "beyond", "near", "with"
  };

  private static final int FRAGMENT_CHARS = 4;

  static Reply compose(ModelSpec model, WireRequest req, Fault fault, PromptCache cache,
      Protocol protocol) {
    SplittableRandom rnd = new SplittableRandom(mix(model.seed(), fnv(req.promptText)));
    int promptTokens = tokens(req.promptText.length());
    int cached = 0;
    int written = 0;
    if (model.promptCaching()) {
      boolean anthropic = protocol == Protocol.ANTHROPIC;
      if (!anthropic || req.cacheControl) {
        int[] hit = cache.lookup(req.promptText, true);
        cached = hit[0] / 4;
        if (anthropic) {
          written = Math.max(0, hit[1] / 4 - cached);
        }
      }
    }
    Fault.Kind kind = fault == null ? Fault.Kind.OK : fault.kind();
    boolean textOnly = kind == Fault.Kind.MALFORMED_JSON || kind == Fault.Kind.REPLY;
    boolean callTool = !req.tools.isEmpty() && req.toolMode != WireRequest.ToolMode.NONE
        && !textOnly
        && (kind == Fault.Kind.TOOL_CALL
            || req.toolMode == WireRequest.ToolMode.REQUIRED
            || req.toolMode == WireRequest.ToolMode.NAMED
            || (model.callsTools() && !req.lastIsToolResult));
    if (callTool) {
      return new Reply(List.of(), toolCalls(model, req, rnd), Reply.Finish.TOOL_CALLS,
          promptTokens, cached, written);
    }
    int words = model.minOutputTokens() + (model.maxOutputTokens() > model.minOutputTokens()
        ? rnd.nextInt(model.maxOutputTokens() - model.minOutputTokens() + 1) : 0);
    List<String> pieces;
    Reply.Finish finish = Reply.Finish.STOP;
    if (kind == Fault.Kind.REPLY) {
      pieces = split(fault.text());
    } else if (kind == Fault.Kind.MALFORMED_JSON) {
      pieces = split(fault.malformation().apply(jsonText(req, rnd, words)));
      if (fault.malformation() == Malformation.TRUNCATED) {
        finish = Reply.Finish.LENGTH;
      }
    } else if (req.json) {
      pieces = split(jsonText(req, rnd, words));
    } else if (model.fixedReply() != null) {
      pieces = split(model.fixedReply());
    } else {
      pieces = sentences(rnd, words);
    }
    if (req.maxTokens != null && req.maxTokens >= 0 && pieces.size() > req.maxTokens) {
      pieces = List.copyOf(pieces.subList(0, req.maxTokens));
      finish = Reply.Finish.LENGTH;
    }
    return new Reply(pieces, List.of(), finish, promptTokens, cached, written);
  }

  /** Roughly four characters per token, at least one. */
  static int tokens(int chars) {
    return Math.max(1, (chars + 3) / 4);
  }

  /** {@code n} words in sentences: each piece is a word with the space before it. */
  static List<String> sentences(SplittableRandom rnd, int n) {
    List<String> out = new ArrayList<>(n);
    int left = 0;
    for (int i = 0; i < n; i++) {
      String w = WORDS[rnd.nextInt(WORDS.length)];
      if (left == 0) {
        w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
        left = 6 + rnd.nextInt(9);
      }
      left--;
      if (left == 0 || i == n - 1) {
        w = w + ".";
        left = 0;
      }
      out.add(i == 0 ? w : " " + w);
    }
    return out;
  }

  private static String sentence(SplittableRandom rnd, int n) {
    return String.join("", sentences(rnd, Math.max(1, n)));
  }

  /** Splits text into word pieces, each carrying the whitespace before it. */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      out.add(text.substring(start, i));
      start = i;
    }
    return out;
  }

  private static String jsonText(WireRequest req, SplittableRandom rnd, int words) {
    Object value;
    if (req.jsonSchema != null && !req.jsonSchema.isEmpty()) {
      value = valueFor(req.jsonSchema, rnd, 0);
    } else {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("answer", sentence(rnd, words));
      v.put("words", (long) Math.max(1, words));
      v.put("final", Boolean.TRUE);
      v.put("source", null);
      value = v;
    }
    StringBuilder sb = new StringBuilder();
    spaced(value, sb);
    return sb.toString();
  }

  /** JSON with a space after each comma and colon, so that it splits into word-like pieces. */
  static void spaced(Object v, StringBuilder sb) {
    if (v instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        Json.quote(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        spaced(e.getValue(), sb);
      }
      sb.append('}');
    } else if (v instanceof List) {
      sb.append('[');
      boolean first = true;
      for (Object o : (List<?>) v) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        spaced(o, sb);
      }
      sb.append(']');
    } else if (v instanceof String) {
      Json.quote(sb, (String) v);
    } else if (v instanceof Number) {
      sb.append(Json.number((Number) v));
    } else {
      sb.append(v); // booleans and null
    }
  }

  private static List<Reply.ToolCallOut> toolCalls(ModelSpec model, WireRequest req,
      SplittableRandom rnd) {
    List<WireRequest.ToolDef> chosen = new ArrayList<>();
    if (req.toolMode == WireRequest.ToolMode.NAMED) {
      for (WireRequest.ToolDef t : req.tools) {
        if (t.name().equals(req.namedTool)) {
          chosen.add(t);
          break;
        }
      }
    }
    if (chosen.isEmpty()) {
      int n = req.parallelToolCalls ? model.parallelToolCalls() : 1;
      chosen.addAll(req.tools.subList(0, Math.min(n, req.tools.size())));
    }
    List<Reply.ToolCallOut> calls = new ArrayList<>(chosen.size());
    for (WireRequest.ToolDef t : chosen) {
      Object v = valueFor(t.schema() == null ? Map.of() : t.schema(), rnd, 0);
      @SuppressWarnings("unchecked")
      Map<String, Object> args = v instanceof Map ? (Map<String, Object>) v : new LinkedHashMap<>();
      String argsJson = new Json().any(args).toString();
      calls.add(new Reply.ToolCallOut(id(rnd), t.name(), args, argsJson, fragments(argsJson)));
    }
    return calls;
  }

  private static List<String> fragments(String s) {
    List<String> out = new ArrayList<>(s.length() / FRAGMENT_CHARS + 1);
    int i = 0;
    while (i < s.length()) {
      int end = Math.min(s.length(), i + FRAGMENT_CHARS);
      if (end < s.length() && Character.isLowSurrogate(s.charAt(end))) {
        end++;
      }
      out.add(s.substring(i, end));
      i = end;
    }
    if (out.isEmpty()) {
      out.add("");
    }
    return out;
  }

  private static String id(SplittableRandom rnd) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    char[] c = new char[24];
    for (int i = 0; i < c.length; i++) {
      c[i] = alphabet.charAt(rnd.nextInt(alphabet.length()));
    }
    return new String(c);
  }

  /** A value that fits a (JSON or OpenAPI-subset) schema, with words and small numbers. */
  static Object valueFor(Map<String, Object> schema, SplittableRandom rnd, int depth) {
    List<Object> choices = Trees.list(schema.get("enum"));
    if (!choices.isEmpty()) {
      return choices.get(rnd.nextInt(choices.size()));
    }
    if (schema.containsKey("const")) {
      return schema.get("const");
    }
    String type = typeOf(schema);
    Map<String, Object> props = Trees.obj(schema.get("properties"));
    if (type == null) {
      type = props != null ? "object" : schema.containsKey("items") ? "array" : "string";
    }
    switch (type) {
      case "object": {
        Map<String, Object> out = new LinkedHashMap<>();
        if (props != null && depth < 6) {
          for (Map.Entry<String, Object> p : props.entrySet()) {
            Map<String, Object> sub = Trees.obj(p.getValue());
            out.put(p.getKey(), valueFor(sub == null ? Map.of() : sub, rnd, depth + 1));
          }
        }
        return out;
      }
      case "array": {
        List<Object> out = new ArrayList<>();
        Map<String, Object> items = Trees.obj(schema.get("items"));
        Integer min = Trees.integer(schema, "minItems");
        Integer max = Trees.integer(schema, "maxItems");
        int n = Math.max(min == null ? 1 : min, 1);
        if (max != null) {
          n = Math.min(n, max);
        }
        n = Math.min(n, 3);
        if (depth < 6) {
          for (int i = 0; i < n; i++) {
            out.add(valueFor(items == null ? Map.of() : items, rnd, depth + 1));
          }
        }
        return out;
      }
      case "integer":
        return (long) (1 + rnd.nextInt(100));
      case "number":
        return rnd.nextInt(1000) / 10.0 + 0.5;
      case "boolean":
        return rnd.nextBoolean();
      case "null":
        return null;
      default:
        return WORDS[rnd.nextInt(WORDS.length)];
    }
  }

  private static String typeOf(Map<String, Object> schema) {
    Object t = schema.get("type");
    if (t instanceof String) {
      return ((String) t).toLowerCase(Locale.ROOT);
    }
    for (Object o : Trees.list(t)) {
      if (o instanceof String && !"null".equalsIgnoreCase((String) o)) {
        return ((String) o).toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  private static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
