package dev.router4j.reliability;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logged while open, at the finest level: SLF4J (slf4j-simple, the test
 * binding, is switched to TRACE for every logger, existing or new, and its output — standard
 * error — is teed), standard output, and java.util.logging (OkHttp and MockWebServer log there)
 * at {@code ALL}. {@link #close()} restores every level and stream.
 *
 * <p>slf4j-simple reads its configuration once per JVM, so the levels are changed through its
 * fields; {@link #probe()} proves that TRACE really is captured.
 */
final class LogCapture implements AutoCloseable {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream oldErr = System.err;
  private final PrintStream oldOut = System.out;
  private final Map<Object, Integer> oldLevels = new HashMap<>();
  private Object config;
  private Integer oldDefault;
  private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
  private final Level oldJulLevel = julRoot.getLevel();
  private final Handler julHandler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      StringBuilder s = new StringBuilder("JUL ").append(r.getLevel()).append(' ')
          .append(r.getLoggerName()).append(": ").append(r.getMessage());
      if (r.getParameters() != null) {
        for (Object p : r.getParameters()) {
          s.append(" | ").append(p);
        }
      }
      if (r.getThrown() != null) {
        StringWriter w = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(w));
        s.append('\n').append(w);
      }
      synchronized (bytes) {
        bytes.writeBytes((s + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  LogCapture() {
    traceEverything();
    System.setErr(new PrintStream(tee(oldErr), true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(tee(oldOut), true, StandardCharsets.UTF_8));
    julHandler.setLevel(Level.ALL);
    julRoot.addHandler(julHandler);
    julRoot.setLevel(Level.ALL);
  }

  private OutputStream tee(PrintStream also) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (bytes) {
          bytes.write(b);
        }
        also.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (bytes) {
          bytes.write(b, off, len);
        }
        also.write(b, off, len);
      }
    };
  }

  /** Sets slf4j-simple's default level and every existing logger's level to TRACE. */
  private void traceEverything() {
    LoggerFactory.getLogger(LogCapture.class).debug("initialising the capture");
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    try {
      Class<?> simple = Class.forName("org.slf4j.simple.SimpleLogger");
      Field configField = simple.getDeclaredField("CONFIG_PARAMS");
      configField.setAccessible(true);
      config = configField.get(null);
      Field defaultLevel = config.getClass().getDeclaredField("defaultLogLevel");
      defaultLevel.setAccessible(true);
      oldDefault = defaultLevel.getInt(config);
      defaultLevel.setInt(config, 0); // LocationAwareLogger.TRACE_INT
      Field mapField = factory.getClass().getDeclaredField("loggerMap");
      mapField.setAccessible(true);
      Field level = simple.getDeclaredField("currentLogLevel");
      level.setAccessible(true);
      for (Object logger : ((Map<?, ?>) mapField.get(factory)).values()) {
        if (simple.isInstance(logger)) {
          oldLevels.put(logger, level.getInt(logger));
          level.setInt(logger, 0);
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the secret scan needs slf4j-simple as the SLF4J binding, found "
          + factory.getClass().getName(), e);
    }
  }

  /** Logs a marker at TRACE through an existing logger; true when it was captured. */
  boolean probe() {
    Logger log = LoggerFactory.getLogger(dev.router4j.Router.class);
    String marker = "trace-probe-" + System.nanoTime();
    log.trace(marker);
    return text().contains(marker);
  }

  String text() {
    System.err.flush();
    System.out.flush();
    synchronized (bytes) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setErr(oldErr);
    System.setOut(oldOut);
    julRoot.removeHandler(julHandler);
    julRoot.setLevel(oldJulLevel);
    try {
      Class<?> simple = Class.forName("org.slf4j.simple.SimpleLogger");
      Field level = simple.getDeclaredField("currentLogLevel");
      level.setAccessible(true);
      for (Map.Entry<Object, Integer> e : oldLevels.entrySet()) {
        level.setInt(e.getKey(), e.getValue());
      }
      // Loggers made while capturing took TRACE from the default: give them the old default.
      ILoggerFactory factory = LoggerFactory.getILoggerFactory();
      Field mapField = factory.getClass().getDeclaredField("loggerMap");
      mapField.setAccessible(true);
      for (Object logger : ((Map<?, ?>) mapField.get(factory)).values()) {
        if (simple.isInstance(logger) && !oldLevels.containsKey(logger) && oldDefault != null) {
          level.setInt(logger, oldDefault);
        }
      }
      if (config != null && oldDefault != null) {
        Field defaultLevel = config.getClass().getDeclaredField("defaultLogLevel");
        defaultLevel.setAccessible(true);
        defaultLevel.setInt(config, oldDefault);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
