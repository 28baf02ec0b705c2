package dev.router4j.providers.internal.gemini;

import java.util.Locale;
import java.util.Map;

/** MIME types for media that Gemini reads, guessed from a file name or URL. */
final class MimeTypes {
  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"),
      Map.entry("webp", "image/webp"),
      Map.entry("gif", "image/gif"),
      Map.entry("heic", "image/heic"),
      Map.entry("heif", "image/heif"),
      Map.entry("pdf", "application/pdf"),
      Map.entry("txt", "text/plain"),
      Map.entry("md", "text/markdown"),
      Map.entry("csv", "text/csv"),
      Map.entry("html", "text/html"),
      Map.entry("htm", "text/html"),
      Map.entry("xml", "text/xml"),
      Map.entry("json", "application/json"),
      Map.entry("wav", "audio/wav"),
      Map.entry("mp3", "audio/mp3"),
      Map.entry("aiff", "audio/aiff"),
      Map.entry("aac", "audio/aac"),
      Map.entry("ogg", "audio/ogg"),
      Map.entry("flac", "audio/flac"),
      Map.entry("m4a", "audio/mp4"),
      Map.entry("mp4", "video/mp4"),
      Map.entry("mpeg", "video/mpeg"),
      Map.entry("mov", "video/mov"),
      Map.entry("avi", "video/avi"),
      Map.entry("webm", "video/webm"),
      Map.entry("wmv", "video/wmv"),
      Map.entry("3gp", "video/3gpp"));

  private MimeTypes() {}

  /** The type for a file name or URL's extension, or {@code fallback}. */
  static String guess(String nameOrUrl, String fallback) {
    if (nameOrUrl == null) {
      return fallback;
    }
    String s = nameOrUrl;
    int cut = s.length();
    for (char c : new char[] {'?', '#'}) {
      int i = s.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    s = s.substring(0, cut);
    int slash = s.lastIndexOf('/');
    int dot = s.lastIndexOf('.');
    if (dot < 0 || dot < slash || dot == s.length() - 1) {
      return fallback;
    }
    String type = BY_EXTENSION.get(s.substring(dot + 1).toLowerCase(Locale.ROOT));
    return type == null ? fallback : type;
  }

  /** The type of input audio in the given format ({@code wav}, {@code mp3}...). */
  static String audio(String format) {
    String f = format.toLowerCase(Locale.ROOT).strip();
    if (f.contains("/")) {
      return f;
    }
    switch (f) {
      case "wav":
      case "mp3":
      case "aiff":
      case "aac":
      case "ogg":
      case "flac":
        return "audio/" + f;
      case "m4a":
        return "audio/mp4";
      case "pcm":
      case "pcm16":
        return "audio/pcm";
      default:
        return "audio/" + f;
    }
  }

  /** Whether the text is a link Gemini can fetch: http(s) or Cloud Storage. */
  static boolean isLink(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return l.startsWith("https://") || l.startsWith("http://") || l.startsWith("gs://");
  }
}
