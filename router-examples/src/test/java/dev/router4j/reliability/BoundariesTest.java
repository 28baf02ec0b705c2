package dev.router4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.Router;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.Provider;
import dev.router4j.providers.Anthropic;
import dev.router4j.providers.AzureOpenAi;
import dev.router4j.providers.Exa;
import dev.router4j.providers.Gemini;
import dev.router4j.providers.OpenAiCompatible;
import dev.router4j.providers.ProviderBuilder;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The boundaries of a provider: HTTPS for every base URL that is not the loopback interface
 * unless plain HTTP is explicitly allowed for that endpoint, and a cap on how much of a reply
 * is read, so that a provider that streams forever or sends a huge body cannot exhaust the heap.
 */
class BoundariesTest {
  private static final long LIMIT = 64L * 1024 * 1024; // BodyLimit.DEFAULT_MAX_BYTES
  private static final long ENDLESS = 400L * 1024 * 1024;

  // ---- HTTPS -----------------------------------------------------------------------------------

  private static ProviderBuilder<?> builder(String kind) {
    switch (kind) {
      case "openai-compatible":
        return OpenAiCompatible.builder("host").apiKey("sk-test-boundary-0123456789");
      case "anthropic":
        return Anthropic.builder().apiKey("sk-test-boundary-0123456789");
      case "gemini":
        return Gemini.builder().apiKey("sk-test-boundary-0123456789");
      default:
        return AzureOpenAi.builder().apiKey("sk-test-boundary-0123456789");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai-compatible", "anthropic", "gemini", "azure"})
  void plainHttpToAnotherHostIsRefused(String kind) {
    for (String url : new String[] {"http://api.example.com/v1", "http://10.0.0.5:8000/v1",
        "http://0.0.0.0:8080/v1", "http://127.0.0.1.nip.io/v1", "http://localhost.example.com/v1"}) {
      assertThatThrownBy(() -> builder(kind).baseUrl(url).build()).as(url)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("https")
          .hasMessageNotContaining("sk-test-boundary");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai-compatible", "anthropic", "gemini", "azure"})
  void plainHttpIsAllowedOnlyWhenAskedForOrOnLoopback(String kind) {
    assertThatCode(() -> builder(kind).baseUrl("http://10.0.0.5:8000/v1").allowPlainHttp().build())
        .doesNotThrowAnyException();
    assertThatCode(() -> builder(kind).baseUrl("https://api.example.com/v1").build())
        .doesNotThrowAnyException();
    for (String url : new String[] {"http://localhost:8080/v1", "http://127.0.0.1:8080/v1",
        "http://127.0.0.2/v1", "http://[::1]:8080/v1", "http://api.localhost/v1"}) {
      assertThatCode(() -> builder(kind).baseUrl(url).build()).as(url).doesNotThrowAnyException();
    }
  }

  /** Allowing plain HTTP for one provider does not allow it for another. */
  @Test
  void allowingPlainHttpIsPerEndpoint() {
    assertThatCode(() -> OpenAiCompatible.builder("lan").baseUrl("http://10.0.0.5/v1")
        .allowPlainHttp().build()).doesNotThrowAnyException();
    assertThatThrownBy(() -> OpenAiCompatible.builder("other").baseUrl("http://10.0.0.6/v1").build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
    void theWebSearchClientRefusesPlainHttpToo() {
    assertThatThrownBy(() -> Exa.builder().apiKey("exa-test-0123456789")
        .baseUrl("http://search.example.com").build()).isInstanceOf(IllegalStateException.class);
  }

  // ---- reply size --------------------------------------------------------------------------------

  private static final String ANTHROPIC_HEAD = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":"
      + "\"assistant\",\"model\":\"m\",\"content\":[{\"type\":\"text\",\"text\":\"";
  private static final String ANTHROPIC_EVENT = "event: content_block_delta\ndata: {\"type\":"
      + "\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\""
      + "all work and no play makes a dull provider ".repeat(400) + "\"}}\n\n";
  private static final String ANTHROPIC_START = "event: message_start\ndata: {\"type\":\"message_start\","
      + "\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
      + "\"content\":[],\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n"
      + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
      + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
  private static final String GEMINI_HEAD = "{\"candidates\":[{\"content\":{\"role\":\"model\","
      + "\"parts\":[{\"text\":\"";
  private static final String GEMINI_EVENT = "data: {\"candidates\":[{\"content\":{\"role\":\"model\","
      + "\"parts\":[{\"text\":\"" + "all work and no play makes a dull provider ".repeat(400)
      + "\"}]}}]}\n\n";
  private static final String OPENAI_HEAD = "{\"id\":\"c\",\"object\":\"chat.completion\","
      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"";
  private static final String OPENAI_EVENT = Wire.content(
      "all work and no play makes a dull provider ".repeat(400));
  private static final String FILLER = "all work and no play makes a dull provider ";

  private Provider provider(Rig rig, String kind, String url) {
    switch (kind) {
      case "anthropic":
        return Anthropic.builder().baseUrl(url).client(rig.client).apiKey("sk-test-size-0123456789")
            .endpoint(Endpoint.builder("anthropic", Wire.MODEL).pricing(Wire.CHEAP).build()).build();
      case "gemini":
        return Gemini.builder().baseUrl(url).client(rig.client).apiKey("sk-test-size-0123456789")
            .endpoint(Endpoint.builder(Gemini.SLUG, Wire.MODEL).pricing(Wire.CHEAP).build()).build();
      default:
        return rig.openAi("primary", url, Wire.MODEL, Wire.CHEAP);
    }
  }

  /** Calls a host that never stops sending: the call must end with a typed error, heap intact. */
  private void endless(String kind, boolean stream) throws Exception {
    String head;
    String piece;
    String contentType;
    switch (kind) {
      case "anthropic":
        head = stream ? ANTHROPIC_START : ANTHROPIC_HEAD;
        piece = stream ? ANTHROPIC_EVENT : FILLER;
        break;
      case "gemini":
        head = stream ? "" : GEMINI_HEAD;
        piece = stream ? GEMINI_EVENT : FILLER;
        break;
      default:
        head = stream ? Wire.ROLE : OPENAI_HEAD;
        piece = stream ? OPENAI_EVENT : FILLER;
    }
    contentType = stream ? "text/event-stream" : "application/json";
    try (Rig rig = new Rig()) {
      EndlessServer host = rig.host(new EndlessServer(contentType, head, piece, "", ENDLESS));
      Router router = rig.router(x -> x.attemptTimeout(Duration.ofSeconds(60)),
          provider(rig, kind, host.url()));
      long heapBefore = usedHeap();
      RouterException error;
      String partial = null;
      if (stream) {
        FaultSuite.Streamed s = FaultSuite.stream(rig, router, Wire.ask());
        error = s.error();
        if (error instanceof StreamInterruptedException e) {
          partial = e.partialText();
        }
      } else {
        error = FaultSuite.call(rig, router, Wire.ask()).error();
      }
      long heapGrowth = usedHeap() - heapBefore;
      assertThat(error).as("a typed error, not an answer of %s bytes", host.written()).isNotNull();
      ErrorCategory category = error instanceof StreamInterruptedException e
          ? e.underlyingCategory() : error.category();
      assertThat(category).isEqualTo(ErrorCategory.PROVIDER_ERROR);
      assertThat(error.getMessage()).contains("limit");
      assertThat(host.written()).as("the client stopped reading near the cap")
          .isLessThan(LIMIT * 3 / 2 + 8L * 1024 * 1024);
      assertThat(heapGrowth).as("heap kept after the call").isLessThan(LIMIT * 4);
      if (partial != null) {
        assertThat((long) partial.length()).isLessThanOrEqualTo(LIMIT);
      }
      FaultSuite.noRecordUnlessBilled(router, stream);
    }
  }

  private static long usedHeap() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic", "gemini"})
  void anEndlessBodyEndsWithATypedErrorAtTheCap(String kind) throws Exception {
    endless(kind, false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic", "gemini"})
  void anEndlessStreamEndsWithATypedErrorAtTheCap(String kind) throws Exception {
    endless(kind, true);
  }

  @Test
    void anEndlessOpenAiBodyEndsWithATypedErrorAtTheCap() throws Exception {
    endless("openai", false);
  }

  /** The cap is configurable: here 1 MiB, and a 2 MiB reply is refused. */
  @Test
  void theCapIsConfigurable() throws Exception {
    Method setter = ProviderBuilder.class.getMethod("maxResponseBytes", long.class);
    try (Rig rig = new Rig()) {
      EndlessServer host = rig.host(new EndlessServer("application/json", ANTHROPIC_HEAD, FILLER,
          "\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}",
          2L * 1024 * 1024));
      Anthropic.Builder b = Anthropic.builder().baseUrl(host.url()).client(rig.client)
          .apiKey("sk-test-size-0123456789")
          .endpoint(Endpoint.builder("anthropic", Wire.MODEL).pricing(Wire.CHEAP).build());
      setter.invoke(b, 1024L * 1024);
      Router router = rig.router(b.build());
      RouterException error = FaultSuite.call(rig, router, Wire.ask()).error();
      assertThat(error).isNotNull();
      assertThat(error.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
    }
  }
}
