package dev.router4j.api.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.router4j.api.error.RouterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.ConcurrentModificationException;

/**
 * The outcome rule of every fuzz target: one input either gives a result or one of the
 * library's own typed exceptions ({@link RouterException} and its subclasses) — never a
 * NullPointerException, an IndexOutOfBoundsException, a ClassCastException, an
 * ArithmeticException, a StackOverflowError or any other exception, and never a hang. A
 * typed exception that merely wraps one of those bugs (a catch-all that hides it) counts as
 * the bug.
 *
 * <p>Hangs: in the normal test run (the seed corpus as regression tests) each input runs
 * under a preemptive timeout ({@code -Drouter4j.fuzz.timeoutSeconds}, 10 s by default); while
 * fuzzing ({@code JAZZER_FUZZ=1}) a watchdog thread writes the input that ran too long to
 * {@code target/fuzz-hangs/} with its stack and stops the JVM, so the fuzzer's own timing is
 * left alone.
 *
 * <p>Shared by the fuzz targets of every module through router-api's test jar.
 */
public final class FuzzGuard {
  public static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null
      && !System.getenv("JAZZER_FUZZ").isEmpty();
  public static final Duration PER_INPUT = Duration.ofSeconds(Long.getLong("router4j.fuzz.timeoutSeconds", 10));

  /** Code under test; may throw anything. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  private FuzzGuard() {}

  /** Runs one input under the outcome rule and the hang guard. */
  public static void run(byte[] input, Body body) {
    if (!FUZZING) {
      assertTimeoutPreemptively(PER_INPUT, () -> check(body),
          () -> "hang: the input ran longer than " + PER_INPUT + ": " + base64(input));
      return;
    }
    Watchdog.INSTANCE.arm(input);
    try {
      check(body);
    } catch (Exception e) {
      throw FuzzGuard.<RuntimeException>sneaky(e); // the fuzzer reports it as it is
    } finally {
      Watchdog.INSTANCE.disarm();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  private static void check(Body body) throws Exception {
    try {
      body.run();
    } catch (RouterException typed) {
      hiddenBug(typed);
    }
  }

  /**
   * Fails when a typed exception carries a programming error as its cause. The walk stops at
   * an {@link IllegalArgumentException} (NumberFormatException included): the JDK itself wraps
   * an internal index error in one when it rejects a malformed number, and turning that into a
   * typed error is the right thing to do.
   */
  public static void hiddenBug(Throwable typed) {
    int depth = 0;
    for (Throwable t = typed.getCause(); t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof IllegalArgumentException) {
        break;
      }
      if (isBug(t)) {
        throw new AssertionError("a typed exception hides a bug: " + typed, t);
      }
    }
    for (Throwable s : typed.getSuppressed()) {
      if (isBug(s)) {
        throw new AssertionError("a typed exception hides a bug: " + typed, s);
      }
    }
  }

  public static boolean isBug(Throwable t) {
    return t instanceof NullPointerException || t instanceof IndexOutOfBoundsException
        || t instanceof ClassCastException || t instanceof ArithmeticException
        || t instanceof NegativeArraySizeException || t instanceof ArrayStoreException
        || t instanceof ConcurrentModificationException || t instanceof StackOverflowError
        || t instanceof OutOfMemoryError;
  }

  public static String base64(byte[] input) {
    return Base64.getEncoder().encodeToString(input);
  }

  /** Stops a fuzzing run on an input that runs too long, keeping the input. */
  private static final class Watchdog implements Runnable {
    static final Watchdog INSTANCE = new Watchdog();
    private volatile byte[] input;
    private volatile long started;
    private volatile Thread target;

    private Watchdog() {
      Thread t = new Thread(this, "fuzz-watchdog");
      t.setDaemon(true);
      t.start();
    }

    void arm(byte[] in) {
      target = Thread.currentThread();
      started = System.nanoTime();
      input = in;
    }

    void disarm() {
      input = null;
    }

    @Override
    public void run() {
      while (true) {
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        }
        byte[] in = input;
        if (in != null && System.nanoTime() - started > PER_INPUT.toNanos()) {
          report(in, target);
          Runtime.getRuntime().halt(70);
        }
      }
    }

    private static void report(byte[] in, Thread thread) {
      try {
        Path dir = Path.of("target", "fuzz-hangs");
        Files.createDirectories(dir);
        byte[] sha = MessageDigest.getInstance("SHA-1").digest(in);
        StringBuilder name = new StringBuilder("hang-");
        for (int i = 0; i < 8; i++) {
          name.append(String.format("%02x", sha[i]));
        }
        Files.write(dir.resolve(name.toString()), in);
        StringBuilder stack = new StringBuilder("hang after " + PER_INPUT + " on " + thread + "\n");
        for (StackTraceElement e : thread.getStackTrace()) {
          stack.append("\tat ").append(e).append('\n');
        }
        Files.writeString(dir.resolve(name + ".txt"), stack);
        System.err.println(stack + "input kept in " + dir.resolve(name.toString()));
      } catch (IOException | java.security.NoSuchAlgorithmException | RuntimeException e) {
        System.err.println("hang; could not keep the input: " + e);
      }
    }
  }
}
