package dev.router4j.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The baseline of every routing benchmark: what a hand-written client does with the same
 * OkHttp 5 and Moshi that router4j uses. It builds the Chat Completions request as a small
 * Java object, writes it with Moshi, POSTs it, and reads the answer into Java objects (text,
 * finish reason, usage); the streaming twin reads the SSE body line by line and parses each
 * {@code data:} payload with Moshi. No routing, retries, pricing or records.
 */
public final class RawClient {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** The request body. Moshi leaves out null fields. */
  static final class CompletionRequest {
    String model;
    List<Message> messages;
    Boolean stream;
    StreamOptions stream_options;
  }

  /** A message, or a streamed delta. */
  static final class Message {
    String role;
    String content;

    Message() {}

    Message(String role, String content) {
      this.role = role;
      this.content = content;
    }
  }

  /** {@code stream_options}. */
  static final class StreamOptions {
    boolean include_usage;
  }

  /** A completion, or a streamed chunk. */
  static final class Completion {
    String id;
    String model;
    List<Choice> choices;
    Usage usage;
  }

  /** One choice. */
  static final class Choice {
    int index;
    Message message;
    Message delta;
    String finish_reason;
  }

  /** The usage. */
  static final class Usage {
    int prompt_tokens;
    int completion_tokens;
    int total_tokens;
  }

  /** What a streamed answer came to. */
  public record Streamed(String text, int chunks, int completionTokens, long firstChunkNanos) {}

  private final OkHttpClient http;
  private final String url;
  private final String authorization;
  private final JsonAdapter<CompletionRequest> requestAdapter;
  private final JsonAdapter<Completion> completionAdapter;

  /**
   * A client of one OpenAI-compatible base URL.
   *
   * @param http the OkHttp client (its connection pool is reused between calls)
   * @param baseUrl for example {@code http://127.0.0.1:PORT/primary/v1}
   * @param key the bearer key
   */
  public RawClient(OkHttpClient http, String baseUrl, String key) {
    this.http = http;
    this.url = baseUrl + "/chat/completions";
    this.authorization = "Bearer " + key;
    Moshi moshi = new Moshi.Builder().build();
    this.requestAdapter = moshi.adapter(CompletionRequest.class);
    this.completionAdapter = moshi.adapter(Completion.class);
  }

  private Request request(String model, String prompt, boolean stream) {
    CompletionRequest body = new CompletionRequest();
    body.model = model;
    body.messages = List.of(new Message("user", prompt));
    if (stream) {
      body.stream = Boolean.TRUE;
      body.stream_options = new StreamOptions();
      body.stream_options.include_usage = true;
    }
    return new Request.Builder().url(url)
        .header("Authorization", authorization)
        .header("Accept", stream ? "text/event-stream" : "application/json")
        .post(RequestBody.create(requestAdapter.toJson(body), JSON))
        .build();
  }

  /**
   * One non-streamed call.
   *
   * @return the answer's text
   * @throws IllegalStateException for a status other than 200
   */
  public String chat(String model, String prompt) {
    try (Response response = http.newCall(request(model, prompt, false)).execute()) {
      ResponseBody body = response.body();
      if (response.code() != 200) {
        throw new IllegalStateException("HTTP " + response.code() + ": " + body.string());
      }
      Completion c = completionAdapter.fromJson(body.source());
      Choice first = c.choices.get(0);
      if (c.usage == null || first.finish_reason == null) {
        throw new IllegalStateException("incomplete answer");
      }
      return first.message.content;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One non-streamed call that may fail: its HTTP status (the body is read and dropped).
   */
  public int status(String model, String prompt) {
    try (Response response = http.newCall(request(model, prompt, false)).execute()) {
      response.body().source().readByteString();
      return response.code();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One streamed call, read to {@code data: [DONE]}.
   *
   * @return the text, the number of chunks with content, the usage's completion tokens and the
   *     time from the call to the first chunk with content
   */
  public Streamed stream(String model, String prompt) {
    long start = System.nanoTime();
    long first = 0;
    StringBuilder text = new StringBuilder();
    int chunks = 0;
    int completionTokens = -1;
    try (Response response = http.newCall(request(model, prompt, true)).execute()) {
      if (response.code() != 200) {
        throw new IllegalStateException("HTTP " + response.code());
      }
      BufferedSource source = response.body().source();
      String line;
      boolean done = false;
      while ((line = source.readUtf8Line()) != null) {
        if (!line.startsWith("data:")) {
          continue; // blank separators, comments, other fields
        }
        String data = line.substring(line.charAt(5) == ' ' ? 6 : 5);
        if (data.equals("[DONE]")) {
          done = true;
          break;
        }
        Completion c = completionAdapter.fromJson(data);
        if (c.usage != null) {
          completionTokens = c.usage.completion_tokens;
        }
        if (c.choices != null && !c.choices.isEmpty()) {
          Message d = c.choices.get(0).delta;
          if (d != null && d.content != null && !d.content.isEmpty()) {
            if (chunks++ == 0) {
              first = System.nanoTime() - start;
            }
            text.append(d.content);
          }
        }
      }
      if (!done) {
        throw new IllegalStateException("stream ended before [DONE]");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Streamed(text.toString(), chunks, completionTokens, first);
  }
}
