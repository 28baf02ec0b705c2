package dev.router4j.api;

import dev.router4j.api.internal.Checks;

/**
 * A prompt-caching breakpoint on a text part ({@code cache_control}), as Anthropic and
 * OpenRouter accept it.
 *
 * @param type the cache type, {@code "ephemeral"}
 * @param ttl {@code "5m"} or {@code "1h"}, or null for the provider's default
 */
public record CacheControl(String type, String ttl) {
  /** The default ephemeral breakpoint. */
  public static final CacheControl EPHEMERAL = new CacheControl("ephemeral", null);

  /** Checks the fields. */
  public CacheControl {
    Checks.required(type, "cache_control.type");
    if (ttl != null && !ttl.equals("5m") && !ttl.equals("1h")) {
      throw new dev.router4j.api.error.InvalidRequestException(
          "cache_control.ttl", "must be \"5m\" or \"1h\", was \"" + ttl + "\"");
    }
  }

  /** An ephemeral breakpoint with the given time to live ({@code "5m"} or {@code "1h"}). */
  public static CacheControl ephemeral(String ttl) {
    return new CacheControl("ephemeral", ttl);
  }
}
