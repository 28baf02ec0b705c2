package dev.router4j.providers.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Usage;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records one stream; fails a test that sees a chunk after the end. Counts the ends. */
public class StreamCollector implements ChunkListener {
  public final List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
  public final CompletableFuture<RouterException> done = new CompletableFuture<>();
  public final CompletableFuture<ChatChunk> first = new CompletableFuture<>();
  public final AtomicInteger terminals = new AtomicInteger();

  @Override
  public void onChunk(ChatChunk chunk) {
    assertThat(done).as("no chunk after the end").isNotDone();
    chunks.add(chunk);
    first.complete(chunk);
  }

  @Override
  public void onComplete() {
    terminals.incrementAndGet();
    done.complete(null);
  }

  @Override
  public void onError(RouterException error) {
    terminals.incrementAndGet();
    done.complete(error);
  }

  /** Waits for the end: null for a clean finish, else the error. */
  public RouterException await() {
    try {
      return done.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the stream did not end", e);
    }
  }

  /** The first choice's text, all chunks joined. */
  public String text() {
    StringBuilder b = new StringBuilder();
    chunks.forEach(c -> b.append(c.text()));
    return b.toString();
  }

  /** The last finish reason any choice carried, or null. */
  public FinishReason finish() {
    FinishReason f = null;
    for (ChatChunk c : chunks) {
      for (ChunkChoice choice : c.choices()) {
        if (choice.finishReason() != null) {
          f = choice.finishReason();
        }
      }
    }
    return f;
  }

  /** The last usage a chunk carried, or null. */
  public Usage usage() {
    Usage u = null;
    for (ChatChunk c : chunks) {
      if (c.usage() != null) {
        u = c.usage();
      }
    }
    return u;
  }
}
