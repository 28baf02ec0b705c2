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
import dev.router4j.providers.internal.http.BodyLimit;
import dev.router4j.providers.internal.http.ErrorClassifier;
import dev.router4j.providers.internal.http.ProviderHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

/** Exa's search API ({@code POST /search}, {@code x-api-key}) as a {@link WebSearch}. */
public final class ExaSearch implements WebSearch {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final JsonReader.Options RESULT =
      JsonReader.Options.of("url", "title", "text", "publishedDate");

  private final ProviderHttp http;
  private final HttpUrl searchUrl;
  private final String apiKey;
  private final int maxCharacters;

  /** A search client for the given API root (https://api.exa.ai by default) and key. */
  public ExaSearch(OkHttpClient client, HttpUrl baseUrl, String apiKey, int maxCharacters) {
    // The key is fixed for every search: every error is scrubbed of it.
    this.http = new ProviderHttp(client, "exa", new ErrorClassifier().redacting(apiKey),
        BodyLimit.DEFAULT_MAX_BYTES);
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
    Request request = ProviderHttp.post(searchUrl,
            RequestBody.create(body.readByteString(), JSON), false)
        .header("x-api-key", apiKey)
        .build();
    return http.execute(request, timeout, null, null,
        response -> read(JsonReader.of(http.body(response)), maxResults));
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
