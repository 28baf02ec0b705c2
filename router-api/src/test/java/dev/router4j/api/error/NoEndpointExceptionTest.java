package dev.router4j.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoEndpointExceptionTest {

  @Test
  void theMessageListsEachExclusionAndTheListIsCopied() {
    List<String> why = new ArrayList<>(List.of("openai/gpt-4.1: ignored", "azure/gpt-4.1: max_price"));
    NoEndpointException e = new NoEndpointException("no endpoint for openai/gpt-4.1", why);
    why.clear();
    assertThat(e).hasMessage(
        "no endpoint for openai/gpt-4.1 [openai/gpt-4.1: ignored, azure/gpt-4.1: max_price]");
    assertThat(e.exclusions()).hasSize(2);
    assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND);
    assertThat(new NoEndpointException("unknown model x", List.of())).hasMessage("unknown model x");
  }
}
