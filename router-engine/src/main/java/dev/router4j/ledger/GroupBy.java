package dev.router4j.ledger;

import dev.router4j.api.cost.GenerationRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * One dimension of a grouping: model, provider, workspace, key label, user, a tag's value, or
 * the UTC day or hour of creation. A record without a value for the dimension (no provider, no
 * such tag) falls in the group whose key is null.
 *
 * <p>Day keys read {@code 2025-03-14}; hour keys read {@code 2025-03-14T09:00Z}. Both sort in
 * time order as text.
 *
 * @param dimension what to group by
 * @param tagKey the tag whose value is the key, for {@link Dimension#TAG}; null otherwise
 */
public record GroupBy(Dimension dimension, String tagKey) {

  /** By model. */
  public static final GroupBy MODEL = new GroupBy(Dimension.MODEL, null);
  /** By provider. */
  public static final GroupBy PROVIDER = new GroupBy(Dimension.PROVIDER, null);
  /** By workspace. */
  public static final GroupBy WORKSPACE = new GroupBy(Dimension.WORKSPACE, null);
  /** By key label. */
  public static final GroupBy KEY = new GroupBy(Dimension.KEY, null);
  /** By end user. */
  public static final GroupBy USER = new GroupBy(Dimension.USER, null);
  /** By UTC day of creation. */
  public static final GroupBy DAY = new GroupBy(Dimension.DAY, null);
  /** By UTC hour of creation. */
  public static final GroupBy HOUR = new GroupBy(Dimension.HOUR, null);

  /** What a grouping dimension is. */
  public enum Dimension {
    /** The model. */
    MODEL,
    /** The provider. */
    PROVIDER,
    /** The workspace. */
    WORKSPACE,
    /** The key label. */
    KEY,
    /** The end user. */
    USER,
    /** A tag's value. */
    TAG,
    /** The UTC day. */
    DAY,
    /** The UTC hour. */
    HOUR
  }

  /** Checks that a tag grouping names its tag, and only it does. */
  public GroupBy {
    Objects.requireNonNull(dimension, "dimension");
    if (dimension == Dimension.TAG && (tagKey == null || tagKey.isBlank())) {
      throw new IllegalArgumentException("grouping by tag needs the tag key");
    }
    if (dimension != Dimension.TAG && tagKey != null) {
      throw new IllegalArgumentException("only a tag grouping has a tag key");
    }
  }

  /** By the value of the tag {@code key}. */
  public static GroupBy tag(String key) {
    return new GroupBy(Dimension.TAG, key);
  }

  /** A short name: {@code model}, {@code provider}, ..., {@code tag:<key>}, {@code day}. */
  public String label() {
    return dimension == Dimension.TAG ? "tag:" + tagKey
        : dimension.name().toLowerCase(Locale.ROOT);
  }

  /** This dimension's key for a record (null when the record has no value). */
  public String keyOf(GenerationRecord r) {
    switch (dimension) {
      case MODEL:
        return r.model();
      case PROVIDER:
        return r.provider();
      case WORKSPACE:
        return r.workspace();
      case KEY:
        return r.keyLabel();
      case USER:
        return r.user();
      case TAG:
        return r.tags().get(tagKey);
      case DAY:
        return dayKey(Math.floorDiv(r.createdAt().getEpochSecond(), 86_400L));
      case HOUR:
        return hourKey(Math.floorDiv(r.createdAt().getEpochSecond(), 3_600L));
      default:
        throw new AssertionError(dimension);
    }
  }

  /** The key of a UTC day, given as days since the epoch. */
  public static String dayKey(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  /** The key of a UTC hour, given as hours since the epoch. */
  public static String hourKey(long epochHour) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochHour * 3_600L, 0, ZoneOffset.UTC);
    return t.toLocalDate() + "T" + (t.getHour() < 10 ? "0" : "") + t.getHour() + ":00Z";
  }

  /**
   * The start of the UTC day or hour a key names.
   *
   * @throws IllegalStateException unless this is {@link #DAY} or {@link #HOUR}
   */
  public Instant startOf(String key) {
    if (dimension == Dimension.DAY) {
      return LocalDate.parse(key).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (dimension == Dimension.HOUR) {
      return Instant.parse(key.substring(0, key.length() - 1) + ":00Z");
    }
    throw new IllegalStateException(label() + " keys are not times");
  }

  @Override
  public String toString() {
    return label();
  }
}
