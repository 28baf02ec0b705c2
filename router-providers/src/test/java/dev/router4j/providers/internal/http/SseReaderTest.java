package dev.router4j.providers.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseReaderTest {

  /** What a reader produced for one way of cutting the input. */
  private record Outcome(List<SseEvent> events, boolean clean, SseEvent incomplete) {}

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Outcome readInPieces(byte[] bytes, int... cuts) {
    SseReader reader = new SseReader();
    List<SseEvent> events = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      reader.feed(bytes, from, cut - from);
      reader.drainTo(events::add);
      from = cut;
    }
    reader.feed(bytes, from, bytes.length - from);
    reader.drainTo(events::add);
    boolean clean = reader.finish();
    reader.drainTo(events::add);
    return new Outcome(events, clean, reader.incompleteEvent());
  }

  private static Outcome readWhole(String text) {
    return readInPieces(utf8(text));
  }

  private static Outcome readByteByByte(byte[] bytes) {
    SseReader reader = new SseReader();
    List<SseEvent> events = new ArrayList<>();
    for (byte b : bytes) {
      reader.feed(new byte[] {b});
      reader.drainTo(events::add);
    }
    boolean clean = reader.finish();
    return new Outcome(events, clean, reader.incompleteEvent());
  }

  /** Reads {@code text} whole, cut at every offset, cut at every pair of offsets, byte by byte. */
  private static Outcome assertSameHoweverCut(String text, boolean everyPair) {
    byte[] bytes = utf8(text);
    Outcome whole = readInPieces(bytes);
    for (int i = 0; i <= bytes.length; i++) {
      assertThat(readInPieces(bytes, i)).as("cut at %d", i).isEqualTo(whole);
      if (everyPair) {
        for (int j = i; j <= bytes.length; j++) {
          assertThat(readInPieces(bytes, i, j)).as("cuts at %d and %d", i, j).isEqualTo(whole);
        }
      }
    }
    assertThat(readByteByByte(bytes)).as("one byte at a time").isEqualTo(whole);
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int[] cuts = random.ints(random.nextInt(8), 0, bytes.length + 1).sorted().toArray();
      assertThat(readInPieces(bytes, cuts)).as("random cuts %s", java.util.Arrays.toString(cuts))
          .isEqualTo(whole);
    }
    return whole;
  }

  private static final String OPENROUTER_STREAM =
      ": OPENROUTER PROCESSING\n\n"
          + "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
          + ": OPENROUTER PROCESSING\r\n\r\n"
          + "data: {\"choices\":[{\"delta\":{\"content\":\"Grüße aus Köln, 日本 🌍\"}}]}\r\n\r\n"
          + "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\r\r"
          + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":7}}\n\n"
          + "data: [DONE]\n\n";

  @Test
  void anOpenRouterStreamGivesTheSameEventsWhereverItIsCut() {
    Outcome outcome = assertSameHoweverCut(OPENROUTER_STREAM, false);

    assertThat(outcome.clean()).isTrue();
    assertThat(outcome.events()).extracting(SseEvent::data)
        .containsExactly(
            "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"Grüße aus Köln, 日本 🌍\"}}]}",
            "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":7}}",
            "[DONE]");
    assertThat(outcome.events().get(4).isDone()).isTrue();
    assertThat(outcome.events().get(3).isDone()).isFalse();
  }

  @Test
  void anAnthropicStreamGivesTheSameNamedEventsForEveryPairOfCuts() {
    String stream =
        "event: message_start\r\n"
            + "data: {\"type\":\"message_start\"}\r\n\r\n"
            + "event: ping\ndata: {\"type\": \"ping\"}\n\n"
            + "event: content_block_delta\rdata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"é€\"}}\r\r"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    Outcome outcome = assertSameHoweverCut(stream, true);

    assertThat(outcome.events()).extracting(SseEvent::event)
        .containsExactly("message_start", "ping", "content_block_delta", "message_stop");
    assertThat(outcome.events().get(2).data()).endsWith("\"text\":\"é€\"}}");
    assertThat(outcome.events().get(3).is("message_stop")).isTrue();
  }

  @ParameterizedTest(name = "line ending {0}")
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void everyLineEndingStyleGivesTheSameEvents(String eol) {
    String stream =
        "event: a" + eol + "data: one" + eol + "data: two" + eol + eol
            + ": keep-alive" + eol + eol
            + "data: three" + eol + eol;

    Outcome outcome = assertSameHoweverCut(stream, false);

    assertThat(outcome.events())
        .containsExactly(SseEvent.of("a", "one\ntwo"), SseEvent.of("three"));
    assertThat(outcome.clean()).isTrue();
  }

  @Test
  void aCarriageReturnEndingOneReadAndALineFeedStartingTheNextAreOneLineEnd() {
    SseReader reader = new SseReader();
    reader.feed(utf8("data: a\r"));
    reader.feed(utf8("\ndata: b\r"));
    reader.feed(utf8("\n\r"));
    reader.feed(utf8("\n"));

    assertThat(reader.poll()).isEqualTo(SseEvent.of("a\nb"));
    assertThat(reader.poll()).isNull();
    assertThat(reader.finish()).isTrue();
  }

  @Test
  void twoCarriageReturnsAreABlankLineThatDispatches() {
    SseReader reader = new SseReader();
    reader.feed(utf8("data: x\r\r"));

    assertThat(reader.poll()).isEqualTo(SseEvent.of("x"));
  }

  @Test
  void commentLinesAndKeepAlivesAreSkipped() {
    Outcome outcome =
        readWhole(": OPENROUTER PROCESSING\n\n:\n: ping\ndata: real\n: inside an event\n\n");

    assertThat(outcome.events()).containsExactly(SseEvent.of("real"));
  }

  @Test
  void aStreamOfOnlyCommentsDispatchesNothingAndEndsCleanly() {
    Outcome outcome = readWhole(": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\n");

    assertThat(outcome.events()).isEmpty();
    assertThat(outcome.clean()).isTrue();
  }

  @Test
  void dataLinesOfOneEventAreJoinedWithNewlines() {
    Outcome outcome = readWhole("data: {\ndata:   \"a\": 1\ndata: }\n\n");

    assertThat(outcome.events()).containsExactly(SseEvent.of("{\n  \"a\": 1\n}"));
  }

  @Test
  void onlyOneSpaceAfterTheColonIsRemoved() {
    Outcome outcome = readWhole("data:no-space\n\ndata:  two-spaces\n\ndata:\tkept-tab\n\n");

    assertThat(outcome.events()).extracting(SseEvent::data)
        .containsExactly("no-space", " two-spaces", "\tkept-tab");
  }

  @Test
  void emptyDataLinesStillMakeEvents() {
    Outcome outcome = readWhole("data\n\ndata:\ndata:\n\n");

    assertThat(outcome.events()).extracting(SseEvent::data).containsExactly("", "\n");
  }

  @Test
  void aBlockWithoutDataIsNotDispatched() {
    Outcome outcome = readWhole("event: ping\n\nid: 7\n\ndata: after\n\n");

    assertThat(outcome.events()).containsExactly(new SseEvent(null, "after", "7"));
  }

  @Test
  void anEventNameDoesNotLeakIntoTheNextEvent() {
    Outcome outcome = readWhole("event: error\ndata: {}\n\ndata: plain\n\nevent:\ndata: unnamed\n\n");

    assertThat(outcome.events()).extracting(SseEvent::event).containsExactly("error", null, null);
    assertThat(outcome.events().get(1).eventOrDefault()).isEqualTo("message");
  }

  @Test
  void theLastEventIdPersistsAndRetryIsRecordedWhenItIsAllDigits() {
    SseReader reader = new SseReader();
    reader.feed(utf8("id: 1\nretry: 2500\ndata: a\n\ndata: b\n\nretry: soon\nid\ndata: c\n\n"));

    assertThat(reader.poll()).isEqualTo(new SseEvent(null, "a", "1"));
    assertThat(reader.poll()).isEqualTo(new SseEvent(null, "b", "1"));
    assertThat(reader.poll()).isEqualTo(new SseEvent(null, "c", ""));
    assertThat(reader.retryMillis()).isEqualTo(2500);
    assertThat(reader.lastEventId()).isEmpty();
    assertThat(reader.eventCount()).isEqualTo(3);
  }

  @Test
  void unknownFieldsAndAnIdContainingNulAreIgnored() {
    Outcome outcome = readWhole("foo: bar\nid: 9\ndata: x\nid: a\0b\nobfuscation: zz\n\n");

    assertThat(outcome.events()).containsExactly(new SseEvent(null, "x", "9"));
  }

  @Test
  void aFinalEventWithoutItsBlankLineIsReportedAsTruncatedNotDispatched() {
    Outcome outcome = assertSameHoweverCut("data: first\n\nevent: delta\ndata: {\"partial\":", false);

    assertThat(outcome.events()).containsExactly(SseEvent.of("first"));
    assertThat(outcome.clean()).isFalse();
    assertThat(outcome.incomplete()).isEqualTo(SseEvent.of("delta", "{\"partial\":"));
  }

  @Test
  void aFinalEventWhoseLineEndedButNoBlankLineFollowedIsTruncated() {
    Outcome outcome = readWhole("data: {\"candidates\":[]}\r\n");

    assertThat(outcome.events()).isEmpty();
    assertThat(outcome.clean()).isFalse();
    assertThat(outcome.incomplete().data()).isEqualTo("{\"candidates\":[]}");
  }

  @Test
  void trailingCommentsAndBlankLinesAfterTheLastEventStillEndCleanly() {
    assertThat(readWhole("data: a\n\n: bye\n\n\n").clean()).isTrue();
    assertThat(readWhole("data: a\n\n: cut comm").clean()).isTrue();
    assertThat(readWhole("").clean()).isTrue();
  }

  @Test
  void aMultiByteCharacterSplitAtEveryByteDecodesCorrectly() {
    String text = "data: a€b😀c日\n\n";
    byte[] bytes = utf8(text);
    for (int i = 0; i <= bytes.length; i++) {
      for (int j = i; j <= bytes.length; j++) {
        assertThat(readInPieces(bytes, i, j).events())
            .as("cuts at %d and %d", i, j)
            .containsExactly(SseEvent.of("a€b😀c日"));
      }
    }
  }

  @Test
  void malformedUtf8BecomesReplacementCharactersInsteadOfFailing() {
    byte[] bytes = {'d', 'a', 't', 'a', ':', ' ', 'x', (byte) 0xC3, 'y', '\n', '\n'};

    assertThat(readInPieces(bytes).events()).containsExactly(SseEvent.of("x\uFFFDy"));
  }

  @Test
  void aByteOrderMarkAtTheStartIsSkippedEvenWhenSplit() {
    byte[] bytes = utf8("\uFEFFdata: x\n\n");

    assertThat(bytes[0]).isEqualTo((byte) 0xEF);
    for (int i = 0; i <= 4; i++) {
      assertThat(readInPieces(bytes, i).events()).containsExactly(SseEvent.of("x"));
    }
    assertThat(readByteByByte(bytes).events()).containsExactly(SseEvent.of("x"));
  }

  @Test
  void aByteOrderMarkLaterInTheStreamIsKeptAsContent() {
    Outcome outcome = readWhole("data: a\n\n\uFEFFdata: b\n\ndata: \uFEFFc\n\n");

    // The second block's field name is "\uFEFFdata", an unknown field, so it is ignored.
    assertThat(outcome.events()).extracting(SseEvent::data).containsExactly("a", "\uFEFFc");
  }

  @Test
  void anEventLargerThanTheCapFailsWithAProviderErrorInsteadOfGrowing() {
    SseReader reader = new SseReader(64);
    reader.feed(utf8("data: " + "x".repeat(40) + "\n\n"));
    assertThat(reader.poll()).isNotNull();

    assertThatThrownBy(() -> {
          reader.feed(utf8("data: " + "y".repeat(30) + "\n"));
          reader.feed(utf8("data: " + "y".repeat(30) + "\n"));
        })
        .isInstanceOf(SseReader.EventTooLargeException.class)
        .isInstanceOf(RouterException.class)
        .satisfies(e -> assertThat(((RouterException) e).category())
            .isEqualTo(ErrorCategory.PROVIDER_ERROR))
        .hasMessageContaining("64 bytes");
    assertThatThrownBy(() -> reader.feed(utf8("\n"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aLineWithoutAnEndIsCutOffAtTheCapBeforeItIsBuffered() {
    SseReader reader = new SseReader(1024);
    byte[] chunk = utf8("x".repeat(100));
    reader.feed(utf8("data: "));

    assertThatThrownBy(() -> {
          for (int i = 0; i < 1_000; i++) {
            reader.feed(chunk);
          }
        })
        .isInstanceOf(SseReader.EventTooLargeException.class)
        .satisfies(e -> assertThat(((SseReader.EventTooLargeException) e).limit()).isEqualTo(1024));
  }

  @Test
  void aHugeCommentLineIsSkippedWithoutCountingAgainstTheCap() {
    SseReader reader = new SseReader(128);
    reader.feed(utf8(":"));
    byte[] chunk = utf8("z".repeat(1000));
    for (int i = 0; i < 100; i++) {
      reader.feed(chunk);
    }
    reader.feed(utf8("\ndata: ok\n\n"));

    assertThat(reader.poll()).isEqualTo(SseEvent.of("ok"));
  }

  @Test
  void theDefaultCapIsEightMebibytes() {
    assertThat(new SseReader().maxEventBytes()).isEqualTo(8 * 1024 * 1024);
    assertThatThrownBy(() -> new SseReader(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void feedingAfterTheEndIsRefused() {
    SseReader reader = new SseReader();
    reader.finish();

    assertThatThrownBy(() -> reader.feed(utf8("data: x\n\n")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(reader.finish()).isTrue();
  }

  @Test
  void aListenerReceivesEachEventAsSoonAsItsBlankLineArrives() {
    List<SseEvent> seen = new ArrayList<>();
    SseReader reader = new SseReader(seen::add);

    reader.feed(utf8("data: 1\n"));
    assertThat(seen).isEmpty();
    reader.feed(utf8("\ndata: 2"));
    assertThat(seen).containsExactly(SseEvent.of("1"));
    reader.feed(utf8("\n\n"));

    assertThat(seen).containsExactly(SseEvent.of("1"), SseEvent.of("2"));
    assertThat(reader.poll()).isNull();
  }

  @Test
  void aPullReaderOverAnOkioSourceReturnsEventsThenNullAtTheEnd() throws IOException {
    Buffer source = new Buffer().writeUtf8("data: a\n\nevent: e\ndata: b\n\ndata: c");
    SseReader reader = SseReader.of(source);

    assertThat(reader.next()).isEqualTo(SseEvent.of("a"));
    assertThat(reader.next()).isEqualTo(SseEvent.of("e", "b"));
    assertThat(reader.next()).isNull();
    assertThat(reader.truncated()).isTrue();
    assertThat(reader.incompleteEvent()).isEqualTo(SseEvent.of("c"));
    assertThat(reader.next()).isNull();
    assertThatThrownBy(() -> reader.feed(utf8("x"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aPullReaderReadsAThrottledHttpStreamAndSeesItEndCleanly() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(
          new MockResponse.Builder()
              .addHeader("Content-Type", "text/event-stream")
              .body(OPENROUTER_STREAM)
              .throttleBody(7, 1, TimeUnit.MILLISECONDS)
              .build());
      server.start();
      OkHttpClient client = new OkHttpClient();
      try (Response response =
              client.newCall(new Request.Builder().url(server.url("/v1/chat")).build()).execute();
          SseReader reader = SseReader.of(response.body().source())) {
        List<SseEvent> events = new ArrayList<>();
        boolean clean = reader.readAll(events::add);

        assertThat(clean).isTrue();
        assertThat(events).isEqualTo(readWhole(OPENROUTER_STREAM).events());
        assertThat(events).last().satisfies(e -> assertThat(e.isDone()).isTrue());
      } finally {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
    }
  }

  /** A source that hands out at most {@code chunk} bytes per read, as a slow socket does. */
  private static okio.Source trickle(byte[] bytes, int chunk) {
    Buffer all = new Buffer().write(bytes);
    return new okio.Source() {
      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        return all.read(sink, Math.min(byteCount, chunk));
      }

      @Override
      public okio.Timeout timeout() {
        return okio.Timeout.NONE;
      }

      @Override
      public void close() {}
    };
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 64, 8191, 8192, 8193, 100_000})
  void aPullReaderGivesThePushReadersEventsHoweverItsSourceDeliversTheBytes(int chunk)
      throws IOException {
    // Longer than several of Okio's 8 KiB segments, with a line that spans three of them,
    // CRLF pairs, comments, named events and several data lines per event.
    String text = "\uFEFF" + OPENROUTER_STREAM.repeat(40)
        + "event: big\r\ndata: " + "é".repeat(10_000) + "\r\n\r\n"
        + ("event: content_block_delta\r\ndata: {\"text\":\"€\"}\r\n\r\n"
            + "event: ping\rdata: {}\r\r").repeat(20) + "data: one\ndata: two\n\ndata: three\n\n"
        + "id: 7\nretry: 50\ndata: tail";
    byte[] bytes = utf8(text);
    Outcome pushed = readInPieces(bytes);

    SseReader reader = SseReader.of(trickle(bytes, chunk));
    List<SseEvent> events = new ArrayList<>();
    boolean clean = reader.readAll(events::add);

    assertThat(events).isEqualTo(pushed.events());
    assertThat(clean).isEqualTo(pushed.clean()).isFalse();
    assertThat(reader.incompleteEvent()).isEqualTo(pushed.incomplete())
        .isEqualTo(new SseEvent(null, "tail", "7"));
    assertThat(reader.retryMillis()).isEqualTo(50);
    assertThat(events).filteredOn(e -> e.is("big")).singleElement()
        .satisfies(e -> assertThat(e.data()).isEqualTo("é".repeat(10_000)));
  }

  @Test
  void aSingleLineEventAfterAJoinedOneIsNotJoinedToIt() {
    assertThat(readWhole("data: a\ndata: b\n\ndata: c\n\ndata: d\ndata:\ndata: e\n\n")
        .events()).extracting(SseEvent::data).containsExactly("a\nb", "c", "d\n\ne");
  }

  @Test
  void eventNamesStayRightWhenMoreDistinctNamesComeThanAreRemembered() {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int n = 0; n < 20; n++) {
        String name = n % 2 == 0 ? "delta" : "kind_" + n;
        text.append("event: ").append(name).append("\ndata: x\n\n");
        expected.add(name);
      }
    }
    assertThat(readWhole(text.toString()).events()).extracting(SseEvent::event)
        .containsExactlyElementsOf(expected);
    List<SseEvent> events = readWhole("event: ping\ndata: 1\n\nevent: ping\ndata: 2\n\n")
        .events();
    assertThat(events.get(1).event()).as("a repeated name is shared, not decoded again")
        .isSameAs(events.get(0).event());
  }

  @Test
  void doneIsRecognisedOnlyAsTheWholeData() {
    assertThat(SseEvent.of("[DONE]").isDone()).isTrue();
    assertThat(SseEvent.of(" [DONE] ").isDone()).isTrue();
    assertThat(SseEvent.of("{\"text\":\"[DONE]\"}").isDone()).isFalse();
    assertThat(SseEvent.of("x".repeat(500)).toString()).hasSizeLessThan(300);
  }
}
