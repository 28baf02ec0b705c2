package dev.router4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The routing benchmarks' extra warm-up: their {@code @Setup} calls the measured method for
 * {@link #MILLIS} before JMH's own warm-up iterations start. On a 2-core machine the C2
 * compiler shares the cores with the calls, and a router call needs several seconds of calls
 * before it is compiled; this keeps the short profile's few warm-up seconds meaningful. The
 * full profile's 10 s of warm-up come on top.
 */
final class WarmUp {
  /** How long a setup calls the measured method. */
  static final long MILLIS = 2_000;

  private WarmUp() {}

  /** The measured method's name, from JMH's parameters. */
  static String method(BenchmarkParams params) {
    String name = params.getBenchmark();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** Calls {@code op} for {@link #MILLIS}. */
  static void run(Runnable op) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MILLIS);
    while (System.nanoTime() < end) {
      op.run();
    }
  }

  /**
   * Calls {@code op} from {@code threads} threads at once for {@code millis}: a call path run
   * by many threads on two cores leaves the compiler threads little time, so it takes longer
   * to reach its compiled speed than when one thread calls it.
   */
  static void run(Runnable op, int threads, long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    Thread[] callers = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      callers[i] = new Thread(() -> {
        while (System.nanoTime() < end) {
          op.run();
        }
      }, "warm-up-" + i);
      callers[i].start();
    }
    try {
      for (Thread t : callers) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while warming up", e);
    }
  }
}
