package dev.router4j.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.spi.Provider;
import dev.router4j.providers.Gemini;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The public factory: defaults, keys, headers and the base URL rule. */
class GeminiFactoryTest extends GeminiTestSupport {

  @Test
  void apiKeyGivesAGeminiProviderOnGooglesApi() {
    Provider p = Gemini.apiKey(KEY);
    assertThat(p.slug()).isEqualTo("google-ai-studio");
    assertThat(p.adapter().protocol()).isEqualTo("gemini");
    assertThat(p.credentials()).hasSize(1);
    assertThat(p.adapter().toString())
        .contains("https://generativelanguage.googleapis.com/v1beta")
        .doesNotContain(KEY);
    assertThat(p.toString()).doesNotContain(KEY);
  }

  @Test
  void extraHeadersAreSentAndPlainHttpToARemoteHostIsRefused() throws Exception {
    Provider p = Gemini.builder().baseUrl(server.url("/v1beta").toString()).apiKey(KEY)
        .header("x-goog-user-project", "acme-prod").build();
    enqueueJson(200, resource("generate-text.json"));
    p.adapter().chat(new dev.router4j.api.spi.ProviderCall(
        ChatRequest.builder().model("google/gemini-2.5-flash").user("hi").build(),
        endpoint("gemini-2.5-flash"), p.credentials().get(0), java.time.Duration.ofSeconds(5)));
    RecordedRequest r = server.takeRequest();
    assertThat(r.getHeaders().get("x-goog-user-project")).isEqualTo("acme-prod");

    assertThatThrownBy(() -> Gemini.builder().baseUrl("http://gemini.internal.example/v1beta")
        .apiKey(KEY).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("plain HTTP");
  }
}
