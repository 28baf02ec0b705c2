package dev.router4j.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.Message;
import dev.router4j.api.Plugin;
import dev.router4j.api.Role;
import dev.router4j.api.ToolCall;
import dev.router4j.internal.tokens.TokenEstimator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextCompressionTest {
  private static ChatRequest longConversation(int turns) {
    ChatRequest.Builder b = ChatRequest.builder().model("m").system("You are a historian.");
    for (int i = 0; i < turns; i++) {
      b.user("Question " + i + ": " + "tell me more about the year " + (1000 + i) + ". ".repeat(40));
      b.assistant("Answer " + i + ": " + "in that year many things happened. ".repeat(40));
    }
    return b.user("And finally: what came next?").build();
  }

  @Test
  void middleMessagesGoUntilThePromptFitsKeepingSystemAndEnds() {
    ChatRequest r = longConversation(30);
    assertThat(TokenEstimator.promptTokens(r)).isGreaterThan(8_000);
    ChatRequest fitted = ContextCompression.fit(r, 4_000);
    assertThat(dev.router4j.internal.tokens.Tokenizer.forModel("m").promptTokens(fitted))
        .isLessThanOrEqualTo(4_000);
    List<Message> m = fitted.messages();
    assertThat(m.get(0).role()).isEqualTo(Role.SYSTEM);
    assertThat(m.get(1).text()).startsWith("Question 0");
    assertThat(m.get(m.size() - 1).text()).isEqualTo("And finally: what came next?");
    assertThat(m.size()).isLessThan(r.messages().size());
  }

  @Test
  void aPromptThatFitsIsUntouched() {
    ChatRequest r = longConversation(2);
    assertThat(ContextCompression.fit(r, 100_000)).isSameAs(r);
  }

  @Test
  void toolCallsAndTheirResultsLeaveTogether() {
    List<Message> messages = new ArrayList<>();
    messages.add(Message.system("sys"));
    for (int i = 0; i < 10; i++) {
      messages.add(Message.user("look up item " + i + " ".repeat(400)));
      messages.add(Message.assistant(List.of(new ToolCall("c" + i, "lookup", "{\"i\":" + i + "}"))));
      messages.add(Message.tool("c" + i, "result " + i + " ".repeat(400)));
    }
    messages.add(Message.user("summarise"));
    ChatRequest fitted = ContextCompression.fit(ChatRequest.builder().model("m").messages(messages).build(), 800);
    List<Message> m = fitted.messages();
    for (int i = 0; i < m.size(); i++) {
      if (m.get(i).role() == Role.TOOL) {
        Message before = m.get(i - 1);
        assertThat(before.role() == Role.TOOL || !before.toolCalls().isEmpty())
            .as("a tool result follows its call").isTrue();
      }
    }
  }

  @Test
  void appliesWhenAskedOrOnSmallContextsAndNotWhenTurnedOff() {
    ChatRequest plain = ChatRequest.builder().model("m").user("x").build();
    assertThat(ContextCompression.applies(plain, 8_192)).isTrue();
    assertThat(ContextCompression.applies(plain, 128_000)).isFalse();
    ChatRequest on = plain.toBuilder().plugins(Plugin.of(Plugin.CONTEXT_COMPRESSION)).build();
    assertThat(ContextCompression.applies(on, 128_000)).isTrue();
    ChatRequest off = plain.toBuilder().plugins(new Plugin(Plugin.CONTEXT_COMPRESSION, false, null)).build();
    assertThat(ContextCompression.applies(off, 4_000)).isFalse();
    ChatRequest legacy = plain.toBuilder().extra("transforms", List.of("middle-out")).build();
    assertThat(ContextCompression.applies(legacy, 128_000)).isTrue();
  }
}
