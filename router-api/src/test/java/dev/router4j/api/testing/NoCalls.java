package dev.router4j.api.testing;

import dev.router4j.api.ChatResponse;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.StreamHandle;

/** A provider adapter for tests that must never call a provider: every call fails the test. */
public final class NoCalls {
  private NoCalls() {}

  /**
   * The adapter, protocol {@code "test"}.
   *
   * @param why the assertion message, naming what makes no calls
   */
  public static ProviderAdapter adapter(String why) {
    return new ProviderAdapter() {
      @Override
      public String protocol() {
        return "test";
      }

      @Override
      public ChatResponse chat(ProviderCall call) {
        throw new AssertionError(why);
      }

      @Override
      public StreamHandle stream(ProviderCall call, ChunkListener listener) {
        throw new AssertionError(why);
      }
    };
  }
}
