package dev.router4j.api;

import dev.router4j.api.internal.Checks;
import java.util.Map;
import java.util.Objects;

/**
 * One answer in a {@link ChatResponse}.
 *
 * @param index the choice's position
 * @param message the assistant message
 * @param finishReason the normalized finish reason, or null
 * @param nativeFinishReason the provider's own finish reason, or null
 * @param logprobs the log probabilities as a JSON tree, or null
 * @param extra other fields, kept for the round trip
 */
public record Choice(
    int index,
    Message message,
    FinishReason finishReason,
    String nativeFinishReason,
    Object logprobs,
    Map<String, Object> extra) {

  /** Checks and copies the fields. */
  public Choice {
    Objects.requireNonNull(message, "message");
    logprobs = Checks.jsonValue(logprobs);
    extra = Checks.jsonObject(extra);
  }

  /** A choice with a message and its finish reasons. */
  public static Choice of(Message message, FinishReason finishReason, String nativeFinishReason) {
    return new Choice(0, message, finishReason, nativeFinishReason, null, null);
  }
}
