package dev.router4j.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.error.RouterException;
import dev.router4j.healing.UnrecoverableOutputException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The public contract of {@link JsonHealer} and {@link HealResult}. */
class JsonHealerTest {
  private final JsonHealer healer = JsonHealer.create();

  @Test
  void validInputComesBackAsTheSameString() {
    String in = " {\"a\": [1, 2.50, 1e2], \"b\": \"x\"} \n";
    HealResult r = healer.heal(in);
    assertThat(r.json()).isSameAs(in);
    assertThat(r.changed()).isFalse();
    assertThat(r.truncated()).isFalse();
    assertThat(r.repairs()).isEmpty();
    assertThat(r.repairCount()).isZero();
  }

  @Test
  void validInputUnderASchemaItAlreadySatisfiesComesBackAsTheSameString() {
    String in = "{\"a\": 1}";
    HealResult r = healer.heal(in, "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"integer\"}}}");
    assertThat(r.json()).isSameAs(in);
    assertThat(r.changed()).isFalse();
  }

  @Test
  void repairsNameWhatWasDoneAndWhere() {
    String in = "{'a': 1, b: True,}";
    HealResult r = healer.heal(in);
    assertThat(r.json()).isEqualTo("{\"a\":1,\"b\":true}");
    assertThat(r.changed()).isTrue();
    assertThat(r.repairs())
        .extracting(Repair::kind)
        .contains(RepairKind.NORMALIZED_QUOTES, RepairKind.QUOTED_KEY, RepairKind.CONVERTED_LITERAL, RepairKind.REMOVED_COMMA);
    assertThat(r.repairs()).allSatisfy(rep -> assertThat(rep.offset()).isBetween(0, in.length()));
    assertThat(r.repairs())
        .filteredOn(rep -> rep.kind() == RepairKind.QUOTED_KEY)
        .extracting(Repair::offset)
        .containsExactly(in.indexOf("b:"));
    assertThat(r.repairs())
        .filteredOn(rep -> rep.kind() == RepairKind.REMOVED_COMMA)
        .extracting(Repair::offset)
        .containsExactly(in.lastIndexOf(','));
    assertThat(r.repairs()).isSortedAccordingTo((x, y) -> Integer.compare(x.offset(), y.offset()));
    assertThat(r.repairs()).allSatisfy(rep -> assertThat(rep.description()).isNotBlank());
    assertThat(r.repairCount()).isEqualTo(r.repairs().size());
  }

  @Test
  void aNullSchemaMeansNoSchema() {
    assertThat(healer.heal("{'a': 1}", null).json()).isEqualTo("{\"a\":1}");
    assertThat(healer.healWith("{'a': 1}", null).json()).isEqualTo("{\"a\":1}");
  }

  @Test
  void truncationIsFlagged() {
    HealResult r = healer.heal("{\"a\": [1, 2");
    assertThat(r.json()).isEqualTo("{\"a\":[1,2]}");
    assertThat(r.truncated()).isTrue();
    assertThat(healer.heal("{\"a\": [1, 2],}").truncated()).isFalse();
    assertThat(healer.heal("\"abc").truncated()).isTrue();
  }

  @Test
  void numbersKeepEveryDigit() {
    String in = "{'big': 123456789012345678901234567890, 'dec': 0.1000000000000000000000000000000001, 'e': 1E400,}";
    assertThat(healer.heal(in).json())
        .isEqualTo("{\"big\":123456789012345678901234567890,\"dec\":0.1000000000000000000000000000000001,\"e\":1E400}");
  }

  @Test
  void unrecoverableOutputIsATypedProviderError() {
    UnrecoverableOutputException e =
        catchThrowableOfType(UnrecoverableOutputException.class, () -> healer.heal("Sorry, I can't do that."));
    assertThat(e.reason()).isEqualTo(Reason.REFUSAL);
    assertThat(e).isInstanceOf(RouterException.class);
    assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER_ERROR);
    assertThat(e.violations()).isEmpty();
  }

  @Test
  void eachUnrecoverableShapeHasItsReason() {
    assertThat(reason("")).isEqualTo(Reason.EMPTY);
    assertThat(reason(" \n\t")).isEqualTo(Reason.EMPTY);
    assertThat(reason(null)).isEqualTo(Reason.EMPTY);
    assertThat(reason("Just some prose.")).isEqualTo(Reason.NO_JSON);
    assertThat(reason("A: {\"x\": 1}\nB: {\"x\": 2}")).isEqualTo(Reason.AMBIGUOUS_CANDIDATES);
    assertThat(reason("[1, 2, 3, ...]")).isEqualTo(Reason.ELIDED_CONTENT);
    assertThat(reason("{...}")).isEqualTo(Reason.ELIDED_CONTENT);
    assertThat(reason("{\"name\": <name>}")).isEqualTo(Reason.PLACEHOLDER);
    assertThat(reason("{\"a\" \"b\" \"c\"}")).isEqualTo(Reason.MALFORMED);
    assertThat(reason("<think>planning {x: 1}")).isEqualTo(Reason.NO_JSON);
  }

  @Test
  void sameCandidateTwiceIsNotAmbiguous() {
    assertThat(healer.heal("{\"a\": 1}\nAgain: {\"a\": 1}").json()).isEqualTo("{\"a\":1}");
  }

  @Test
  void schemaViolationsCarryPointers() {
    String schema =
        "{\"type\": \"object\", \"properties\": {\"items\": {\"type\": \"array\", \"items\": {\"type\": \"object\","
            + " \"properties\": {\"name\": {\"type\": \"string\"}, \"qty\": {\"type\": \"integer\"}},"
            + " \"required\": [\"name\", \"qty\"]}}}, \"required\": [\"items\"]}";
    UnrecoverableOutputException e =
        catchThrowableOfType(
            UnrecoverableOutputException.class,
            () -> healer.heal("{\"items\": [{\"qty\": \"two\"}]}", schema));
    assertThat(e.reason()).isEqualTo(Reason.SCHEMA_VIOLATION);
    assertThat(e.violations())
        .extracting(SchemaViolation::pointer)
        .containsExactlyInAnyOrder("/items/0/name", "/items/0/qty");
    assertThat(e.getMessage()).contains("/items/0/name");
  }

  @Test
  void schemaCoercionsAreReported() {
    HealResult r =
        healer.heal("{\"n\": \"42\"}", "{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}");
    assertThat(r.json()).isEqualTo("{\"n\":42}");
    assertThat(r.changed()).isTrue();
    assertThat(r.repairs()).extracting(Repair::kind).containsExactly(RepairKind.SCHEMA_COERCED);
    assertThat(r.repairs().get(0).offset()).isEqualTo(6);
  }

  @Test
  void aCompiledSchemaCanBeReused() {
    JsonSchemaValidator schema =
        JsonSchemaValidator.compile("{\"type\": \"array\", \"items\": {\"type\": \"integer\"}}");
    assertThat(healer.healWith("[1, '2']", schema).json()).isEqualTo("[1,2]");
    assertThat(healer.healWith("3", schema).json()).isEqualTo("[3]");
  }

  @Test
  void anInvalidSchemaIsTheCallersError() {
    assertThatThrownBy(() -> healer.heal("{}", "{not json")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> healer.heal("{}", "[1]")).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void theSizeCapRefusesLongText() {
    JsonHealer small = JsonHealer.builder().maxInputChars(10).build();
    assertThat(small.heal("{\"a\": 1}").json()).isEqualTo("{\"a\": 1}");
    assertThat(catchThrowableOfType(UnrecoverableOutputException.class, () -> small.heal("[1, 2, 3, 4, 5]")).reason())
        .isEqualTo(Reason.TOO_LARGE);
    assertThat(JsonHealer.create().maxInputChars()).isEqualTo(8 * 1024 * 1024);
  }

  @Test
  void deepValidJsonWithoutSchemaIsReturnedWhateverItsDepth() {
    String deep = "[".repeat(200_000) + "]".repeat(200_000);
    assertThat(healer.heal(deep).json()).isSameAs(deep);
  }

  @Test
  void deepBrokenJsonGivesATypedErrorNotAStackOverflow() {
    String deep = "[".repeat(200_000) + "1";
    assertThat(reason(deep)).isEqualTo(Reason.TOO_DEEP);
    String deepObjects = "{\"a\":".repeat(100_000) + "1";
    assertThat(reason(deepObjects)).isEqualTo(Reason.TOO_DEEP);
    String deepValid = "[".repeat(5_000) + "]".repeat(5_000);
    assertThat(catchThrowableOfType(UnrecoverableOutputException.class, () -> healer.heal(deepValid, "{}")).reason())
        .isEqualTo(Reason.TOO_DEEP);
  }

  @Test
  void nestingUpToTheCapIsRepaired() {
    JsonHealer h = JsonHealer.builder().maxDepth(1000).build();
    String in = "[".repeat(1000) + "1,";
    String out = h.heal(in).json();
    assertThat(out).isEqualTo("[".repeat(1000) + "1" + "]".repeat(1000));
    assertThat(StrictJson.isValid(out)).isTrue();
    assertThat(catchThrowableOfType(UnrecoverableOutputException.class, () -> h.heal("[".repeat(1001) + "1")).reason())
        .isEqualTo(Reason.TOO_DEEP);
  }

  @Test
  void theBuilderChecksItsLimits() {
    assertThatThrownBy(() -> JsonHealer.builder().maxInputChars(0)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> JsonHealer.builder().maxDepth(0)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> JsonHealer.builder().maxDepth(JsonHealer.MAX_DEPTH_LIMIT + 1))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void oneHealerServesManyThreads() throws Exception {
    List<HealingCorpus.Case> cases = HealingCorpus.load("/healing/sample.jsonl");
    List<String> expected = new ArrayList<>();
    for (HealingCorpus.Case c : cases) {
      expected.add(outcome(c));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  List<String> got = new ArrayList<>();
                  for (int rep = 0; rep < 20; rep++) {
                    got.clear();
                    for (HealingCorpus.Case c : cases) {
                      got.add(outcome(c));
                    }
                  }
                  return got;
                }));
      }
      for (Future<List<String>> f : futures) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private String outcome(HealingCorpus.Case c) {
    try {
      return healer.heal(c.input, c.schema).json();
    } catch (UnrecoverableOutputException e) {
      return "error " + e.reason();
    }
  }

  private Reason reason(String text) {
    UnrecoverableOutputException e =
        catchThrowableOfType(UnrecoverableOutputException.class, () -> healer.heal(text));
    assertThat(e).as("expected an error for %s", text == null || text.length() < 80 ? text : text.substring(0, 80)).isNotNull();
    return e.reason();
  }
}
