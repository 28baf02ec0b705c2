package dev.router4j.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.healing.UnrecoverableOutputException.Reason;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The incremental reader: every split point and 1-char pieces give the same events and a
 * prefix-consistent view; the final value equals an independent strict parse; work is linear.
 */
class PartialJsonReaderTest {

  static Stream<String> documents() {
    return Stream.of(
        "{}",
        "[]",
        "{\"a\": 1}",
        "[1, -2.5, 3e10, -0, 0.001E-7, 12345678901234567890, 1.2345678901234567890123456789012345]",
        "{\"name\": \"Ada\", \"age\": 36, \"admin\": true, \"manager\": null, \"retired\": false}",
        "{\"s\": \"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t end\", \"u\": \"caf\\u00e9 \\u00E9\", \"pair\": \"\\ud83d\\ude00!\"}",
        "{\"raw\": \"caf\u00e9 \ud83d\ude00 \u00a0 nbsp\", \"k/ey~\": [\"x\"]}",
        "[[], {}, [[]], [{}], {\"a\": []}, {\"b\": {}}]",
        "{\"user\": {\"name\": \"Bob\", \"tags\": [\"a\", \"b\", {\"deep\": [1, [2, [3]]]}]}, \"n\": 0}",
        "  \n\t{ \"spaced\" :\r\n [ 1 ,\t2 ] , \"x\" : \"y\" }  ",
        "[true, false, null, \"true\", \"null\", 0, -1, 1.5, \"\"]",
        "{\"a1\": 1, \"a2\": 2, \"a3\": 3, \"a4\": 4, \"a5\": 5, \"a6\": 6, \"a7\": 7, \"a8\": 8, \"a9\": 9, \"a10\": {\"x\": \"y\"}, \"a11\": \"z\"}",
        "[" + "[".repeat(30) + "\"deep\"" + "]".repeat(30) + "]");
  }

  // ---------------------------------------------------------------------------------------
  // Splitting anywhere gives the same events, a prefix-consistent view and the full parse.

  @ParameterizedTest
  @MethodSource("documents")
  void everySplitPointGivesTheSameEventsAndAConsistentView(String doc) {
    Object expected = StrictJson.parse(doc);
    List<String> expectedPaths = new ArrayList<>();
    postOrder("", expected, expectedPaths);

    Run whole = run(doc, List.of(doc));
    assertThat(whole.paths).isEqualTo(expectedPaths);
    for (int cut = 0; cut <= doc.length(); cut++) {
      Run r = run(doc, List.of(doc.substring(0, cut), doc.substring(cut)));
      assertThat(r.paths).as("split at " + cut).isEqualTo(expectedPaths);
    }
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < doc.length(); i++) {
      pieces.add(doc.substring(i, i + 1));
    }
    Run ones = run(doc, pieces);
    assertThat(ones.paths).isEqualTo(expectedPaths);
  }

  @ParameterizedTest
  @MethodSource("documents")
  void splitsInsideAFenceWithProseToo(String doc) {
    String text = "Sure! Here it is:\n```json\n" + doc + "\n```\nAnything else?";
    for (int cut = 0; cut <= text.length(); cut += 3) {
      run(doc, List.of(text.substring(0, cut), text.substring(cut)));
    }
  }

  /** One reading: checks each view against the previous one and the final value against the parse. */
  private static Run run(String doc, List<String> chunks) {
    Object expected = StrictJson.parse(doc);
    Run r = new Run();
    PartialJsonReader reader =
        PartialJsonReader.builder()
            .listener(
                (p, v) -> {
                  r.paths.add(p);
                  assertThat(same(v, at(expected, p))).as("value at " + p).isTrue();
                })
            .build();
    Object previous = null;
    for (String chunk : chunks) {
      reader.feed(chunk);
      Object view = reader.value();
      if (previous != null) {
        assertThat(isPrefix(previous, view)).as(previous + " then " + view).isTrue();
      }
      assertThat(view == null || isPrefix(view, expected)).as(view + " of " + doc).isTrue();
      previous = view == null ? previous : view;
      for (String p : reader.completedPaths()) {
        assertThat(same(at(view, p), at(expected, p))).as("final " + p).isTrue();
      }
    }
    assertThat(reader.complete()).isTrue();
    assertThat(same(reader.value(), expected)).isTrue();
    assertThat(reader.finishedJson()).isEqualTo(doc.strip());
    assertThat(reader.completedPaths()).isEqualTo(r.paths);
    return r;
  }

  private static final class Run {
    final List<String> paths = new ArrayList<>();
  }

  // ---------------------------------------------------------------------------------------
  // What the view shows while a member is being read.

  @Test
  void theJavadocExample() {
    List<String> events = new ArrayList<>();
    PartialJsonReader reader =
        PartialJsonReader.builder().listener((p, v) -> events.add(p + "=" + v)).build();
    reader.feed("```json\n{\"city\": \"Par");
    assertThat(reader.value()).isEqualTo(Map.of("city", "Par"));
    reader.feed("is\", \"temp\": 2");
    assertThat(reader.value()).isEqualTo(Map.of("city", "Paris"));
    reader.feed("1.5, \"tags\": [\"a\"");
    assertThat(reader.value())
        .isEqualTo(Map.of("city", "Paris", "temp", new BigDecimal("21.5"), "tags", List.of("a")));
    assertThat(reader.complete()).isFalse();
    reader.feed("]}\n```");
    assertThat(reader.complete()).isTrue();
    assertThat(reader.finishedJson()).isEqualTo("{\"city\": \"Paris\", \"temp\": 21.5, \"tags\": [\"a\"]}");
    assertThat(events)
        .containsExactly("/city=Paris", "/temp=21.5", "/tags/0=a", "/tags=[a]", "={city=Paris, temp=21.5, tags=[a]}");
  }

  @Test
  void numbersAppearOnlyOnceComplete() {
    PartialJsonReader r = new PartialJsonReader();
    r.feed("{\"n\": \"x\", \"a\": 12");
    assertThat(r.value()).isEqualTo(Map.of("n", "x"));
    r.feed("3");
    assertThat(r.value()).isEqualTo(Map.of("n", "x"));
    r.feed(".5e");
    assertThat(r.value()).isEqualTo(Map.of("n", "x"));
    r.feed("1 ");
    assertThat(r.value()).isEqualTo(Map.of("n", "x", "a", new BigDecimal("123.5e1")));
    assertThat(r.completedPaths()).containsExactly("/n");
    r.feed(",");
    assertThat(r.completedPaths()).containsExactly("/n", "/a");
  }

  @Test
  void literalsAppearOnlyOnceCompleteAndKeysOnlyWithTheirValue() {
    PartialJsonReader r = new PartialJsonReader();
    r.feed("[tr");
    assertThat(r.value()).as("nothing read in the document yet").isNull();
    r.feed("ue, nu");
    assertThat(r.value()).isEqualTo(List.of(true));
    r.feed("ll, {\"ke");
    assertThat(r.value()).isEqualTo(listOf(true, null, Map.of()));
    r.feed("y\"");
    assertThat(r.value()).isEqualTo(listOf(true, null, Map.of()));
    r.feed(": ");
    assertThat(r.value()).isEqualTo(listOf(true, null, Map.of()));
    r.feed("\"");
    assertThat(r.value()).isEqualTo(listOf(true, null, Map.of("key", "")));
    r.feed("v\"}]");
    assertThat(r.value()).isEqualTo(listOf(true, null, Map.of("key", "v")));
    assertThat(r.complete()).isTrue();
  }

  @Test
  void escapesCutByAChunkWaitForTheRest() {
    PartialJsonReader r = new PartialJsonReader();
    r.feed("{\"a\": \"caf\\u00");
    assertThat(r.value()).isEqualTo(Map.of("a", "caf"));
    r.feed("e9 \\");
    assertThat(r.value()).isEqualTo(Map.of("a", "caf\u00e9 "));
    r.feed("n\\ud83d");
    assertThat(r.value()).isEqualTo(Map.of("a", "caf\u00e9 \n"));
    r.feed("\\ude00\"}");
    assertThat(r.value()).isEqualTo(Map.of("a", "caf\u00e9 \n\ud83d\ude00"));
  }

  @Test
  void viewsAreImmutableAndNeverChange() {
    PartialJsonReader r = new PartialJsonReader();
    r.feed("{\"a\": [1, 2], \"b\": {\"c\": \"x");
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) r.value();
    Map<String, Object> copy = deepCopy(first);
    r.feed("yz\", \"d\": 4}, \"a\": \"dup\", \"e\": [3]}");
    assertThat(first).isEqualTo(copy);
    assertThat(first).isEqualTo(Map.of("a", List.of(new BigDecimal(1), new BigDecimal(2)), "b", Map.of("c", "x")));
    assertThatThrownBy(() -> first.put("z", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) first.get("a")).clear()).isInstanceOf(UnsupportedOperationException.class);
    // A duplicate key: the later value wins, in the first key's place, as in a LinkedHashMap.
    @SuppressWarnings("unchecked")
    Map<String, Object> last = (Map<String, Object>) r.value();
    assertThat(new ArrayList<>(last.keySet())).containsExactly("a", "b", "e");
    assertThat(last.get("a")).isEqualTo("dup");
  }

  @Test
  void largeObjectsLookUpByKey() {
    StringBuilder doc = new StringBuilder("{");
    for (int i = 0; i < 100; i++) {
      doc.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }
    PartialJsonReader r = new PartialJsonReader();
    r.feed(doc);
    @SuppressWarnings("unchecked")
    Map<String, Object> open = (Map<String, Object>) r.value();
    assertThat(open).hasSize(99).containsEntry("k42", new BigDecimal(42)).doesNotContainKey("k99");
    r.feed("}");
    @SuppressWarnings("unchecked")
    Map<String, Object> done = (Map<String, Object>) r.value();
    assertThat(done).hasSize(100).containsEntry("k99", new BigDecimal(99));
    assertThat(done.hashCode()).isEqualTo(new LinkedHashMap<>(done).hashCode());
  }

  // ---------------------------------------------------------------------------------------
  // Wrapping, false starts, malformed and truncated documents.

  @Test
  void skipsAReasoningBlockWithBraces() {
    PartialJsonReader r = new PartialJsonReader();
    r.feed("<think>Maybe {\"x\": 1}? Or [2]");
    assertThat(r.value()).isNull();
    r.feed("</THINK>\n{\"a\": 1}");
    assertThat(r.value()).isEqualTo(Map.of("a", new BigDecimal(1)));
    assertThat(r.finishedJson()).isEqualTo("{\"a\": 1}");
  }

  @Test
  void aBraceInTheProseIsAFalseStart() {
    PartialJsonReader r = new PartialJsonReader();
    r.feed("I'll return an object like {this}:\n{\"real\": 1");
    assertThat(r.started()).isTrue();
    r.feed("}");
    assertThat(r.value()).isEqualTo(Map.of("real", new BigDecimal(1)));
    assertThat(r.finishedJson()).isEqualTo("{\"real\":1}"); // from the healer, which agrees
  }

  @Test
  void doubledBracesStartAtTheInnerObject() {
    PartialJsonReader r = new PartialJsonReader();
    r.feed("{{\"a\": \"b\"}}");
    assertThat(r.value()).isEqualTo(Map.of("a", "b"));
    assertThat(r.complete()).isTrue();
    assertThat(StrictJson.parse(r.finishedJson())).isEqualTo(Map.of("a", "b"));
  }

  @Test
  void aMalformedDocumentStopsTheViewAndTheHealerFinishesIt() {
    List<String> events = new ArrayList<>();
    PartialJsonReader r = PartialJsonReader.builder().listener((p, v) -> events.add(p)).build();
    r.feed("{\"a\": 1, \"b\": 'it");
    assertThat(r.malformed()).isTrue();
    assertThat(r.value()).isEqualTo(Map.of("a", new BigDecimal(1)));
    r.feed("s', c: True}");
    assertThat(r.value()).isEqualTo(Map.of("a", new BigDecimal(1)));
    assertThat(events).containsExactly("/a");
    String json = r.finishedJson();
    assertThat(json).isEqualTo(JsonHealer.create().heal("{\"a\": 1, \"b\": 'its', c: True}").json());
    assertThat(r.value()).isEqualTo(Map.of("a", new BigDecimal(1), "b", "its", "c", true));
    assertThat(r.complete()).isTrue();
    assertThat(events).containsExactly("/a", "/b", "/c", "");
  }

  @Test
  void anUnescapedQuoteIsNotAnnouncedEarly() {
    List<String> events = new ArrayList<>();
    PartialJsonReader r = PartialJsonReader.builder().listener((p, v) -> events.add(p + "=" + v)).build();
    r.feed("{\"q\": \"say \"hi\" now\", \"n\": 1}");
    assertThat(r.malformed()).isTrue();
    assertThat(events).isEmpty();
    r.finishedJson();
    assertThat(events).containsExactly("/q=say \"hi\" now", "/n=1", "={q=say \"hi\" now, n=1}");
  }

  @Test
  void aTruncatedStreamIsClosedAtTheCut() {
    PartialJsonReader r = new PartialJsonReader();
    r.feed("```json\n{\"a\": [1, 2], \"b\": \"hel");
    assertThat(r.complete()).isFalse();
    assertThat(r.finishedJson()).isEqualTo("{\"a\":[1,2],\"b\":\"hel\"}");
    assertThat(r.value()).isEqualTo(Map.of("a", List.of(new BigDecimal(1), new BigDecimal(2)), "b", "hel"));
    assertThat(r.completedPaths()).containsExactly("/a/0", "/a/1", "/a", "/b", "");

    PartialJsonReader n = new PartialJsonReader();
    n.feed("[1, 2, 3");
    assertThat(n.value()).isEqualTo(List.of(new BigDecimal(1), new BigDecimal(2)));
    assertThat(n.finishedJson()).isEqualTo("[1,2,3]");
    PartialJsonReader l = new PartialJsonReader();
    l.feed("{\"ok\": tr");
    assertThat(l.finishedJson()).isEqualTo("{\"ok\":true}");
  }

  @Test
  void aTrailingCommaIsTolerated() {
    PartialJsonReader r = new PartialJsonReader();
    r.feed("{\"a\": [1, 2,], \"b\": 3,}");
    assertThat(r.complete()).isTrue();
    assertThat(r.malformed()).isFalse();
    assertThat(r.value()).isEqualTo(Map.of("a", List.of(new BigDecimal(1), new BigDecimal(2)), "b", new BigDecimal(3)));
    assertThat(r.finishedJson()).isEqualTo("{\"a\":[1,2],\"b\":3}");
  }

  @Test
  void aRawNewlineInAStringIsKept() {
    PartialJsonReader r = new PartialJsonReader();
    r.feed("{\"poem\": \"roses\n");
    assertThat(r.value()).isEqualTo(Map.of("poem", "roses\n"));
    r.feed("violets\"}");
    assertThat(r.malformed()).isFalse();
    assertThat(r.value()).isEqualTo(Map.of("poem", "roses\nviolets"));
    assertThat(r.finishedJson()).isEqualTo("{\"poem\":\"roses\\nviolets\"}");
  }

  @Test
  void aScalarDocumentIsLeftToTheHealer() {
    PartialJsonReader r = new PartialJsonReader();
    r.feed("4");
    r.feed("2\n");
    assertThat(r.value()).isNull();
    assertThat(r.started()).isFalse();
    assertThat(r.finishedJson()).isEqualTo("42\n");
    assertThat(r.value()).isEqualTo(new BigDecimal(42));
    assertThat(r.completedPaths()).containsExactly("");
  }

  @Test
  void whatFollowsTheDocumentIsIgnored() {
    PartialJsonReader r = new PartialJsonReader();
    r.feed("{\"a\": 1}\n```\nAnd another: {\"b\": 2}");
    assertThat(r.finishedJson()).isEqualTo("{\"a\": 1}");
  }

  // ---------------------------------------------------------------------------------------
  // Errors.

  @Test
  void noJsonIsRefusedByTheHealer() {
    PartialJsonReader r = new PartialJsonReader();
    r.feed("I'm sorry, but I can't help with that.");
    assertThatThrownBy(r::finishedJson).isInstanceOf(UnrecoverableOutputException.class);
    assertThatThrownBy(() -> r.feed("x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theSizeCapIsTyped() {
    PartialJsonReader r =
        PartialJsonReader.builder().healer(JsonHealer.builder().maxInputChars(10).build()).build();
    r.feed("[1, 2, ");
    assertThatThrownBy(() -> r.feed("3, 4]"))
        .isInstanceOfSatisfying(
            UnrecoverableOutputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    assertThatThrownBy(() -> r.feed("]")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(r::finishedJson).isInstanceOf(UnrecoverableOutputException.class);
  }

  @Test
  void theDepthCapIsTyped() {
    PartialJsonReader r = PartialJsonReader.builder().healer(JsonHealer.builder().maxDepth(3).build()).build();
    r.feed("[[[1]]]");
    assertThat(r.complete()).isTrue();
    PartialJsonReader deep = PartialJsonReader.builder().healer(JsonHealer.builder().maxDepth(3).build()).build();
    assertThatThrownBy(() -> deep.feed("[[[["))
        .isInstanceOfSatisfying(
            UnrecoverableOutputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_DEEP));
    PartialJsonReader veryDeep = new PartialJsonReader();
    assertThatThrownBy(() -> veryDeep.feed("[".repeat(100_000)))
        .isInstanceOfSatisfying(
            UnrecoverableOutputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_DEEP));
  }

  @Test
  void hugeNumbersAreTyped() {
    assertThatThrownBy(() -> new PartialJsonReader().feed("[" + "1".repeat(5000) + ","))
        .isInstanceOfSatisfying(
            UnrecoverableOutputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    assertThatThrownBy(() -> new PartialJsonReader().feed("[1e99999999999]"))
        .isInstanceOfSatisfying(
            UnrecoverableOutputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    PartialJsonReader r = new PartialJsonReader();
    r.feed("[" + "9".repeat(4000) + "]");
    assertThat(((List<?>) r.value()).get(0)).isEqualTo(new BigDecimal("9".repeat(4000)));
  }

  @Test
  void feedingAfterTheEndIsMisuse() {
    PartialJsonReader r = new PartialJsonReader();
    r.feed("[1]");
    assertThat(r.finishedJson()).isEqualTo("[1]");
    assertThat(r.finishedJson()).isEqualTo("[1]");
    assertThatThrownBy(() -> r.feed(" ")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aThrowingListenerLosesNoEvent() {
    List<String> seen = new ArrayList<>();
    PartialJsonReader r =
        PartialJsonReader.builder()
            .listener(
                (p, v) -> {
                  seen.add(p);
                  if (p.equals("/0")) {
                    throw new IllegalArgumentException("listener bug");
                  }
                })
            .build();
    assertThatThrownBy(() -> r.feed("[1, 2, 3]")).isInstanceOf(IllegalArgumentException.class);
    assertThat(seen).containsExactly("/0");
    r.finishedJson();
    assertThat(seen).containsExactly("/0", "/1", "/2", "");
  }

  // ---------------------------------------------------------------------------------------
  // The sample corpus: the reader agrees with the healer.

  static List<HealingCorpus.Case> sample() {
    return HealingCorpus.load("/healing/sample.jsonl");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sample")
  void agreesWithTheHealerOnTheSample(HealingCorpus.Case c) {
    if (c.schema != null || c.unrecoverable || c.category.equals("concatenated")) {
      return; // concatenated: the reader stops at the first document, by design
    }
    String healed = JsonHealer.create().heal(c.input).json();
    for (int size : new int[] {1, 7, Integer.MAX_VALUE}) {
      PartialJsonReader r = new PartialJsonReader();
      Object previous = null;
      for (int i = 0; i < c.input.length(); i += size) {
        r.feed(c.input.substring(i, (int) Math.min(c.input.length(), (long) i + size)));
        Object view = r.value();
        if (previous != null) {
          assertThat(isPrefix(previous, view)).as(c.id + ": " + previous + " then " + view).isTrue();
        }
        previous = view == null ? previous : view;
      }
      String json = r.finishedJson();
      assertThat(StrictJson.same(StrictJson.parse(json), StrictJson.parse(healed)))
          .as(c.id + " reader " + json + " healer " + healed)
          .isTrue();
      assertThat(same(r.value(), StrictJson.parse(healed))).as(c.id).isTrue();
    }
  }

  // ---------------------------------------------------------------------------------------
  // Linear work.

  private static String generated(int items) {
    StringBuilder sb = new StringBuilder("{\"items\": [");
    for (int i = 0; i < items; i++) {
      sb.append(i == 0 ? "" : ", ")
          .append("{\"id\": ").append(i)
          .append(", \"name\": \"item \\u00e9 \\\"").append(i).append("\\\"\"")
          .append(", \"tags\": [\"a\", \"b\", [true, null, -1.5e3]], \"nested\": {\"k\": {\"v\": \"x\"}}}");
    }
    return sb.append("], \"done\": true}").toString();
  }

  private static double workPerChar(String doc, int chunk, boolean viewEachChunk) {
    PartialJsonReader r = new PartialJsonReader();
    for (int i = 0; i < doc.length(); i += chunk) {
      r.feed(doc.substring(i, Math.min(doc.length(), i + chunk)));
      if (viewEachChunk) {
        r.value();
      }
    }
    assertThat(r.complete()).isTrue();
    return r.work() / (double) doc.length();
  }

  @Test
  void workIsLinearWhateverTheChunking() {
    String small = generated(20);
    String large = generated(2000);
    for (int chunk : new int[] {1, 3, 64, Integer.MAX_VALUE}) {
      double a = workPerChar(small, Math.min(chunk, small.length()), false);
      double b = workPerChar(large, Math.min(chunk, large.length()), false);
      assertThat(b).as("work per char, chunk " + chunk).isLessThan(6.0);
      assertThat(b).as("large vs small, chunk " + chunk).isLessThanOrEqualTo(a * 1.25 + 0.25);
    }
    // Looking at the value after every 16 characters costs O(depth) each time, not O(size).
    double a = workPerChar(small, 16, true);
    double b = workPerChar(large, 16, true);
    assertThat(b).isLessThan(7.0).isLessThanOrEqualTo(a * 1.25 + 0.25);
  }

  @Test
  void oneCharacterPiecesCostTheSameAsOneChunk() {
    String doc = generated(500);
    assertThat(workPerChar(doc, 1, false)).isEqualTo(workPerChar(doc, doc.length(), false));
  }

  // ---------------------------------------------------------------------------------------
  // Helpers.

  private static List<Object> listOf(Object... items) {
    List<Object> l = new ArrayList<>();
    java.util.Collections.addAll(l, items);
    return l;
  }

  /** The independent parse's post-order: when each member becomes final. */
  private static void postOrder(String pointer, Object v, List<String> out) {
    if (v instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        postOrder(pointer + "/" + ((String) e.getKey()).replace("~", "~0").replace("/", "~1"), e.getValue(), out);
      }
    } else if (v instanceof List) {
      List<?> l = (List<?>) v;
      for (int i = 0; i < l.size(); i++) {
        postOrder(pointer + "/" + i, l.get(i), out);
      }
    }
    out.add(pointer);
  }

  /** The value at a pointer (the pointers here have no escapes beyond ~0 and ~1). */
  private static Object at(Object v, String pointer) {
    if (pointer.isEmpty()) {
      return v;
    }
    for (String seg : pointer.substring(1).split("/", -1)) {
      String key = seg.replace("~1", "/").replace("~0", "~");
      v = v instanceof Map ? ((Map<?, ?>) v).get(key) : ((List<?>) v).get(Integer.parseInt(key));
    }
    return v;
  }

  /** The reader's value in the shape {@link StrictJson} gives (JSON null as {@link StrictJson#NULL}). */
  private static Object strictShape(Object v) {
    if (v == null) {
      return StrictJson.NULL;
    }
    if (v instanceof Map) {
      Map<String, Object> m = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> m.put((String) k, strictShape(x)));
      return m;
    }
    if (v instanceof List) {
      List<Object> l = new ArrayList<>();
      ((List<?>) v).forEach(x -> l.add(strictShape(x)));
      return l;
    }
    return v;
  }

  private static boolean same(Object mine, Object strict) {
    return StrictJson.same(strictShape(mine), strict == null ? StrictJson.NULL : strict);
  }

  /**
   * Whether view {@code a} is a prefix of {@code b}: same keys in the same order and equal
   * values except the last member, which may have grown (a string by appending, a container by
   * members).
   */
  private static boolean isPrefix(Object a, Object b) {
    Object x = strictShape(a);
    Object y = b instanceof Map || b instanceof List || b == null ? strictShape(b) : b;
    return prefix(x, y);
  }

  private static boolean prefix(Object a, Object b) {
    if (a instanceof Map && b instanceof Map) {
      List<? extends Map.Entry<?, ?>> x = new ArrayList<>(((Map<?, ?>) a).entrySet());
      List<? extends Map.Entry<?, ?>> y = new ArrayList<>(((Map<?, ?>) b).entrySet());
      if (x.size() > y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!x.get(i).getKey().equals(y.get(i).getKey())) {
          return false;
        }
        boolean last = i == x.size() - 1;
        if (last ? !prefix(x.get(i).getValue(), y.get(i).getValue()) : !StrictJson.same(x.get(i).getValue(), y.get(i).getValue())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List && b instanceof List) {
      List<?> x = (List<?>) a;
      List<?> y = (List<?>) b;
      if (x.size() > y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        boolean last = i == x.size() - 1;
        if (last ? !prefix(x.get(i), y.get(i)) : !StrictJson.same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof String && b instanceof String) {
      return ((String) b).startsWith((String) a);
    }
    return StrictJson.same(a, b);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> m) {
    return (Map<String, Object>) strictShape(m);
  }
}
