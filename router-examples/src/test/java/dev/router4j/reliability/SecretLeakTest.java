package dev.router4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.Router;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Provider;
import dev.router4j.json.ChatJson;
import dev.router4j.providers.Anthropic;
import dev.router4j.providers.Gemini;
import dev.router4j.providers.OpenAiCompatible;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An API key never appears in a log line, an exception message, a toString, a route trace or
 * a generation record. The whole fault suite runs again with distinctive canary keys (in the
 * shapes of OpenAI, Groq, Anthropic and Gemini keys) while every log is captured at TRACE;
 * then everything captured — logs, every exception chain with causes and suppressed
 * failures, every response (its toString and its JSON), every route attempt and listener
 * event, every generation record and the ledger's CSV and JSONL exports, health and metrics —
 * is searched for any part of any key.
 */
class SecretLeakTest {
  /** Every canary carries this marker, so a partial leak is caught too. */
  private static final String MARKER = "LEAKCANARY";

  private static final Map<String, List<String>> CANARIES = Map.of(
      "primary", List.of("sk-" + "proj-LEAKCANARYprimary7f3a9c2e51d84b6f0a1b2c3d"),
      "backup", List.of("gsk_LEAKCANARYbackup0e9d8c7b6a5f4e3d2c1b0a99ff"),
      "anthropic", List.of("sk-ant-" + "api03-LEAKCANARYanthropic5d4c3b2a1f0e9d8c"),
      "google-ai-studio", List.of("AIza" + "SyLEAKCANARYgemini00112233445566778899"),
      "host0", List.of("xai-LEAKCANARYhost0aaaabbbbccccddddeeeeffff"),
      "host1", List.of("xai-LEAKCANARYhost1aaaabbbbccccddddeeeeffff"),
      "host2", List.of("xai-LEAKCANARYhost2aaaabbbbccccddddeeeeffff"));

  @Test
  void noKeyAppearsAnywhereAcrossTheWholeFaultSuite() {
    Rig.Keys keys = new Rig.Keys(CANARIES);
    StringBuilder seen = new StringBuilder();
    int cases = 0;
    try (LogCapture logs = new LogCapture()) {
      assertThat(logs.probe()).as("TRACE is captured").isTrue();
      for (FaultSuite.Case c : FaultSuite.all()) {
        try (Rig rig = new Rig(keys)) {
          rig.listen = true;
          c.body().accept(rig);
          for (Router r : rig.routers()) {
            seen.append(exports(r));
          }
          synchronized (rig.observed) {
            for (Object o : rig.observed) {
              seen.append(render(o)).append('\n');
            }
          }
        }
        cases++;
      }
      seen.append(logs.text());
    }
    assertThat(cases).isEqualTo(FaultSuite.all().size());
    assertThat(seen.length()).as("something was captured").isGreaterThan(10_000);
    assertThat(seen.toString()).as("the providers' messages and traces were captured")
        .contains("Rate limit reached", "502 Bad Gateway", "circuit open");
    assertNoKey(seen.toString());
  }

  private static void assertNoKey(String text) {
    for (List<String> keys : CANARIES.values()) {
      for (String key : keys) {
        assertThat(text).doesNotContain(key);
      }
    }
    int at = text.indexOf(MARKER);
    assertThat(at).as("part of a key at: %s", at < 0 ? ""
        : text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 100))).isNegative();
  }

  private static String exports(Router r) {
    StringWriter out = new StringWriter();
    r.usage().exportCsv(out);
    r.usage().exportJsonLines(out);
    out.append(String.valueOf(r.health())).append(String.valueOf(r.metrics()))
        .append(String.valueOf(r.providers())).append(String.valueOf(r));
    return out.toString();
  }

  /** Everything an object shows: a throwable's whole chain, a response's JSON too. */
  static String render(Object o) {
    if (o instanceof Throwable t) {
      StringWriter w = new StringWriter();
      t.printStackTrace(new PrintWriter(w));
      StringBuilder s = new StringBuilder(w.toString());
      for (Throwable c = t; c != null; c = c.getCause()) {
        s.append(c).append(' ').append(c.getLocalizedMessage()).append('\n');
        if (c instanceof dev.router4j.api.error.ProviderException p) {
          s.append(p.providerMessage()).append(p.providerType()).append(p.providerCode())
              .append(p.requestId()).append('\n');
        }
      }
      return s.toString();
    }
    if (o instanceof ChatResponse r) {
      return r + "\n" + ChatJson.writeResponse(r);
    }
    if (o instanceof GenerationRecord g) {
      return g.toString();
    }
    return String.valueOf(o);
  }

  // ---- a host that echoes the key back ------------------------------------------------------

  /**
   * A misbehaving gateway that quotes the key it received in its error message, as some
   * proxies and older APIs do. The key has no well-known shape (a corporate gateway token), so
   * only an adapter that knows which secret it sent can remove it.
   */
  private static final String GATEWAY_KEY = "corp-gw-LEAKCANARYecho7f3a9c2e51d84b6f0a1b2c3d";

  private static Dispatcher echoingGateway() {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String key = request.getHeaders().get("x-api-key");
        if (key == null) {
          key = request.getHeaders().get("x-goog-api-key");
        }
        if (key == null && request.getHeaders().get("Authorization") != null) {
          key = request.getHeaders().get("Authorization").replaceFirst("^Bearer ", "");
        }
        String message = "The key " + key + " is not valid for this gateway";
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"code\":401,"
            + "\"status\":\"UNAUTHENTICATED\",\"message\":\"" + message + "\"}}";
        return new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
            .body(body).build();
      }
    };
  }

  private static Provider gateway(Rig rig, String protocol, String url) {
    switch (protocol) {
      case "openai":
        return OpenAiCompatible.builder("gateway").baseUrl(url).client(rig.client)
            .apiKey(GATEWAY_KEY).endpoint(Endpoint.builder("gateway", Wire.MODEL)
                .pricing(Wire.CHEAP).build()).build();
      case "anthropic":
        return Anthropic.builder().baseUrl(url).client(rig.client).apiKey(GATEWAY_KEY)
            .endpoint(Endpoint.builder("anthropic", Wire.MODEL).pricing(Wire.CHEAP).build()).build();
      default:
        return Gemini.builder().baseUrl(url).client(rig.client).apiKey(GATEWAY_KEY)
            .endpoint(Endpoint.builder(Gemini.SLUG, Wire.MODEL).pricing(Wire.CHEAP).build()).build();
    }
  }

  /** Calls the echoing gateway blocking and streamed, and returns everything shown. */
  static String echoScan(String protocol) {
    List<Object> shown = new ArrayList<>();
    String logText;
    try (LogCapture logs = new LogCapture(); Rig rig = new Rig()) {
      rig.listen = true;
      MockWebServer host = rig.mock();
      host.setDispatcher(echoingGateway());
      Router router = rig.router(gateway(rig, protocol, host.url("/v1").toString()));
      FaultSuite.Result blocking = FaultSuite.call(rig, router, Wire.ask());
      assertThat(blocking.error()).as("the gateway refuses").isNotNull();
      FaultSuite.Streamed streamed = FaultSuite.stream(rig, router, Wire.ask());
      assertThat(streamed.error()).isNotNull();
      assertThat(host.getRequestCount()).isEqualTo(2);
      shown.addAll(rig.observed);
      shown.add(exports(router));
      logText = logs.text();
    }
    StringBuilder s = new StringBuilder(logText);
    for (Object o : shown) {
      s.append(render(o)).append('\n');
    }
    assertThat(s.toString()).as("the gateway's message was kept").contains("is not valid for this gateway");
    return s.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic", "gemini"})
  void everyAdapterRemovesAKeyAGatewayEchoed(String protocol) {
    String shown = echoScan(protocol);
    assertThat(shown).doesNotContain(GATEWAY_KEY).doesNotContain(MARKER);
  }

  /** The scan itself works: a key put into a message on purpose is found. */
  @Test
  void theScanFindsAKeyWhereThereIsOne() {
    RouterException planted = new RouterException(dev.router4j.api.error.ErrorCategory.PROVIDER_ERROR,
        "oops", new IllegalStateException("header was Bearer " + GATEWAY_KEY));
    assertThat(render(planted)).contains(GATEWAY_KEY);
  }
}
