package dev.router4j.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.routing.Quantization;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointTest {

  @Test
  void defaultsFillTheTagNameUpstreamModelAndDataPolicy() {
    Endpoint e = Endpoint.builder("deepinfra", "meta-llama/llama-3.3-70b-instruct").build();
    assertThat(e.tag()).isEqualTo("deepinfra");
    assertThat(e.providerName()).isEqualTo("deepinfra");
    assertThat(e.upstreamModel()).isEqualTo("llama-3.3-70b-instruct");
    assertThat(e.dataPolicy()).isEqualTo(DataPolicy.UNKNOWN);
    assertThat(e.pricing()).isEqualTo(Pricing.FREE);
    assertThat(e.contextLength()).isEqualTo(128_000);
    assertThat(e.supportedParameters()).isEmpty();
    assertThat(e.id()).isEqualTo("deepinfra:meta-llama/llama-3.3-70b-instruct");
  }

  @Test
  void aModelWithoutAnAuthorIsItsOwnUpstreamName() {
    assertThat(Endpoint.builder("local", "llama3").build().upstreamModel()).isEqualTo("llama3");
  }

  @Test
  void aContextLengthBelowOneIsRejectedAndOneIsAccepted() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> Endpoint.builder("p", "a/m").contextLength(0).build());
    assertThat(e.field()).isEqualTo("context_length");
    assertThat(e.getMessage()).isEqualTo("context_length: must be at least 1, was 0");
    assertThat(Endpoint.builder("p", "a/m").contextLength(1).build().contextLength()).isEqualTo(1);
  }

  @Test
  void maxCompletionTokensBelowOneIsRejected() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> Endpoint.builder("p", "a/m").maxCompletionTokens(0).build());
    assertThat(e.field()).isEqualTo("max_completion_tokens");
  }

  @Test
  void providerModelAndPricingAreRequired() {
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> Endpoint.builder(null, "a/m").build()).field()).isEqualTo("provider");
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> Endpoint.builder("p", null).build()).field()).isEqualTo("model");
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> Endpoint.builder("p", "a/m").pricing(null).build()).field()).isEqualTo("pricing");
  }

  @Test
  void supportedParametersAreCopiedAndUnmodifiable() {
    Set<String> params = new HashSet<>(Set.of("tools", "temperature"));
    Endpoint e = Endpoint.builder("p", "a/m").supportedParameters(params).build();
    params.add("top_k");
    assertThat(e.supportedParameters()).containsExactlyInAnyOrder("tools", "temperature");
    assertThat(e.supports("tools")).isTrue();
    assertThat(e.supports("top_k")).isFalse();
    assertThatThrownBy(() -> e.supportedParameters().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toBuilderRoundTripsEveryField() {
    Endpoint e = Endpoint.builder("deepinfra", "meta-llama/llama-3.3-70b-instruct")
        .tag("deepinfra/turbo")
        .providerName("DeepInfra")
        .upstreamModel("meta-llama/Llama-3.3-70B-Instruct-Turbo")
        .pricing(Pricing.perMillion("0.13", "0.39")
            .withCache(new java.math.BigDecimal("0.00000001"), null))
        .contextLength(131_072)
        .maxCompletionTokens(16_384)
        .maxPromptTokens(100_000)
        .quantization(Quantization.FP8)
        .supportedParameters("tools", "temperature", "response_format")
        .dataPolicy(new DataPolicy(true, 30, false, false))
        .moderated(true)
        .supportsImplicitCaching(true)
        .status(-1)
        .build();
    assertThat(e.toBuilder().build()).isEqualTo(e);
    assertThat(e.id()).isEqualTo("deepinfra/turbo:meta-llama/llama-3.3-70b-instruct");
  }
}
