package dev.router4j.api;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.internal.Checks;

/**
 * One part of a message's content: text, an image, a file (for example a PDF) or input audio.
 * Content given as a plain string is kept as a string; parts are used when the message mixes
 * modalities or needs a cache breakpoint.
 */
public sealed interface ContentPart
    permits ContentPart.Text, ContentPart.Image, ContentPart.File, ContentPart.Audio {

  /** The part's wire type: {@code text}, {@code image_url}, {@code file} or {@code input_audio}. */
  String type();

  /** A text part. */
  static Text text(String text) {
    return new Text(text, null);
  }

  /** An image by URL (http(s) or a {@code data:} URL). */
  static Image imageUrl(String url) {
    return new Image(url, null);
  }

  /** An image from base64 data, sent as a {@code data:<mime>;base64,} URL. */
  static Image imageBase64(String mimeType, String base64) {
    Checks.required(mimeType, "image_url.mime_type");
    Checks.required(base64, "image_url.data");
    return new Image("data:" + mimeType + ";base64," + base64, null);
  }

  /**
   * Text, optionally marked as a prompt-caching breakpoint.
   *
   * @param text the text, not null
   * @param cacheControl the breakpoint, or null
   */
  record Text(String text, CacheControl cacheControl) implements ContentPart {
    /** Checks the fields. */
    public Text {
      Checks.required(text, "text");
    }

    @Override
    public String type() {
      return "text";
    }
  }

  /**
   * An image.
   *
   * @param url an http(s) URL or a {@code data:<mime>;base64,...} URL
   * @param detail {@code auto}, {@code low} or {@code high}, or null
   */
  record Image(String url, String detail) implements ContentPart {
    /** Checks the fields. */
    public Image {
      Checks.required(url, "image_url.url");
      if (detail != null && !detail.equals("auto") && !detail.equals("low")
          && !detail.equals("high")) {
        throw new InvalidRequestException(
            "image_url.detail", "must be auto, low or high, was \"" + detail + "\"");
      }
    }

    @Override
    public String type() {
      return "image_url";
    }

    /** Whether the image is inline base64 data rather than a link. */
    public boolean isBase64() {
      return url.startsWith("data:");
    }

    /** The MIME type of inline data, or null for a link. */
    public String mimeType() {
      if (!isBase64()) {
        return null;
      }
      int semi = url.indexOf(';');
      int comma = url.indexOf(',');
      int end = semi > 0 && semi < comma ? semi : comma;
      return end > 5 ? url.substring(5, end) : null;
    }

    /** The base64 payload of inline data, or null for a link. */
    public String base64Data() {
      if (!isBase64()) {
        return null;
      }
      int comma = url.indexOf(',');
      return comma < 0 ? "" : url.substring(comma + 1);
    }

    /** A copy with the given detail level. */
    public Image withDetail(String detail) {
      return new Image(url, detail);
    }
  }

  /**
   * A file such as a PDF: inline data ({@code file_data}, a data URL or base64), or a
   * provider file id.
   *
   * @param filename the file name, or null
   * @param fileData a {@code data:} URL or base64 payload, or null when {@code fileId} is set
   * @param fileId a provider-side file id, or null
   */
  record File(String filename, String fileData, String fileId) implements ContentPart {
    /** Checks the fields. */
    public File {
      if (fileData == null && fileId == null) {
        throw new InvalidRequestException("file", "needs file_data or file_id");
      }
    }

    @Override
    public String type() {
      return "file";
    }
  }

  /**
   * Input audio.
   *
   * @param data base64 audio
   * @param format {@code wav}, {@code mp3} or another format the provider accepts
   */
  record Audio(String data, String format) implements ContentPart {
    /** Checks the fields. */
    public Audio {
      Checks.required(data, "input_audio.data");
      Checks.required(format, "input_audio.format");
    }

    @Override
    public String type() {
      return "input_audio";
    }
  }
}
