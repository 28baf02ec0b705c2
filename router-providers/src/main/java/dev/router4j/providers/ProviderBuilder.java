package dev.router4j.providers;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.providers.internal.http.BodyLimit;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * What every provider builder shares: keys, extra headers, the HTTP client, the base URL with
 * its HTTPS rule, the cap on a reply's size, and the models and endpoints the provider brings.
 * Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ProviderBuilder<B extends ProviderBuilder<B>> {
  private static final OkHttpClient SHARED_CLIENT = sharedClient();

  /** The provider slug. */
  protected final String slug;
  /** The provider's display name. */
  protected final String name;
  /** The API root. */
  protected String baseUrl;
  /** The keys, in the order they were added; the router shares calls among them by weight. */
  protected final List<Credential> credentials = new ArrayList<>();
  /** Headers sent with every request. */
  protected final Map<String, String> headers = new LinkedHashMap<>();
  /** The endpoints the provider brings. */
  protected final List<Endpoint> endpoints = new ArrayList<>();
  /** The models the provider brings. */
  protected final List<Model> models = new ArrayList<>();
  /** The HTTP client. */
  protected OkHttpClient client = SHARED_CLIENT;
  /** The most bytes read of one reply or one stream. */
  protected long maxResponseBytes = BodyLimit.DEFAULT_MAX_BYTES;
  private boolean allowPlainHttp;

  ProviderBuilder(String slug, String name, String baseUrl) {
    this.slug = Objects.requireNonNull(slug, "slug");
    this.name = name == null ? slug : name;
    this.baseUrl = baseUrl;
  }

  private static OkHttpClient sharedClient() {
    // Streams hold a dispatcher slot for their whole length: lift OkHttp's default of five
    // concurrent calls per host so that concurrent streams do not queue behind each other.
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(4096);
    dispatcher.setMaxRequestsPerHost(4096);
    // OkHttp keeps 5 idle connections by default: with more threads calling one host, every
    // call past the fifth would close its connection and the next would open a new one.
    ConnectionPool pool = new ConnectionPool(64, 5, TimeUnit.MINUTES);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(pool)
        .retryOnConnectionFailure(false) // the router decides about retries
        .build();
  }

  /** The client every builder uses unless given another (also Exa's). */
  static OkHttpClient sharedHttpClient() {
    return SHARED_CLIENT;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The API root, for example {@code https://api.example.com/v1}. */
  public B baseUrl(String baseUrl) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    return self();
  }

  /**
   * Adds an API key of weight 1, labelled {@code <slug>-key-<n>}. Several keys may be added;
   * the router shares calls among those that are not resting in proportion to their weights.
   */
  public B apiKey(String key) {
    return apiKey(key, Credential.DEFAULT_WEIGHT);
  }

  /**
   * Adds an API key with a weight, labelled {@code <slug>-key-<n>}: a key of weight 3 takes
   * three calls for each call of a key of weight 1.
   *
   * @throws dev.router4j.api.error.InvalidRequestException when the key is blank or the weight
   *     is below 1
   */
  public B apiKey(String key, int weight) {
    Objects.requireNonNull(key, "apiKey (is the environment variable set?)");
    credentials.add(new Credential(slug + "-key-" + (credentials.size() + 1), key, weight));
    return self();
  }

  /**
   * Adds an API key with a weight, labelled {@code <slug>-key-<n>}, that may be used only for
   * the models matching one of the patterns: slug globs such as {@code openai/gpt-4o*} or
   * {@code *-mini} ({@code *} any run of characters, {@code ?} one, case ignored). The router
   * sends the key with those models only, and leaves out of its plans the endpoints for which
   * none of the provider's keys serves the model.
   *
   * <pre>{@code
   * OpenAi.builder()
   *     .apiKey(System.getenv("OPENAI_ORG_KEY"), 1, "openai/gpt-4o*", "openai/o3*")
   *     .apiKey(System.getenv("OPENAI_CHEAP_KEY"), 1, "*-mini", "*-nano")
   *     .build();
   * }</pre>
   *
   * @throws dev.router4j.api.error.InvalidRequestException when the key is blank, the weight is
   *     below 1, no pattern is given, or a pattern is blank or holds whitespace
   */
  public B apiKey(String key, int weight, String... models) {
    Objects.requireNonNull(key, "apiKey (is the environment variable set?)");
    credentials.add(new Credential(slug + "-key-" + (credentials.size() + 1), key, weight)
        .withModels(models));
    return self();
  }

  /**
   * Adds a labelled credential, with its weight ({@link Credential#withWeight(int)}) and the
   * models it serves ({@link Credential#withModels(String...)}).
   */
  public B credential(Credential credential) {
    credentials.add(Objects.requireNonNull(credential, "credential"));
    return self();
  }

  /** Adds a header sent with every request. */
  public B header(String name, String value) {
    headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return self();
  }

  /**
   * Uses this HTTP client (to share its connection pool or set a proxy). By default every
   * provider shares one client sized for concurrent use; a client of one's own keeps its own
   * limits, and OkHttp's default dispatcher runs at most five asynchronous calls (streams) per
   * host at a time.
   */
  public B client(OkHttpClient client) {
    this.client = Objects.requireNonNull(client, "client");
    return self();
  }

  /**
   * The most bytes the router reads of one reply or one stream from this provider; past it
   * the attempt fails with a {@link dev.router4j.api.error.ErrorCategory#PROVIDER_ERROR}, so
   * that a provider sending a huge body, or a stream that never ends, cannot exhaust the heap.
   * 64 MiB by default. Error replies are read only up to their first 64 KiB whatever the cap.
   *
   * @throws IllegalArgumentException when {@code maxResponseBytes} is not positive
   */
  public B maxResponseBytes(long maxResponseBytes) {
    if (maxResponseBytes <= 0) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be positive, was " + maxResponseBytes);
    }
    this.maxResponseBytes = maxResponseBytes;
    return self();
  }

  /** Allows a plain-HTTP base URL on a host that is not the loopback interface. */
  public B allowPlainHttp() {
    this.allowPlainHttp = true;
    return self();
  }

  /**
   * Declares a model this provider serves at the given prices. The model name sent upstream
   * is the slug without its author prefix ({@code openai/gpt-4.1} sends {@code gpt-4.1}).
   */
  public B model(String modelSlug, Pricing pricing) {
    return endpoint(Endpoint.builder(slug, modelSlug).providerName(name).pricing(pricing).build());
  }

  /** Declares a model with the name the provider expects, its prices and context window. */
  public B model(String modelSlug, String upstreamModel, Pricing pricing, int contextLength) {
    models.add(Model.of(modelSlug, contextLength));
    return endpoint(Endpoint.builder(slug, modelSlug).providerName(name)
        .upstreamModel(upstreamModel).pricing(pricing).contextLength(contextLength).build());
  }

  /** Declares an endpoint in full. Its provider must be this provider's slug. */
  public B endpoint(Endpoint endpoint) {
    endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
    return self();
  }

  /**
   * The base URL, checked.
   *
   * @throws IllegalStateException when missing, not http(s), or plain HTTP to a host other
   *     than loopback without {@link #allowPlainHttp()}
   */
  protected HttpUrl checkedBaseUrl() {
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
    return url;
  }

  /** The provider around the given adapter, with this builder's keys and endpoints. */
  protected Provider provider(ProviderAdapter adapter) {
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

  /** Builds the provider. */
  public abstract Provider build();
}
