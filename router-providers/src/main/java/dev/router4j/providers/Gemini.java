package dev.router4j.providers;

import dev.router4j.api.spi.Provider;
import dev.router4j.providers.internal.gemini.GeminiAdapter;

/**
 * Google's Gemini API (generativelanguage.googleapis.com, the API of Google AI Studio),
 * protocol {@code gemini}: {@code generateContent}, {@code streamGenerateContent} and the
 * embedding methods. The key travels in the {@code x-goog-api-key} header, never in the URL.
 *
 * <pre>{@code
 * Router.builder().provider(Gemini.apiKey(System.getenv("GEMINI_API_KEY")))...
 * }</pre>
 */
public final class Gemini {
  /** The provider slug, as in OpenRouter's catalog. */
  public static final String SLUG = "google-ai-studio";

  /** The default API root. */
  public static final String BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

  private Gemini() {}

  /** Gemini with one key, serving the models of the router's catalog. */
  public static Provider apiKey(String key) {
    return builder().apiKey(key).build();
  }

  /** A builder for the Gemini API, to add keys, models, headers or a custom client. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Provider} for the Gemini API. Not thread-safe. */
  public static final class Builder extends ProviderBuilder<Builder> {
    private Builder() {
      super(SLUG, "Google AI Studio", BASE_URL);
    }

    /**
     * Builds the provider.
     *
     * @throws IllegalStateException when the base URL is not http(s), or is plain HTTP on a
     *     non-loopback host without {@link #allowPlainHttp()}
     */
    @Override
    public Provider build() {
      return provider(
          new GeminiAdapter(slug, client, checkedBaseUrl(), headers, maxResponseBytes));
    }
  }
}
