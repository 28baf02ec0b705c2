package dev.router4j.api.spi;

import java.time.Duration;
import java.util.List;

/**
 * A web search engine for the {@code web} plugin and the {@code :online} variant. The router
 * searches with the conversation's last user message, puts the results into the prompt, and
 * returns them as URL-citation annotations on the answer.
 *
 * <p>Implementations are thread-safe and classify their failures as
 * {@link dev.router4j.api.error.RouterException}s.
 */
@FunctionalInterface
public interface WebSearch {
  /**
   * Searches the web.
   *
   * @param query what to search for
   * @param maxResults at most this many results
   * @param timeout how long the search may take
   * @return the results, best first; possibly empty
   */
  List<WebResult> search(String query, int maxResults, Duration timeout);
}
