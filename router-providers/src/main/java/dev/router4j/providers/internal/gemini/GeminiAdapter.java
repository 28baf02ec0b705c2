package dev.router4j.providers.internal.gemini;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Embedding;
import dev.router4j.api.EmbeddingRequest;
import dev.router4j.api.EmbeddingResponse;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.providers.internal.http.ProviderHttp;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Google's Gemini API ({@code generativelanguage} v1beta) over OkHttp: {@code
 * models/{model}:generateContent}, {@code :streamGenerateContent?alt=sse}, {@code
 * :embedContent} and {@code :batchEmbedContents}. The key goes in the {@code x-goog-api-key}
 * header, never in the URL, so it cannot land in logs of URLs.
 *
 * <p>See {@link GeminiRequestWriter} for the request mapping, {@link GeminiDecoder} for the
 * reply, {@link GeminiSchemas} for tool schemas.
 */
public final class GeminiAdapter implements ProviderAdapter {
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final String provider;
  private final ProviderHttp http;
  private final HttpUrl baseUrl;
  private final Map<String, String> headers;

  /**
   * Creates the adapter.
   *
   * @param provider the provider slug, used in errors and answers
   * @param client the HTTP client
   * @param baseUrl the API root, for example {@code https://generativelanguage.googleapis.com/v1beta}
   * @param headers extra headers sent with every request
   * @param maxResponseBytes the most bytes read of one reply or stream
   */
  public GeminiAdapter(String provider, OkHttpClient client, HttpUrl baseUrl,
      Map<String, String> headers, long maxResponseBytes) {
    this.provider = provider;
    this.http = new ProviderHttp(client, provider, maxResponseBytes);
    this.baseUrl = baseUrl;
    // In the caller's order, the same on every run (Map.copyOf's order changes between JVMs).
    this.headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
  }

  @Override
  public String protocol() {
    return "gemini";
  }

  @Override
  public ChatResponse chat(ProviderCall call) {
    Endpoint endpoint = call.endpoint();
    Map<String, Object> body =
        GeminiRequestWriter.body(call.request(), endpoint.upstreamModel());
    Request request = request(url(endpoint.upstreamModel(), "generateContent", false), body,
        call.credential(), false);
    return http.execute(request, call, response -> new GeminiDecoder(provider).response(
        parse(response)));
  }

  @Override
  public StreamHandle stream(ProviderCall call, ChunkListener listener) {
    return streamCall(call, listener).start();
  }

  /** The same stream, unsent: the router's consumer reads it on its own thread. */
  @Override
  public StreamHandle openStream(ProviderCall call, ChunkListener listener) {
    return streamCall(call, listener);
  }

  private GeminiStreamCall streamCall(ProviderCall call, ChunkListener listener) {
    Endpoint endpoint = call.endpoint();
    Map<String, Object> body =
        GeminiRequestWriter.body(call.request(), endpoint.upstreamModel());
    Request request = request(url(endpoint.upstreamModel(), "streamGenerateContent", true), body,
        call.credential(), true);
    return new GeminiStreamCall(http, request, call, listener, new GeminiDecoder(provider));
  }

  /**
   * Embeds with {@code :embedContent} for one text and {@code :batchEmbedContents} for
   * several, vectors in the order of the texts. Gemini reports no usage, so the answer has
   * none. {@code dimensions} is sent as {@code outputDimensionality}; the extra fields {@code
   * taskType} and {@code title} pass through.
   */
  @Override
  public EmbeddingResponse embed(
      EmbeddingRequest request, Endpoint endpoint, Credential credential, Duration timeout) {
    String upstream = endpoint.upstreamModel();
    List<String> input = request.input();
    boolean single = input.size() == 1;
    Map<String, Object> body = new LinkedHashMap<>();
    if (single) {
      body.putAll(embedRequest(request, input.get(0), null));
    } else {
      List<Object> requests = new ArrayList<>();
      String modelRef = modelPath(upstream);
      for (String text : input) {
        requests.add(embedRequest(request, text, modelRef));
      }
      body.put("requests", requests);
    }
    Request post = request(url(upstream, single ? "embedContent" : "batchEmbedContents", false),
        body, credential, false);
    return http.execute(post, timeout, endpoint.model(), credential, response -> {
      Map<String, Object> root = GeminiJson.object(parse(response));
      if (root == null) {
        throw GeminiDecoder.malformed("$", "the reply is not a JSON object");
      }
      List<Embedding> data = new ArrayList<>();
      if (single) {
        data.add(new Embedding(0, values(root.get("embedding"), "$.embedding")));
      } else {
        List<?> list = GeminiJson.array(root.get("embeddings"));
        if (list == null || list.size() != input.size()) {
          throw GeminiDecoder.malformed("$.embeddings", "expected " + input.size()
              + " embeddings, got " + (list == null ? "none" : list.size()));
        }
        for (int i = 0; i < list.size(); i++) {
          data.add(new Embedding(i, values(list.get(i), "$.embeddings[" + i + "]")));
        }
      }
      return new EmbeddingResponse(GeminiRequestWriter.modelName(upstream), provider, data, null,
          null);
    });
  }

  private static Map<String, Object> embedRequest(
      EmbeddingRequest request, String text, String modelRef) {
    Map<String, Object> r = new LinkedHashMap<>();
    if (modelRef != null) {
      r.put("model", modelRef);
    }
    r.put("content", Map.of("parts", List.of(Map.of("text", text))));
    Object taskType = request.extra().get("taskType");
    if (taskType != null) {
      r.put("taskType", taskType);
    }
    Object title = request.extra().get("title");
    if (title != null) {
      r.put("title", title);
    }
    if (request.dimensions() != null) {
      r.put("outputDimensionality", request.dimensions());
    }
    return r;
  }

  private static float[] values(Object embedding, String path) {
    Map<String, Object> e = GeminiJson.object(embedding);
    List<?> values = e == null ? null : GeminiJson.array(e.get("values"));
    if (values == null) {
      throw GeminiDecoder.malformed(path + ".values", "an embedding needs its values");
    }
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(values.get(i) instanceof BigDecimal d)) {
        throw GeminiDecoder.malformed(path + ".values[" + i + "]", "not a number");
      }
      out[i] = d.floatValue();
    }
    return out;
  }

  /** Parses a reply body; a read failure stays an IOException (a transport failure). */
  private Object parse(Response response) throws IOException {
    try {
      return JsonTrees.parse(http.body(response));
    } catch (JsonDataException | JsonEncodingException e) {
      throw new MalformedResponseException("$", "malformed Gemini reply: " + e.getMessage(), e);
    }
  }

  /** {@code models/{model}}, or the name as given when it already names a resource path. */
  static String modelPath(String upstreamModel) {
    return upstreamModel.contains("/") ? upstreamModel : "models/" + upstreamModel;
  }

  HttpUrl url(String upstreamModel, String method, boolean sse) {
    HttpUrl.Builder b = baseUrl.newBuilder()
        .addPathSegments(modelPath(upstreamModel) + ":" + method);
    if (sse) {
      b.addQueryParameter("alt", "sse");
    }
    return b.build();
  }

  private Request request(
      HttpUrl url, Map<String, Object> body, Credential credential, boolean stream) {
    Request.Builder b = ProviderHttp.post(url, http.json(() -> body, true, JSON), stream);
    if (credential != null) {
      b.header("x-goog-api-key", credential.secret());
    }
    headers.forEach(b::header);
    return b.build();
  }

  @Override
  public String toString() {
    return "GeminiAdapter[" + provider + ", " + baseUrl + "]";
  }
}
