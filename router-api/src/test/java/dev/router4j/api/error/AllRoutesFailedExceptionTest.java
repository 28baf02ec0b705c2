package dev.router4j.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllRoutesFailedExceptionTest {

  private static ProviderException fail(ErrorCategory c, String provider, int status) {
    return ProviderException.builder(c).provider(provider).httpStatus(status).build();
  }

  @Test
  void itCarriesTheLastFailuresCategoryAndMessage() {
    ProviderException first = fail(ErrorCategory.RATE_LIMITED, "openai", 429);
    ProviderException last = fail(ErrorCategory.PROVIDER_OVERLOADED, "anthropic", 529);
    AllRoutesFailedException e = new AllRoutesFailedException(List.of(first, last));
    assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_OVERLOADED);
    assertThat(e).hasMessage("2 attempt(s) failed; last: " + last.getMessage());
    assertThat(e.last()).isSameAs(last);
    assertThat(e.getCause()).isSameAs(last);
  }

  @Test
  void theEarlierFailuresAreSuppressedAndEveryFailureIsListedOldestFirst() {
    ProviderException a = fail(ErrorCategory.TIMEOUT, "a", 504);
    ProviderException b = fail(ErrorCategory.RATE_LIMITED, "b", 429);
    ProviderException c = fail(ErrorCategory.PROVIDER_ERROR, "c", 500);
    List<RouterException> failures = new ArrayList<>(List.of(a, b, c));
    AllRoutesFailedException e = new AllRoutesFailedException(failures);
    failures.clear();
    assertThat(e.failures()).containsExactly(a, b, c);
    assertThat(e.getSuppressed()).containsExactly(a, b);
  }

  @Test
  void aSingleFailureBecomesTheCauseWithNothingSuppressed() {
    InvalidRequestException only = new InvalidRequestException("temperature", "too hot");
    AllRoutesFailedException e = new AllRoutesFailedException(List.of(only));
    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
    assertThat(e.getSuppressed()).isEmpty();
    assertThat(e).hasMessage("1 attempt(s) failed; last: temperature: too hot");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void retryAndFallbackAnswersFollowTheLastFailureIncludingItsOverrides() {
    ProviderException quota = ProviderException.builder(ErrorCategory.RATE_LIMITED)
        .provider("openai").httpStatus(429).providerCode("insufficient_quota")
        .retryable(false).fallbackWorthy(false).retryAfter(Duration.ofSeconds(30)).build();
    AllRoutesFailedException e = new AllRoutesFailedException(
        List.of(fail(ErrorCategory.TIMEOUT, "a", 504), quota));
    assertThat(e.retryable()).isFalse();
    assertThat(e.fallbackWorthy()).isFalse();
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
  }
}
