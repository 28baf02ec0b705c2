package dev.router4j.providers.internal.openai;

/** How an OpenAI-compatible host takes its key. */
public enum AuthStyle {
  /** {@code Authorization: Bearer <key>}. */
  BEARER,
  /** {@code api-key: <key>} (Azure OpenAI). */
  API_KEY_HEADER,
  /** No key (local servers). */
  NONE
}
