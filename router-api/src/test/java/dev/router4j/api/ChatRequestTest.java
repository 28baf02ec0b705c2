package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.routing.DataCollection;
import dev.router4j.api.routing.MaxPrice;
import dev.router4j.api.routing.ProviderPreferences;
import dev.router4j.api.routing.Sort;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatRequestTest {

  /** A minimal valid request: one user message, one model. */
  private static ChatRequest.Builder base() {
    return ChatRequest.builder().model("openai/gpt-4.1").user("Hi");
  }

  private static InvalidRequestException rejected(UnaryOperator<ChatRequest.Builder> edit) {
    InvalidRequestException e = catchThrowableOfType(
        InvalidRequestException.class, () -> edit.apply(base()).build());
    assertThat(e).as("expected an InvalidRequestException").isNotNull();
    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
    return e;
  }

  // ---------------------------------------------------------------- ranged sampling parameters

  @ParameterizedTest(name = "{0} = {1} is rejected")
  @CsvSource({
      "temperature, -0.01, 0, 2",
      "temperature, 2.0001, 0, 2",
      "top_p, -0.1, 0, 1",
      "top_p, 1.01, 0, 1",
      "min_p, -0.5, 0, 1",
      "min_p, 1.5, 0, 1",
      "top_a, -0.001, 0, 1",
      "top_a, 2, 0, 1",
      "frequency_penalty, -2.01, -2, 2",
      "frequency_penalty, 2.01, -2, 2",
      "presence_penalty, -3, -2, 2",
      "presence_penalty, 2.5, -2, 2",
      "repetition_penalty, -0.1, 0, 2",
      "repetition_penalty, 2.1, 0, 2",
  })
  void doubleParameterOutsideItsRangeIsRejectedNamingTheFieldAndRange(
      String field, double value, String min, String max) {
    InvalidRequestException e = rejected(b -> setDouble(b, field, value));
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage())
        .isEqualTo(field + ": must be between " + min + " and " + max + ", was " + value);
  }

  @ParameterizedTest(name = "{0} = {1} is accepted")
  @CsvSource({
      "temperature, 0", "temperature, 2", "temperature, 1.0",
      "top_p, 0", "top_p, 1",
      "min_p, 0", "min_p, 1",
      "top_a, 0", "top_a, 1",
      "frequency_penalty, -2", "frequency_penalty, 2",
      "presence_penalty, -2", "presence_penalty, 2",
      "repetition_penalty, 0", "repetition_penalty, 2",
  })
  void doubleParameterExactlyOnItsBoundaryIsAccepted(String field, double value) {
    ChatRequest r = setDouble(base(), field, value).build();
    assertThat(r).isNotNull();
  }

  @Test
  void temperatureAboveTwoIsRejectedNamingTheFieldAndRange() {
    assertThatThrownBy(() -> base().temperature(2.5).build())
        .isExactlyInstanceOf(InvalidRequestException.class)
        .hasMessage("temperature: must be between 0 and 2, was 2.5")
        .extracting(e -> ((InvalidRequestException) e).field())
        .isEqualTo("temperature");
  }

  @Test
  void notANumberTemperatureIsRejected() {
    InvalidRequestException e = rejected(b -> b.temperature(Double.NaN));
    assertThat(e.field()).isEqualTo("temperature");
    assertThat(e.getMessage()).contains("must be between 0 and 2", "NaN");
  }

  @Test
  void infiniteTopPIsRejected() {
    InvalidRequestException e = rejected(b -> b.topP(Double.POSITIVE_INFINITY));
    assertThat(e.field()).isEqualTo("top_p");
  }

  @Test
  void negativeTopKIsRejectedAndZeroTurnsItOff() {
    InvalidRequestException e = rejected(b -> b.topK(-1));
    assertThat(e.field()).isEqualTo("top_k");
    assertThat(e.getMessage()).isEqualTo("top_k: must be at least 0, was -1");
    assertThat(base().topK(0).build().topK()).isZero();
    assertThat(base().topK(Integer.MAX_VALUE).build().topK()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void maxTokensBelowOneIsRejectedAndOneIsAccepted() {
    InvalidRequestException e = rejected(b -> b.maxTokens(0));
    assertThat(e.field()).isEqualTo("max_tokens");
    assertThat(e.getMessage()).isEqualTo("max_tokens: must be at least 1, was 0");
    assertThat(base().maxTokens(1).build().maxTokens()).isEqualTo(1);
  }

  @Test
  void maxCompletionTokensBelowOneIsRejectedAndOneIsAccepted() {
    InvalidRequestException e = rejected(b -> b.maxCompletionTokens(-5));
    assertThat(e.field()).isEqualTo("max_completion_tokens");
    assertThat(e.getMessage()).isEqualTo("max_completion_tokens: must be at least 1, was -5");
    assertThat(base().maxCompletionTokens(1).build().maxCompletionTokens()).isEqualTo(1);
  }

  @Test
  void unsetOptionalParametersStayNullSoNothingIsSentUpstream() {
    ChatRequest r = base().build();
    assertThat(r.temperature()).isNull();
    assertThat(r.topP()).isNull();
    assertThat(r.topK()).isNull();
    assertThat(r.maxTokens()).isNull();
    assertThat(r.stop()).isNull();
    assertThat(r.logitBias()).isNull();
    assertThat(r.responseFormat()).isNull();
    assertThat(r.provider()).isNull();
    assertThat(r.models()).isEmpty();
    assertThat(r.tools()).isEmpty();
    assertThat(r.plugins()).isEmpty();
    assertThat(r.extra()).isEmpty();
    assertThat(r.isStream()).isFalse();
  }

  // ---------------------------------------------------------------- stop, logit_bias, logprobs

  @Test
  void moreThanFourStopSequencesAreRejected() {
    InvalidRequestException e = rejected(b -> b.stop(List.of("a", "b", "c", "d", "e")));
    assertThat(e.field()).isEqualTo("stop");
    assertThat(e.getMessage()).isEqualTo("stop: holds at most 4 sequences, was 5");
  }

  @Test
  void exactlyFourStopSequencesAreAccepted() {
    ChatRequest r = base().stop(List.of("a", "b", "c", "d")).build();
    assertThat(r.stop()).containsExactly("a", "b", "c", "d");
    assertThat(r.stopAsString()).isFalse();
  }

  @Test
  void aSingleStopStringIsKeptAsAStringForTheRoundTrip() {
    ChatRequest r = base().stop("END").build();
    assertThat(r.stop()).containsExactly("END");
    assertThat(r.stopAsString()).isTrue();
    ChatRequest cleared = r.toBuilder().stop((String) null).build();
    assertThat(cleared.stop()).isNull();
    assertThat(cleared.stopAsString()).isFalse();
  }

  @Test
  void aNullStopSequenceIsRejectedNamingItsIndex() {
    List<String> stop = new ArrayList<>();
    stop.add("a");
    stop.add(null);
    InvalidRequestException e = rejected(b -> b.stop(stop));
    assertThat(e.field()).isEqualTo("stop[1]");
    assertThat(e.getMessage()).isEqualTo("stop[1]: must not be null");
  }

  @Test
  void logitBiasOutsideMinusHundredToHundredIsRejectedNamingTheToken() {
    InvalidRequestException high = rejected(b -> b.logitBias(Map.of("50256", 101)));
    assertThat(high.field()).isEqualTo("logit_bias.50256");
    assertThat(high.getMessage())
        .isEqualTo("logit_bias.50256: must be between -100 and 100, was 101");
    InvalidRequestException low = rejected(b -> b.logitBias(Map.of("7", -101)));
    assertThat(low.field()).isEqualTo("logit_bias.7");
    assertThat(low.getMessage()).contains("must be between -100 and 100, was -101");
  }

  @Test
  void logitBiasOfExactlyMinusHundredAndHundredIsAccepted() {
    Map<String, Integer> bias = new LinkedHashMap<>();
    bias.put("1", -100);
    bias.put("2", 100);
    bias.put("3", 0);
    assertThat(base().logitBias(bias).build().logitBias())
        .containsExactly(Map.entry("1", -100), Map.entry("2", 100), Map.entry("3", 0));
  }

  @Test
  void aNullLogitBiasValueIsRejectedAsRequired() {
    Map<String, Integer> bias = new LinkedHashMap<>();
    bias.put("42", null);
    InvalidRequestException e = rejected(b -> b.logitBias(bias));
    assertThat(e.field()).isEqualTo("logit_bias.42");
    assertThat(e.getMessage()).isEqualTo("logit_bias.42: is required");
  }

  @Test
  void topLogprobsOutsideZeroToTwentyIsRejectedAndTheBoundsAreAccepted() {
    InvalidRequestException e = rejected(b -> b.topLogprobs(21));
    assertThat(e.field()).isEqualTo("top_logprobs");
    assertThat(e.getMessage()).isEqualTo("top_logprobs: must be between 0 and 20, was 21");
    assertThat(rejected(b -> b.topLogprobs(-1)).field()).isEqualTo("top_logprobs");
    assertThat(base().topLogprobs(0).build().topLogprobs()).isZero();
    assertThat(base().topLogprobs(20).build().topLogprobs()).isEqualTo(20);
  }

  // ---------------------------------------------------------------- messages, model, session

  @Test
  void aRequestWithoutMessagesIsRejected() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> ChatRequest.builder().model("m").build());
    assertThat(e.field()).isEqualTo("messages");
    assertThat(e.getMessage()).isEqualTo("messages: must hold at least one message");
  }

  @Test
  void aLegacyPromptRequestMayHaveNoMessages() {
    ChatRequest r = ChatRequest.builder().model("m").prompt("Once upon a time").build();
    assertThat(r.messages()).isEmpty();
    assertThat(r.prompt()).isEqualTo("Once upon a time");
  }

  @Test
  void aBlankModelIsRejectedButAMissingModelIsAllowed() {
    InvalidRequestException e = rejected(b -> b.model("  "));
    assertThat(e.field()).isEqualTo("model");
    assertThat(e.getMessage()).isEqualTo("model: must not be blank");
    assertThat(ChatRequest.builder().user("hi").build().model()).isNull();
  }

  @Test
  void aBlankFallbackModelIsRejectedNamingItsIndex() {
    InvalidRequestException e = rejected(b -> b.models("a/b", ""));
    assertThat(e.field()).isEqualTo("models[1]");
    assertThat(e.getMessage()).isEqualTo("models[1]: must not be blank");
  }

  @Test
  void sessionIdLongerThan256CharactersIsRejectedAnd256IsAccepted() {
    InvalidRequestException e = rejected(b -> b.sessionId("s".repeat(257)));
    assertThat(e.field()).isEqualTo("session_id");
    assertThat(e.getMessage()).isEqualTo("session_id: must be at most 256 characters, was 257");
    assertThat(base().sessionId("s".repeat(256)).build().sessionId()).hasSize(256);
  }

  // ---------------------------------------------------------------- tools

  @Test
  void twoToolsWithTheSameNameAreRejected() {
    Tool a = Tool.function("weather", "one", "{}");
    Tool b = Tool.function("weather", "two", null);
    InvalidRequestException e = rejected(x -> x.tools(a, b));
    assertThat(e.field()).isEqualTo("tools");
    assertThat(e.getMessage()).isEqualTo("tools: two tools are named 'weather'");
  }

  @Test
  void toolChoiceNamingAnUnknownToolIsRejected() {
    InvalidRequestException e = rejected(b -> b.tools(Tool.function("weather", null, null))
        .toolChoice(ToolChoice.function("stocks")));
    assertThat(e.field()).isEqualTo("tool_choice");
    assertThat(e.getMessage())
        .startsWith("tool_choice: names function 'stocks', which is not among the tools")
        .contains("weather");
  }

  @Test
  void toolChoiceNamingAKnownToolIsAccepted() {
    ChatRequest r = base()
        .tools(Tool.function("weather", null, null), Tool.function("stocks", null, null))
        .toolChoice(ToolChoice.function("stocks"))
        .build();
    assertThat(r.toolChoice().functionName()).isEqualTo("stocks");
    assertThat(r.tools()).extracting(Tool::name).containsExactly("weather", "stocks");
  }

  // ---------------------------------------------------------------- convenience

  @Test
  void candidateModelsPutsTheModelFirstThenTheFallbacksWithoutRepeatingIt() {
    ChatRequest r = base().model("a/x").models("b/y", "a/x", "c/z").build();
    assertThat(r.candidateModels()).containsExactly("a/x", "b/y", "c/z");
  }

  @Test
  void candidateModelsWithoutAModelAreTheFallbacksInOrder() {
    ChatRequest r = ChatRequest.builder().user("hi").models("b/y", "c/z").build();
    assertThat(r.candidateModels()).containsExactly("b/y", "c/z");
    assertThat(ChatRequest.builder().user("hi").build().candidateModels()).isEmpty();
  }

  @Test
  void candidateModelsWithoutFallbacksIsJustTheModel() {
    assertThat(base().build().candidateModels()).containsExactly("openai/gpt-4.1");
  }

  @Test
  void candidateModelsDropsEveryRepeatedSlugKeepingTheFirstOccurrence() {
    ChatRequest r = base().model("a/x").models("b/y", "c/z", "b/y").build();
    assertThat(r.candidateModels()).containsExactly("a/x", "b/y", "c/z");
    ChatRequest noModel = ChatRequest.builder().user("hi").models("b/y", "b/y").build();
    assertThat(noModel.candidateModels()).containsExactly("b/y");
  }

  @Test
  void effectiveMaxTokensPrefersMaxCompletionTokens() {
    assertThat(base().build().effectiveMaxTokens()).isNull();
    assertThat(base().maxTokens(100).build().effectiveMaxTokens()).isEqualTo(100);
    assertThat(base().maxCompletionTokens(200).build().effectiveMaxTokens()).isEqualTo(200);
    assertThat(base().maxTokens(100).maxCompletionTokens(200).build().effectiveMaxTokens())
        .isEqualTo(200);
  }

  @Test
  void effectiveReasoningFoldsInTheReasoningEffortShorthand() {
    assertThat(base().build().effectiveReasoning()).isNull();
    assertThat(base().reasoningEffort(Reasoning.Effort.HIGH).build().effectiveReasoning())
        .isEqualTo(new Reasoning(Reasoning.Effort.HIGH, null, null, null));
  }

  @Test
  void effectiveReasoningPrefersTheFullReasoningObjectOverTheShorthand() {
    Reasoning full = Reasoning.maxTokens(2048);
    ChatRequest r = base().reasoning(full).reasoningEffort(Reasoning.Effort.LOW).build();
    assertThat(r.effectiveReasoning()).isSameAs(full);
  }

  @Test
  void pluginReturnsTheEnabledPluginWithTheId() {
    Plugin web = new Plugin(Plugin.WEB, null, Map.of("max_results", 3));
    ChatRequest r = base().plugins(web, Plugin.of(Plugin.RESPONSE_HEALING)).build();
    assertThat(r.plugin(Plugin.WEB)).isEqualTo(web);
    assertThat(r.plugin(Plugin.RESPONSE_HEALING)).isNotNull();
    assertThat(r.plugin(Plugin.FILE_PARSER)).isNull();
  }

  @Test
  void pluginIgnoresAPluginTurnedOffWithEnabledFalse() {
    ChatRequest r = base()
        .plugins(new Plugin(Plugin.CONTEXT_COMPRESSION, false, null), new Plugin(Plugin.WEB, true, null))
        .build();
    assertThat(r.plugin(Plugin.CONTEXT_COMPRESSION)).isNull();
    assertThat(r.plugin(Plugin.WEB)).isNotNull();
  }

  @Test
  void isStreamIsTrueOnlyForAnExplicitTrue() {
    assertThat(base().stream(true).build().isStream()).isTrue();
    assertThat(base().stream(false).build().isStream()).isFalse();
    assertThat(base().stream(null).build().isStream()).isFalse();
  }

  @Test
  void builderShortcutsAppendMessagesInOrder() {
    ChatRequest r = ChatRequest.builder().system("s").developer("d").user("u").assistant("a")
        .message(Message.tool("call_1", "{}")).build();
    assertThat(r.messages()).extracting(Message::role)
        .containsExactly(Role.SYSTEM, Role.DEVELOPER, Role.USER, Role.ASSISTANT, Role.TOOL);
  }

  @Test
  void providerEditorStartsFromTheCurrentPreferences() {
    ChatRequest r = base()
        .provider(p -> p.sort(Sort.PRICE))
        .provider(p -> p.dataCollection(DataCollection.DENY))
        .build();
    assertThat(r.provider().sort()).isEqualTo(Sort.PRICE);
    assertThat(r.provider().dataCollection()).isEqualTo(DataCollection.DENY);
  }

  // ---------------------------------------------------------------- immutability

  @Test
  void listsAndMapsGivenToTheBuilderAreCopied() {
    List<String> models = new ArrayList<>(List.of("b/y"));
    List<String> stop = new ArrayList<>(List.of("END"));
    Map<String, Integer> bias = new LinkedHashMap<>(Map.of("1", 5));
    List<Tool> tools = new ArrayList<>(List.of(Tool.function("t", null, null)));
    List<Plugin> plugins = new ArrayList<>(List.of(Plugin.of(Plugin.WEB)));
    List<Message> messages = new ArrayList<>(List.of(Message.user("hi")));
    Map<String, Object> extra = new LinkedHashMap<>(Map.of("service_tier", "flex"));
    ChatRequest r = ChatRequest.builder().model("a/x").messages(messages).models(models).stop(stop)
        .logitBias(bias).tools(tools).plugins(plugins).extra(extra).build();

    models.add("c/z");
    stop.add("STOP");
    bias.put("2", 10);
    tools.add(Tool.function("u", null, null));
    plugins.clear();
    messages.add(Message.user("again"));
    extra.put("prediction", "x");

    assertThat(r.models()).containsExactly("b/y");
    assertThat(r.stop()).containsExactly("END");
    assertThat(r.logitBias()).containsOnlyKeys("1");
    assertThat(r.tools()).hasSize(1);
    assertThat(r.plugins()).hasSize(1);
    assertThat(r.messages()).hasSize(1);
    assertThat(r.extra()).containsOnlyKeys("service_tier");
  }

  @Test
  void returnedCollectionsAreUnmodifiable() {
    ChatRequest r = base().models("b/y").stop(List.of("x")).logitBias(Map.of("1", 1))
        .tools(Tool.function("t", null, null)).plugins(Plugin.of("web")).extra("k", "v").build();
    assertThatThrownBy(() -> r.messages().add(Message.user("x")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.models().add("c")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.stop().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.logitBias().put("2", 2))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.tools().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.plugins().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.extra().put("k2", "v2"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.candidateModels().add("z"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nestedExtraJsonTreesAreDeepCopied() {
    List<Object> inner = new ArrayList<>(List.of(1, 2));
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("list", inner);
    ChatRequest r = base().extra("prediction", obj).build();
    inner.add(3);
    obj.put("other", true);
    @SuppressWarnings("unchecked")
    Map<String, Object> copied = (Map<String, Object>) r.extra().get("prediction");
    assertThat(copied).containsOnlyKeys("list");
    assertThat(copied.get("list")).isEqualTo(List.of(1, 2));
    assertThatThrownBy(() -> copied.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aBuilderCanBeReusedWithoutChangingRequestsAlreadyBuilt() {
    ChatRequest.Builder b = base();
    ChatRequest first = b.build();
    b.user("second turn").extra("k", "v");
    ChatRequest second = b.build();
    assertThat(first.messages()).hasSize(1);
    assertThat(first.extra()).isEmpty();
    assertThat(second.messages()).hasSize(2);
    assertThat(second.extra()).containsEntry("k", "v");
  }

  // ---------------------------------------------------------------- toBuilder

  @Test
  void toBuilderRoundTripsARequestWithEveryFieldSet() throws Exception {
    ChatRequest full = ChatRequest.builder()
        .system("Be terse.")
        .user("Weather in Paris?")
        .prompt("legacy")
        .model("anthropic/claude-sonnet-4.5")
        .models("openai/gpt-4.1", "google/gemini-2.5-flash")
        .temperature(0.7).topP(0.9).topK(40).minP(0.05).topA(0.1)
        .frequencyPenalty(-1.5).presencePenalty(1.5).repetitionPenalty(1.1)
        .seed(42L).maxTokens(512).maxCompletionTokens(1024)
        .stop("END")
        .logitBias(Map.of("50256", -100))
        .logprobs(true).topLogprobs(5)
        .tools(Tool.function("weather", "Weather by city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"))
        .toolChoice(ToolChoice.function("weather"))
        .parallelToolCalls(false)
        .responseFormat(ResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}"))
        .reasoning(Reasoning.effort(Reasoning.Effort.HIGH))
        .reasoningEffort(Reasoning.Effort.LOW)
        .provider(ProviderPreferences.builder().order("anthropic", "google-vertex")
            .maxPrice(MaxPrice.perMillionTokens("3", "15")).build())
        .plugins(new Plugin(Plugin.WEB, true, Map.of("max_results", 5)))
        .userId("user-123")
        .sessionId("session-abc")
        .stream(true)
        .extra("service_tier", "flex")
        .build();

    for (RecordComponent c : ChatRequest.class.getRecordComponents()) {
      Object value = c.getAccessor().invoke(full);
      assertThat(value).as("fixture must set %s", c.getName()).isNotNull();
      if (value instanceof Collection<?> col) {
        assertThat(col).as("fixture must fill %s", c.getName()).isNotEmpty();
      } else if (value instanceof Map<?, ?> map) {
        assertThat(map).as("fixture must fill %s", c.getName()).isNotEmpty();
      }
    }

    ChatRequest copy = full.toBuilder().build();

    assertThat(copy).isEqualTo(full);
    assertThat(copy.hashCode()).isEqualTo(full.hashCode());
    assertThat(copy.stopAsString()).isTrue();
    assertThat(copy.user()).isEqualTo("user-123");
  }

  @Test
  void toBuilderEditsDoNotTouchTheOriginal() {
    ChatRequest original = base().extra("a", 1).build();
    ChatRequest edited = original.toBuilder().user("more").extra("b", 2).temperature(1.0).build();
    assertThat(original.messages()).hasSize(1);
    assertThat(original.extra()).containsOnlyKeys("a");
    assertThat(original.temperature()).isNull();
    assertThat(edited.messages()).hasSize(2);
    assertThat(edited.extra()).containsOnlyKeys("a", "b");
  }

  // ---------------------------------------------------------------- helpers

  private static ChatRequest.Builder setDouble(ChatRequest.Builder b, String field, double v) {
    switch (field) {
      case "temperature": return b.temperature(v);
      case "top_p": return b.topP(v);
      case "min_p": return b.minP(v);
      case "top_a": return b.topA(v);
      case "frequency_penalty": return b.frequencyPenalty(v);
      case "presence_penalty": return b.presencePenalty(v);
      case "repetition_penalty": return b.repetitionPenalty(v);
      default: throw new IllegalArgumentException(field);
    }
  }
}
