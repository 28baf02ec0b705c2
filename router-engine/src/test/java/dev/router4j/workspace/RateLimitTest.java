package dev.router4j.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  @Test
  void freeVariantRuleIsTwentyRequestsAMinutePerFreeModel() {
    RateLimit free = RateLimit.FREE_VARIANTS;
    assertThat(free.scope()).isEqualTo(RateLimit.Scope.MODEL);
    assertThat(free.match()).isEqualTo("*:free");
    assertThat(free.requestsPerMinute()).isEqualTo(20);
    assertThat(free.tokensPerMinute()).isZero();
    assertThat(free.maxWait()).isZero();
    assertThat(free.waits()).isFalse();
    assertThat(free.describe()).isEqualTo("model *:free: 20 requests/min");
  }

  @Test
  void builderAndCopies() {
    RateLimit limit = RateLimit.builder(RateLimit.Scope.PROVIDER).match("openai")
        .requestsPerMinute(500).tokensPerMinute(200_000).maxWait(Duration.ofSeconds(2)).build();
    assertThat(limit.describe()).isEqualTo("provider openai: 500 requests/min, 200000 tokens/min");
    assertThat(limit.toBuilder().build()).isEqualTo(limit);
    assertThat(RateLimit.workspace(60).withTokensPerMinute(1000).withMaxWait(Duration.ofSeconds(1)))
        .isEqualTo(new RateLimit(RateLimit.Scope.WORKSPACE, null, 60, 1000, Duration.ofSeconds(1)));
    assertThat(RateLimit.key("k-*", 5).scope()).isEqualTo(RateLimit.Scope.KEY);
    assertThat(RateLimit.model("openai/*", 5).match()).isEqualTo("openai/*");
    assertThat(RateLimit.builder(RateLimit.Scope.WORKSPACE).tokensPerMinute(10).build().describe())
        .isEqualTo("workspace: 10 tokens/min");
  }

  @Test
  void validationNamesTheField() {
    assertThatThrownBy(() -> RateLimit.builder(null).requestsPerMinute(1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("RateLimit.scope is required");
    assertThatThrownBy(() -> RateLimit.builder(RateLimit.Scope.MODEL).match("x").build())
        .hasMessage("RateLimit needs requestsPerMinute or tokensPerMinute above 0 (both were 0)");
    assertThatThrownBy(() -> RateLimit.workspace(-1))
        .hasMessage("RateLimit.requestsPerMinute must be between 0 and 1000000000, was -1");
    assertThatThrownBy(() -> RateLimit.workspace(1).withTokensPerMinute(1_000_000_001L))
        .hasMessage("RateLimit.tokensPerMinute must be between 0 and 1000000000, was 1000000001");
    assertThatThrownBy(() -> RateLimit.builder(RateLimit.Scope.WORKSPACE).match("x")
        .requestsPerMinute(1).build())
        .hasMessage("RateLimit.match must be null for a WORKSPACE limit, was 'x'");
    assertThatThrownBy(() -> RateLimit.provider(" ", 1))
        .hasMessage("RateLimit.match must not be blank");
    assertThatThrownBy(() -> RateLimit.provider(null, 1)).hasMessage("RateLimit.match is required");
    assertThatThrownBy(() -> RateLimit.workspace(1).withMaxWait(Duration.ofMillis(-1)))
        .hasMessage("RateLimit.maxWait must be between 0 and PT10M, was PT-0.001S");
    assertThatThrownBy(() -> RateLimit.workspace(1).withMaxWait(Duration.ofMinutes(11)))
        .hasMessage("RateLimit.maxWait must be between 0 and PT10M, was PT11M");
    assertThatThrownBy(() -> RateLimit.workspace(1).withMaxWait(null))
        .hasMessage("RateLimit.maxWait is required");
  }
}
