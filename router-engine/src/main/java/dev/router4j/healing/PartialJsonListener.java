package dev.router4j.healing;

/**
 * Told by a {@link PartialJsonReader} when a member of the document, an element of an array, or
 * the document itself becomes final. Called on the thread that feeds the reader, from
 * {@link PartialJsonReader#feed(CharSequence)} (or {@link PartialJsonReader#finishedJson()}),
 * once per pointer, children before their container.
 */
@FunctionalInterface
public interface PartialJsonListener {
  /**
   * A member or element is final: its value will not change.
   *
   * @param pointer where it is, as an RFC 6901 JSON pointer ({@code /user/name},
   *     {@code /items/0}; {@code ""} for the whole document)
   * @param value its immutable value: a {@code Map<String, Object>}, {@code List<Object>},
   *     {@code String}, {@code java.math.BigDecimal}, {@code Boolean} or null
   */
  void onField(String pointer, Object value);
}
