package dev.router4j.providers;

import dev.router4j.api.spi.Provider;
import dev.router4j.providers.internal.openai.AuthStyle;
import dev.router4j.providers.internal.openai.OpenAiChatAdapter;
import dev.router4j.providers.internal.openai.OpenAiDialect;
import dev.router4j.providers.internal.openai.Preset;
import java.util.List;
import java.util.Objects;
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
 *
 * <p>Each preset knows its host's quirks (fields it rejects or names differently: Mistral's
 * {@code random_seed}, Groq's missing logprobs, DeepSeek's {@code max_tokens}, Perplexity's
 * missing tools...) and leaves out what the host would refuse. A host built with
 * {@link #builder(String)} gets the generic open-model dialect: {@code max_tokens}, the
 * extended sampling parameters, {@code stream_options.include_usage}, developer messages sent
 * as system messages; {@link Builder#like(String)} gives it a preset's quirks instead.
 *
 * <p>Every provider built here also offers embeddings ({@code POST {base}/embeddings}).
 */
public final class OpenAiCompatible {
  private OpenAiCompatible() {}

  /** A builder for a host not among the presets; set its base URL. */
  public static Builder builder(String slug) {
    Objects.requireNonNull(slug, "slug");
    return new Builder(slug, slug, null, AuthStyle.BEARER, OpenAiDialect.OPEN_MODELS, null);
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
    Preset p = known(slug);
    return new Builder(p.slug(), p.name(), p.baseUrl(), p.auth(), p.dialect(),
        p.needsKey() ? p.baseUrl() : null);
  }

  /** The names of the presets. */
  public static List<String> presets() {
    return List.copyOf(new TreeSet<>(Preset.ALL.keySet()));
  }

  private static Preset known(String slug) {
    Preset p = Preset.ALL.get(Objects.requireNonNull(slug, "preset"));
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown preset '" + slug + "'; known: " + new TreeSet<>(Preset.ALL.keySet()));
    }
    return p;
  }

  /** Builds a {@link Provider} for an OpenAI-compatible host. Not thread-safe. */
  public static final class Builder extends ProviderBuilder<Builder> {
    private AuthStyle auth;
    private OpenAiDialect dialect;
    /** The hosted API that refuses calls without a key, or null. */
    private final String keyedHost;

    private Builder(String slug, String name, String baseUrl, AuthStyle auth,
        OpenAiDialect dialect, String keyedHost) {
      super(slug, name, baseUrl);
      this.auth = auth;
      this.dialect = dialect;
      this.keyedHost = keyedHost;
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
     * Speaks to this host with a preset's quirks (for example a proxy in front of Mistral),
     * keeping this builder's slug, URL and keys.
     *
     * @throws IllegalArgumentException for an unknown preset, listing the known ones
     */
    public Builder like(String preset) {
      this.dialect = known(preset).dialect();
      return this;
    }

    /**
     * OpenRouter's optional app attribution: {@code HTTP-Referer} (the app's site) and
     * {@code X-Title} (its name), sent with every request. Either may be null.
     */
    public Builder attribution(String siteUrl, String appName) {
      if (siteUrl != null) {
        header("HTTP-Referer", siteUrl);
      }
      if (appName != null) {
        header("X-Title", appName);
      }
      return this;
    }

    /**
     * Builds the provider.
     *
     * @throws IllegalStateException when no base URL is set, the URL is plain HTTP on a
     *     non-loopback host without {@link #allowPlainHttp()}, or a preset of a hosted API
     *     that refuses calls without a key has none (a preset pointed at another URL, such as
     *     a proxy or a simulator, may go without)
     */
    @Override
    public Provider build() {
      if (keyedHost != null && keyedHost.equals(baseUrl) && credentials.isEmpty()
          && auth != AuthStyle.NONE) {
        throw new IllegalStateException("provider " + slug
            + " needs an API key: call apiKey(...) (is the environment variable set?)");
      }
      return provider(new OpenAiChatAdapter(slug, client, checkedBaseUrl(), dialect, auth,
          headers, maxResponseBytes));
    }
  }
}
