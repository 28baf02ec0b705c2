package dev.router4j.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MalformationTest {
  private static final String JSON = "{\"a\": \"x y\", \"n\": 1, \"t\": true, \"z\": null}";

  @Test
  void eachKindBreaksTheJsonInItsOwnWay() {
    assertThat(Malformation.TRAILING_COMMA.apply(JSON))
        .isEqualTo("{\"a\": \"x y\", \"n\": 1, \"t\": true, \"z\": null,}");
    assertThat(Malformation.FENCED.apply(JSON)).isEqualTo("```json\n" + JSON + "\n```");
    assertThat(Malformation.PROSE.apply(JSON)).contains("\n" + JSON + "\n")
        .doesNotStartWith("{");
    assertThat(Malformation.SINGLE_QUOTES.apply(JSON))
        .isEqualTo("{'a': 'x y', 'n': 1, 't': true, 'z': null}");
    assertThat(Malformation.UNQUOTED_KEYS.apply(JSON))
        .isEqualTo("{a: \"x y\", n: 1, t: true, z: null}");
    assertThat(Malformation.MISSING_CLOSING.apply(JSON))
        .isEqualTo(JSON.substring(0, JSON.length() - 1));
    assertThat(Malformation.PYTHON_LITERALS.apply(JSON))
        .isEqualTo("{\"a\": \"x y\", \"n\": 1, \"t\": True, \"z\": None}");
    assertThat(Malformation.TRUNCATED.apply(JSON)).hasSize(JSON.length() * 2 / 3);
  }

  @Test
  void pythonLiteralsLeaveStringsAlone() {
    assertThat(Malformation.PYTHON_LITERALS.apply("{\"s\": \"true null\", \"b\": false}"))
        .isEqualTo("{\"s\": \"true null\", \"b\": False}");
  }
}
