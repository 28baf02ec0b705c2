package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.cost.Cost;
import dev.router4j.api.error.ErrorCategory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatResponseTest {

  private static Cost cost(String prompt, String completion) {
    return new Cost(new BigDecimal(prompt), new BigDecimal(completion), BigDecimal.ZERO,
        BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
        BigDecimal.ZERO, false);
  }

  @Test
  void toBuilderRoundTripsEveryField() {
    Message answer = Message.builder(Role.ASSISTANT).content("Paris")
        .toolCalls(List.of(new ToolCall("c1", "weather", "{}"))).build();
    ChatResponse r = ChatResponse.builder()
        .id("gen-1").object("chat.completion").created(1_700_000_000L)
        .model("openai/gpt-4.1").provider("openai")
        .choices(List.of(new Choice(0, answer, FinishReason.TOOL_CALLS, "tool_calls",
            Map.of("content", List.of()), Map.of("k", "v"))))
        .systemFingerprint("fp_1")
        .usage(Usage.of(10, 2))
        .cost(cost("0.00002", "0.000016"))
        .route(List.of(
            new RouteAttempt("anthropic", "anthropic/claude", "anthropic:anthropic/claude",
                RouteAttempt.Outcome.FELL_BACK, ErrorCategory.PROVIDER_OVERLOADED, 529, "busy",
                Duration.ofMillis(120)),
            new RouteAttempt("openai", "openai/gpt-4.1", "openai:openai/gpt-4.1",
                RouteAttempt.Outcome.SUCCESS, null, 200, null, Duration.ofMillis(800))))
        .extra(Map.of("citations", List.of("https://x")))
        .build();
    assertThat(r.toBuilder().build()).isEqualTo(r);
  }

  @Test
  void accessorsReadTheFirstChoice() {
    Message answer = Message.builder(Role.ASSISTANT).content("Paris")
        .toolCalls(List.of(new ToolCall("c1", "weather", "{}"))).build();
    ChatResponse r = ChatResponse.builder()
        .choice(Choice.of(answer, FinishReason.normalize("end_turn"), "end_turn")).build();
    assertThat(r.message()).isEqualTo(answer);
    assertThat(r.text()).isEqualTo("Paris");
    assertThat(r.toolCalls()).extracting(ToolCall::name).containsExactly("weather");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.choices().get(0).nativeFinishReason()).isEqualTo("end_turn");
  }

  @Test
  void aResponseWithoutChoicesHasEmptyAccessors() {
    ChatResponse r = ChatResponse.builder().id("gen-1").build();
    assertThat(r.message()).isNull();
    assertThat(r.text()).isEmpty();
    assertThat(r.toolCalls()).isEmpty();
    assertThat(r.finishReason()).isNull();
    assertThat(r.route()).isEmpty();
    assertThat(r.extra()).isEmpty();
  }

  @Test
  void choicesAndRouteAreCopiedAndUnmodifiable() {
    List<Choice> choices = new ArrayList<>(List.of(Choice.of(Message.assistant("a"), null, null)));
    ChatResponse r = ChatResponse.builder().choices(choices).build();
    choices.add(Choice.of(Message.assistant("b"), null, null));
    assertThat(r.choices()).hasSize(1);
    assertThatThrownBy(() -> r.choices().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.route().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
