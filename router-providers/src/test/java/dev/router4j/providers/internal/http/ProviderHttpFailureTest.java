package dev.router4j.providers.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.ProviderCall;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a failed exchange costs and shows: one exception per failure, without a stack trace for
 * a routed chat attempt and with one otherwise; the reply's body read as {@code string()}
 * would, request ids and the call's secret handled as before.
 */
class ProviderHttpFailureTest {
  private static final String SECRET = "sk-" + "live-Attempt-Secret-0042";
  private static final Credential KEY = new Credential("k", SECRET);

  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient client = new OkHttpClient();
  private ProviderHttp http;

  @BeforeEach
  void start() throws Exception {
    server.start();
    http = new ProviderHttp(client, "acme");
  }

  @AfterEach
  void stop() throws Exception {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    server.close();
  }

  private Request post() {
    return new Request.Builder().url(server.url("/v1/chat")).get().build();
  }

  private static ProviderCall call() {
    return new ProviderCall(ChatRequest.builder().model("acme/m").user("hi").build(),
        Endpoint.builder("acme", "acme/m").build(), KEY, Duration.ofSeconds(5));
  }

  private void enqueue503() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("x-request-id", "req_9")
        .body("{\"error\":{\"message\":\"busy for " + SECRET + "\",\"type\":\"server_error\"}}")
        .build());
  }

  @Test
  void aRoutedAttemptsErrorReplyIsClassifiedOnceWithoutAStackTrace() {
    enqueue503();
    ProviderException e = catchThrowableOfType(
        () -> http.execute(post(), call(), r -> "never"), ProviderException.class);
    assertThat(e.getStackTrace()).isEmpty();
    assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(e.requestId()).isEqualTo("req_9");
    assertThat(e.providerMessage()).isEqualTo("busy for [redacted]");
    assertThat(e).hasMessage("acme (acme/m) answered HTTP 503 [PROVIDER_OVERLOADED] "
        + "type=server_error code=null: busy for [redacted]");
    assertThat(e.toString()).doesNotContain(SECRET);
  }

  @Test
  void otherExchangesKeepTheirStackTrace() {
    enqueue503();
    ProviderException e = catchThrowableOfType(
        () -> http.execute(post(), Duration.ofSeconds(5), "m", KEY, r -> "never"),
        ProviderException.class);
    assertThat(e.getStackTrace()).isNotEmpty();
    assertThat(e.requestId()).isEqualTo("req_9");
    assertThat(e.providerMessage()).isEqualTo("busy for [redacted]");
  }

  @Test
  void aRoutedAttemptsTransportFailureKeepsTheTraceInItsCause() throws Exception {
    server.close();
    ProviderException e = catchThrowableOfType(
        () -> http.execute(post(), call(), r -> "never"), ProviderException.class);
    assertThat(e.category()).isEqualTo(ErrorCategory.TRANSPORT);
    assertThat(e.getStackTrace()).isEmpty();
    assertThat(e.getCause()).isNotNull();
    assertThat(e.getCause().getStackTrace()).isNotEmpty();
  }

  @Test
  void aReadersFailureIsScrubbedAndKeepsItsStackTrace() {
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    ProviderException e = catchThrowableOfType(() -> http.execute(post(), call(), r -> {
      throw ProviderException.builder(ErrorCategory.PROVIDER_ERROR).provider("acme")
          .providerMessage("in-band error for " + SECRET).build();
    }), ProviderException.class);
    assertThat(e.getStackTrace()).isNotEmpty();
    assertThat(e.providerMessage()).isEqualTo("in-band error for [redacted]");
  }

  @Test
  void theAttemptClassifierIsMadeOncePerCredentialAndStillRedactsEachOnesSecret() {
    String other = "sk-" + "live-Other-Secret-0099";
    for (String secret : new String[] {SECRET, SECRET, other, SECRET}) {
      server.enqueue(new MockResponse.Builder().code(503)
          .body("{\"error\":{\"message\":\"busy for " + secret + "\"}}").build());
      Credential key = secret.equals(SECRET) ? KEY : new Credential("o", other);
      ProviderCall call = new ProviderCall(call().request(), call().endpoint(), key,
          Duration.ofSeconds(5));
      ProviderException e = catchThrowableOfType(
          () -> http.execute(post(), call, r -> "never"), ProviderException.class);
      assertThat(e.providerMessage()).isEqualTo("busy for [redacted]");
    }
  }

  // ------------------------------------------------------------ the body as string() reads it

  @Test
  void aBodyInTheCharsetItNamesOrWithAByteOrderMarkReadsAsString() throws Exception {
    Buffer latin = new Buffer().writeString("{\"error\":{\"message\":\"caf\u00e9 ferm\u00e9\"}}",
        StandardCharsets.ISO_8859_1);
    server.enqueue(new MockResponse.Builder().code(500)
        .addHeader("Content-Type", "application/json; Charset=ISO-8859-1").body(latin).build());
    Buffer bom = new Buffer().write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})
        .writeUtf8("{\"error\":{\"message\":\"na\u00efve\"}}");
    server.enqueue(new MockResponse.Builder().code(500).body(bom).build());
    server.enqueue(new MockResponse.Builder().code(500)
        .addHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":\"\u00fcber \u2603\"}}").build());
    server.enqueue(new MockResponse.Builder().code(502).build());

    ErrorClassifier classifier = new ErrorClassifier().withoutStackTraces();
    assertThat(message(classifier)).isEqualTo("caf\u00e9 ferm\u00e9");
    assertThat(message(classifier)).isEqualTo("na\u00efve");
    assertThat(message(classifier)).isEqualTo("\u00fcber \u2603");
    assertThat(message(classifier)).isNull();
  }

  private String message(ErrorClassifier classifier) throws Exception {
    try (Response response = client.newCall(post()).execute()) {
      ProviderException e = classifier.classify(response, "acme", "m");
      assertThat(e.getStackTrace()).isEmpty();
      return e.providerMessage();
    }
  }

  @Test
  void onlyTheClassifierAskedForItLeavesStackTracesOutAndRedactingKeepsThat() {
    ErrorClassifier plain = new ErrorClassifier();
    assertThat(plain.classify(503, name -> null, "", "acme", "m").getStackTrace()).isNotEmpty();
    ErrorClassifier quiet = plain.withoutStackTraces().redacting(KEY);
    assertThat(quiet.withoutStackTraces()).isSameAs(quiet);
    assertThat(quiet.classify(503, name -> null, "busy " + SECRET, "acme", "m"))
        .satisfies(e -> assertThat(e.getStackTrace()).isEmpty())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    assertThat(quiet.classifyTransport(new SocketTimeoutException("slow"), "acme", "m")
        .getStackTrace()).isEmpty();
    // Streams keep theirs: the stream's own classifier is not the attempt one.
    assertThat(plain.streamTruncated("x", "acme", "m", new SocketTimeoutException("slow"))
        .getStackTrace()).isNotEmpty();
  }
}
