package dev.router4j.streaming;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Delta;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Role;
import dev.router4j.api.Usage;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.PulledStream;
import dev.router4j.api.spi.StreamHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test adapter whose pulled streams deliver scripted steps, one per pump, for the model
 * {@value #MODEL}: {@code "text"} a chunk of that text, {@code "burst:a,b"} several chunks from
 * one read, {@code "fail:503"} an overloaded error, {@code "end"} the last chunk and the end,
 * {@code "block"} a read that waits until the stream is cancelled (5 s at most),
 * {@code "wait:ms"} a slow read.
 */
public class ScriptedAdapter implements ProviderAdapter {
  /** The model of every chunk. */
  public static final String MODEL = "acme/m";

  final List<String> script;
  final List<String> pumpThreads = Collections.synchronizedList(new ArrayList<>());
  final CountDownLatch blocked = new CountDownLatch(1);

  /** An adapter whose every stream plays the script. */
  public ScriptedAdapter(String... script) {
    this.script = List.of(script);
  }

  @Override
  public String protocol() {
    return "scripted";
  }

  @Override
  public ChatResponse chat(ProviderCall call) {
    throw new AssertionError("streams only");
  }

  @Override
  public StreamHandle stream(ProviderCall call, ChunkListener listener) {
    throw new AssertionError("the router should open a pulled stream");
  }

  @Override
  public StreamHandle openStream(ProviderCall call, ChunkListener listener) {
    return new PulledStream() {
      private int step;
      private volatile boolean done;
      private final CountDownLatch cancelled = new CountDownLatch(1);

      @Override
      public boolean pump() {
        if (done) {
          return false;
        }
        pumpThreads.add(Thread.currentThread().getName());
        String s = script.get(step++);
        if (s.startsWith("fail:")) {
          done = true;
          listener.onError(ProviderException.builder(ErrorCategory.PROVIDER_OVERLOADED)
              .provider("scripted").httpStatus(Integer.parseInt(s.substring(5))).build());
        } else if (s.equals("end")) {
          done = true;
          listener.onChunk(chunk(null, FinishReason.STOP, Usage.of(5, 2)));
          listener.onComplete();
        } else if (s.startsWith("burst:")) {
          for (String piece : s.substring(6).split(",")) {
            listener.onChunk(chunk(piece, null, null)); // several chunks from one read
          }
        } else if (s.startsWith("wait:")) {
          try {
            Thread.sleep(Long.parseLong(s.substring(5))); // a slow provider, not a stalled one
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          listener.onChunk(chunk("", null, null));
        } else if (s.equals("block")) {
          blocked.countDown();
          try {
            cancelled.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return false;
        } else {
          listener.onChunk(chunk(s, null, null));
        }
        return !done;
      }

      @Override
      public void cancel() {
        if (!done) {
          done = true;
          cancelled.countDown();
          listener.onError(new RouterException(ErrorCategory.CANCELLED, "cancelled"));
        }
      }
    };
  }

  /** A chunk of the model's, as the script's streams send. */
  public static ChatChunk chunk(String text, FinishReason finish, Usage usage) {
    return new ChatChunk("g", "chat.completion.chunk", 1L, MODEL, "scripted",
        List.of(new ChunkChoice(0, new Delta(Role.ASSISTANT, text, null, null, null, null, null,
            null), finish, null, null, null)), null, usage, null, null);
  }
}
