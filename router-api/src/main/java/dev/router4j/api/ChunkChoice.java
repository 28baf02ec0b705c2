package dev.router4j.api;

import dev.router4j.api.internal.Checks;
import java.util.Map;
import java.util.Objects;

/**
 * One choice's part of a stream chunk.
 *
 * @param index the choice's position
 * @param delta what this chunk adds
 * @param finishReason the normalized finish reason (last chunk of the choice), or null
 * @param nativeFinishReason the provider's own finish reason, or null
 * @param logprobs the log probabilities as a JSON tree, or null
 * @param extra other fields, kept for the round trip
 */
public record ChunkChoice(
    int index,
    Delta delta,
    FinishReason finishReason,
    String nativeFinishReason,
    Object logprobs,
    Map<String, Object> extra) {

  /** Checks and copies the fields. */
  public ChunkChoice {
    Objects.requireNonNull(delta, "delta");
    logprobs = Checks.jsonValue(logprobs);
    extra = Checks.jsonObject(extra);
  }
}
