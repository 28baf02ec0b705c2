package dev.router4j.providers;

import dev.router4j.api.spi.Provider;

/**
 * OpenAI's own API (api.openai.com), Chat Completions.
 *
 * <pre>{@code
 * Router.builder().provider(OpenAi.apiKey(System.getenv("OPENAI_API_KEY")))...
 * }</pre>
 */
public final class OpenAi {
  private OpenAi() {}

  /** OpenAI with one key, serving the models of the router's catalog. */
  public static Provider apiKey(String key) {
    return builder().apiKey(key).build();
  }

  /** A builder preset for api.openai.com, to add keys, models or a custom client. */
  public static OpenAiCompatible.Builder builder() {
    return OpenAiCompatible.preset("openai");
  }
}
