package dev.router4j.examples.simulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the prompt prefixes an endpoint has seen, in blocks of 128 tokens (512 chars), so
 * that a repeated prefix of at least 1024 tokens is reported as cached, as providers with
 * prompt caching do.
 */
final class PromptCache {
  static final int BLOCK_CHARS = 512;
  static final int MIN_CHARS = 4096;
  private static final int MAX_ENTRIES = 1 << 20;

  private final Set<Long> seen = ConcurrentHashMap.newKeySet();

  /**
   * The length, in chars, of the longest cacheable prefix of {@code text} seen before (0 if
   * under the minimum), and the length of the longest cacheable prefix of {@code text}; when
   * {@code record}, remembers this text's prefixes.
   */
  int[] lookup(String text, boolean record) {
    if (seen.size() > MAX_ENTRIES) {
      seen.clear();
    }
    long h = 0xcbf29ce484222325L;
    int hit = 0;
    int boundary = 0;
    for (int i = 0; i < text.length(); i++) {
      h = (h ^ text.charAt(i)) * 0x100000001b3L;
      int end = i + 1;
      if (end % BLOCK_CHARS == 0) {
        long key = h ^ ((long) end << 40);
        boundary = end;
        if (seen.contains(key)) {
          hit = end;
        } else if (record) {
          seen.add(key);
        }
      }
    }
    return new int[] {hit >= MIN_CHARS ? hit : 0, boundary >= MIN_CHARS ? boundary : 0};
  }
}
