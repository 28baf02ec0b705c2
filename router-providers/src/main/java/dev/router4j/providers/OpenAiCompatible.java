package dev.router4j.providers;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.Provider;
import dev.router4j.providers.internal.openai.AuthStyle;
import dev.router4j.providers.internal.openai.OpenAiChatAdapter;
import dev.router4j.providers.internal.openai.OpenAiDialect;
import dev.router4j.providers.internal.openai.Preset;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

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
  private static final OkHttpClient SHARED_CLIENT = sharedClient();

  private static OkHttpClient sharedClient() {
    // Streams hold a dispatcher slot for their whole length: lift OkHttp's default of five
    // concurrent calls per host so that concurrent streams do not queue behind each other.
    okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
    dispatcher.setMaxRequests(4096);
    dispatcher.setMaxRequestsPerHost(4096);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .retryOnConnectionFailure(false) // the router decides about retries
        .build();
  }

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
  public static final class Builder {
    private final String slug;
    private final String name;
    private String baseUrl;
    private AuthStyle auth;
    private OpenAiDialect dialect;
    private final List<Credential> credentials = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<Model> models = new ArrayList<>();
    private OkHttpClient client = SHARED_CLIENT;
    private boolean allowPlainHttp;

    private Builder(String slug, String name, String baseUrl, AuthStyle auth, OpenAiDialect dialect) {
      this.slug = Objects.requireNonNull(slug, "slug");
      this.name = name;
      this.baseUrl = baseUrl;
      this.auth = auth;
      this.dialect = dialect;
    }

    /** The API root, for example {@code https://api.example.com/v1}. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** Adds an API key. Several keys may be added; the router chooses among them. */
    public Builder apiKey(String key) {
      Objects.requireNonNull(key, "apiKey (is the environment variable set?)");
      credentials.add(new Credential(slug + "-key-" + (credentials.size() + 1), key));
      return this;
    }

    /** Adds a labelled credential. */
    public Builder credential(Credential credential) {
      credentials.add(Objects.requireNonNull(credential, "credential"));
      return this;
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

    /** Adds a header sent with every request (for example an organization id). */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Uses this HTTP client (to share its connection pool or set a proxy). */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Allows a plain-HTTP base URL on a host that is not the loopback interface. */
    public Builder allowPlainHttp() {
      this.allowPlainHttp = true;
      return this;
    }

    /**
     * Declares a model this host serves at the given prices. The model name sent upstream is
     * the slug without its author prefix ({@code openai/gpt-4.1} sends {@code gpt-4.1}).
     */
    public Builder model(String slug, Pricing pricing) {
      return endpoint(Endpoint.builder(this.slug, slug).providerName(name).pricing(pricing).build());
    }

    /** Declares a model with the name the host expects, its prices and context window. */
    public Builder model(String slug, String upstreamModel, Pricing pricing, int contextLength) {
      models.add(Model.of(slug, contextLength));
      return endpoint(Endpoint.builder(this.slug, slug).providerName(name)
          .upstreamModel(upstreamModel).pricing(pricing).contextLength(contextLength).build());
    }

    /** Declares an endpoint in full. Its provider must be this host's slug. */
    public Builder endpoint(Endpoint endpoint) {
      endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
      return this;
    }

    /**
     * Builds the provider.
     *
     * @throws IllegalStateException when no base URL is set, or the URL is plain HTTP on a
     *     non-loopback host without {@link #allowPlainHttp()}
     */
    public Provider build() {
      if (baseUrl == null) {
        throw new IllegalStateException("provider " + slug + " needs a baseUrl");
      }
      HttpUrl url = HttpUrl.parse(baseUrl);
      if (url == null) {
        throw new IllegalStateException("provider " + slug + ": not an http(s) URL: " + baseUrl);
      }
      if (!url.isHttps() && !allowPlainHttp && !isLoopback(url.host())) {
        throw new IllegalStateException("provider " + slug + ": plain HTTP to " + url.host()
            + " would expose the key; use https or call allowPlainHttp()");
      }
      OpenAiChatAdapter adapter = new OpenAiChatAdapter(slug, client, url, dialect, auth, headers);
      return new Provider(slug, adapter, credentials, models, endpoints);
    }

    private static boolean isLoopback(String host) {
      if (host.equals("localhost") || host.endsWith(".localhost")) {
        return true;
      }
      if (!host.matches("[0-9.:\\[\\]a-fA-F]+")) {
        return false; // a name: do not resolve it here
      }
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }
  }
}
