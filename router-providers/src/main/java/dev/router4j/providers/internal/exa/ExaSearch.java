package dev.router4j.providers.internal.exa;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.WebResult;
import dev.router4j.api.spi.WebSearch;
import dev.router4j.providers.internal.http.ErrorClassifier;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/** Exa's search API ({@code POST /search}, {@code x-api-key}) as a {@link WebSearch}. */
public final class ExaSearch implements WebSearch {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final JsonReader.Options RESULT =
      JsonReader.Options.of("url", "title", "text", "publishedDate");

  private final OkHttpClient client;
  private final HttpUrl searchUrl;
  private final String apiKey;
  private final int maxCharacters;
  private final ErrorClassifier errors = new ErrorClassifier();

  /** A search client for the given API root (https://api.exa.ai by default) and key. */
  public ExaSearch(OkHttpClient client, HttpUrl baseUrl, String apiKey, int maxCharacters) {
    this.client = client;
    this.searchUrl = baseUrl.newBuilder().addPathSegment("search").build();
    this.apiKey = apiKey;
    this.maxCharacters = maxCharacters;
  }

  @Override
  public List<WebResult> search(String query, int maxResults, Duration timeout) {
    Buffer body = new Buffer();
    try (JsonWriter w = JsonWriter.of(body)) {
      w.beginObject();
      w.name("query").value(query);
      w.name("numResults").value(maxResults);
      w.name("type").value("auto");
      w.name("contents").beginObject()
          .name("text").beginObject().name("maxCharacters").value(maxCharacters).endObject()
          .endObject();
      w.endObject();
    } catch (IOException e) {
      throw new RouterException(ErrorCategory.INVALID_REQUEST, "could not encode the search", e);
    }
    Request request = new Request.Builder().url(searchUrl)
        .header("x-api-key", apiKey)
        .header("Accept", "application/json")
        .post(RequestBody.create(body.readByteString(), JSON))
        .build();
    Call call = client.newCall(request);
    call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    try (Response response = call.execute()) {
      if (!response.isSuccessful()) {
        throw errors.classify(response, "exa", null);
      }
      return read(JsonReader.of(response.body().source()), maxResults);
    } catch (IOException e) {
      throw errors.classifyTransport(e, "exa", null);
    }
  }

  private static List<WebResult> read(JsonReader r, int max) throws IOException {
    List<WebResult> out = new ArrayList<>();
    try {
      r.beginObject();
      while (r.hasNext()) {
        if (!r.nextName().equals("results")) {
          r.skipValue();
          continue;
        }
        r.beginArray();
        while (r.hasNext()) {
          String url = null;
          String title = null;
          String text = null;
          String date = null;
          r.beginObject();
          while (r.hasNext()) {
            int field = r.selectName(RESULT);
            if (field < 0 || r.peek() == JsonReader.Token.NULL) {
              if (field < 0) {
                r.skipName();
              }
              r.skipValue();
              continue;
            }
            String v = r.nextString();
            switch (field) {
              case 0: url = v; break;
              case 1: title = v; break;
              case 2: text = v; break;
              default: date = v;
            }
          }
          r.endObject();
          if (url != null && out.size() < max) {
            out.add(new WebResult(url, title, text, date));
          }
        }
        r.endArray();
      }
      r.endObject();
    } catch (JsonDataException | JsonEncodingException e) {
      throw new MalformedResponseException(r.getPath(), "malformed Exa reply: " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public String toString() {
    return "ExaSearch[" + searchUrl + "]";
  }
}
