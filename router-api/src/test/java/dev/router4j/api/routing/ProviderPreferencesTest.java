package dev.router4j.api.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderPreferencesTest {

  @Test
  void noneLeavesEveryFieldUnsetAndAllowsFallbacks() {
    ProviderPreferences p = ProviderPreferences.NONE;
    assertThat(p.order()).isNull();
    assertThat(p.only()).isNull();
    assertThat(p.ignore()).isNull();
    assertThat(p.quantizations()).isNull();
    assertThat(p.sort()).isNull();
    assertThat(p.extra()).isEmpty();
    assertThat(p.fallbacksAllowed()).isTrue();
  }

  @Test
  void fallbacksAreAllowedUnlessExplicitlyTurnedOff() {
    assertThat(ProviderPreferences.builder().allowFallbacks(true).build().fallbacksAllowed())
        .isTrue();
    assertThat(ProviderPreferences.builder().allowFallbacks(false).build().fallbacksAllowed())
        .isFalse();
  }

  @Test
  void toBuilderRoundTripsEveryField() {
    ProviderPreferences p = ProviderPreferences.builder()
        .order("anthropic", "google-vertex")
        .allowFallbacks(false)
        .requireParameters(true)
        .dataCollection(DataCollection.DENY)
        .zdr(true)
        .enforceDistillableText(true)
        .only("anthropic", "google-vertex", "deepinfra/turbo")
        .ignore("azure")
        .quantizations(Quantization.FP8, Quantization.BF16)
        .sort(new Sort(Sort.By.THROUGHPUT, Sort.Partition.NONE))
        .maxPrice(MaxPrice.perMillionTokens("3", "15"))
        .preferredMinThroughput(PercentileCutoffs.of(50))
        .preferredMaxLatency(new PercentileCutoffs(new BigDecimal("1.5"), null,
            new BigDecimal("3"), null, false))
        .extra(Map.of("experimental", Map.of("x", true)))
        .build();
    assertThat(p.toBuilder().build()).isEqualTo(p);
  }

  @Test
  void listsAreCopiedAndUnmodifiable() {
    List<String> order = new ArrayList<>(List.of("a", "b"));
    List<String> only = new ArrayList<>(List.of("a"));
    List<String> ignore = new ArrayList<>(List.of("c"));
    List<Quantization> quants = new ArrayList<>(List.of(Quantization.FP16));
    ProviderPreferences p = ProviderPreferences.builder().order(order).only(only).ignore(ignore)
        .quantizations(quants).build();
    order.add("z");
    only.clear();
    ignore.add("d");
    quants.add(Quantization.INT4);
    assertThat(p.order()).containsExactly("a", "b");
    assertThat(p.only()).containsExactly("a");
    assertThat(p.ignore()).containsExactly("c");
    assertThat(p.quantizations()).containsExactly(Quantization.FP16);
    assertThatThrownBy(() -> p.order().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.only().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void extraIsDeepCopied() {
    Map<String, Object> inner = new LinkedHashMap<>(Map.of("a", 1));
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("nested", inner);
    ProviderPreferences p = ProviderPreferences.builder().extra(extra).build();
    inner.put("b", 2);
    assertThat(p.extra().get("nested")).isEqualTo(Map.of("a", 1));
  }

  @Test
  void aNullProviderSlugIsRejectedNamingItsIndex() {
    List<String> order = new ArrayList<>();
    order.add("a");
    order.add(null);
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> ProviderPreferences.builder().order(order).build());
    assertThat(e.field()).isEqualTo("provider.order[1]");
    assertThat(e.getMessage()).isEqualTo("provider.order[1]: must not be null");
  }
}
