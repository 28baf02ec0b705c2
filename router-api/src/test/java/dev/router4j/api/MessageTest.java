package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageTest {

  private static InvalidRequestException rejected(Runnable build) {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, build::run);
    assertThat(e).as("expected an InvalidRequestException").isNotNull();
    return e;
  }

  @Test
  void aToolMessageWithoutToolCallIdIsRejected() {
    InvalidRequestException e =
        rejected(() -> Message.builder(Role.TOOL).content("{\"celsius\":21}").build());
    assertThat(e.field()).isEqualTo("tool_call_id");
    assertThat(e.getMessage())
        .isEqualTo("tool_call_id: a tool message must name the tool call it answers");
  }

  @Test
  void aToolMessageWithAnEmptyToolCallIdIsRejected() {
    InvalidRequestException e = rejected(() -> Message.tool("", "result"));
    assertThat(e.field()).isEqualTo("tool_call_id");
  }

  @ParameterizedTest
  @EnumSource(value = Role.class, names = "TOOL", mode = EnumSource.Mode.EXCLUDE)
  void aToolCallIdOnANonToolMessageIsRejected(Role role) {
    InvalidRequestException e = rejected(
        () -> Message.builder(role).content("x").toolCallId("call_1").build());
    assertThat(e.field()).isEqualTo("tool_call_id");
    assertThat(e.getMessage()).isEqualTo("tool_call_id: only a tool message answers a tool call");
  }

  @ParameterizedTest
  @EnumSource(value = Role.class, names = {"SYSTEM", "DEVELOPER", "USER"})
  void toolCallsOnANonAssistantMessageAreRejected(Role role) {
    InvalidRequestException e = rejected(() -> Message.builder(role).content("x")
        .toolCalls(List.of(new ToolCall("call_1", "weather", "{}"))).build());
    assertThat(e.field()).isEqualTo("tool_calls");
    assertThat(e.getMessage()).isEqualTo("tool_calls: only an assistant message makes tool calls");
  }

  @Test
  void toolCallsOnAToolMessageAreRejected() {
    InvalidRequestException e = rejected(() -> Message.builder(Role.TOOL).toolCallId("c")
        .content("x").toolCalls(List.of(new ToolCall("c2", "f", null))).build());
    assertThat(e.field()).isEqualTo("tool_calls");
  }

  @Test
  void anImagePartOnASystemMessageIsRejectedNamingTheRoleAndPartType() {
    InvalidRequestException e = rejected(() -> Message.builder(Role.SYSTEM)
        .parts(List.of(ContentPart.text("look"), ContentPart.imageUrl("https://x/cat.png")))
        .build());
    assertThat(e.field()).isEqualTo("content");
    assertThat(e.getMessage())
        .isEqualTo("content: a system message may hold only text parts, found image_url");
  }

  @Test
  void aFilePartOnAnAssistantMessageIsRejected() {
    InvalidRequestException e = rejected(() -> Message.builder(Role.ASSISTANT)
        .parts(List.of(new ContentPart.File("a.pdf", "data:application/pdf;base64,AAAA", null)))
        .build());
    assertThat(e.field()).isEqualTo("content");
    assertThat(e.getMessage())
        .isEqualTo("content: an assistant message may hold only text parts, found file");
  }

  @Test
  void textPartsAreAllowedOnSystemAndAssistantMessages() {
    Message system = Message.builder(Role.SYSTEM)
        .parts(List.of(new ContentPart.Text("cached", CacheControl.EPHEMERAL))).build();
    Message assistant = Message.builder(Role.ASSISTANT)
        .parts(List.of(ContentPart.text("a"), ContentPart.text("b"))).build();
    assertThat(system.parts()).hasSize(1);
    assertThat(assistant.text()).isEqualTo("ab");
  }

  @Test
  void aUserMessageMayMixEveryKindOfPart() {
    Message m = Message.user("Describe these.", ContentPart.imageUrl("https://x/cat.png"),
        new ContentPart.File("a.pdf", null, "file-123"), new ContentPart.Audio("UklGRg==", "wav"));
    assertThat(m.parts()).extracting(ContentPart::type)
        .containsExactly("text", "image_url", "file", "input_audio");
    assertThat(m.content()).isNull();
  }

  @Test
  void contentAndPartsTogetherAreRejected() {
    InvalidRequestException e = rejected(() -> new Message(Role.USER, "text",
        List.of(ContentPart.text("part")), null, null, null, null, null, null, null, null));
    assertThat(e.field()).isEqualTo("content");
    assertThat(e.getMessage()).isEqualTo("content: give a string or parts, not both");
  }

  @Test
  void theBuilderKeepsOnlyTheLastContentFormGiven() {
    Message toParts = Message.builder(Role.USER).content("s").parts(List.of(ContentPart.text("p")))
        .build();
    assertThat(toParts.content()).isNull();
    assertThat(toParts.parts()).hasSize(1);
    Message toString = Message.builder(Role.USER).parts(List.of(ContentPart.text("p"))).content("s")
        .build();
    assertThat(toString.parts()).isNull();
    assertThat(toString.content()).isEqualTo("s");
  }

  @Test
  void aNullPartIsRejectedNamingItsIndex() {
    List<ContentPart> parts = new ArrayList<>();
    parts.add(ContentPart.text("a"));
    parts.add(null);
    InvalidRequestException e = rejected(() -> Message.user(parts));
    assertThat(e.field()).isEqualTo("content[1]");
    assertThat(e.getMessage()).isEqualTo("content[1]: must not be null");
  }

  @Test
  void aNullRoleIsRejected() {
    assertThatThrownBy(() -> Message.builder(null)).isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("role");
  }

  @Test
  void textJoinsTheTextPartsAndSkipsTheOthers() {
    Message m = Message.user(List.of(ContentPart.text("Hello, "),
        ContentPart.imageUrl("https://x/cat.png"), ContentPart.text("world")));
    assertThat(m.text()).isEqualTo("Hello, world");
  }

  @Test
  void textIsTheStringContentOrEmptyWhenThereIsNone() {
    assertThat(Message.user("plain").text()).isEqualTo("plain");
    Message calls = Message.assistant(List.of(new ToolCall("c1", "weather", null)));
    assertThat(calls.text()).isEmpty();
    assertThat(calls.hasContent()).isFalse();
    assertThat(Message.user("").hasContent()).isTrue();
  }

  @Test
  void factoriesSetTheRoleAndFields() {
    assertThat(Message.system("s").role()).isEqualTo(Role.SYSTEM);
    assertThat(Message.developer("d").role()).isEqualTo(Role.DEVELOPER);
    assertThat(Message.assistant("a").role()).isEqualTo(Role.ASSISTANT);
    Message tool = Message.tool("call_1", "{\"celsius\":21}");
    assertThat(tool.role()).isEqualTo(Role.TOOL);
    assertThat(tool.toolCallId()).isEqualTo("call_1");
    assertThat(tool.content()).isEqualTo("{\"celsius\":21}");
    assertThat(Message.user("u").toolCalls()).isEmpty();
    assertThat(Message.user("u").reasoningDetails()).isEmpty();
    assertThat(Message.user("u").annotations()).isEmpty();
    assertThat(Message.user("u").extra()).isEmpty();
  }

  @Test
  void listsGivenToTheBuilderAreCopiedAndReturnedUnmodifiable() {
    List<ContentPart> parts = new ArrayList<>(List.of(ContentPart.text("a")));
    Message user = Message.user(parts);
    parts.add(ContentPart.text("b"));
    assertThat(user.parts()).hasSize(1);
    assertThatThrownBy(() -> user.parts().add(ContentPart.text("c")))
        .isInstanceOf(UnsupportedOperationException.class);

    List<ToolCall> calls = new ArrayList<>(List.of(new ToolCall("c1", "f", "{}")));
    Message assistant = Message.assistant(calls);
    calls.clear();
    assertThat(assistant.toolCalls()).hasSize(1);
    assertThatThrownBy(() -> assistant.toolCalls().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void extraIsDeepCopied() {
    Map<String, Object> nested = new LinkedHashMap<>(Map.of("k", "v"));
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("cache", nested);
    Message m = Message.builder(Role.USER).content("x").extra(extra).build();
    nested.put("k2", "v2");
    extra.put("other", 1);
    assertThat(m.extra()).containsOnlyKeys("cache");
    assertThat(m.extra().get("cache")).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void toBuilderRoundTripsAnAssistantMessageWithEveryField() {
    Message m = Message.builder(Role.ASSISTANT)
        .content("It is 21°C.")
        .name("bot")
        .toolCalls(List.of(new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}")))
        .refusal("partial refusal")
        .reasoning("Checked the tool.")
        .reasoningDetails(List.of(ReasoningDetail.text("thinking", "sig=="),
            ReasoningDetail.encrypted("opaque")))
        .annotations(List.of(Annotation.urlCitation("https://x", "X", "excerpt")))
        .extra(Map.of("provider_specific", Map.of("a", List.of(1, 2))))
        .build();
    assertThat(m.toBuilder().build()).isEqualTo(m);
  }

  @Test
  void toBuilderRoundTripsAUserMessageMadeOfParts() {
    Message m = Message.user("Look:", ContentPart.imageUrl("https://x/cat.png").withDetail("low"));
    Message copy = m.toBuilder().build();
    assertThat(copy).isEqualTo(m);
    assertThat(copy.content()).isNull();
  }

  @Test
  void toBuilderRoundTripsAToolMessage() {
    Message m = Message.builder(Role.TOOL).toolCallId("call_9").name("weather").content("{}")
        .build();
    assertThat(m.toBuilder().build()).isEqualTo(m);
  }
}
