package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginTest {

  @Test
  void aPluginIsEnabledUnlessEnabledIsFalse() {
    assertThat(Plugin.of(Plugin.WEB).isEnabled()).isTrue();
    assertThat(new Plugin(Plugin.WEB, true, null).isEnabled()).isTrue();
    assertThat(new Plugin(Plugin.WEB, false, null).isEnabled()).isFalse();
  }

  @Test
  void aMissingOrBlankIdIsRejected() {
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> Plugin.of(null)).getMessage()).isEqualTo("plugins[].id: is required");
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> Plugin.of("")).getMessage()).isEqualTo("plugins[].id: must not be blank");
  }

  @Test
  void theConfigIsDeepCopiedAndUnmodifiable() {
    Map<String, Object> pdf = new LinkedHashMap<>(Map.of("engine", "mistral-ocr"));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("pdf", pdf);
    Plugin p = new Plugin(Plugin.FILE_PARSER, null, config);
    pdf.put("engine", "native");
    config.put("max_results", 3);
    assertThat(p.config()).containsOnlyKeys("pdf");
    assertThat(p.config().get("pdf")).isEqualTo(Map.of("engine", "mistral-ocr"));
    assertThatThrownBy(() -> p.config().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(Plugin.of("web").config()).isEmpty();
  }
}
