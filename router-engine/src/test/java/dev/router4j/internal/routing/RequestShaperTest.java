package dev.router4j.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.internal.tokens.TokenEstimator;
import dev.router4j.internal.tokens.Tokenizer;
import org.junit.jupiter.api.Test;

class RequestShaperTest {
  /** A conversation in Chinese: about one token per character, four times the usual guess. */
  private static ChatRequest chinese(int turns, int maxTokens) {
    ChatRequest.Builder b = ChatRequest.builder().model("openai/gpt-4o").maxTokens(maxTokens)
        .system("你是一位历史学家。");
    for (int i = 0; i < turns; i++) {
      b.user("问题" + i + "：请详细介绍长江流域的历史、地理和文化。".repeat(25));
      b.assistant("回答" + i + "：长江是中国最长的河流，流经许多省份和城市。".repeat(25));
    }
    return b.user("最后：接下来发生了什么？").build();
  }

  @Test
  void aPromptOfShortTokensThatOverflowsASmallContextIsCompressed() {
    ChatRequest r = chinese(9, 2_000);
    Endpoint small = Endpoint.builder("host", "openai/gpt-4o").contextLength(8_192).build();
    int real = Tokenizer.forModel("openai/gpt-4o").promptTokens(r);
    assertThat(real + 2_000).as("it overflows").isGreaterThan(8_192);
    assertThat(TokenEstimator.promptTokens(r) + 2_000)
        .as("though four characters a token says it is far from the limit")
        .isLessThan(8_192 * 3 / 4);

    ChatRequest sent = RequestShaper.forEndpoint(r, small);

    assertThat(sent.messages().size()).isLessThan(r.messages().size());
    assertThat(Tokenizer.forModel("openai/gpt-4o").promptTokens(sent) + 2_000)
        .isLessThanOrEqualTo(8_192);
  }

  @Test
  void aShortPromptIsSentAsItIs() {
    ChatRequest r = chinese(1, 500);
    Endpoint small = Endpoint.builder("host", "openai/gpt-4o").contextLength(8_192).build();
    assertThat(RequestShaper.forEndpoint(r, small)).isSameAs(r);
  }
}
