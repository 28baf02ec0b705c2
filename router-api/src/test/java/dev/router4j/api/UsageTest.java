package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageTest {

  @Test
  void ofSumsPromptAndCompletionIntoTheTotal() {
    Usage u = Usage.of(120, 30);
    assertThat(u.promptTokens()).isEqualTo(120);
    assertThat(u.completionTokens()).isEqualTo(30);
    assertThat(u.totalTokens()).isEqualTo(150);
    assertThat(u.total()).isEqualTo(150);
    assertThat(u.estimated()).isFalse();
  }

  @Test
  void totalPrefersTheReportedTotalOverTheSum() {
    Usage u = Usage.builder().promptTokens(10).completionTokens(5).totalTokens(17).build();
    assertThat(u.total()).isEqualTo(17);
  }

  @Test
  void totalIsTheSumWhenNoTotalWasReportedAndZeroForUnknownCounts() {
    assertThat(Usage.builder().promptTokens(10).completionTokens(5).build().total()).isEqualTo(15);
    assertThat(Usage.builder().completionTokens(5).build().total()).isEqualTo(5);
    Usage empty = Usage.builder().build();
    assertThat(empty.total()).isZero();
    assertThat(empty.prompt()).isZero();
    assertThat(empty.completion()).isZero();
  }

  @Test
  void toBuilderRoundTripsEveryField() {
    Usage u = Usage.builder()
        .promptTokens(1000).completionTokens(200).totalTokens(1200)
        .cachedTokens(800).cacheWriteTokens(100).promptAudioTokens(3)
        .reasoningTokens(150).completionImageTokens(4).completionAudioTokens(5)
        .acceptedPredictionTokens(6).rejectedPredictionTokens(7)
        .cost(new BigDecimal("0.0012345678901234567890"))
        .isByok(false)
        .costDetails(Map.of("upstream_inference_cost", new BigDecimal("0.001")))
        .estimated(true)
        .extra(Map.of("server_tool_use", Map.of("web_search_requests", 1)))
        .build();
    Usage copy = u.toBuilder().build();
    assertThat(copy).isEqualTo(u);
    assertThat(copy.cost()).isEqualTo(new BigDecimal("0.0012345678901234567890"));
  }

  @Test
  void costDetailsAndExtraAreDeepCopiedAndUnmodifiable() {
    Map<String, Object> inner = new LinkedHashMap<>(Map.of("a", 1));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("nested", inner);
    Usage u = Usage.builder().costDetails(details).extra(new LinkedHashMap<>(details)).build();
    inner.put("b", 2);
    details.put("c", 3);
    assertThat(u.costDetails()).containsOnlyKeys("nested");
    assertThat(u.costDetails().get("nested")).isEqualTo(Map.of("a", 1));
    assertThat(u.extra().get("nested")).isEqualTo(Map.of("a", 1));
    assertThatThrownBy(() -> u.costDetails().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(Usage.of(1, 1).costDetails()).isNull();
  }
}
