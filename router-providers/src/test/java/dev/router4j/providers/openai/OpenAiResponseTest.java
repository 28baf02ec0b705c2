package dev.router4j.providers.openai;

import static dev.router4j.providers.openai.OpenAiFixture.list;
import static dev.router4j.providers.openai.OpenAiFixture.map;
import static dev.router4j.providers.openai.OpenAiFixture.request;
import static dev.router4j.providers.openai.OpenAiFixture.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.Annotation;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import dev.router4j.api.FinishReason;
import dev.router4j.api.ToolCall;
import dev.router4j.api.Usage;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.error.ProviderException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Recorded Chat Completions replies, read into the normalized model. */
class OpenAiResponseTest {
  private final OpenAiFixture fx = new OpenAiFixture();

  @AfterEach
  void stop() {
    fx.close();
  }

  private ChatResponse answer(String body) {
    fx.reply(200, body);
    return fx.adapter.chat(fx.call(request().user("Question").build()));
  }

  @Test
  void aTextAnswerKeepsEveryTopLevelFieldAndTheUsageDetails() {
    ChatResponse r = answer(resource("chat-text.json"));

    assertThat(r.id()).isEqualTo("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
    assertThat(r.object()).isEqualTo("chat.completion");
    assertThat(r.created()).isEqualTo(1741569952L);
    assertThat(r.model()).isEqualTo("gpt-4.1-2025-04-14");
    assertThat(r.provider()).isEqualTo("openai");
    assertThat(r.systemFingerprint()).isEqualTo("fp_fc9f1d7035");
    assertThat(r.extra()).containsEntry("service_tier", "default");
    assertThat(r.text()).isEqualTo("The Seine, the Loire and the Rhône.");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.choices().get(0).nativeFinishReason()).isEqualTo("stop");
    assertThat(r.message().refusal()).isNull();
    assertThat(r.toolCalls()).isEmpty();
    Usage u = r.usage();
    assertThat(u.promptTokens()).isEqualTo(1200);
    assertThat(u.completionTokens()).isEqualTo(10);
    assertThat(u.totalTokens()).isEqualTo(1210);
    assertThat(u.cachedTokens()).isEqualTo(1024);
    assertThat(u.reasoningTokens()).isZero();
    assertThat(u.estimated()).isFalse();
  }

  @Test
  void toolCallsComeBackWithIdsNamesAndArgumentText() {
    ChatResponse r = answer(resource("chat-tools.json"));

    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.message().content()).isNull();
    assertThat(r.toolCalls()).containsExactly(
        new ToolCall("call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather",
            "{\"city\": \"Paris\", \"unit\": \"celsius\"}"),
        new ToolCall("call_ABTUMg9ik3lA3yJ0ZkJoM4Sj", "get_weather",
            "{\"city\": \"Lyon\", \"unit\": \"celsius\"}"));
  }

  @Test
  void reasoningAudioAndPredictionTokensAreRead() {
    ChatResponse r = answer(resource("chat-reasoning.json"));

    Usage u = r.usage();
    assertThat(u.promptTokens()).isEqualTo(2048);
    assertThat(u.completionTokens()).isEqualTo(700);
    assertThat(u.cachedTokens()).isEqualTo(1920);
    assertThat(u.promptAudioTokens()).isEqualTo(12);
    assertThat(u.reasoningTokens()).isEqualTo(640);
    assertThat(u.completionAudioTokens()).isEqualTo(3);
    assertThat(u.acceptedPredictionTokens()).isEqualTo(21);
    assertThat(u.rejectedPredictionTokens()).isEqualTo(5);
  }

  @Test
  void aRefusalIsTheMessagesRefusalWithNoContent() {
    ChatResponse r = answer(resource("chat-refusal.json"));

    assertThat(r.message().refusal()).isEqualTo("I'm sorry, I can't assist with that request.");
    assertThat(r.message().content()).isNull();
    assertThat(r.text()).isEmpty();
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void logprobsAreKeptAsTheirJsonTree() {
    ChatResponse r = answer(resource("chat-logprobs.json"));

    Choice choice = r.choices().get(0);
    Map<String, Object> logprobs = map(choice.logprobs());
    Map<String, Object> token = map(list(logprobs.get("content")).get(0));
    assertThat(token.get("token")).isEqualTo("Yes");
    assertThat(token.get("logprob")).isEqualTo(new BigDecimal("-0.00012322118"));
    assertThat(list(token.get("top_logprobs"))).hasSize(2);
    assertThat(map(list(token.get("top_logprobs")).get(1)).get("token")).isEqualTo("No");
    assertThat(logprobs).containsEntry("refusal", null);
  }

  @Test
  void webSearchCitationsBecomeAnnotationsAndUnknownMessageFieldsAreKept() {
    ChatResponse r = answer("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,"
        + "\"model\":\"gpt-4o-search-preview\",\"choices\":[{\"index\":0,\"message\":{"
        + "\"role\":\"assistant\",\"content\":\"The Loire is 1,006 km long.\","
        + "\"annotations\":[{\"type\":\"url_citation\",\"url_citation\":{\"url\":\"https://example.org/loire\","
        + "\"title\":\"Loire\",\"start_index\":0,\"end_index\":26}}],"
        + "\"audio\":{\"id\":\"audio_1\",\"transcript\":\"The Loire...\"}},"
        + "\"finish_reason\":\"stop\"}]}");

    Annotation a = r.message().annotations().get(0);
    assertThat(a.type()).isEqualTo("url_citation");
    assertThat(a.url()).isEqualTo("https://example.org/loire");
    assertThat(a.title()).isEqualTo("Loire");
    assertThat(a.startIndex()).isZero();
    assertThat(a.endIndex()).isEqualTo(26);
    assertThat(map(r.message().extra().get("audio"))).containsEntry("id", "audio_1");
    assertThat(r.usage()).isNull();
  }

  @Test
  void reasoningContentFromCompatibleHostsIsTheMessagesReasoning() {
    ChatResponse r = answer("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,"
        + "\"model\":\"deepseek-reasoner\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":\"9.8 is greater.\",\"reasoning_content\":\"Compare 9.80 and 9.11...\"},"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":90,"
        + "\"total_tokens\":110,\"prompt_cache_hit_tokens\":16,\"prompt_cache_miss_tokens\":4,"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":80}}}");

    assertThat(r.message().reasoning()).isEqualTo("Compare 9.80 and 9.11...");
    assertThat(r.usage().cachedTokens()).as("DeepSeek's cache hits").isEqualTo(16);
    assertThat(r.usage().reasoningTokens()).isEqualTo(80);
    assertThat(r.usage().extra()).containsKey("prompt_cache_miss_tokens");
  }

  @Test
  void anErrorDocumentInAnOkReplyIsClassifiedNotParsedAsAnAnswer() {
    fx.reply(200, "{\"error\":{\"code\":502,\"message\":\"Provider returned error\","
        + "\"metadata\":{\"provider_name\":\"Example\"}}}", "x-request-id", "req_200_error");

    assertThatThrownBy(() -> fx.adapter.chat(fx.call(request().user("x").build())))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
          assertThat(e.httpStatus()).isEqualTo(502);
          assertThat(e.providerMessage()).contains("Provider returned error");
          assertThat(e.requestId()).isEqualTo("req_200_error");
        });
  }

  @Test
  void anErrorMemberNextToChoicesOrAnErrorArrayIsStillAnError() {
    fx.reply(200, "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":\"\"},\"finish_reason\":\"error\"}],\"error\":{\"code\":429,"
        + "\"message\":\"Rate limit exceeded upstream\"}}");
    assertThatThrownBy(() -> fx.adapter.chat(fx.call(request().user("x").build())))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
          assertThat(e.providerMessage()).contains("Rate limit exceeded upstream");
        });

    fx.reply(200, "[{\"error\":{\"code\":503,\"message\":\"The model is overloaded\","
        + "\"status\":\"UNAVAILABLE\"}}]");
    assertThatThrownBy(() -> fx.adapter.chat(fx.call(request().user("x").build())))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(503);
          assertThat(e.providerMessage()).contains("overloaded");
        });

    fx.reply(200, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
        + "\"message\":\"Overloaded\"}}");
    assertThatThrownBy(() -> fx.adapter.chat(fx.call(request().user("x").build())))
        .isInstanceOfSatisfying(ProviderException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED));
  }

  @Test
  void anAnswerThatMentionsAnErrorMemberIsStillAnAnswer() {
    // A null top-level error and "error" inside strings and arguments make no error document.
    ChatResponse r = answer("{\"id\":\"x\",\"error\":null,\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"Use the key \\\"error\\\".\","
        + "\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\","
        + "\"arguments\":\"{\\\"error\\\":\\\"none\\\"}\"}}]},\"finish_reason\":\"stop\"}]}");

    assertThat(r.text()).isEqualTo("Use the key \"error\".");
    assertThat(r.toolCalls()).singleElement()
        .satisfies(c -> assertThat(c.arguments()).isEqualTo("{\"error\":\"none\"}"));
  }

  @Test
  void aMalformedReplyNamesTheJsonPath() {
    fx.reply(200, "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":7}]}}]}");
    assertThatThrownBy(() -> fx.adapter.chat(fx.call(request().user("x").build())))
        .isInstanceOfSatisfying(MalformedResponseException.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
          assertThat(e.path()).startsWith("$.choices[0].message.tool_calls");
        });

    fx.reply(200, "{\"id\":\"x\",\"choices\":[]}");
    assertThatThrownBy(() -> fx.adapter.chat(fx.call(request().user("x").build())))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("at least one choice");
  }

  @Test
  void severalChoicesAreKeptInOrder() {
    ChatResponse r = answer("{\"id\":\"n\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"A\"},\"finish_reason\":\"stop\"},"
        + "{\"index\":1,\"message\":{\"role\":\"assistant\",\"content\":\"B\"},\"finish_reason\":\"length\"}]}");

    assertThat(r.choices()).extracting(c -> c.message().text()).containsExactly("A", "B");
    assertThat(r.choices().get(1).finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.choices()).extracting(Choice::index).containsExactly(0, 1);
    assertThat(List.of(r.choices().get(1).nativeFinishReason())).containsExactly("length");
  }
}
