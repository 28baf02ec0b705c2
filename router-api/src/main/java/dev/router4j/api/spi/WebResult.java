package dev.router4j.api.spi;

import dev.router4j.api.internal.Checks;

/**
 * One web-search hit, as the {@code web} plugin injects it into the prompt and cites it.
 *
 * @param url the page's address
 * @param title the page's title, or null
 * @param content an excerpt of the page, or null
 * @param publishedDate when the page was published, as the search engine reported it, or null
 */
public record WebResult(String url, String title, String content, String publishedDate) {
  /** Checks the URL. */
  public WebResult {
    Checks.required(url, "url");
  }
}
