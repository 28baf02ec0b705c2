package dev.router4j.providers.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import org.junit.jupiter.api.Test;

/** A view reads a buffer's bytes without consuming them and without sharing its segments. */
class BufferViewTest {

  private static Buffer bytes(int n) {
    Buffer b = new Buffer();
    for (int i = 0; i < n; i++) {
      b.writeByte(i * 31 + (i >> 8));
    }
    return b;
  }

  /** The array holding the buffer's first byte, as a writer would see it. */
  private static byte[] writableArray(Buffer b) {
    try (Buffer.UnsafeCursor c = b.readAndWriteUnsafe()) {
      c.seek(0);
      return c.data;
    }
  }

  @Test
  void aViewReadsEveryByteAndLeavesTheBufferAsItWas() throws IOException {
    Buffer buffer = bytes(20_000); // three segments
    ByteString all = buffer.snapshot();

    BufferedSource first = BufferView.of(buffer);
    BufferedSource second = BufferView.of(buffer);
    assertThat(first.readByteString(5)).isEqualTo(all.substring(0, 5));
    assertThat(second.readByteString()).isEqualTo(all);
    assertThat(first.readByteString()).isEqualTo(all.substring(5));
    assertThat(first.exhausted()).isTrue();
    assertThat(buffer.size()).isEqualTo(20_000);
    assertThat(buffer.readByteString()).isEqualTo(all);
  }

  @Test
  void anEmptyBufferGivesAnEmptyView() throws IOException {
    assertThat(BufferView.of(new Buffer()).exhausted()).isTrue();
    assertThat(BufferView.of(new Buffer().writeUtf8("x")).readUtf8()).isEqualTo("x");
  }

  @Test
  void theBuffersSegmentsStayItsOwnSoTheyCanGoBackToThePool() throws IOException {
    Buffer viewed = bytes(100);
    byte[] before = writableArray(viewed);
    BufferView.of(viewed).readByteString();
    // A shared segment would be copied before a write: the array would change.
    assertThat(writableArray(viewed)).isSameAs(before);

    // What the view avoids: a peek shares the segment.
    Buffer peeked = bytes(100);
    byte[] was = writableArray(peeked);
    peeked.peek().readByteString();
    assertThat(writableArray(peeked)).isNotSameAs(was);
  }
}
