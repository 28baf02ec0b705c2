package dev.router4j.api;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.internal.Checks;
import java.util.List;
import java.util.Map;

/**
 * A request for embedding vectors of one or more texts.
 *
 * @param model the model slug
 * @param input the texts, at least one
 * @param dimensions the vector size, for models that can shorten it, or null
 * @param encodingFormat {@code float} or {@code base64}, or null
 * @param user an end-user id, or null
 * @param extra other fields, passed through
 */
public record EmbeddingRequest(
    String model, List<String> input, Integer dimensions, String encodingFormat, String user,
    Map<String, Object> extra) {

  /** Checks the fields. */
  public EmbeddingRequest {
    Checks.required(model, "model");
    input = Checks.list(input, "input");
    if (input.isEmpty()) {
      throw new InvalidRequestException("input", "must hold at least one text");
    }
    Checks.atLeast(dimensions, 1, "dimensions");
    extra = Checks.jsonObject(extra);
  }

  /** Embeds the given texts with the given model. */
  public static EmbeddingRequest of(String model, String... texts) {
    return new EmbeddingRequest(model, List.of(texts), null, null, null, null);
  }
}
