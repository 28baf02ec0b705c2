package dev.router4j.providers;

import dev.router4j.api.spi.Provider;
import dev.router4j.providers.internal.openai.AuthStyle;
import dev.router4j.providers.internal.openai.OpenAiChatAdapter;
import dev.router4j.providers.internal.openai.OpenAiDialect;
import dev.router4j.providers.internal.openai.OpenAiRoutes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Azure OpenAI: OpenAI's models in one's own Azure resource, reached per deployment.
 *
 * <pre>{@code
 * Provider azure = AzureOpenAi.builder()
 *     .resource("myres")                              // or .endpoint("https://myres.openai.azure.com")
 *     .deployment("openai/gpt-4o", "gpt-4o-prod")     // catalog slug -> deployment name
 *     .apiVersion("2024-10-21")
 *     .apiKey(System.getenv("AZURE_OPENAI_API_KEY"))
 *     .build();
 * }</pre>
 *
 * <p>Calls go to {@code {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=…}
 * (embeddings to {@code …/embeddings?api-version=…}) with the key in the {@code api-key}
 * header. The deployment of a model is the one mapped to its catalog slug with
 * {@link Builder#deployment(String, String)}, else the default {@link Builder#deployment(String)},
 * else the endpoint's upstream model name, which is the deployment name when models are
 * declared with {@code model(slug, deploymentName, pricing, contextLength)}. The API version
 * {@code v1} selects Azure's version-less API ({@code {endpoint}/openai/v1/chat/completions},
 * the deployment in the body's {@code model}).
 *
 * <p>The wire is OpenAI's, with OpenAI's reasoning-model rules (recognised by the catalog slug,
 * since a deployment name need not say what it serves); other models get {@code max_tokens}
 * and system messages, which every API version takes. Content-filter results
 * ({@code prompt_filter_results}, {@code content_filter_results}) are kept in the answer's
 * extra fields.
 */
public final class AzureOpenAi {
  /** The provider slug, as in OpenRouter's catalog. */
  public static final String SLUG = "azure";
  /** The API version used unless another is set: the latest generally available one. */
  public static final String DEFAULT_API_VERSION = "2024-10-21";

  /** OpenAI's dialect with the choices every Azure API version accepts. */
  private static final OpenAiDialect DIALECT = OpenAiDialect.OPENAI.toBuilder()
      .maxCompletionTokens(false)
      .developerRole(false)
      .build();

  private AzureOpenAi() {}

  /** A builder for an Azure OpenAI resource; set the resource or endpoint. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Provider} for Azure OpenAI. Not thread-safe. */
  public static final class Builder extends ProviderBuilder<Builder> {
    private final Map<String, String> deployments = new LinkedHashMap<>();
    private String defaultDeployment;
    private String apiVersion = DEFAULT_API_VERSION;

    private Builder() {
      super(SLUG, "Azure", null);
    }

    /**
     * The resource's name: the endpoint becomes {@code https://{name}.openai.azure.com}.
     *
     * @throws IllegalArgumentException when the name is not letters, digits and hyphens
     */
    public Builder resource(String name) {
      Objects.requireNonNull(name, "resource");
      if (!name.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?")) {
        throw new IllegalArgumentException(
            "an Azure resource name is letters, digits and hyphens, was '" + name + "'");
      }
      return baseUrl("https://" + name + ".openai.azure.com");
    }

    /**
     * The resource's endpoint, for example {@code https://myres.openai.azure.com} (a custom
     * domain or a gateway with a path prefix works too).
     */
    public Builder endpoint(String url) {
      return baseUrl(Objects.requireNonNull(url, "endpoint"));
    }

    /** The deployment that serves every model not mapped with {@link #deployment(String, String)}. */
    public Builder deployment(String deploymentName) {
      this.defaultDeployment = checkedName(deploymentName);
      return this;
    }

    /** The deployment that serves the catalog model {@code modelSlug}, for example {@code openai/gpt-4o}. */
    public Builder deployment(String modelSlug, String deploymentName) {
      Objects.requireNonNull(modelSlug, "modelSlug");
      deployments.put(modelSlug, checkedName(deploymentName));
      return this;
    }

    /** The {@code api-version}; {@value AzureOpenAi#DEFAULT_API_VERSION} by default, {@code v1} for the version-less API. */
    public Builder apiVersion(String apiVersion) {
      Objects.requireNonNull(apiVersion, "apiVersion");
      if (apiVersion.isBlank()) {
        throw new IllegalArgumentException("apiVersion must not be blank");
      }
      this.apiVersion = apiVersion.strip();
      return this;
    }

    private static String checkedName(String deploymentName) {
      Objects.requireNonNull(deploymentName, "deploymentName");
      if (deploymentName.isBlank() || deploymentName.contains("/")) {
        throw new IllegalArgumentException(
            "a deployment name is not blank and has no '/', was '" + deploymentName + "'");
      }
      return deploymentName;
    }

    /**
     * Builds the provider.
     *
     * @throws IllegalStateException when neither resource nor endpoint is set, the endpoint is
     *     plain HTTP on a non-loopback host without {@link #allowPlainHttp()}, or no key is set
     */
    @Override
    public Provider build() {
      if (baseUrl == null) {
        throw new IllegalStateException(
            "Azure OpenAI needs resource(\"name\") or endpoint(\"https://name.openai.azure.com\")");
      }
      if (credentials.isEmpty()) {
        throw new IllegalStateException(
            "Azure OpenAI needs an API key: call apiKey(...) (is the environment variable set?)");
      }
      HttpUrl endpoint = checkedBaseUrl();
      OpenAiRoutes routes =
          OpenAiRoutes.azure(endpoint, deployments, defaultDeployment, apiVersion);
      return provider(new OpenAiChatAdapter(slug, client, routes, DIALECT,
          AuthStyle.API_KEY_HEADER, headers, maxResponseBytes));
    }
  }
}
