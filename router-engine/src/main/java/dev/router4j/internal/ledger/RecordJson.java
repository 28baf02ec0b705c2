package dev.router4j.internal.ledger;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.router4j.api.FinishReason;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.cost.AttemptRecord;
import dev.router4j.api.cost.Cost;
import dev.router4j.api.cost.GenerationRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * The JSON form of ledger records (Moshi's streaming {@link JsonWriter} / {@link JsonReader}):
 * whole records for JSON Lines, and the attempts and tags the durable ledgers keep as JSON text.
 *
 * <p>Names are snake_case. Costs are exact decimal strings (JSON numbers lose precision in most
 * readers); times are ISO-8601 instants with nanoseconds; durations are milliseconds with up to
 * six decimals (exact to the nanosecond). Nulls are written as {@code null}.
 */
public final class RecordJson {
  private RecordJson() {}

  /** A record as one line of compact JSON. */
  public static String toJson(GenerationRecord r) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setSerializeNulls(true);
      write(w, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /**
   * A record from its JSON text.
   *
   * @throws IllegalArgumentException when the text is not a valid record
   */
  public static GenerationRecord fromJson(String json) {
    try (JsonReader in = JsonReader.of(new Buffer().writeUtf8(json))) {
      GenerationRecord r = read(in);
      if (in.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new IllegalArgumentException("text after the record at " + in.getPath());
      }
      return r;
    } catch (IOException | JsonDataException e) {
      throw new IllegalArgumentException("not a ledger record: " + e.getMessage(), e);
    }
  }

  /** Attempts as a JSON array. */
  public static String attemptsToJson(List<AttemptRecord> attempts) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setSerializeNulls(true);
      writeAttempts(w, attempts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /** Attempts from a JSON array. */
  public static List<AttemptRecord> attemptsFromJson(String json) {
    if (json == null || json.isEmpty()) {
      return List.of();
    }
    try (JsonReader in = JsonReader.of(new Buffer().writeUtf8(json))) {
      return readAttempts(in);
    } catch (IOException | JsonDataException e) {
      throw new IllegalArgumentException("not a list of attempts: " + e.getMessage(), e);
    }
  }

  /** Tags as a JSON object. */
  public static String tagsToJson(Map<String, String> tags) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      writeTags(w, tags);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /** Tags from a JSON object. */
  public static Map<String, String> tagsFromJson(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try (JsonReader in = JsonReader.of(new Buffer().writeUtf8(json))) {
      return readTags(in);
    } catch (IOException | JsonDataException e) {
      throw new IllegalArgumentException("not a tag object: " + e.getMessage(), e);
    }
  }

  /** Milliseconds, exact to the nanosecond, as a plain decimal. */
  public static BigDecimal millis(Duration d) {
    long nanos = d.toNanos();
    return nanos % 1_000_000 == 0 ? BigDecimal.valueOf(nanos / 1_000_000)
        : BigDecimal.valueOf(nanos, 6).stripTrailingZeros();
  }

  /** A duration from milliseconds with up to six decimals. */
  public static Duration fromMillis(String ms) {
    BigDecimal v = new BigDecimal(ms.strip());
    return Duration.ofNanos(v.movePointRight(6).longValueExact());
  }

  /**
   * Exact plain decimal text (no exponent). A negative scale is written as scale 0, the same
   * value; every other value reads back as an equal {@link BigDecimal}, scale included.
   */
  public static String decimal(BigDecimal v) {
    return v.scale() < 0 ? v.setScale(0).toPlainString() : v.toPlainString();
  }

  // ---------------------------------------------------------------------------------------------

  private static void write(JsonWriter w, GenerationRecord r) throws IOException {
    w.beginObject();
    w.name("id").value(r.id());
    w.name("created_at").value(r.createdAt().toString());
    w.name("model").value(r.model());
    w.name("provider").value(r.provider());
    w.name("endpoint").value(r.endpoint());
    w.name("workspace").value(r.workspace());
    w.name("key_label").value(r.keyLabel());
    w.name("user").value(r.user());
    w.name("tags");
    writeTags(w, r.tags());
    w.name("streamed").value(r.streamed());
    w.name("cancelled").value(r.cancelled());
    w.name("finish_reason").value(r.finishReason() == null ? null : r.finishReason().wireName());
    w.name("native_finish_reason").value(r.nativeFinishReason());
    w.name("prompt_tokens").value(r.promptTokens());
    w.name("completion_tokens").value(r.completionTokens());
    w.name("reasoning_tokens").value(r.reasoningTokens());
    w.name("cached_tokens").value(r.cachedTokens());
    w.name("cache_write_tokens").value(r.cacheWriteTokens());
    w.name("tokens_estimated").value(r.tokensEstimated());
    w.name("total_cost").value(decimal(r.cost().total()));
    Cost c = r.cost();
    w.name("cost").beginObject();
    w.name("prompt").value(decimal(c.prompt()));
    w.name("completion").value(decimal(c.completion()));
    w.name("reasoning").value(decimal(c.reasoning()));
    w.name("cache_read").value(decimal(c.cacheRead()));
    w.name("cache_write").value(decimal(c.cacheWrite()));
    w.name("request").value(decimal(c.request()));
    w.name("image").value(decimal(c.image()));
    w.name("web_search").value(decimal(c.webSearch()));
    w.name("platform_fee").value(decimal(c.platformFee()));
    w.name("estimated").value(c.estimated());
    w.endObject();
    w.name("latency_ms").value(millis(r.latency()));
    w.name("time_to_first_token_ms").value(
        r.timeToFirstToken() == null ? null : millis(r.timeToFirstToken()));
    w.name("generation_time_ms").value(
        r.generationTime() == null ? null : millis(r.generationTime()));
    w.name("throughput").value(r.throughput());
    w.name("attempts");
    writeAttempts(w, r.attempts());
    w.name("prompt_text").value(r.promptText());
    w.name("completion_text").value(r.completionText());
    w.endObject();
  }

  private static void writeTags(JsonWriter w, Map<String, String> tags) throws IOException {
    w.beginObject();
    for (Map.Entry<String, String> e : tags.entrySet()) {
      w.name(e.getKey()).value(e.getValue());
    }
    w.endObject();
  }

  private static void writeAttempts(JsonWriter w, List<AttemptRecord> attempts)
      throws IOException {
    w.beginArray();
    for (AttemptRecord a : attempts) {
      w.beginObject();
      w.name("provider").value(a.provider());
      w.name("model").value(a.model());
      w.name("endpoint").value(a.endpoint());
      w.name("outcome").value(a.outcome().name());
      w.name("error_category").value(a.errorCategory());
      w.name("http_status").value(a.httpStatus());
      w.name("latency_ms").value(millis(a.latency()));
      w.name("cost").value(decimal(a.cost()));
      w.endObject();
    }
    w.endArray();
  }

  private static GenerationRecord read(JsonReader in) throws IOException {
    GenerationRecord.Builder b = GenerationRecord.builder();
    in.beginObject();
    Map<String, Object> cost = null;
    while (in.hasNext()) {
      String name = in.nextName();
      if (in.peek() == JsonReader.Token.NULL) {
        in.nextNull();
        continue;
      }
      switch (name) {
        case "id" -> b.id(in.nextString());
        case "created_at" -> b.createdAt(instant(in.nextString()));
        case "model" -> b.model(in.nextString());
        case "provider" -> b.provider(in.nextString());
        case "endpoint" -> b.endpoint(in.nextString());
        case "workspace" -> b.workspace(in.nextString());
        case "key_label" -> b.keyLabel(in.nextString());
        case "user" -> b.user(in.nextString());
        case "tags" -> b.tags(readTags(in));
        case "streamed" -> b.streamed(in.nextBoolean());
        case "cancelled" -> b.cancelled(in.nextBoolean());
        case "finish_reason" -> b.finishReason(finishReason(in.nextString()));
        case "native_finish_reason" -> b.nativeFinishReason(in.nextString());
        case "prompt_tokens" -> b.promptTokens(in.nextInt());
        case "completion_tokens" -> b.completionTokens(in.nextInt());
        case "reasoning_tokens" -> b.reasoningTokens(in.nextInt());
        case "cached_tokens" -> b.cachedTokens(in.nextInt());
        case "cache_write_tokens" -> b.cacheWriteTokens(in.nextInt());
        case "tokens_estimated" -> b.tokensEstimated(in.nextBoolean());
        case "cost" -> cost = readCost(in);
        case "latency_ms" -> b.latency(fromMillis(in.nextString()));
        case "time_to_first_token_ms" -> b.timeToFirstToken(fromMillis(in.nextString()));
        case "generation_time_ms" -> b.generationTime(fromMillis(in.nextString()));
        case "throughput" -> b.throughput(in.nextDouble());
        case "attempts" -> b.attempts(readAttempts(in));
        case "prompt_text" -> b.promptText(in.nextString());
        case "completion_text" -> b.completionText(in.nextString());
        default -> in.skipValue(); // total_cost (derived) and fields of later versions
      }
    }
    in.endObject();
    if (cost != null) {
      b.cost(cost(cost));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new JsonDataException(e.getMessage());
    }
  }

  private static Map<String, Object> readCost(JsonReader in) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    in.beginObject();
    while (in.hasNext()) {
      String name = in.nextName();
      if (name.equals("estimated")) {
        m.put(name, in.nextBoolean());
      } else if (in.peek() == JsonReader.Token.STRING || in.peek() == JsonReader.Token.NUMBER) {
        m.put(name, decimal(in.nextString(), in.getPath()));
      } else {
        in.skipValue();
      }
    }
    in.endObject();
    return m;
  }

  /** A cost from its components by name; a missing component is zero. */
  static Cost cost(Map<String, Object> m) {
    return new Cost(d(m, "prompt"), d(m, "completion"), d(m, "reasoning"), d(m, "cache_read"),
        d(m, "cache_write"), d(m, "request"), d(m, "image"), d(m, "web_search"),
        d(m, "platform_fee"), Boolean.TRUE.equals(m.get("estimated")));
  }

  private static BigDecimal d(Map<String, Object> m, String name) {
    Object v = m.get(name);
    return v instanceof BigDecimal b ? b : BigDecimal.ZERO;
  }

  private static Map<String, String> readTags(JsonReader in) throws IOException {
    Map<String, String> tags = new LinkedHashMap<>();
    in.beginObject();
    while (in.hasNext()) {
      tags.put(in.nextName(), in.nextString());
    }
    in.endObject();
    return tags;
  }

  private static List<AttemptRecord> readAttempts(JsonReader in) throws IOException {
    List<AttemptRecord> out = new ArrayList<>();
    in.beginArray();
    while (in.hasNext()) {
      String provider = null;
      String model = null;
      String endpoint = null;
      RouteAttempt.Outcome outcome = null;
      String category = null;
      int status = 0;
      Duration latency = Duration.ZERO;
      BigDecimal cost = BigDecimal.ZERO;
      in.beginObject();
      while (in.hasNext()) {
        String name = in.nextName();
        if (in.peek() == JsonReader.Token.NULL) {
          in.nextNull();
          continue;
        }
        switch (name) {
          case "provider" -> provider = in.nextString();
          case "model" -> model = in.nextString();
          case "endpoint" -> endpoint = in.nextString();
          case "outcome" -> outcome = outcome(in.nextString(), in.getPath());
          case "error_category" -> category = in.nextString();
          case "http_status" -> status = in.nextInt();
          case "latency_ms" -> latency = fromMillis(in.nextString());
          case "cost" -> cost = decimal(in.nextString(), in.getPath());
          default -> in.skipValue();
        }
      }
      in.endObject();
      try {
        out.add(new AttemptRecord(provider, model, endpoint, outcome, category, status, latency,
            cost));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new JsonDataException("attempt at " + in.getPath() + ": " + e.getMessage());
      }
    }
    in.endArray();
    return out;
  }

  private static RouteAttempt.Outcome outcome(String s, String path) {
    try {
      return RouteAttempt.Outcome.valueOf(s);
    } catch (IllegalArgumentException e) {
      throw new JsonDataException("unknown outcome '" + s + "' at " + path);
    }
  }

  private static BigDecimal decimal(String s, String path) {
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw new JsonDataException("not a decimal '" + s + "' at " + path);
    }
  }

  private static Instant instant(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new JsonDataException("not an instant: '" + s + "'");
    }
  }

  /** A finish reason from its wire name; null for null. */
  static FinishReason finishReason(String wire) {
    if (wire == null) {
      return null;
    }
    FinishReason f = FinishReason.fromWire(wire);
    if (f == null) {
      throw new JsonDataException("unknown finish reason '" + wire + "'");
    }
    return f;
  }
}
