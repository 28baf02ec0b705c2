package dev.router4j.providers.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Usage;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.Anthropic;
import dev.router4j.providers.Gemini;
import dev.router4j.providers.OpenAi;
import dev.router4j.providers.OpenAiCompatible;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * One tiny chat and one tiny stream against each real provider whose key is set in the
 * environment; skipped where it is not (as in CI). The model can be changed with
 * {@code ROUTER4J_LIVE_<PROVIDER>_MODEL} (the upstream model name).
 */
class LiveSmokeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static String model(String provider, String fallback) {
    String v = System.getenv("ROUTER4J_LIVE_" + provider + "_MODEL");
    return v == null || v.isBlank() ? fallback : v.strip();
  }

  /** Chats and streams "Say hi", and checks that both say something and count it. */
  private static void smoke(Provider provider, String modelSlug, String upstream) throws Exception {
    Endpoint endpoint = Endpoint.builder(provider.slug(), modelSlug).upstreamModel(upstream).build();
    ChatRequest request = ChatRequest.builder().model(modelSlug)
        .user("Say hi in one short sentence.").maxTokens(64).build();
    ProviderCall call = new ProviderCall(request, endpoint, provider.credentials().get(0), TIMEOUT);

    ChatResponse answer = provider.adapter().chat(call);
    assertThat(answer.text()).isNotBlank();
    assertThat(answer.usage()).isNotNull();
    assertThat(answer.usage().promptTokens()).isPositive();
    assertThat(answer.usage().completionTokens()).isPositive();

    StringBuilder text = new StringBuilder();
    Usage[] usage = new Usage[1];
    CompletableFuture<RouterException> done = new CompletableFuture<>();
    provider.adapter().stream(new ProviderCall(request.toBuilder().stream(true).build(), endpoint,
        provider.credentials().get(0), TIMEOUT), new ChunkListener() {
          @Override
          public void onChunk(ChatChunk chunk) {
            text.append(chunk.text());
            if (chunk.usage() != null) {
              usage[0] = chunk.usage();
            }
          }

          @Override
          public void onComplete() {
            done.complete(null);
          }

          @Override
          public void onError(RouterException error) {
            done.complete(error);
          }
        });
    RouterException error = done.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    assertThat(error).as("the stream ends cleanly").isNull();
    assertThat(text.toString()).isNotBlank();
    assertThat(usage[0]).as("the stream reports usage").isNotNull();
    assertThat(usage[0].completionTokens()).isPositive();
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+")
  void openAi() throws Exception {
    String m = model("OPENAI", "gpt-4.1-nano");
    smoke(OpenAi.apiKey(System.getenv("OPENAI_API_KEY")), "openai/" + m, m);
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "ANTHROPIC_API_KEY", matches = ".+")
  void anthropic() throws Exception {
    String m = model("ANTHROPIC", "claude-haiku-4-5");
    smoke(Anthropic.apiKey(System.getenv("ANTHROPIC_API_KEY")), "anthropic/" + m, m);
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "GEMINI_API_KEY", matches = ".+")
  void gemini() throws Exception {
    String m = model("GEMINI", "gemini-2.5-flash-lite");
    smoke(Gemini.apiKey(System.getenv("GEMINI_API_KEY")), "google/" + m, m);
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "OPENROUTER_API_KEY", matches = ".+")
  void openRouter() throws Exception {
    String m = model("OPENROUTER", "openai/gpt-4.1-nano");
    smoke(OpenAiCompatible.preset("openrouter").apiKey(System.getenv("OPENROUTER_API_KEY"))
        .attribution("https://github.com/router4j", "router4j live tests").build(), m, m);
  }
}
