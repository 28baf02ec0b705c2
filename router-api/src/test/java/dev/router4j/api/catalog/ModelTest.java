package dev.router4j.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTest {

  @Test
  void ofDefaultsToATextModelNamedByItsSlug() {
    Model m = Model.of("openai/gpt-4.1", 1_047_576);
    assertThat(m.canonicalSlug()).isEqualTo("openai/gpt-4.1");
    assertThat(m.name()).isEqualTo("openai/gpt-4.1");
    assertThat(m.inputModalities()).containsExactly("text");
    assertThat(m.outputModalities()).containsExactly("text");
    assertThat(m.acceptsImages()).isFalse();
    assertThat(m.defaultParameters()).isEmpty();
    assertThat(catchThrowableOfType(InvalidRequestException.class, () -> Model.of(null, 1))
        .field()).isEqualTo("id");
  }

  @Test
  void modalitiesAreCopiedAndUnmodifiable() {
    List<String> in = new ArrayList<>(List.of("text", "image"));
    Model m = new Model("a/b", null, null, 0, null, 8192, in, null, null, null, null, false);
    in.remove("image");
    assertThat(m.acceptsImages()).isTrue();
    assertThatThrownBy(() -> m.inputModalities().add("audio"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
