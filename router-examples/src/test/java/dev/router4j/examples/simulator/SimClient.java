package dev.router4j.examples.simulator;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/** A plain OkHttp client for the simulator tests, with JSON and SSE helpers. */
final class SimClient implements AutoCloseable {
  static final MediaType JSON = MediaType.get("application/json");

  /** One server-sent event. */
  record Sse(String event, String data, long atNanos) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return (Map<String, Object>) parse(data);
    }
  }

  final OkHttpClient http;

  SimClient() {
    this(10_000);
  }

  SimClient(long readTimeoutMillis) {
    http = new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .readTimeout(readTimeoutMillis, TimeUnit.MILLISECONDS)
        .callTimeout(30, TimeUnit.SECONDS)
        .build();
  }

  Response post(String url, String body, String... headers) throws IOException {
    Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.newCall(b.build()).execute();
  }

  /** Reads all events until EOF; an IOException mid-way propagates. */
  static List<Sse> events(Response response) throws IOException {
    List<Sse> out = new ArrayList<>();
    readEvents(response, out);
    return out;
  }

  /** Reads events into {@code out} until EOF or failure; returns the failure, or null. */
  static IOException readEvents(Response response, List<Sse> out) {
    try {
      BufferedSource source = response.body().source();
      String event = null;
      StringBuilder data = null;
      String line;
      while ((line = source.readUtf8Line()) != null) {
        if (line.endsWith("\r")) {
          line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
          if (data != null) {
            out.add(new Sse(event, data.toString(), System.nanoTime()));
          }
          event = null;
          data = null;
        } else if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          String d = line.substring(5);
          d = d.startsWith(" ") ? d.substring(1) : d;
          data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
        }
      }
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  static Object parse(String json) {
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      Object v = reader.readJsonValue();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new IllegalArgumentException("trailing data in " + json);
      }
      return v;
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(String json) {
    return (Map<String, Object>) parse(json);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object node) {
    return (Map<String, Object>) node;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object node) {
    return (List<Object>) node;
  }

  /** Follows a path of keys and list indexes. */
  static Object at(Object node, Object... path) {
    Object v = node;
    for (Object p : path) {
      v = p instanceof Integer ? list(v).get((Integer) p) : obj(v).get(p);
    }
    return v;
  }

  static int num(Object node, Object... path) {
    return ((Number) at(node, path)).intValue();
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
