package dev.router4j.providers.internal.http;

import static dev.router4j.providers.testing.NoSecrets.assertNoneIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.Credential;
import java.io.IOException;
import java.net.SocketTimeoutException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key redaction, exact secrets of a call, and request ids read from the reply. */
class ErrorClassifierRedactionTest {
  private static final String SECRET = "Tq.unshaped-Secret-4471-Zeta";

  private final ErrorClassifier plain = new ErrorClassifier();
  private final ErrorClassifier redacting = plain.redacting(new Credential("test", SECRET));

  private ProviderException classify(ErrorClassifier c, int status, String message) {
    return c.classify(status, name -> null,
        "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\"}}",
        "test", "m");
  }

  // ---------------------------------------------------------------- generic shapes

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "gsk_AbCdEf0123456789GhIjKlMn",
    "xai-AbCdEf0123456789GhIjKlMn",
    "pplx-AbCdEf0123456789GhIjKlMn",
    "sk-ant-" + "api03-AbCdEf0123456789",
    "AIza" + "SyAbCdEf0123456789GhIj"
  })
  void hostsKeyShapesAreRedactedWherever(String key) {
    ProviderException e = classify(plain, 401, "Invalid key " + key + " (check it)");

    assertThat(e.providerMessage()).isEqualTo("Invalid key [redacted] (check it)");
    assertNoneIn(e, key);
  }

  @Test
  void hexKeysAfterTheWordKeyAndInAnApiKeyEchoAreRedacted() {
    String hex = "0123456789abcdef0123456789ABCDEF";
    ProviderException e = classify(plain, 401, "Access denied due to invalid subscription key "
        + hex + ". Sent api-key: " + hex + "; {\\\"api-key\\\": \\\"" + hex + "\\\"}");

    assertThat(e.providerMessage())
        .contains("subscription key [redacted].", "api-key: [redacted];")
        .doesNotContain(hex);
  }

  @Test
  void hexThatIsNotNearAKeyStays() {
    String traceId = "0123456789abcdef0123456789abcdef";
    ProviderException e = classify(plain, 500, "internal error, trace " + traceId);

    assertThat(e.providerMessage()).isEqualTo("internal error, trace " + traceId);
  }

  @Test
  void aKeyQueryParameterKeepsTheParametersAfterIt() {
    ProviderException e = classify(plain, 400, "bad url ?api_key=abc123secret&alt=sse");

    assertThat(e.providerMessage()).isEqualTo("bad url ?api_key=[redacted]&alt=sse");
  }

  // ---------------------------------------------------------------- the call's own secret

  @Test
  void aRedactingClassifierRemovesTheExactSecretFromEveryField() {
    ProviderException e = redacting.classify(401, name -> null,
        "{\"error\":{\"message\":\"bad key " + SECRET + "\",\"type\":\"" + SECRET
            + "\",\"code\":\"" + SECRET + "\"}}", "test", "m");

    assertThat(e.providerMessage()).isEqualTo("bad key [redacted]");
    assertThat(e.providerType()).isEqualTo("[redacted]");
    assertThat(e.providerCode()).isEqualTo("[redacted]");
    assertNoneIn(e, SECRET);
    assertThat(classify(plain, 401, "bad key " + SECRET).providerMessage())
        .as("an unshaped key needs the exact secret").contains(SECRET);
  }

  @Test
  void aLongMessageCutInsideTheSecretKeepsNoPartOfIt() {
    String filler = "x".repeat(490) + " ";
    ProviderException e = classify(redacting, 401, filler + SECRET + " trailing");

    assertThat(e.providerMessage()).hasSizeLessThanOrEqualTo(500).endsWith("…");
    assertNoneIn(e, SECRET.substring(0, 6));
  }

  @Test
  void aTransportFailureQuotingTheSecretKeepsItsCauseWithoutTheSecret() {
    IOException failure = new SocketTimeoutException("timeout talking to " + SECRET);
    failure.initCause(new IOException("inner " + SECRET));
    ProviderException e = redacting.classifyTransport(failure, "test", "m");

    assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
    assertThat(e.getCause()).isNotNull();
    assertThat(e.getCause().toString())
        .isEqualTo("java.net.SocketTimeoutException: timeout talking to [redacted]");
    assertThat(e.getCause().getStackTrace()).isEqualTo(failure.getStackTrace());
    assertThat(e.getCause().getCause()).isNotNull();
    assertNoneIn(e, SECRET);
    StreamInterruptedException broken = redacting.streamTruncated("part", "test", "m", failure);
    assertThat(broken.partialText()).isEqualTo("part");
    assertNoneIn(broken, SECRET);
  }

  @Test
  void inStreamErrorsAreRedactedToo() {
    String data = "{\"error\":{\"code\":503,\"message\":\"for " + SECRET
        + "\",\"status\":\"UNAVAILABLE\"}}";

    assertThat(redacting.findStreamError(data).message()).isEqualTo("for [redacted]");
    StreamInterruptedException e = redacting.streamInterrupted(data, "so far", "test", "m");
    assertThat(e.underlyingCategory()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
    assertNoneIn(e, SECRET);
  }

  @Test
  void scrubKeepsTheTypeAndWhatIsNotSecret() {
    MalformedResponseException malformed =
        new MalformedResponseException("$." + SECRET, "malformed reply", null);
    RouterException scrubbed = redacting.scrub(malformed);
    assertThat(scrubbed).isInstanceOfSatisfying(MalformedResponseException.class, m -> {
      assertThat(m.path()).isEqualTo("$.[redacted]");
      assertThat(m.getMessage()).isEqualTo("malformed reply at $.[redacted]");
    });

    RouterException wrapped = new StreamInterruptedException("broke: " + SECRET, "text",
        ErrorCategory.PROVIDER_ERROR, malformed);
    assertThat(redacting.scrub(wrapped)).isInstanceOfSatisfying(StreamInterruptedException.class,
        s -> {
          assertThat(s.partialText()).isEqualTo("text");
          assertThat(s.underlyingCategory()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
          assertThat(s.getCause()).isInstanceOf(MalformedResponseException.class);
          assertNoneIn(s, SECRET);
        });

    RouterException clean = new RouterException(ErrorCategory.PROVIDER_ERROR, "nothing secret");
    assertThat(redacting.scrub(clean)).isSameAs(clean);
    assertThat(plain.scrub(wrapped)).as("no secrets, nothing to do").isSameAs(wrapped);
  }

  @Test
  void placeholderSecretsAreNotReplaced() {
    ErrorClassifier shortKey = plain.redacting("abc");

    assertThat(shortKey).isSameAs(plain);
    assertThat(plain.redacting((Credential) null)).isSameAs(plain);
  }

  // ---------------------------------------------------------------- request ids

  @Test
  void azuresApimRequestIdAndAnthropicsBodyRequestIdAreRead() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(401)
          .addHeader("apim-request-id", "apim-7c1d")
          .body("{\"error\":{\"code\":\"401\",\"message\":\"Access denied\"}}").build());
      server.enqueue(new MockResponse.Builder().code(400)
          .body("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
              + "\"message\":\"no\"},\"request_id\":\"req_body\"}").build());
      server.enqueue(new MockResponse.Builder().code(400)
          .addHeader("x-request-id", "req_header")
          .addHeader("apim-request-id", "apim-other")
          .body("{\"request_id\":\"req_body\",\"error\":\"no\"}").build());
      server.start();
      OkHttpClient client = new OkHttpClient();
      try {
        assertThat(requestId(client, server)).isEqualTo("apim-7c1d");
        assertThat(requestId(client, server)).isEqualTo("req_body");
        assertThat(requestId(client, server)).as("headers first").isEqualTo("req_header");
      } finally {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
    }
  }

  private String requestId(OkHttpClient client, MockWebServer server) throws IOException {
    try (Response response =
        client.newCall(new Request.Builder().url(server.url("/v1/x")).build()).execute()) {
      return plain.classify(response, "test", "m").requestId();
    }
  }
}
