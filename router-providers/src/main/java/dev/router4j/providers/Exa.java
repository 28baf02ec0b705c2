package dev.router4j.providers;

import dev.router4j.api.spi.WebSearch;
import dev.router4j.providers.internal.exa.ExaSearch;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Exa web search for the {@code web} plugin and {@code :online} models.
 *
 * <pre>{@code
 * Router.builder().webSearch(Exa.apiKey(System.getenv("EXA_API_KEY")))...
 * }</pre>
 */
public final class Exa {
  private Exa() {}

  /** Exa at https://api.exa.ai with the given key. */
  public static WebSearch apiKey(String key) {
    return builder().apiKey(key).build();
  }

  /** A builder, to change the base URL, the client or the excerpt length. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an Exa {@link WebSearch}. Not thread-safe. */
  public static final class Builder {
    private String baseUrl = "https://api.exa.ai";
    private String apiKey;
    // The providers' connection pool and dispatcher, with OkHttp's own retry of a failed
    // connection kept (nothing above a search retries it).
    private OkHttpClient client =
        ProviderBuilder.sharedHttpClient().newBuilder().retryOnConnectionFailure(true).build();
    private int maxCharacters = 1_000;
    private boolean allowPlainHttp;

    private Builder() {}

    /** The API root. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** The API key. */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey (is EXA_API_KEY set?)");
      return this;
    }

    /** Allows a plain-HTTP base URL on a host that is not the loopback interface. */
    public Builder allowPlainHttp() {
      this.allowPlainHttp = true;
      return this;
    }

    private static boolean isLoopback(String host) {
      return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
          || host.equals("::1");
    }

    /** The HTTP client. */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The longest excerpt per result, in characters (1,000 by default). */
    public Builder maxCharacters(int maxCharacters) {
      if (maxCharacters < 1) {
        throw new IllegalArgumentException("maxCharacters must be positive, was " + maxCharacters);
      }
      this.maxCharacters = maxCharacters;
      return this;
    }

    /**
     * Builds the search client.
     *
     * @throws IllegalStateException without a key or with a base URL that is not http(s)
     */
    public WebSearch build() {
      if (apiKey == null) {
        throw new IllegalStateException("Exa needs an apiKey");
      }
      HttpUrl url = HttpUrl.parse(baseUrl);
      if (url == null) {
        throw new IllegalStateException("not an http(s) URL: " + baseUrl);
      }
      if (!url.isHttps() && !allowPlainHttp && !isLoopback(url.host())) {
        throw new IllegalStateException("Exa: plain HTTP to " + url.host()
            + " would expose the key; use https or call allowPlainHttp()");
      }
      return new ExaSearch(client, url, apiKey, maxCharacters);
    }
  }
}
