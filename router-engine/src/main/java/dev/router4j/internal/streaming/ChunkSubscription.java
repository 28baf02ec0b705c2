package dev.router4j.internal.streaming;

import dev.router4j.ChatStream;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.error.RouterException;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Adapts a {@link ChatStream} to a {@link Flow.Subscription}: a drain loop on the executor
 * hands chunks over only as demanded, so an unready subscriber slows the HTTP read itself.
 */
public final class ChunkSubscription implements Flow.Subscription {
  private final Supplier<ChatStream> open;
  private final Flow.Subscriber<? super ChatChunk> subscriber;
  private final Executor executor;
  private final AtomicLong demand = new AtomicLong();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean terminated = new AtomicBoolean();
  private volatile ChatStream stream;
  private Iterator<ChatChunk> chunks;

  /** A subscription that opens the stream on first demand. */
  public ChunkSubscription(Supplier<ChatStream> open, Flow.Subscriber<? super ChatChunk> subscriber,
      Executor executor) {
    this.open = open;
    this.subscriber = subscriber;
    this.executor = executor;
  }

  /** Hands the subscription to the subscriber. */
  public void start() {
    subscriber.onSubscribe(this);
  }

  @Override
  public void request(long n) {
    if (terminated.get()) {
      return;
    }
    if (n <= 0) {
      terminate();
      subscriber.onError(new IllegalArgumentException("request(n) needs n > 0 (rule 3.9), was " + n));
      return;
    }
    demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
    drain();
  }

  @Override
  public void cancel() {
    terminate();
  }

  private void terminate() {
    if (terminated.compareAndSet(false, true)) {
      ChatStream s = stream;
      if (s != null) {
        s.close();
      }
    }
  }

  private void drain() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    executor.execute(() -> {
      try {
        if (chunks == null && !terminated.get()) {
          stream = open.get();
          chunks = stream.iterator();
        }
        while (!terminated.get() && demand.get() > 0) {
          if (!chunks.hasNext()) {
            if (terminated.compareAndSet(false, true)) {
              subscriber.onComplete();
            }
            return;
          }
          ChatChunk c = chunks.next();
          demand.decrementAndGet();
          subscriber.onNext(c);
        }
      } catch (RouterException e) {
        if (terminated.compareAndSet(false, true)) {
          subscriber.onError(e);
        }
      } finally {
        draining.set(false);
      }
      if (!terminated.get() && demand.get() > 0) {
        drain();
      }
    });
  }
}
