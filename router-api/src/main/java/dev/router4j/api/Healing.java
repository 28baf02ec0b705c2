package dev.router4j.api;

import dev.router4j.api.internal.Checks;
import java.util.List;

/**
 * What the router repaired in an answer before returning it: malformed JSON content, tool-call
 * arguments, or a value coerced to the requested schema. An answer that needed nothing has no
 * {@code Healing} ({@link ChatResponse#healing()} is null).
 *
 * @param content whether the message content was changed
 * @param toolCalls how many tool calls had their arguments changed
 * @param truncated whether the content was cut off ({@code finish_reason: length}, or a
 *     document closed at the cut); a truncated answer is reported as such even when healed
 * @param repairs one line per repair, e.g. {@code TRAILING_COMMA at 41: removed a trailing comma}
 */
public record Healing(boolean content, int toolCalls, boolean truncated, List<String> repairs) {
  /** Copies the repairs. */
  public Healing {
    repairs = Checks.list(repairs, "repairs");
  }
}
