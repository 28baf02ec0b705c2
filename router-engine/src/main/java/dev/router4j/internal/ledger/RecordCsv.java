package dev.router4j.internal.ledger;

import dev.router4j.api.cost.Cost;
import dev.router4j.api.cost.GenerationRecord;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV form of ledger records, RFC 4180: a header row, comma-separated fields, CRLF line
 * ends, fields quoted when they hold a comma, a quote, CR or LF (quotes doubled inside).
 *
 * <p>CSV has no null, so an <em>unquoted</em> empty field is null and an empty string is written
 * quoted ({@code ""}). Tags and attempts are JSON text ({@link RecordJson}); costs are exact
 * decimal text; booleans are {@code true}/{@code false}; durations are milliseconds with up to
 * six decimals.
 */
public final class RecordCsv {
  /** The columns, in order. */
  public static final List<String> COLUMNS = List.of(
      "id", "created_at", "model", "provider", "endpoint", "workspace", "key_label", "user",
      "tags", "streamed", "cancelled", "finish_reason", "native_finish_reason",
      "prompt_tokens", "completion_tokens", "reasoning_tokens", "cached_tokens",
      "cache_write_tokens", "tokens_estimated", "total_cost", "cost_prompt", "cost_completion",
      "cost_reasoning", "cost_cache_read", "cost_cache_write", "cost_request", "cost_image",
      "cost_web_search", "cost_platform_fee", "cost_estimated", "latency_ms",
      "time_to_first_token_ms", "generation_time_ms", "throughput", "attempts", "prompt_text",
      "completion_text");

  private RecordCsv() {}

  /** Writes the header row. */
  public static void writeHeader(Writer out) throws IOException {
    for (int i = 0; i < COLUMNS.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(COLUMNS.get(i));
    }
    out.write("\r\n");
  }

  /** Writes one record as a row. */
  public static void writeRow(Writer out, GenerationRecord r) throws IOException {
    Cost c = r.cost();
    Object[] v = {
      r.id(), r.createdAt().toString(), r.model(), r.provider(), r.endpoint(), r.workspace(),
      r.keyLabel(), r.user(), RecordJson.tagsToJson(r.tags()), r.streamed(), r.cancelled(),
      r.finishReason() == null ? null : r.finishReason().wireName(), r.nativeFinishReason(),
      r.promptTokens(), r.completionTokens(), r.reasoningTokens(), r.cachedTokens(),
      r.cacheWriteTokens(), r.tokensEstimated(), RecordJson.decimal(c.total()),
      RecordJson.decimal(c.prompt()), RecordJson.decimal(c.completion()),
      RecordJson.decimal(c.reasoning()), RecordJson.decimal(c.cacheRead()),
      RecordJson.decimal(c.cacheWrite()), RecordJson.decimal(c.request()),
      RecordJson.decimal(c.image()), RecordJson.decimal(c.webSearch()),
      RecordJson.decimal(c.platformFee()), c.estimated(),
      RecordJson.millis(r.latency()).toPlainString(),
      r.timeToFirstToken() == null ? null : RecordJson.millis(r.timeToFirstToken()).toPlainString(),
      r.generationTime() == null ? null : RecordJson.millis(r.generationTime()).toPlainString(),
      Double.toString(r.throughput()), RecordJson.attemptsToJson(r.attempts()), r.promptText(),
      r.completionText()
    };
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      field(out, v[i] == null ? null : v[i].toString());
    }
    out.write("\r\n");
  }

  /** Writes one field, quoted when needed; null as nothing, the empty string as {@code ""}. */
  static void field(Writer out, String s) throws IOException {
    if (s == null) {
      return;
    }
    boolean quote = s.isEmpty();
    for (int i = 0; i < s.length() && !quote; i++) {
      char ch = s.charAt(i);
      quote = ch == ',' || ch == '"' || ch == '\r' || ch == '\n';
    }
    if (!quote) {
      out.write(s);
      return;
    }
    out.write('"');
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '"') {
        out.write(s, from, i + 1 - from);
        out.write('"');
        from = i + 1;
      }
    }
    out.write(s, from, s.length() - from);
    out.write('"');
  }

  /**
   * Reads records written by {@link #writeHeader} and {@link #writeRow}; columns are found by
   * the header's names.
   *
   * @throws IllegalArgumentException when the text is malformed, naming the line
   */
  public static List<GenerationRecord> read(Reader in) throws IOException {
    CsvParser parser = new CsvParser(in);
    List<Field> first = parser.row();
    if (first == null) {
      return List.of();
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < first.size(); i++) {
      index.put(first.get(i).value, i);
    }
    for (String required : List.of("id", "created_at", "model")) {
      if (!index.containsKey(required)) {
        throw new IllegalArgumentException("line 1: the header has no '" + required + "' column");
      }
    }
    List<GenerationRecord> out = new ArrayList<>();
    List<Field> row;
    while ((row = parser.row()) != null) {
      int line = parser.rowLine;
      if (row.size() == 1 && row.get(0).value == null) {
        continue; // a blank line
      }
      if (row.size() != first.size()) {
        throw new IllegalArgumentException(
            "line " + line + ": " + row.size() + " fields, the header has " + first.size());
      }
      try {
        out.add(record(row, index));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("line " + line + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static GenerationRecord record(List<Field> row, Map<String, Integer> index) {
    Row r = new Row(row, index);
    GenerationRecord.Builder b = GenerationRecord.builder()
        .id(r.s("id"))
        .createdAt(Instant.parse(r.s("created_at")))
        .model(r.s("model"))
        .provider(r.s("provider"))
        .endpoint(r.s("endpoint"))
        .workspace(r.s("workspace"))
        .keyLabel(r.s("key_label"))
        .user(r.s("user"))
        .tags(RecordJson.tagsFromJson(r.s("tags")))
        .streamed(r.bool("streamed"))
        .cancelled(r.bool("cancelled"))
        .finishReason(RecordJson.finishReason(r.s("finish_reason")))
        .nativeFinishReason(r.s("native_finish_reason"))
        .promptTokens(r.i("prompt_tokens"))
        .completionTokens(r.i("completion_tokens"))
        .reasoningTokens(r.i("reasoning_tokens"))
        .cachedTokens(r.i("cached_tokens"))
        .cacheWriteTokens(r.i("cache_write_tokens"))
        .tokensEstimated(r.bool("tokens_estimated"))
        .cost(new Cost(r.d("cost_prompt"), r.d("cost_completion"), r.d("cost_reasoning"),
            r.d("cost_cache_read"), r.d("cost_cache_write"), r.d("cost_request"),
            r.d("cost_image"), r.d("cost_web_search"), r.d("cost_platform_fee"),
            r.bool("cost_estimated")))
        .attempts(RecordJson.attemptsFromJson(r.s("attempts")))
        .promptText(r.s("prompt_text"))
        .completionText(r.s("completion_text"));
    String latency = r.s("latency_ms");
    if (latency != null) {
      b.latency(RecordJson.fromMillis(latency));
    }
    String ttft = r.s("time_to_first_token_ms");
    if (ttft != null) {
      b.timeToFirstToken(RecordJson.fromMillis(ttft));
    }
    String gen = r.s("generation_time_ms");
    if (gen != null) {
      b.generationTime(RecordJson.fromMillis(gen));
    }
    String tps = r.s("throughput");
    if (tps != null) {
      b.throughput(Double.parseDouble(tps));
    }
    return b.build();
  }

  /** A field's text and whether it was quoted (an unquoted empty field is null). */
  record Field(String value, boolean quoted) {}

  private static final class Row {
    private final List<Field> fields;
    private final Map<String, Integer> index;

    Row(List<Field> fields, Map<String, Integer> index) {
      this.fields = fields;
      this.index = index;
    }

    String s(String column) {
      Integer i = index.get(column);
      return i == null ? null : fields.get(i).value;
    }

    boolean bool(String column) {
      String v = s(column);
      if (v == null || v.equals("false")) {
        return false;
      }
      if (v.equals("true")) {
        return true;
      }
      throw new IllegalArgumentException(column + " is not true or false: '" + v + "'");
    }

    int i(String column) {
      String v = s(column);
      return v == null ? 0 : Integer.parseInt(v);
    }

    BigDecimal d(String column) {
      String v = s(column);
      return v == null ? BigDecimal.ZERO : new BigDecimal(v);
    }
  }

  /** An RFC 4180 reader that also accepts bare LF line ends. */
  static final class CsvParser {
    private final Reader in;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private int line = 1;
    int rowLine;

    CsvParser(Reader in) {
      this.in = in;
    }

    private int next() throws IOException {
      if (pos == len) {
        len = in.read(buf, 0, buf.length);
        pos = 0;
        if (len <= 0) {
          len = 0;
          return -1;
        }
      }
      return buf[pos++];
    }

    private int peek() throws IOException {
      int c = next();
      if (c >= 0) {
        pos--;
      }
      return c;
    }

    /** The next row, or null at the end. */
    List<Field> row() throws IOException {
      rowLine = line;
      int c = peek();
      if (c < 0) {
        return null;
      }
      List<Field> row = new ArrayList<>();
      StringBuilder sb = new StringBuilder();
      while (true) {
        sb.setLength(0);
        c = next();
        boolean quoted = false;
        if (c == '"') {
          quoted = true;
          while (true) {
            c = next();
            if (c < 0) {
              throw new IllegalArgumentException(
                  "line " + rowLine + ": unterminated quoted field");
            }
            if (c == '"') {
              if (peek() == '"') {
                next();
                sb.append('"');
              } else {
                break;
              }
            } else {
              if (c == '\n') {
                line++;
              }
              sb.append((char) c);
            }
          }
          c = next();
          if (c != ',' && c != '\r' && c != '\n' && c >= 0) {
            throw new IllegalArgumentException(
                "line " + line + ": text after a closing quote");
          }
        } else {
          while (c >= 0 && c != ',' && c != '\r' && c != '\n') {
            if (c == '"') {
              throw new IllegalArgumentException(
                  "line " + line + ": a quote inside an unquoted field");
            }
            sb.append((char) c);
            c = next();
          }
        }
        row.add(new Field(quoted || sb.length() > 0 ? sb.toString() : null, quoted));
        if (c == ',') {
          continue;
        }
        if (c == '\r') {
          if (peek() == '\n') {
            next();
          }
        }
        if (c == '\r' || c == '\n') {
          line++;
        }
        return row;
      }
    }
  }
}
