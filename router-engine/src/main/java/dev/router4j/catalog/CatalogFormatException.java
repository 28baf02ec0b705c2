package dev.router4j.catalog;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;

/**
 * A catalog file that cannot be read: malformed JSON, a value of the wrong type, a price that
 * is not an exact decimal, or a field the catalog needs that is missing. The message names
 * the file (or stream) and the JSON path of the problem, for example
 * {@code models.json: $.data[3].endpoints[1].pricing.prompt: expected a decimal price, was "two"}.
 *
 * <p>It belongs to the router's exception tree with the category
 * {@link ErrorCategory#INVALID_REQUEST}: the input given to the router is wrong, and trying
 * again will not help.
 */
public final class CatalogFormatException extends RouterException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String path;

  /**
   * Creates an exception.
   *
   * @param source the file or stream name
   * @param path the JSON path of the problem, such as {@code $.data[0].pricing.prompt}
   * @param detail what is wrong
   * @param cause the underlying failure, or null
   */
  public CatalogFormatException(String source, String path, String detail, Throwable cause) {
    super(ErrorCategory.INVALID_REQUEST, source + ": " + path + ": " + detail, cause);
    this.source = source;
    this.path = path;
  }

  /** The file or stream the problem is in. */
  public String source() {
    return source;
  }

  /** The JSON path of the problem, for example {@code $.data[3].endpoints[1].pricing.prompt}. */
  public String path() {
    return path;
  }
}
