package dev.router4j.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.healing.UnrecoverableOutputException.Reason;
import org.junit.jupiter.api.Test;

/**
 * Once a text is one strictly valid JSON document (after trimming whitespace of any kind), its
 * strings are content: fences, reasoning tags and chat-template tokens inside them are never
 * taken for wrapping, with or without a schema, and a schema's coercions work on that
 * document only. The same holds where a document plainly starts with a quote.
 */
class ValidDocumentRuleTest {
  private static final JsonHealer HEALER = JsonHealer.create();
  private static final String FENCED = "\"see ```json {\\\"a\\\": 1}``` above\"";
  private static final String TAGGED = "\"thinking done</think> {\\\"a\\\": 2}\"";

  @Test
  void aValidDocumentBehindABomIsTakenAsWritten() {
    String[] docs = {FENCED, TAGGED, "\"<|im_start|>x\"", "{\"a\": 1,  \"b\": [1, 2]}"};
    for (String doc : docs) {
      String in = "\uFEFF" + doc + "\u00A0\n";
      HealResult r = HEALER.heal(in);
      assertThat(r.json()).as(in).isEqualTo(doc);
      assertThat(r.changed()).isTrue();
      assertThat(r.repairs())
          .extracting(Repair::kind)
          .containsExactly(RepairKind.REMOVED_WHITESPACE);
      assertThat(r.repairs()).extracting(Repair::offset).containsExactly(0);
    }
  }

  @Test
  void theTrimmedWhitespaceIsReportedWhereItIs() {
    HealResult r = HEALER.heal("{\"a\": 1} \u3000");
    assertThat(r.json()).isEqualTo("{\"a\": 1}");
    assertThat(r.repairs()).extracting(Repair::offset).containsExactly(9);
  }

  @Test
  void underASchemaAValidDocumentThatSatisfiesItComesBackAsWritten() {
    String either = "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"object\"}]}";
    for (String doc : new String[] {FENCED, TAGGED}) {
      HealResult r = HEALER.heal(doc, either);
      assertThat(r.json()).isSameAs(doc);
      assertThat(r.changed()).isFalse();
      assertThat(HEALER.heal("\uFEFF" + doc, "{\"type\":\"string\"}").json()).isEqualTo(doc);
    }
  }

  @Test
  void underASchemaCoercionWorksOnTheValidDocumentOnly() {
    // The string holds prose around an object: not a stringified object, so it is refused
    // rather than cut out of the string.
    UnrecoverableOutputException e = catchThrowableOfType(
        UnrecoverableOutputException.class, () -> HEALER.heal(TAGGED, "{\"type\":\"object\"}"));
    assertThat(e.reason()).isEqualTo(Reason.SCHEMA_VIOLATION);
    e = catchThrowableOfType(
        UnrecoverableOutputException.class, () -> HEALER.heal(FENCED, "{\"type\":\"object\"}"));
    assertThat(e.reason()).isEqualTo(Reason.SCHEMA_VIOLATION);
    // A string that is nothing but an object is still decoded where the schema wants one.
    HealResult r = HEALER.heal("\"{\\\"a\\\": 2}\"", "{\"type\":\"object\"}");
    assertThat(r.json()).isEqualTo("{\"a\":2}");
    assertThat(r.repairs())
        .extracting(Repair::kind)
        .containsExactly(RepairKind.SCHEMA_DECODED_STRING);
  }

  @Test
  void aStringCutShortKeepsTheMarkersInside() {
    HealResult r = HEALER.heal("\"hello </think> world");
    assertThat(r.json()).isEqualTo("\"hello </think> world\"");
    assertThat(r.truncated()).isTrue();
    r = HEALER.heal("\"see ```json\\n{\\\"a\\\":1}\\n``` ok");
    assertThat(r.json()).isEqualTo("\"see ```json\\n{\\\"a\\\":1}\\n``` ok\"");
    assertThat(HEALER.heal(r.json(), "{\"type\":\"string\"}").json()).isSameAs(r.json());
  }

  @Test
  void anObjectMissingItsBraceKeepsTheMarkersInItsStrings() {
    assertThat(HEALER.heal("\"a\": \"x </think> y\"}").json())
        .isEqualTo("{\"a\":\"x </think> y\"}");
    assertThat(HEALER.heal("\"a\": 1, \"b\": \"```json\"}").json())
        .isEqualTo("{\"a\":1,\"b\":\"```json\"}");
  }

  @Test
  void reasoningAndFencesAroundADocumentAreStillPeeledOff() {
    assertThat(HEALER.heal("\"quoted\" reasoning </think> {\"a\": 1}").json())
        .isEqualTo("{\"a\":1}");
    assertThat(HEALER.heal("Let me think\n</think>\n{\"a\": 1}").json()).isEqualTo("{\"a\":1}");
    assertThat(HEALER.heal("\"Quoted reasoning\n</think>\n[1, 2]").json()).isEqualTo("[1,2]");
    assertThat(HEALER.heal("\uFEFF```json\n{\"a\": 1}\n```").json()).isEqualTo("{\"a\":1}");
    assertThat(HEALER.heal("\"Sure,\" I said.\n```json\n{\"a\": 1}\n```").json())
        .isEqualTo("{\"a\":1}");
  }
}
