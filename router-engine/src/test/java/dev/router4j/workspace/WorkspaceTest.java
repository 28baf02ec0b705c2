package dev.router4j.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.routing.DataCollection;
import dev.router4j.api.routing.ProviderPreferences;
import dev.router4j.api.routing.Sort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkspaceTest {

  @Test
  void defaultsAreEmptyAndContentIsNotKept() {
    Workspace w = Workspace.of("prod");
    assertThat(w.name()).isEqualTo("prod");
    assertThat(w.defaultModel()).isNull();
    assertThat(w.defaultProvider()).isEqualTo(ProviderPreferences.NONE);
    assertThat(w.guardrails()).isEqualTo(Guardrails.NONE);
    assertThat(w.spendCaps()).isEmpty();
    assertThat(w.rateLimits()).isEmpty();
    assertThat(w.keepContent()).isFalse();
    assertThat(w.modelFor(null)).isNull();
    assertThat(w.toString()).isEqualTo("Workspace[prod, 0 caps, 0 rate limits]");
  }

  @Test
  void builderRoundTripsAndListsAreImmutable() {
    Workspace w = Workspace.builder("prod").defaultModel("openai/gpt-4.1-mini")
        .spendCap(SpendCap.workspace(BudgetPeriod.MONTH, "500"))
        .spendCap(SpendCap.eachUser(BudgetPeriod.DAY, "2"))
        .rateLimit(RateLimit.provider("openai", 500), RateLimit.workspace(1000))
        .keepContent(true).build();
    assertThat(w.toBuilder().build()).isEqualTo(w);
    assertThat(w.modelFor(null)).isEqualTo("openai/gpt-4.1-mini");
    assertThat(w.modelFor("x/y")).isEqualTo("x/y");
    assertThatThrownBy(() -> w.spendCaps().add(SpendCap.workspace(BudgetPeriod.DAY, "1")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(w.toString()).contains("2 caps", "2 rate limits", "keeps content");
  }

  @Test
  void validationNamesTheField() {
    assertThatThrownBy(() -> Workspace.of(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Workspace.name is required");
    assertThatThrownBy(() -> Workspace.of("  ")).hasMessage("Workspace.name must not be blank");
    assertThatThrownBy(() -> Workspace.of("a\nb"))
        .hasMessage("Workspace.name must not contain control characters");
    assertThatThrownBy(() -> Workspace.of("x".repeat(129)))
        .hasMessage("Workspace.name must be at most 128 characters, was 129");
    assertThatThrownBy(() -> Workspace.builder("w").defaultModel("").build())
        .hasMessage("Workspace.defaultModel must not be blank");
    assertThatThrownBy(() -> Workspace.builder("w")
        .spendCap(SpendCap.eachUser(BudgetPeriod.DAY, "1"))
        .spendCap(SpendCap.eachUser(BudgetPeriod.DAY, "2")).build())
        .hasMessageStartingWith("Workspace.spendCaps: two caps count the same spend (")
        .hasMessageEndingWith("); keep one");
    // The same scope over another period is a different cap.
    Workspace.builder("w").spendCap(SpendCap.eachUser(BudgetPeriod.DAY, "1"))
        .spendCap(SpendCap.eachUser(BudgetPeriod.MONTH, "20")).build();
    assertThatThrownBy(() -> Workspace.builder("w").rateLimit(RateLimit.provider("openai", 1),
        RateLimit.provider("openai", 2).withTokensPerMinute(9)).build())
        .hasMessage("Workspace.rateLimits: two limits count the same requests (provider openai: "
            + "1 requests/min and provider openai: 2 requests/min, 9 tokens/min); combine them "
            + "into one");
    assertThatThrownBy(() -> Workspace.builder("w").rateLimit((RateLimit) null).build())
        .hasMessage("Workspace.rateLimits[0] is required");
    assertThatThrownBy(() -> Workspace.builder("w").defaultModel("m/x:free")
        .guardrails(Guardrails.builder().blockedModels("*:free").build()).build())
        .hasMessage("Workspace.defaultModel m/x:free is refused by the workspace's own guardrail: "
            + "model m/x:free is blocked by '*:free'");
  }

  @Test
  void requestPreferencesAreLaidOverTheDefaultsAndGuardrailsForcedOn() {
    Workspace w = Workspace.builder("w")
        .defaultProvider(ProviderPreferences.builder().sort(Sort.PRICE).only("a", "b", "c")
            .ignore("x").allowFallbacks(false).extra(Map.of("k", 1, "d", "default")).build())
        .guardrails(Guardrails.builder().dataCollectionDeny(true).build())
        .build();
    ProviderPreferences p = w.effectivePreferences(ProviderPreferences.builder()
        .sort(Sort.THROUGHPUT).only("b", "c", "z").ignore("y", "x").zdr(false)
        .extra(Map.of("k", 2)).build());
    assertThat(p.sort()).isEqualTo(Sort.THROUGHPUT);
    assertThat(p.only()).containsExactly("b", "c");
    assertThat(p.ignore()).containsExactly("y", "x");
    assertThat(p.allowFallbacks()).isFalse();
    assertThat(p.zdr()).isFalse();
    assertThat(p.dataCollection()).isEqualTo(DataCollection.DENY);
    assertThat(p.extra()).containsEntry("k", 2).containsEntry("d", "default");

    ProviderPreferences none = w.effectivePreferences(null);
    assertThat(none.sort()).isEqualTo(Sort.PRICE);
    assertThat(none.only()).containsExactly("a", "b", "c");

    Workspace zdr = Workspace.builder("z")
        .defaultProvider(ProviderPreferences.builder().zdr(true).build()).build();
    assertThat(zdr.effectivePreferences(ProviderPreferences.builder().zdr(false).build()).zdr())
        .isTrue();
    assertThat(Workspace.of("n").effectivePreferences(null)).isEqualTo(ProviderPreferences.NONE);
  }

  @Test
  void replacingListsThroughTheBuilder() {
    Workspace w = Workspace.builder("w").spendCap(SpendCap.workspace(BudgetPeriod.DAY, "1"))
        .spendCaps(List.of()).rateLimit(RateLimit.workspace(1))
        .rateLimits(List.of(RateLimit.workspace(2).withMaxWait(Duration.ofSeconds(1)))).build();
    assertThat(w.spendCaps()).isEmpty();
    assertThat(w.rateLimits()).extracting(RateLimit::requestsPerMinute).containsExactly(2);
  }
}
