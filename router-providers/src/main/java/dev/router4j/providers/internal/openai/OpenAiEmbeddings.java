package dev.router4j.providers.internal.openai;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import dev.router4j.api.Embedding;
import dev.router4j.api.EmbeddingRequest;
import dev.router4j.api.EmbeddingResponse;
import dev.router4j.api.Usage;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;

/**
 * The embeddings endpoint ({@code POST {base}/embeddings}): the request body, and the reply's
 * vectors, given as JSON numbers ({@code encoding_format: float}) or as base64 of
 * little-endian 32-bit floats ({@code base64}), both decoded.
 */
final class OpenAiEmbeddings {
  private OpenAiEmbeddings() {}

  /**
   * {@code {model, input, encoding_format?, dimensions?, user?}} plus the request's extra
   * fields; one text is sent as a string, several as an array.
   */
  static Map<String, Object> body(EmbeddingRequest request, String wireModel) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("model", wireModel);
    List<String> input = request.input();
    b.put("input", input.size() == 1 ? input.get(0) : new ArrayList<>(input));
    if (request.encodingFormat() != null) {
      b.put("encoding_format", request.encodingFormat());
    }
    if (request.dimensions() != null) {
      b.put("dimensions", request.dimensions());
    }
    if (request.user() != null) {
      b.put("user", request.user());
    }
    for (Map.Entry<String, Object> e : request.extra().entrySet()) {
      b.putIfAbsent(e.getKey(), e.getValue());
    }
    return b;
  }

  /**
   * Reads the reply: the vectors in the order of the texts (by their {@code index}), the model
   * that answered (the wire model when the reply names none) and the usage.
   *
   * @throws MalformedResponseException naming the JSON path of what is wrong, also when the
   *     reply holds a different number of vectors than texts were sent
   */
  static EmbeddingResponse read(BufferedSource source, int expected, String wireModel,
      String provider) {
    JsonReader r = JsonReader.of(source);
    Object tree;
    try {
      tree = JsonTrees.read(r);
    } catch (JsonDataException | JsonEncodingException e) {
      throw new MalformedResponseException(r.getPath(), "malformed embeddings reply: "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new MalformedResponseException(r.getPath(), "unreadable embeddings reply: "
          + e.getMessage(), e);
    }
    if (!(tree instanceof Map<?, ?> root)) {
      throw new MalformedResponseException("$", "an embeddings reply must be a JSON object", null);
    }
    if (!(root.get("data") instanceof List<?> data)) {
      throw new MalformedResponseException("$.data", "an embeddings reply needs a data array", null);
    }
    if (data.size() != expected) {
      throw new MalformedResponseException("$.data",
          "expected " + expected + " embedding(s), got " + data.size(), null);
    }
    Embedding[] vectors = new Embedding[expected];
    for (int i = 0; i < data.size(); i++) {
      String path = "$.data[" + i + "]";
      if (!(data.get(i) instanceof Map<?, ?> item)) {
        throw new MalformedResponseException(path, "an embedding must be an object", null);
      }
      int index = i;
      if (item.get("index") instanceof BigDecimal n) {
        index = n.intValue();
      }
      if (index < 0 || index >= expected || vectors[index] != null) {
        throw new MalformedResponseException(path + ".index",
            "index " + index + " is out of range or repeated", null);
      }
      vectors[index] = new Embedding(index, vector(item.get("embedding"), path + ".embedding"));
    }
    String model = root.get("model") instanceof String m && !m.isEmpty() ? m : wireModel;
    return new EmbeddingResponse(model, provider, List.of(vectors), usage(root.get("usage")), null);
  }

  private static float[] vector(Object value, String path) {
    if (value instanceof String base64) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(base64.strip());
      } catch (IllegalArgumentException e) {
        throw new MalformedResponseException(path, "not base64: " + e.getMessage(), e);
      }
      if (bytes.length % Float.BYTES != 0) {
        throw new MalformedResponseException(path,
            bytes.length + " bytes do not make 32-bit floats", null);
      }
      float[] out = new float[bytes.length / Float.BYTES];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      return out;
    }
    if (value instanceof List<?> numbers) {
      float[] out = new float[numbers.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(numbers.get(i) instanceof BigDecimal d)) {
          throw new MalformedResponseException(path + "[" + i + "]", "not a number", null);
        }
        out[i] = d.floatValue();
      }
      return out;
    }
    throw new MalformedResponseException(path, "an embedding is an array of numbers or base64",
        null);
  }

  private static Usage usage(Object value) {
    if (!(value instanceof Map<?, ?> u)) {
      return null;
    }
    Integer prompt = integer(u.get("prompt_tokens"));
    Integer total = integer(u.get("total_tokens"));
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : u.entrySet()) {
      String k = String.valueOf(e.getKey());
      if (!k.equals("prompt_tokens") && !k.equals("total_tokens")) {
        extra.put(k, e.getValue());
      }
    }
    return Usage.builder().promptTokens(prompt).completionTokens(0)
        .totalTokens(total != null ? total : prompt).extra(extra).build();
  }

  private static Integer integer(Object o) {
    return o instanceof BigDecimal d ? d.intValue() : null;
  }
}
