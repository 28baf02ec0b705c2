package dev.router4j.providers.openai;

import static dev.router4j.providers.openai.OpenAiFixture.at;
import static dev.router4j.providers.openai.OpenAiFixture.list;
import static dev.router4j.providers.openai.OpenAiFixture.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.Annotation;
import dev.router4j.api.CacheControl;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.Plugin;
import dev.router4j.api.Reasoning;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.Role;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolChoice;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.OpenAi;
import dev.router4j.providers.OpenAiCompatible;
import dev.router4j.providers.testing.StreamCollector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every preset against its real base URL (answered by a recording client, no network): where
 * it sends, how it authenticates, and the quirks of its dialect.
 */
class OpenAiPresetTest {
  private static final Tool WEATHER = Tool.function("get_weather", "Weather",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");

  private final Recorder recorder = new Recorder();

  private Provider preset(String slug) {
    return OpenAiCompatible.preset(slug).apiKey("key-for-" + slug).client(recorder.client()).build();
  }

  private static Endpoint endpoint(String provider, String model, String upstream) {
    return Endpoint.builder(provider, model).upstreamModel(upstream).build();
  }

  /** A request using nearly every field, to see what each dialect keeps. */
  private static ChatRequest.Builder everything() {
    return ChatRequest.builder().model("meta-llama/llama-3.3-70b-instruct")
        .developer("Answer briefly.")
        .message(Message.builder(Role.USER).name("ada").content("Weather in Paris?").build())
        .temperature(0.3).topP(0.9).topK(40).minP(0.05).topA(0.1).repetitionPenalty(1.05)
        .frequencyPenalty(0.2).presencePenalty(0.1).seed(11L).maxTokens(300)
        .stop(List.of("END")).logitBias(Map.of("42", 3)).logprobs(true).topLogprobs(3)
        .tools(WEATHER).toolChoice(ToolChoice.REQUIRED).parallelToolCalls(true)
        .responseFormat(ResponseFormat.jsonSchema("w", "{\"type\":\"object\"}"))
        .reasoningEffort(Reasoning.Effort.LOW)
        .userId("u-1");
  }

  private static final Endpoint LLAMA =
      endpoint("x", "meta-llama/llama-3.3-70b-instruct", "llama-3.3-70b");

  private Map<String, Object> sent(String preset, ChatRequest request, Endpoint endpoint) {
    Recorder.chat(preset(preset), request, endpoint);
    return recorder.lastBody();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "openai,     https://api.openai.com/v1/chat/completions,              true",
      "openrouter, https://openrouter.ai/api/v1/chat/completions,           true",
      "groq,       https://api.groq.com/openai/v1/chat/completions,         true",
      "together,   https://api.together.xyz/v1/chat/completions,            true",
      "deepseek,   https://api.deepseek.com/v1/chat/completions,            true",
      "mistral,    https://api.mistral.ai/v1/chat/completions,              true",
      "fireworks,  https://api.fireworks.ai/inference/v1/chat/completions,  true",
      "xai,        https://api.x.ai/v1/chat/completions,                    true",
      "perplexity, https://api.perplexity.ai/chat/completions,              true",
      "cerebras,   https://api.cerebras.ai/v1/chat/completions,             true",
      "deepinfra,  https://api.deepinfra.com/v1/openai/chat/completions,    true",
      "ollama,     http://localhost:11434/v1/chat/completions,              false",
      "vllm,       http://localhost:8000/v1/chat/completions,               true",
      "lmstudio,   http://localhost:1234/v1/chat/completions,               false",
      "llamacpp,   http://localhost:8080/v1/chat/completions,               true"})
  void eachPresetCallsItsHostWithItsAuth(String slug, String url, boolean bearer) {
    Provider p = preset(slug);
    assertThat(p.slug()).isEqualTo(slug);
    assertThat(p.adapter().protocol()).isEqualTo("openai-chat");
    Recorder.chat(p, ChatRequest.builder().model("a/b").user("Hi").build(), endpoint(slug, "a/b", "b"));

    Request sent = recorder.last();
    assertThat(sent.url().toString()).isEqualTo(url);
    assertThat(sent.header("Authorization")).isEqualTo(bearer ? "Bearer key-for-" + slug : null);
    assertThat(sent.header("api-key")).isNull();
  }

  @Test
  void thePresetsAreListedAndAnUnknownOneNamesThem() {
    assertThat(OpenAiCompatible.presets()).containsExactly("cerebras", "deepinfra", "deepseek",
        "fireworks", "groq", "llamacpp", "lmstudio", "mistral", "ollama", "openai", "openrouter",
        "perplexity", "together", "vllm", "xai");
    assertThatThrownBy(() -> OpenAiCompatible.preset("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown preset 'nope'").hasMessageContaining("groq");
  }

  @Test
  void hostedPresetsNeedAKeyLocalServersDoNot() {
    assertThatThrownBy(() -> OpenAi.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("openai needs an API key");
    assertThatThrownBy(() -> OpenAiCompatible.preset("groq").build())
        .isInstanceOf(IllegalStateException.class);
    assertThat(OpenAi.builder().baseUrl("http://localhost:9/v1").build().credentials())
        .as("pointed at a simulator or proxy, a preset may go without").isEmpty();

    Provider ollama = OpenAiCompatible.preset("ollama").client(recorder.client()).build();
    assertThat(ollama.credentials()).isEmpty();
    Recorder.chat(ollama, ChatRequest.builder().model("meta/llama3.2").user("Hi").build(),
        endpoint("ollama", "meta/llama3.2", "llama3.2"));
    assertThat(recorder.last().header("Authorization")).isNull();

    Provider vllm = OpenAiCompatible.preset("vllm").client(recorder.client()).build();
    Recorder.chat(vllm, ChatRequest.builder().model("q/w").user("Hi").build(), endpoint("vllm", "q/w", "w"));
    assertThat(recorder.last().header("Authorization")).as("no key, no header").isNull();
  }

  @Test
  void openRouterGetsItsReasoningObjectItsOwnFieldsAndTheEchoesButNotTheRoutersJob() {
    Provider p = OpenAiCompatible.preset("openrouter").apiKey("sk-or-v1-test")
        .attribution("https://example.app", "Example App").client(recorder.client()).build();
    ChatRequest request = ChatRequest.builder().model("anthropic/claude-sonnet-4.5")
        .models("openai/gpt-4.1")
        .developer("Be terse.")
        .message(Message.user(List.of(new ContentPart.Text("Long document", CacheControl.EPHEMERAL))))
        .message(Message.builder(Role.ASSISTANT).content("Earlier answer").reasoning("I thought")
            .reasoningDetails(List.of(ReasoningDetail.text("I thought", "sig-1"))).build())
        .user("Again?")
        .topK(20).topA(0.3).minP(0.1).repetitionPenalty(1.1).maxTokens(500)
        .reasoning(new Reasoning(Reasoning.Effort.HIGH, null, true, null))
        .plugins(Plugin.of(Plugin.WEB), Plugin.of(Plugin.RESPONSE_HEALING),
            new Plugin(Plugin.FILE_PARSER, null, Map.of("pdf", Map.of("engine", "mistral-ocr"))))
        .sessionId("conv-42")
        .provider(pp -> pp.order("anthropic"))
        .build();
    Recorder.chat(p, request, endpoint("openrouter", "anthropic/claude-sonnet-4.5",
        "anthropic/claude-sonnet-4.5"));

    Request sent = recorder.last();
    assertThat(sent.header("HTTP-Referer")).isEqualTo("https://example.app");
    assertThat(sent.header("X-Title")).isEqualTo("Example App");
    Map<String, Object> body = recorder.lastBody();
    assertThat(body.get("model")).isEqualTo("anthropic/claude-sonnet-4.5");
    assertThat(body.get("reasoning")).isEqualTo(Map.of("effort", "high", "exclude", true));
    assertThat(body).containsEntry("max_tokens", 500.0).containsEntry("top_k", 20.0)
        .containsEntry("top_a", 0.3).containsEntry("min_p", 0.1)
        .containsEntry("repetition_penalty", 1.1).containsEntry("session_id", "conv-42")
        .doesNotContainKeys("provider", "models", "reasoning_effort");
    assertThat(body.get("plugins")).as("web search and healing run in the router")
        .isEqualTo(List.of(Map.of("id", "file-parser", "pdf", Map.of("engine", "mistral-ocr"))));
    List<Object> messages = list(body.get("messages"));
    assertThat(map(messages.get(0)).get("role")).isEqualTo("developer");
    assertThat(map(messages.get(1)).get("content")).isEqualTo(List.of(Map.of("type", "text",
        "text", "Long document", "cache_control", Map.of("type", "ephemeral"))));
    assertThat(map(messages.get(2))).containsEntry("reasoning", "I thought")
        .containsEntry("reasoning_details", List.of(Map.of("type", "reasoning.text",
            "text", "I thought", "signature", "sig-1")));

    p.adapter().stream(new ProviderCall(request.toBuilder().stream(true).build(),
        endpoint("openrouter", "a/b", "a/b"), p.credentials().get(0), Duration.ofSeconds(5)),
        new StreamCollector());
    assertThat(recorder.lastBodyEventually()).containsEntry("stream", true)
        .doesNotContainKey("stream_options");
  }

  @Test
  void groqLosesWhatItRejectsAndReasonsOnlyWithGptOss() {
    Map<String, Object> body = sent("groq", everything().build(), LLAMA);
    assertThat(body).doesNotContainKeys("logprobs", "top_logprobs", "logit_bias",
        "reasoning_effort", "top_k", "min_p", "repetition_penalty", "max_tokens")
        .containsEntry("max_completion_tokens", 300.0).containsEntry("seed", 11.0)
        .containsEntry("tool_choice", "required");
    assertThat(at(body.get("messages"), 1)).doesNotContainKey("name");
    assertThat(at(body.get("messages"), 0).get("role")).isEqualTo("system");

    Map<String, Object> oss = sent("groq", everything().build(),
        endpoint("groq", "openai/gpt-oss-120b", "openai/gpt-oss-120b"));
    assertThat(oss).containsEntry("reasoning_effort", "low");
  }

  @Test
  void togetherTakesLogprobsAsACount() {
    Map<String, Object> body = sent("together", everything().build(), LLAMA);
    assertThat(body).containsEntry("logprobs", 3.0).doesNotContainKey("top_logprobs")
        .containsEntry("max_tokens", 300.0).containsEntry("top_k", 40.0)
        .containsEntry("repetition_penalty", 1.05).containsEntry("reasoning_effort", "low");
  }

  @Test
  void deepSeekHasJsonModeOnlyMaxTokensAndAReasonerWithFixedSampling() {
    Map<String, Object> chat = sent("deepseek", everything().build(),
        endpoint("deepseek", "deepseek/deepseek-chat", "deepseek-chat"));
    assertThat(chat).containsEntry("max_tokens", 300.0)
        .containsEntry("response_format", Map.of("type", "json_object"))
        .containsEntry("temperature", 0.3).containsEntry("logprobs", true)
        .doesNotContainKeys("reasoning_effort", "seed", "user", "logit_bias", "top_k",
            "parallel_tool_calls", "max_completion_tokens");

    Map<String, Object> reasoner = sent("deepseek", everything().tools(List.of()).toolChoice(null)
        .build(), endpoint("deepseek", "deepseek/deepseek-r1", "deepseek-reasoner"));
    assertThat(reasoner).doesNotContainKeys("temperature", "top_p", "logprobs", "top_logprobs",
        "frequency_penalty", "presence_penalty", "reasoning_effort")
        .containsEntry("stop", List.of("END"));
  }

  @Test
  void deepSeekNeverGetsReasoningContentBack() {
    Map<String, Object> body = sent("deepseek", ChatRequest.builder().model("deepseek/deepseek-r1")
        .user("9.11 or 9.8?")
        .message(Message.builder(Role.ASSISTANT).content("9.8").reasoning("compare decimals").build())
        .user("Why?").build(), endpoint("deepseek", "deepseek/deepseek-r1", "deepseek-reasoner"));
    assertThat(at(body.get("messages"), 1)).isEqualTo(Map.of("role", "assistant", "content", "9.8"));
  }

  @Test
  void mistralGetsItsOwnNamesAndNothingItWouldRejectWith422() {
    Map<String, Object> body = sent("mistral", everything().build(),
        endpoint("mistral", "mistralai/mistral-large", "mistral-large-latest"));
    assertThat(body).containsEntry("random_seed", 11.0).containsEntry("tool_choice", "any")
        .containsEntry("max_tokens", 300.0).containsEntry("parallel_tool_calls", true)
        .doesNotContainKeys("seed", "logprobs", "top_logprobs", "logit_bias", "user",
            "reasoning_effort", "top_k", "min_p", "repetition_penalty");
    assertThat(at(body.get("messages"), 1)).doesNotContainKey("name");

    Provider p = preset("mistral");
    p.adapter().stream(new ProviderCall(ChatRequest.builder().model("m/m").user("x").build(),
        endpoint("mistral", "m/m", "m"), p.credentials().get(0), Duration.ofSeconds(5)),
        new StreamCollector());
    assertThat(recorder.lastBodyEventually()).containsEntry("stream", true)
        .doesNotContainKey("stream_options");
  }

  @Test
  void xaiSendsReasoningEffortOnlyToTheGrokModelsThatTakeIt() {
    ChatRequest request = ChatRequest.builder().model("x-ai/grok").user("Hi")
        .reasoningEffort(Reasoning.Effort.HIGH).build();
    assertThat(sent("xai", request, endpoint("xai", "x-ai/grok-3-mini", "grok-3-mini")))
        .containsEntry("reasoning_effort", "high");
    assertThat(sent("xai", request, endpoint("xai", "x-ai/grok-4", "grok-4-0709")))
        .doesNotContainKey("reasoning_effort");
  }

  @Test
  void perplexityRefusesToolsWithoutCallingAndTurnsItsSourcesIntoCitations() {
    Provider p = preset("perplexity");
    assertThatThrownBy(() -> Recorder.chat(p, everything().build(),
        endpoint("perplexity", "perplexity/sonar", "sonar")))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
          assertThat(e.fallbackWorthy()).as("another endpoint may have tools").isTrue();
          assertThat(e.provider()).isEqualTo("perplexity");
        });
    assertThat(recorder.requests).isEmpty();

    recorder.answer(200, "{\"id\":\"p1\",\"model\":\"sonar\",\"object\":\"chat.completion\","
        + "\"created\":1,\"citations\":[\"https://a.example\",\"https://b.example\"],"
        + "\"search_results\":[{\"title\":\"A\",\"url\":\"https://a.example\",\"date\":\"2025-01-01\"}],"
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Sunny [1].\"},"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,"
        + "\"total_tokens\":8,\"search_context_size\":\"low\"}}", "application/json");
    ChatResponse r = Recorder.chat(p, everything().toolChoice(ToolChoice.NONE).build(),
        endpoint("perplexity", "perplexity/sonar", "sonar"));
    Map<String, Object> body = recorder.lastBody();
    assertThat(body).doesNotContainKeys("tools", "tool_choice", "parallel_tool_calls", "stop",
        "seed", "logprobs", "logit_bias", "user", "reasoning_effort");
    assertThat(r.message().annotations()).containsExactly(
        Annotation.urlCitation("https://a.example", "A", null),
        Annotation.urlCitation("https://b.example", null, null));
  }

  @Test
  void cerebrasLosesPenaltiesBiasAndParallelCalls() {
    Map<String, Object> body = sent("cerebras", everything().build(), LLAMA);
    assertThat(body).doesNotContainKeys("frequency_penalty", "presence_penalty", "logit_bias",
        "parallel_tool_calls", "reasoning_effort")
        .containsEntry("max_completion_tokens", 300.0).containsEntry("logprobs", true);
  }

  @Test
  void theGenericDialectSendsDeveloperAsSystemFlattensTextAndKeepsOpenModelSampling() {
    Map<String, Object> body = sent("fireworks", everything()
        .message(Message.user(List.of(ContentPart.text("a"), ContentPart.text("b")))).build(), LLAMA);
    assertThat(at(body.get("messages"), 0)).isEqualTo(Map.of("role", "system", "content", "Answer briefly."));
    assertThat(at(body.get("messages"), 2)).isEqualTo(Map.of("role", "user", "content", "ab"));
    assertThat(body).containsEntry("max_tokens", 300.0).containsEntry("top_k", 40.0)
        .containsEntry("min_p", 0.05).containsEntry("repetition_penalty", 1.05)
        .containsEntry("logprobs", true).containsEntry("top_logprobs", 3.0)
        .containsEntry("reasoning_effort", "low")
        .doesNotContainKeys("top_a", "session_id");
  }
}
