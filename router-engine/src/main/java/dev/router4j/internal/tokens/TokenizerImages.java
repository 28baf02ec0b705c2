package dev.router4j.internal.tokens;

import dev.router4j.api.ContentPart;
import java.util.Base64;

/**
 * Image token counts the way OpenAI bills vision input.
 *
 * <p>A {@code low}-detail image costs a flat {@value #LOW_DETAIL} tokens. Otherwise the image is
 * scaled to fit in 2048 × 2048, then scaled down so that its shorter side is at most 768, and
 * costs {@value #PER_TILE} tokens per 512-pixel tile plus {@value #LOW_DETAIL}. The size is read
 * from the header of inline ({@code data:}) PNG, GIF, WebP and JPEG images without decoding the
 * pixels; for a linked image (or an unreadable one) the size is unknown and the flat
 * {@value #UNKNOWN_SIZE} tokens of a 1024 × 1024 image are counted instead.
 */
public final class TokenizerImages {
  /** Tokens of a low-detail image, and the base of every high-detail one. */
  public static final int LOW_DETAIL = 85;
  /** Tokens per 512-pixel tile. */
  public static final int PER_TILE = 170;
  /** The allowance for an image of unknown size: a 1024 × 1024 image, 4 tiles. */
  public static final int UNKNOWN_SIZE = 765;

  /** Base64 characters decoded at most to find a header (JPEG headers can sit behind EXIF). */
  private static final int MAX_HEADER_CHARS = 128 * 1024;

  private TokenizerImages() {}

  /** The tokens of an image part. */
  public static int tokens(ContentPart.Image image) {
    if ("low".equals(image.detail())) {
      return LOW_DETAIL;
    }
    int[] size = image.isBase64() ? size(image.base64Data()) : null;
    return size == null ? UNKNOWN_SIZE : tokens(size[0], size[1], image.detail());
  }

  /**
   * The tokens of an image of the given size at the given detail ({@code low}, {@code high},
   * {@code auto} or null; auto and null count as high).
   */
  public static int tokens(int width, int height, String detail) {
    if ("low".equals(detail)) {
      return LOW_DETAIL;
    }
    if (width <= 0 || height <= 0) {
      return UNKNOWN_SIZE;
    }
    double w = width;
    double h = height;
    if (w > 2048 || h > 2048) {
      double s = 2048 / Math.max(w, h);
      w = Math.floor(w * s);
      h = Math.floor(h * s);
    }
    if (Math.min(w, h) > 768) {
      double s = 768 / Math.min(w, h);
      w = Math.floor(w * s);
      h = Math.floor(h * s);
    }
    long tiles = (long) Math.ceil(w / 512) * (long) Math.ceil(h / 512);
    return (int) Math.min(Integer.MAX_VALUE, PER_TILE * tiles + LOW_DETAIL);
  }

  /** The {width, height} of base64 PNG, GIF, WebP or JPEG data, or null when unreadable. */
  static int[] size(String base64) {
    if (base64 == null || base64.isEmpty()) {
      return null;
    }
    String prefix = base64.length() > MAX_HEADER_CHARS
        ? base64.substring(0, MAX_HEADER_CHARS) : base64;
    byte[] b;
    try {
      b = Base64.getMimeDecoder().decode(trimToQuantum(prefix));
    } catch (IllegalArgumentException e) {
      return null;
    }
    return size(b);
  }

  /** The {width, height} of PNG, GIF, WebP or JPEG bytes, or null when unreadable. */
  static int[] size(byte[] b) {
    if (b.length >= 24 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return valid(be32(b, 16), be32(b, 20));
    }
    if (b.length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
      return valid(le16(b, 6), le16(b, 8));
    }
    if (b.length >= 30 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
        && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
      return webp(b);
    }
    if (b.length >= 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8) {
      return jpeg(b);
    }
    return null;
  }

  private static int[] webp(byte[] b) {
    if (b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == ' ') {
      return valid(le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF);
    }
    if (b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == 'L') {
      long bits = (b[21] & 0xffL) | (b[22] & 0xffL) << 8 | (b[23] & 0xffL) << 16
          | (b[24] & 0xffL) << 24;
      return valid((int) (bits & 0x3FFF) + 1, (int) ((bits >> 14) & 0x3FFF) + 1);
    }
    if (b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == 'X') {
      int w = (b[24] & 0xff | (b[25] & 0xff) << 8 | (b[26] & 0xff) << 16) + 1;
      int h = (b[27] & 0xff | (b[28] & 0xff) << 8 | (b[29] & 0xff) << 16) + 1;
      return valid(w, h);
    }
    return null;
  }

  private static int[] jpeg(byte[] b) {
    int i = 2;
    while (i + 3 < b.length) {
      if ((b[i] & 0xff) != 0xFF) {
        return null;
      }
      int marker = b[i + 1] & 0xff;
      if (marker == 0xFF) { // fill byte
        i++;
        continue;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD9)) { // no length
        i += 2;
        continue;
      }
      int len = be16(b, i + 2);
      boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
          && marker != 0xCC;
      if (sof) {
        if (i + 8 >= b.length) {
          return null;
        }
        return valid(be16(b, i + 7), be16(b, i + 5));
      }
      if (len < 2) {
        return null;
      }
      i += 2 + len;
    }
    return null;
  }

  private static String trimToQuantum(String s) {
    int n = 0;
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        if (sb == null) {
          sb = new StringBuilder(s.length());
          sb.append(s, 0, i);
        }
        continue;
      }
      if (sb != null) {
        sb.append(c);
      }
      n++;
    }
    String clean = sb == null ? s : sb.toString();
    return clean.substring(0, n - n % 4);
  }

  private static int[] valid(long w, long h) {
    return w > 0 && h > 0 && w <= 1 << 20 && h <= 1 << 20 ? new int[] {(int) w, (int) h} : null;
  }

  private static int be16(byte[] b, int i) {
    return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
  }

  private static int le16(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
  }

  private static long be32(byte[] b, int i) {
    return (b[i] & 0xffL) << 24 | (b[i + 1] & 0xffL) << 16 | (b[i + 2] & 0xffL) << 8
        | (b[i + 3] & 0xffL);
  }
}
