package dev.router4j.providers.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reader's line-end search, eight bytes at a time, against a byte-by-byte one. */
class SseLineEndTest {

  private static int naive(byte[] b, int from, int end) {
    int i = from;
    while (i < end && b[i] != '\n' && b[i] != '\r') {
      i++;
    }
    return i;
  }

  @Test
  void findsTheFirstCrOrLfWhereverItLiesWhateverTheOtherBytes() {
    Random random = new Random(7);
    // Bytes next to CR and LF in value, and the ones a has-a-zero-byte test can confuse.
    byte[] alphabet = {'a', '{', '"', ' ', 0x00, 0x01, 0x09, 0x0B, 0x0C, 0x0E, 0x0F, 0x1A,
        (byte) 0x80, (byte) 0x8A, (byte) 0x8D, (byte) 0xFF, (byte) 0xC3, (byte) 0xA9};
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int k = 0; k < b.length; k++) {
        b[k] = alphabet[random.nextInt(alphabet.length)];
      }
      int breaks = random.nextInt(3);
      for (int k = 0; k < breaks && b.length > 0; k++) {
        b[random.nextInt(b.length)] = random.nextBoolean() ? (byte) '\n' : (byte) '\r';
      }
      int from = b.length == 0 ? 0 : random.nextInt(b.length);
      int end = from + random.nextInt(b.length - from + 1);
      assertThat(SseReader.lineEnd(b, from, end)).as("round %d", round)
          .isEqualTo(naive(b, from, end));
    }
  }
}
