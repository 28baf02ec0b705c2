package dev.router4j.api;

import dev.router4j.api.cost.Cost;
import dev.router4j.api.internal.Checks;
import java.util.List;

/**
 * Embedding vectors, in the order of the request's texts.
 *
 * @param model the model that answered
 * @param provider the provider that answered, or null
 * @param data the vectors
 * @param usage the token counts, or null
 * @param cost the computed cost, or null
 */
public record EmbeddingResponse(
    String model, String provider, List<Embedding> data, Usage usage, Cost cost) {
  /** Copies the vectors. */
  public EmbeddingResponse {
    data = Checks.list(data, "data");
  }
}
