package dev.router4j.providers.fuzz;

import dev.router4j.api.testing.FuzzGuard;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.router4j.providers.internal.http.SseEvent;
import dev.router4j.providers.internal.http.SseReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import okio.Buffer;

/**
 * Fuzzes the SSE reader. The first input byte seeds how the rest is cut into reads; the rest
 * is the byte stream. The same bytes are parsed three ways — in one push, in random pieces,
 * and pulled from a source — with a small event cap so that the cap is reached too; all three
 * must see the same events, the same truncation, the same cut event and the same last id, and
 * the only exception allowed is the reader's own {@code EventTooLargeException}, raised by all
 * three at the same event.
 */
class SseReaderFuzzTest {
  private static final int CAP = 2048;

  /** What one way of parsing saw. */
  record Seen(List<SseEvent> events, boolean tooLarge, Boolean complete, SseEvent incomplete,
      String lastId, long retry) {}

  @FuzzTest(maxDuration = "5m")
  void threeWaysAgree(byte[] data) {
    FuzzGuard.run(data, () -> {
      if (data.length == 0) {
        return;
      }
      long seed = data[0];
      byte[] stream = Arrays.copyOfRange(data, 1, data.length);
      Seen whole = push(stream, new int[] {stream.length});
      Seen pieces = push(stream, cuts(stream.length, new SplittableRandom(seed)));
      Seen pulled = pull(stream);
      assertThat(pieces).isEqualTo(whole);
      assertThat(pulled).isEqualTo(whole);
      for (SseEvent e : whole.events()) {
        assertThat(e.data()).isNotNull();
        assertThat(e.toString()).isNotNull();
        e.isDone();
        e.eventOrDefault();
      }
    });
  }

  private static int[] cuts(int length, SplittableRandom random) {
    List<Integer> sizes = new ArrayList<>();
    int left = length;
    while (left > 0) {
      int n = Math.min(left, 1 + random.nextInt(Math.max(1, Math.min(64, length))));
      sizes.add(n);
      left -= n;
    }
    return sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Seen push(byte[] stream, int[] sizes) {
    SseReader reader = new SseReader(CAP);
    List<SseEvent> events = new ArrayList<>();
    int offset = 0;
    try {
      for (int n : sizes) {
        reader.feed(stream, offset, n);
        offset += n;
        reader.drainTo(events::add);
      }
      boolean complete = reader.finish();
      reader.drainTo(events::add);
      return new Seen(events, false, complete, reader.incompleteEvent(), reader.lastEventId(),
          reader.retryMillis());
    } catch (SseReader.EventTooLargeException e) {
      reader.drainTo(events::add);
      return new Seen(events, true, null, null, null, -1);
    }
  }

  private static Seen pull(byte[] stream) throws IOException {
    List<SseEvent> events = new ArrayList<>();
    try (SseReader reader = SseReader.of(new Buffer().write(stream), CAP)) {
      try {
        for (SseEvent e; (e = reader.next()) != null; ) {
          events.add(e);
        }
        return new Seen(events, false, !reader.truncated(), reader.incompleteEvent(),
            reader.lastEventId(), reader.retryMillis());
      } catch (SseReader.EventTooLargeException e) {
        // Events completed in the same read before the oversized one are still queued.
        for (SseEvent e2; (e2 = reader.poll()) != null; ) {
          events.add(e2);
        }
        return new Seen(events, true, null, null, null, -1);
      }
    }
  }
}
