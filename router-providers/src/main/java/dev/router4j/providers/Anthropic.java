package dev.router4j.providers;

import dev.router4j.api.spi.Provider;
import dev.router4j.providers.internal.anthropic.AnthropicMessagesAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Anthropic's own API (api.anthropic.com), the Messages protocol ({@code anthropic-messages}).
 *
 * <pre>{@code
 * Router.builder().provider(Anthropic.apiKey(System.getenv("ANTHROPIC_API_KEY")))...
 *
 * Provider claude = Anthropic.builder()
 *     .apiKey(System.getenv("ANTHROPIC_API_KEY"))
 *     .beta("files-api-2025-04-14")
 *     .build();
 * }</pre>
 *
 * <p>How the normalized request maps onto the Messages API, where the two differ:
 *
 * <ul>
 *   <li>{@code temperature} above 1 (Anthropic's maximum) is clamped to 1 rather than
 *       rejected, so that one request can be routed to OpenAI and Anthropic alike;
 *   <li>{@code max_tokens} is always sent: the request's limit, else the endpoint's largest
 *       completion, else 4096;
 *   <li>reasoning becomes extended thinking with a token budget (at least 1024, below
 *       {@code max_tokens}, which is raised when needed); with thinking on, temperature and
 *       top_k are not sent and top_p is kept at 0.95 or above; thinking is left off when the tool choice forces a
 *       tool, and when the conversation continues a tool loop whose last assistant turn
 *       carries no Anthropic thinking block (it came from another provider), as Anthropic
 *       refuses both;
 *   <li>{@code response_format} json_schema becomes native structured output
 *       ({@code output_config.format}); json_object has no native mode and is left to the
 *       router's response healing;
 *   <li>OpenAI-only parameters (logit_bias, logprobs, seed, penalties, min_p...) are not sent;
 *       of the request's extra fields only Anthropic's own ({@code service_tier},
 *       {@code container}, {@code mcp_servers}, {@code context_management}) pass through.
 * </ul>
 *
 * <p>Anthropic offers no embeddings.
 */
public final class Anthropic {
  /** The API root. */
  public static final String BASE_URL = "https://api.anthropic.com/v1";
  /** The {@code anthropic-version} sent unless another is set. */
  public static final String DEFAULT_VERSION = "2023-06-01";

  private Anthropic() {}

  /** Anthropic with one key, serving the models of the router's catalog. */
  public static Provider apiKey(String key) {
    return builder().apiKey(key).build();
  }

  /** A builder preset for api.anthropic.com, to add keys, betas, models or a custom client. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Provider} that speaks Anthropic's Messages API. Not thread-safe. */
  public static final class Builder extends ProviderBuilder<Builder> {
    private String version = DEFAULT_VERSION;
    private final List<String> betas = new ArrayList<>();

    private Builder() {
      super("anthropic", "Anthropic", BASE_URL);
    }

    /** The {@code anthropic-version} header; {@value Anthropic#DEFAULT_VERSION} by default. */
    public Builder version(String version) {
      Objects.requireNonNull(version, "version");
      if (version.isBlank()) {
        throw new IllegalArgumentException("anthropic-version must not be blank");
      }
      this.version = version.strip();
      return this;
    }

    /**
     * Beta features to enable, sent in the {@code anthropic-beta} header (for example
     * {@code files-api-2025-04-14}). Calls add to the betas already given.
     */
    public Builder beta(String... betas) {
      for (String b : betas) {
        Objects.requireNonNull(b, "beta");
        String s = b.strip();
        if (s.isEmpty()) {
          throw new IllegalArgumentException("a beta name must not be blank");
        }
        if (!this.betas.contains(s)) {
          this.betas.add(s);
        }
      }
      return this;
    }

    /**
     * Builds the provider.
     *
     * @throws IllegalStateException when the base URL is not https and not loopback without
     *     {@link #allowPlainHttp()}
     */
    @Override
    public Provider build() {
      return provider(new AnthropicMessagesAdapter(
          slug, client, checkedBaseUrl(), version, betas, headers, maxResponseBytes));
    }
  }
}
