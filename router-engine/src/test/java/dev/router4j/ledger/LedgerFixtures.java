package dev.router4j.ledger;

import dev.router4j.api.FinishReason;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.cost.AttemptRecord;
import dev.router4j.api.cost.Cost;
import dev.router4j.api.cost.GenerationRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records for ledger tests. */
public final class LedgerFixtures {
  /** 2025-03-14T09:26:53.589793238Z: nanoseconds on purpose. */
  public static final Instant T0 = Instant.parse("2025-03-14T09:26:53.589793238Z");

  private LedgerFixtures() {}

  /** A cost of {@code total} dollars, all of it prompt. */
  public static Cost cost(String total) {
    BigDecimal z = BigDecimal.ZERO;
    return new Cost(new BigDecimal(total), z, z, z, z, z, z, z, z, false);
  }

  /** A cost with every component set (they sum to 0.0122769289012). */
  public static Cost fullCost() {
    return new Cost(new BigDecimal("0.000150"), new BigDecimal("0.0006"),
        new BigDecimal("0.0001"), new BigDecimal("0.0000075"), new BigDecimal("0.00001875"),
        new BigDecimal("0.001"), new BigDecimal("0.01"), new BigDecimal("0.0004"),
        new BigDecimal("0.0000006789012"), true);
  }

  /** A record with every field set. */
  public static GenerationRecord full(String id) {
    return GenerationRecord.builder()
        .id(id)
        .createdAt(T0)
        .model("openai/gpt-4.1")
        .provider("azure")
        .endpoint("openai/gpt-4.1@azure")
        .workspace("search")
        .keyLabel("azure-prod-1")
        .user("u-42")
        .tag("team", "growth")
        .tag("feature", "summaries, \"beta\"")
        .streamed(true)
        .cancelled(false)
        .finishReason(FinishReason.STOP)
        .nativeFinishReason("end_turn")
        .promptTokens(1200)
        .completionTokens(340)
        .reasoningTokens(120)
        .cachedTokens(1000)
        .cacheWriteTokens(50)
        .tokensEstimated(false)
        .cost(fullCost())
        .latency(Duration.ofNanos(840_123_456))
        .timeToFirstToken(Duration.ofMillis(210))
        .generationTime(Duration.ofNanos(630_123_456))
        .attempts(List.of(
            new AttemptRecord("openai", "openai/gpt-4.1", "openai/gpt-4.1@openai",
                RouteAttempt.Outcome.FELL_BACK, "RATE_LIMITED", 429, Duration.ofMillis(35),
                BigDecimal.ZERO),
            new AttemptRecord("azure", "openai/gpt-4.1", "openai/gpt-4.1@azure",
                RouteAttempt.Outcome.SUCCESS, null, 200, Duration.ofNanos(805_123_456),
                fullCost().total())))
        .promptText("Summarize, please:\r\n\"quoted\", commas, and ünïcödé 🚀")
        .completionText("")
        .build();
  }

  /** A small record. */
  public static GenerationRecord simple(String id, Instant at, String model, String cost) {
    return GenerationRecord.builder().id(id).createdAt(at).model(model)
        .promptTokens(10).completionTokens(5).cost(cost(cost)).build();
  }

  /**
   * A varied data set for grouping and filtering: 12 records over two days and several hours,
   * three models, two providers, null values in every optional dimension, and tags.
   */
  public static List<GenerationRecord> dataset() {
    List<GenerationRecord> out = new ArrayList<>();
    Instant day1 = Instant.parse("2025-03-14T00:00:00Z");
    Instant day2 = Instant.parse("2025-03-15T00:00:00Z");
    out.add(rec("d01", day1.plusSeconds(60), "m/a", "p1", "w1", "k1", "u1", "team=red",
        100, 10, "0.001", FinishReason.STOP, 0));
    out.add(rec("d02", day1.plusSeconds(3_600 * 2 + 5), "m/a", "p2", "w1", "k2", "u2",
        "team=blue", 200, 20, "0.002", FinishReason.STOP, 1));
    out.add(rec("d03", day1.plusSeconds(3_600 * 2 + 50), "m/b", "p1", "w2", "k1", null,
        "team=red,env=prod", 300, 30, "0.0035", FinishReason.LENGTH, 0));
    out.add(rec("d04", day1.plusSeconds(3_600 * 23 + 3_599), "m/b", null, "w2", null, "u1", "",
        400, 0, "0", FinishReason.ERROR, 2));
    out.add(rec("d05", day2, "m/c", "p2", null, "k2", "u3", "env=prod", 500, 50, "0.05",
        FinishReason.TOOL_CALLS, 0));
    out.add(rec("d06", day2.plusNanos(1), "m/a", "p1", "w1", "k1", "u1", "team=red", 600, 60,
        "0.000001", FinishReason.STOP, 0));
    out.add(rec("d07", day2.plusSeconds(3_600 * 5), "m/c", "p1", "w1", "k3", "u2",
        "team=blue,env=dev", 700, 70, "0.0000000000000000001", FinishReason.STOP, 0));
    out.add(rec("d08", day2.plusSeconds(3_600 * 5 + 1), "m/a", "p2", "w3", "k3", "u2", "",
        800, 80, "1.25", FinishReason.STOP, 1));
    out.add(rec("d09", day2.plusSeconds(3_600 * 13), "m/b", "p1", "w3", "k1", null, "team=red",
        900, 90, "0.3333333333", null, 0));
    out.add(rec("d10", day2.plusSeconds(3_600 * 13 + 60), "m/b", "p2", "w1", "k2", "u3",
        "team=green", 1000, 100, "0.1", FinishReason.ERROR, 3));
    out.add(rec("d11", day2.plusSeconds(3_600 * 23), "m/c", "p2", "w2", "k2", "u1", "env=prod",
        1100, 110, "0.2", FinishReason.STOP, 0));
    out.add(rec("d12", day2.plusSeconds(3_600 * 23 + 1), "m/a", "p1", "w2", "k1", "u1",
        "team=red,env=prod", 1200, 120, "12345678.123456789012345678", FinishReason.STOP, 0));
    return out;
  }

  private static GenerationRecord rec(String id, Instant at, String model, String provider,
      String workspace, String key, String user, String tags, int prompt, int completion,
      String cost, FinishReason finish, int failedAttempts) {
    GenerationRecord.Builder b = GenerationRecord.builder().id(id).createdAt(at).model(model)
        .provider(provider).workspace(workspace).keyLabel(key).user(user)
        .promptTokens(prompt).completionTokens(completion).reasoningTokens(completion / 10)
        .cachedTokens(prompt / 4).cacheWriteTokens(prompt / 10).cost(cost(cost))
        .finishReason(finish).latency(Duration.ofMillis(prompt));
    if (!tags.isEmpty()) {
      for (String kv : tags.split(",")) {
        String[] p = kv.split("=");
        b.tag(p[0], p[1]);
      }
    }
    List<AttemptRecord> attempts = new ArrayList<>();
    for (int i = 0; i < failedAttempts; i++) {
      attempts.add(new AttemptRecord("px", model, null, RouteAttempt.Outcome.RETRIED,
          "PROVIDER_ERROR", 500, Duration.ofMillis(5), BigDecimal.ZERO));
    }
    if (finish != FinishReason.ERROR) {
      attempts.add(new AttemptRecord(provider == null ? "px" : provider, model, null,
          RouteAttempt.Outcome.SUCCESS, null, 200, Duration.ofMillis(prompt),
          new BigDecimal(cost)));
    } else {
      attempts.add(new AttemptRecord("px", model, null, RouteAttempt.Outcome.FAILED,
          "TIMEOUT", 0, Duration.ofMillis(5), BigDecimal.ZERO));
    }
    return b.attempts(attempts).build();
  }
}
