package dev.router4j.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.router4j.Router;
import dev.router4j.api.spi.Provider;
import dev.router4j.catalog.Catalog;
import dev.router4j.providers.OpenAiCompatible;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** The clients the routing benchmarks compare, each pointed at a {@link BenchFleet}. */
public final class Clients {
  private Clients() {}

  /** A provider for one of the fleet's providers, with its endpoints and prices. */
  public static Provider provider(BenchFleet fleet, String slug) {
    OpenAiCompatible.Builder b = OpenAiCompatible.builder(slug).baseUrl(fleet.baseUrl(slug))
        .apiKey(BenchFleet.KEY);
    BenchFleet.endpoints(slug).forEach(b::endpoint);
    return b.build();
  }

  /**
   * A router over the fleet's {@code primary} provider alone, with an empty catalog (planning
   * stays cheap and comparable) and its defaults otherwise: cost accounting, the in-memory
   * ledger, retries, breakers, rate gate and health tracking are all on.
   */
  public static Router router(BenchFleet fleet) {
    return Router.builder().catalog(Catalog.builder().build())
        .provider(provider(fleet, "primary"))
        .build();
  }

  /**
   * A router over {@code down} (always 503) and {@code up}, for the failover benchmark.
   * Retries on the same endpoint are off (else the 503 is retried once after a backoff), and
   * the circuit breaker needs ten million failures to open (else, after five, {@code down}
   * is skipped and the benchmark measures one call).
   */
  public static Router failoverRouter(BenchFleet fleet) {
    return Router.builder().catalog(Catalog.builder().build())
        .provider(provider(fleet, "down"))
        .provider(provider(fleet, "up"))
        .retries(0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1))
        .circuitBreaker(10_000_000, Duration.ofSeconds(30))
        .build();
  }

  /**
   * The raw baseline's OkHttp client, configured as router4j's shared client is: the
   * dispatcher's limits lifted (they matter only to asynchronous calls) and a pool keeping up
   * to 64 idle connections for five minutes (OkHttp's default keeps five, so that 8 threads
   * would keep closing and opening connections: the baseline would be slowed by that alone).
   */
  public static OkHttpClient okHttp() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(4096);
    dispatcher.setMaxRequestsPerHost(4096);
    return new OkHttpClient.Builder().dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES)).build();
  }

  /** The official OpenAI Java SDK on its OkHttp client (OkHttp 5 here), no retries. */
  public static OpenAIClient openAi(BenchFleet fleet) {
    return OpenAIOkHttpClient.builder().baseUrl(fleet.baseUrl("primary")).apiKey(BenchFleet.KEY)
        .maxRetries(0).build();
  }

  /** LangChain4j's OpenAI chat model (its default HTTP client: the JDK's), no retries. */
  public static OpenAiChatModel langChain4j(BenchFleet fleet, String model) {
    return OpenAiChatModel.builder().baseUrl(fleet.baseUrl("primary")).apiKey(BenchFleet.KEY)
        .modelName(model).maxRetries(0).build();
  }

  /** LangChain4j's streaming OpenAI chat model. */
  public static OpenAiStreamingChatModel langChain4jStreaming(BenchFleet fleet, String model) {
    return OpenAiStreamingChatModel.builder().baseUrl(fleet.baseUrl("primary"))
        .apiKey(BenchFleet.KEY).modelName(model).build();
  }

  /** The upstream name of a fleet model ({@code bench/chat-1} is {@code chat-1}). */
  public static String upstream(String slug) {
    return slug.substring(slug.indexOf('/') + 1);
  }
}
