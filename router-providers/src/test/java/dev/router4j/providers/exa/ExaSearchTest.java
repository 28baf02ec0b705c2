package dev.router4j.providers.exa;

import static dev.router4j.providers.testing.NoSecrets.all;
import static dev.router4j.providers.testing.NoSecrets.assertNoneIn;
import static dev.router4j.providers.testing.NoSecrets.echo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.squareup.moshi.Moshi;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.spi.WebResult;
import dev.router4j.api.spi.WebSearch;
import dev.router4j.providers.Exa;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExaSearchTest {
  /** A key of no shape the generic redaction knows. */
  private static final String KEY = "exa-test-key";

  private MockWebServer server;
  private WebSearch exa;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(0);
    exa = Exa.builder().baseUrl(server.url("/").toString()).apiKey(KEY).maxCharacters(500).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void searchPostsTheQueryWithTheKeyHeaderAndReadsResults() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("""
        {"requestId":"r1","resolvedSearchType":"neural","results":[
          {"id":"https://a.example/1","url":"https://a.example/1","title":"First","publishedDate":"2025-01-02",
           "author":null,"text":"Alpha text","score":0.9},
          {"id":"https://b.example/2","url":"https://b.example/2","title":null,"text":"Beta text"},
          {"id":"https://c.example/3","url":"https://c.example/3","title":"Third","text":"Gamma"}
        ]}""").build());
    List<WebResult> results = exa.search("rivers of France", 2, Duration.ofSeconds(5));
    assertThat(results).containsExactly(
        new WebResult("https://a.example/1", "First", "Alpha text", "2025-01-02"),
        new WebResult("https://b.example/2", null, "Beta text", null));

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/search");
    assertThat(sent.getHeaders().get("x-api-key")).isEqualTo("exa-test-key");
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class)
        .fromJson(sent.getBody().utf8());
    assertThat(body).containsEntry("query", "rivers of France").containsEntry("numResults", 2.0)
        .containsEntry("type", "auto")
        .containsEntry("contents", Map.of("text", Map.of("maxCharacters", 500.0)));
  }

  @Test
  void anErrorIsClassifiedAndTheKeyIsNotInTheMessage() {
    server.enqueue(new MockResponse.Builder().code(401)
        .body("{\"error\":\"Invalid API key exa-test-key\"}").build());
    assertThatThrownBy(() -> exa.search("q", 3, Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
          assertThat(e.provider()).isEqualTo("exa");
        });
  }

  @Test
  void aMalformedReplyNamesThePath() {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"results\":[{\"url\":{}}]}").build());
    assertThatThrownBy(() -> exa.search("q", 3, Duration.ofSeconds(5)))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("$.results[0]");
  }

  @Test
  void anHttpErrorEchoingTheKeyKeepsItOutOfEveryMessage() {
    server.enqueue(new MockResponse.Builder().code(401)
        .addHeader("Content-Type", "application/json")
        .body("{\"requestId\":\"r1\",\"error\":\"" + echo(KEY) + "\",\"tag\":\"" + KEY + "\"}")
        .build());
    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> exa.search("rivers", 3, Duration.ofSeconds(10)));

    assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
    assertThat(e.providerMessage()).startsWith("Incorrect API key provided: [redacted].");
    assertNoneIn(e, all(KEY));
  }

  @Test
  void aPlainTextErrorEchoingTheKeyKeepsItOut() {
    server.enqueue(new MockResponse.Builder().code(500)
        .body("upstream failure for x-api-key=" + KEY + " " + echo(KEY)).build());
    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> exa.search("rivers", 3, Duration.ofSeconds(10)));

    assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
    assertNoneIn(e, all(KEY));
  }
}
