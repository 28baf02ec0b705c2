package dev.router4j.api;

import dev.router4j.api.internal.Checks;
import java.util.List;
import java.util.Map;

/**
 * One chunk of a streamed answer ({@code chat.completion.chunk}). The last chunk before the
 * end usually has no choices and carries the {@link #usage()}.
 *
 * @param id the generation id
 * @param object the object type, {@code chat.completion.chunk}, or null
 * @param created creation time in Unix seconds, or null
 * @param model the model answering
 * @param provider the provider answering, or null
 * @param choices each choice's delta
 * @param systemFingerprint the provider's configuration fingerprint, or null
 * @param usage the token counts (final chunk), or null
 * @param error an error reported mid-stream, or null
 * @param extra other fields, kept for the round trip
 */
public record ChatChunk(
    String id,
    String object,
    Long created,
    String model,
    String provider,
    List<ChunkChoice> choices,
    String systemFingerprint,
    Usage usage,
    StreamError error,
    Map<String, Object> extra) {

  /** Copies the lists. */
  public ChatChunk {
    choices = Checks.list(choices, "choices");
    extra = Checks.jsonObject(extra);
  }

  /** The first choice's content piece, empty when none. */
  public String text() {
    if (choices.isEmpty()) {
      return "";
    }
    String c = choices.get(0).delta().content();
    return c == null ? "" : c;
  }

  /** The first choice's finish reason, or null. */
  public FinishReason finishReason() {
    return choices.isEmpty() ? null : choices.get(0).finishReason();
  }
}
