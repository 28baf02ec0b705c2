package dev.router4j.api;

import dev.router4j.api.internal.Checks;
import java.util.Map;

/**
 * A note attached to an assistant message, such as a web citation
 * ({@code {type:"url_citation", url_citation:{url,title,content,start_index,end_index}}}).
 *
 * @param type the annotation type, e.g. {@code url_citation}
 * @param url the cited URL, or null
 * @param title the cited page's title, or null
 * @param content the cited excerpt, or null
 * @param startIndex where the citation starts in the message text, or null
 * @param endIndex where it ends, or null
 * @param extra other fields, kept for the round trip
 */
public record Annotation(
    String type, String url, String title, String content, Integer startIndex, Integer endIndex,
    Map<String, Object> extra) {

  /** Checks and copies the fields. */
  public Annotation {
    Checks.required(type, "annotations[].type");
    extra = Checks.jsonObject(extra);
  }

  /** A URL citation. */
  public static Annotation urlCitation(String url, String title, String content) {
    return new Annotation("url_citation", url, title, content, null, null, null);
  }
}
