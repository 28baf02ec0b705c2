package dev.router4j.providers.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parsing of the wait hints providers send: seconds, milliseconds, Go durations, dates. */
final class Durations {

  /** Hints are capped here, so that a absurd value cannot overflow or park a caller forever. */
  static final Duration MAX = Duration.ofDays(1);

  private Durations() {}

  /** A non-negative, capped duration of the given (fractional) seconds; null if not finite. */
  static Duration ofSeconds(double seconds) {
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      return null;
    }
    if (seconds <= 0) {
      return Duration.ZERO;
    }
    if (seconds >= MAX.getSeconds()) {
      return MAX;
    }
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  /** Plain (fractional) seconds such as {@code "20"} or {@code "1.5"}, or null. */
  static Duration parseSeconds(String s) {
    Double v = number(s);
    return v == null ? null : ofSeconds(v);
  }

  /** Plain (fractional) milliseconds such as {@code "250"}, or null. */
  static Duration parseMillis(String s) {
    Double v = number(s);
    return v == null ? null : ofSeconds(v / 1000.0);
  }

  /**
   * A {@code Retry-After} value: delay seconds, or an HTTP date (RFC 1123) taken relative to
   * {@code clock}. A date in the past gives zero. Null when unparsable.
   */
  static Duration parseRetryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Duration seconds = parseSeconds(value);
    if (seconds != null) {
      return seconds;
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
      return until(at.toInstant(), clock);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** An RFC 3339 timestamp taken relative to {@code clock}; zero when past, null when unparsable. */
  static Duration parseTimestamp(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return until(OffsetDateTime.parse(value.strip()).toInstant(), clock);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * A Go duration such as {@code 1s}, {@code 6m0s}, {@code 120ms}, {@code 1h2m3.5s} or {@code
   * 0}; units ns, us (µs), ms, s, m, h. Also reads protobuf JSON durations ({@code "12s"},
   * {@code "0.25s"}). Null when unparsable or negative.
   */
  static Duration parseGo(String value) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    if (s.isEmpty() || s.charAt(0) == '-') {
      return null;
    }
    if (s.charAt(0) == '+') {
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    double nanos = 0;
    int i = 0;
    int n = s.length();
    if (n == 0) {
      return null;
    }
    while (i < n) {
      int start = i;
      boolean digits = false;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        digits = true;
      }
      if (i < n && s.charAt(i) == '.') {
        i++;
        while (i < n && Character.isDigit(s.charAt(i))) {
          i++;
          digits = true;
        }
      }
      if (!digits) {
        return null;
      }
      double number;
      try {
        number = Double.parseDouble(s.substring(start, i));
      } catch (NumberFormatException e) {
        return null;
      }
      double unit;
      if (s.startsWith("ns", i)) {
        unit = 1;
        i += 2;
      } else if (s.startsWith("us", i) || s.startsWith("µs", i) || s.startsWith("μs", i)) {
        unit = 1e3;
        i += 2;
      } else if (s.startsWith("ms", i)) {
        unit = 1e6;
        i += 2;
      } else if (s.startsWith("s", i)) {
        unit = 1e9;
        i += 1;
      } else if (s.startsWith("m", i)) {
        unit = 60e9;
        i += 1;
      } else if (s.startsWith("h", i)) {
        unit = 3600e9;
        i += 1;
      } else {
        return null;
      }
      nanos += number * unit;
    }
    return ofSeconds(nanos / 1e9);
  }

  private static Duration until(Instant at, Clock clock) {
    Duration d = Duration.between(clock.instant(), at);
    if (d.isNegative()) {
      return Duration.ZERO;
    }
    return d.compareTo(MAX) > 0 ? MAX : d;
  }

  private static Double number(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    if (t.isEmpty()) {
      return null;
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!(c >= '0' && c <= '9') && c != '.') {
        return null;
      }
    }
    try {
      double v = Double.parseDouble(t);
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
