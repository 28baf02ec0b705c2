package dev.router4j.internal.catalog;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, for {@code toString()} views. Not thread-safe. */
public final class TextTable {
  private final String[] header;
  private final boolean[] rightAligned;
  private final List<String[]> rows = new ArrayList<>();

  /**
   * A table.
   *
   * @param header the column titles
   * @param rightAligned per column, whether values align right (numbers)
   */
  public TextTable(String[] header, boolean[] rightAligned) {
    if (header.length != rightAligned.length) {
      throw new IllegalArgumentException("one alignment per column");
    }
    this.header = header.clone();
    this.rightAligned = rightAligned.clone();
  }

  /**
   * Adds a row.
   *
   * @param cells one value per column
   * @return this table
   */
  public TextTable row(String... cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException(
          "expected " + header.length + " cells, got " + cells.length);
    }
    rows.add(cells.clone());
    return this;
  }

  /** The table: a header line and one line per row, columns two spaces apart, no trailing blanks. */
  public String render() {
    int[] width = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      width[c] = header[c].length();
    }
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder b = new StringBuilder();
    line(b, header, width);
    for (String[] row : rows) {
      line(b, row, width);
    }
    return b.toString();
  }

  private void line(StringBuilder b, String[] cells, int[] width) {
    int start = b.length();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        b.append("  ");
      }
      int pad = width[c] - cells[c].length();
      if (rightAligned[c]) {
        b.append(" ".repeat(pad)).append(cells[c]);
      } else {
        b.append(cells[c]).append(" ".repeat(pad));
      }
    }
    int end = b.length();
    while (end > start && b.charAt(end - 1) == ' ') {
      end--;
    }
    b.setLength(end);
    b.append('\n');
  }
}
