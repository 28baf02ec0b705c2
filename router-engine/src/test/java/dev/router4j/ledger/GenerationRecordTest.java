package dev.router4j.ledger;

import static dev.router4j.ledger.LedgerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Message;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.Usage;
import dev.router4j.api.cost.AttemptRecord;
import dev.router4j.api.cost.Cost;
import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.api.error.ErrorCategory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value types a ledger keeps: {@link GenerationRecord} and {@link AttemptRecord}. */
class GenerationRecordTest {

  private static GenerationRecord.Builder base() {
    return GenerationRecord.builder().id("g").createdAt(T0).model("m");
  }

  @Test
  void requiredFieldsAndRangesAreChecked() {
    assertThatThrownBy(() -> base().id(" ").build()).hasMessageContaining("id");
    assertThatThrownBy(() -> base().createdAt(null).build()).hasMessageContaining("createdAt");
    assertThatThrownBy(() -> base().model(null).build()).hasMessageContaining("model");
    assertThatThrownBy(() -> base().promptTokens(-1).build()).hasMessageContaining("promptTokens");
    assertThatThrownBy(() -> base().latency(Duration.ofMillis(-1)).build())
        .hasMessageContaining("latency");
    assertThatThrownBy(() -> base().throughput(Double.NaN).build())
        .hasMessageContaining("throughput");
    assertThatThrownBy(() -> base().createdAt(Instant.parse("2300-01-01T00:00:00Z")).build())
        .hasMessageContaining("createdAt must lie between");
    assertThatThrownBy(() -> base().tag(" ", "x").build()).hasMessageContaining("tag keys");
    assertThatThrownBy(() -> base().tag("k", null).build()).hasMessageContaining("no value");
  }

  @Test
  void aKeyLabelThatLooksLikeAKeyIsRefused() {
    assertThatThrownBy(() -> base().keyLabel("sk-" + "or-v1-0123456789abcdef0123456789abcdef").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never the key");
    assertThatThrownBy(() -> base().keyLabel("sk-ant-" + "api03-AbCdEfGhIjKlMnOpQrStUv").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(base().keyLabel("sk-prod").build().keyLabel()).isEqualTo("sk-prod");
    assertThat(base().keyLabel("openai production key #2").build().keyLabel())
        .isEqualTo("openai production key #2");
  }

  @Test
  void tagsAreCopiedSortedAndImmutable() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("z", "1");
    tags.put("a", "2");
    GenerationRecord r = base().tags(tags).build();
    tags.put("b", "3");
    assertThat(r.tags()).containsExactly(Map.entry("a", "2"), Map.entry("z", "1"));
    assertThatThrownBy(() -> r.tags().put("c", "4")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void throughputIsComputedFromTheGenerationTimeUnlessGiven() {
    assertThat(base().completionTokens(300).generationTime(Duration.ofMillis(1500)).build()
        .throughput()).isEqualTo(200.0);
    assertThat(base().completionTokens(300).build().throughput()).isZero();
    assertThat(base().completionTokens(300).generationTime(Duration.ofSeconds(1)).throughput(7)
        .build().throughput()).isEqualTo(7.0);
    GenerationRecord r = base().throughput(12.5).build();
    assertThat(r.toBuilder().build()).isEqualTo(r);
  }

  @Test
  void aCostOfNegativeScaleIsKeptAtScaleZero() {
    BigDecimal z = BigDecimal.ZERO;
    Cost c = new Cost(new BigDecimal("1E+3"), z, z, z, z, z, z, z, z, false);
    GenerationRecord r = base().cost(c).build();
    assertThat(r.cost().prompt().scale()).isZero();
    assertThat(r.totalCost()).isEqualByComparingTo("1000");
  }

  @Test
  void aResponseFillsTheRecord() {
    Cost cost = LedgerFixtures.fullCost();
    ChatResponse response = ChatResponse.builder().id("gen-abc").model("openai/gpt-4.1")
        .provider("azure").created(1_700_000_000L)
        .choice(Choice.of(Message.assistant("hi"), FinishReason.LENGTH, "max_tokens"))
        .usage(Usage.builder().promptTokens(100).completionTokens(20).reasoningTokens(5)
            .cachedTokens(60).cacheWriteTokens(10).build())
        .cost(cost)
        .route(List.of(
            new RouteAttempt("openai", "openai/gpt-4.1", "e1", RouteAttempt.Outcome.FELL_BACK,
                ErrorCategory.RATE_LIMITED, 429, null, Duration.ofMillis(20)),
            new RouteAttempt("azure", "openai/gpt-4.1", "e2", RouteAttempt.Outcome.SUCCESS,
                null, 200, null, Duration.ofMillis(700))))
        .build();
    GenerationRecord r = GenerationRecord.builder().response(response).workspace("w").build();
    assertThat(r.id()).isEqualTo("gen-abc");
    assertThat(r.createdAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(r.endpoint()).isEqualTo("e2");
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.nativeFinishReason()).isEqualTo("max_tokens");
    assertThat(r.promptTokens()).isEqualTo(100);
    assertThat(r.cachedTokens()).isEqualTo(60);
    assertThat(r.cost()).isEqualTo(cost);
    assertThat(r.attempts()).extracting(AttemptRecord::cost)
        .containsExactly(BigDecimal.ZERO, cost.total());
    assertThat(r.attempts().get(0).errorCategory()).isEqualTo("RATE_LIMITED");
    assertThat(r.attempts().get(0).category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(r.failedAttempts()).isEqualTo(1);
    assertThat(r.promptText()).isNull();
  }

  @Test
  void aFailedAttemptIsNeverCharged() {
    assertThatThrownBy(() -> new AttemptRecord("p", "m", null, RouteAttempt.Outcome.FAILED,
        "TIMEOUT", 0, Duration.ZERO, new BigDecimal("0.01")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not charged");
    assertThatThrownBy(() -> new AttemptRecord("p", "m", null, RouteAttempt.Outcome.SUCCESS,
        null, 200, Duration.ZERO, new BigDecimal("-0.01")))
        .hasMessageContaining("negative");
    AttemptRecord a = AttemptRecord.of(new RouteAttempt("p", "m", "e",
        RouteAttempt.Outcome.RETRIED, ErrorCategory.PROVIDER_ERROR, 500, "boom",
        Duration.ofMillis(3)), new BigDecimal("5"));
    assertThat(a.cost()).isEqualTo(BigDecimal.ZERO);
    assertThat(a.failed()).isTrue();
    assertThat(new AttemptRecord("p", null, null, RouteAttempt.Outcome.SUCCESS, "FROM_THE_FUTURE",
        0, Duration.ZERO, BigDecimal.ZERO).category()).isNull();
  }
}
