package dev.router4j.providers.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A provider pointed at a mock server, with helpers to script its replies and read what it
 * was sent: the shared part of the adapters' test fixtures.
 */
public abstract class MockProviderFixture implements AutoCloseable {
  /** The server the provider calls. */
  public final MockWebServer server = new MockWebServer();
  /** The provider under test. */
  public final Provider provider;
  /** Its adapter. */
  public final ProviderAdapter adapter;

  /**
   * Starts the server and builds the provider.
   *
   * @param provider builds the provider for an API root on the server
   * @param basePath the API root's path, for example {@code /v1}
   */
  protected MockProviderFixture(Function<String, Provider> provider, String basePath) {
    try {
      server.start(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.provider = provider.apply(server.url(basePath).toString());
    this.adapter = this.provider.adapter();
  }

  @Override
  public void close() {
    server.close();
  }

  /** An attempt at the endpoint with the provider's first credential (none when it has none). */
  public ProviderCall call(ChatRequest request, Endpoint endpoint) {
    Credential credential = provider.credentials().isEmpty() ? null : provider.credentials().get(0);
    return new ProviderCall(request, endpoint, credential, Duration.ofSeconds(10));
  }

  /** Starts a stream; the collector sees its chunks and its end. */
  public StreamCollector stream(ProviderCall call) {
    StreamCollector c = new StreamCollector();
    adapter.stream(call, c);
    return c;
  }

  /** Enqueues the reply, streams the call against it and returns its end (null: complete). */
  public RouterException streamEnd(ProviderCall call, MockResponse reply) {
    server.enqueue(reply);
    return stream(call).await();
  }

  /** An event stream reply written 64 bytes a millisecond. */
  public static MockResponse sse(String body) {
    return new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "text/event-stream")
        .throttleBody(64, 1, TimeUnit.MILLISECONDS).body(body).build();
  }

  /** Enqueues a JSON reply with extra headers given as name, value pairs. */
  public void reply(int code, String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").body(body);
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    server.enqueue(b.build());
  }

  /**
   * Enqueues an event stream written {@code bytesPerMillisecond} bytes at a time, so that
   * reads end anywhere, with extra headers given as name, value pairs.
   */
  public void replyStream(String body, long bytesPerMillisecond, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "text/event-stream; charset=utf-8")
        .throttleBody(bytesPerMillisecond, 1, TimeUnit.MILLISECONDS).body(body);
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    server.enqueue(b.build());
  }

  /** The next request to reach the server. */
  public RecordedRequest taken() {
    try {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(r).as("a request reached the server").isNotNull();
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The JSON body of the next request to reach the server, as a tree. */
  public Map<String, Object> sentBody() {
    return json(taken().getBody().utf8());
  }

  // ---------------------------------------------------------------------------------------
  // JSON trees and resources

  @SuppressWarnings("unchecked")
  public static Map<String, Object> json(String text) {
    try {
      return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Object>) o;
  }

  /** The {@code i}-th element of a list, as an object. */
  public static Map<String, Object> at(Object list, int i) {
    return map(list(list).get(i));
  }

  /** A test resource's text, from {@code /dir/name}. */
  public static String resource(String dir, String name) {
    try (InputStream in = MockProviderFixture.class.getResourceAsStream("/" + dir + "/" + name)) {
      assertThat(in).as("resource " + dir + "/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
