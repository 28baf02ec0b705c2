package dev.router4j;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Generation ids like OpenRouter's ({@code gen-...}): unique per router, cheap to make. */
final class GenerationIds {
  private final String prefix;
  private final AtomicLong next = new AtomicLong();

  GenerationIds() {
    long salt = new SecureRandom().nextLong();
    this.prefix = "gen-" + Long.toHexString(System.currentTimeMillis()) + "-"
        + Long.toHexString(salt & 0xffffffffffL) + "-";
  }

  String next() {
    return prefix + Long.toHexString(next.incrementAndGet());
  }
}
