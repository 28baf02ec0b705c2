package dev.router4j.providers;

import dev.router4j.api.spi.Provider;
import dev.router4j.providers.internal.openai.AuthStyle;
import dev.router4j.providers.internal.openai.OpenAiChatAdapter;
import dev.router4j.providers.internal.openai.OpenAiDialect;
import dev.router4j.providers.internal.openai.Preset;
import java.util.List;
import java.util.TreeSet;

/**
 * Any host that speaks OpenAI's Chat Completions protocol: a preset for a known host, or a
 * base URL and a key for any other. No code is needed for a new host.
 *
 * <pre>{@code
 * Provider groq = OpenAiCompatible.preset("groq").apiKey(System.getenv("GROQ_API_KEY")).build();
 * Provider mine = OpenAiCompatible.builder("my-vllm")
 *     .baseUrl("http://10.0.0.5:8000/v1").allowPlainHttp()
 *     .model("meta-llama/llama-3.3-70b-instruct", Pricing.FREE)
 *     .build();
 * }</pre>
 */
public final class OpenAiCompatible {
  private OpenAiCompatible() {}

  /** A builder for a host not among the presets; set its base URL. */
  public static Builder builder(String slug) {
    return new Builder(slug, slug, null, AuthStyle.BEARER, OpenAiDialect.OPEN_MODELS);
  }

  /**
   * A builder preset for a known host: {@code openai}, {@code openrouter}, {@code groq},
   * {@code together}, {@code deepseek}, {@code mistral}, {@code fireworks}, {@code xai},
   * {@code perplexity}, {@code cerebras}, {@code deepinfra}, {@code ollama}, {@code vllm},
   * {@code lmstudio}, {@code llamacpp}.
   *
   * @throws IllegalArgumentException for an unknown preset, listing the known ones
   */
  public static Builder preset(String slug) {
    Preset p = Preset.ALL.get(slug);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown preset '" + slug + "'; known: " + new TreeSet<>(Preset.ALL.keySet()));
    }
    return new Builder(p.slug(), p.name(), p.baseUrl(), p.auth(), p.dialect());
  }

  /** The names of the presets. */
  public static List<String> presets() {
    return List.copyOf(new TreeSet<>(Preset.ALL.keySet()));
  }

  /** Builds a {@link Provider} for an OpenAI-compatible host. Not thread-safe. */
  public static final class Builder extends ProviderBuilder<Builder> {
    private AuthStyle auth;
    private final OpenAiDialect dialect;

    private Builder(String slug, String name, String baseUrl, AuthStyle auth, OpenAiDialect dialect) {
      super(slug, name, baseUrl);
      this.auth = auth;
      this.dialect = dialect;
    }

    /** Sends the key in an {@code api-key} header instead of {@code Authorization: Bearer}. */
    public Builder apiKeyHeader() {
      this.auth = AuthStyle.API_KEY_HEADER;
      return this;
    }

    /** Sends no key. */
    public Builder noAuth() {
      this.auth = AuthStyle.NONE;
      return this;
    }

    /**
     * Builds the provider.
     *
     * @throws IllegalStateException when no base URL is set, or the URL is plain HTTP on a
     *     non-loopback host without {@link #allowPlainHttp()}
     */
    @Override
    public Provider build() {
      return provider(new OpenAiChatAdapter(slug, client, checkedBaseUrl(), dialect, auth, headers));
    }
  }
}
