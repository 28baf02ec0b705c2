package dev.router4j.internal.plugins;

import dev.router4j.api.Annotation;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import dev.router4j.api.Message;
import dev.router4j.api.Plugin;
import dev.router4j.api.Role;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.spi.WebResult;
import dev.router4j.api.spi.WebSearch;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code web} plugin: searches the web with the conversation's last user message, puts
 * the numbered results into the prompt as a system message asking for citations, and attaches
 * the results to the answer as {@code url_citation} annotations.
 */
public final class WebPlugin {
  /** Results per search when the plugin does not say ({@code max_results}). */
  public static final int DEFAULT_MAX_RESULTS = 5;

  private final WebSearch search;
  private final Duration timeout;

  /** A plugin over the search engine, or over none (then a web request is refused). */
  public WebPlugin(WebSearch search, Duration timeout) {
    this.search = search;
    this.timeout = timeout;
  }

  /** The request with search results injected, and the results. */
  public record Augmented(ChatRequest request, List<WebResult> results) {}

  /**
   * Runs the search for a request that enabled the plugin.
   *
   * @throws InvalidRequestException when no search engine is configured
   */
  public Augmented augment(ChatRequest request) {
    Plugin web = request.plugin(Plugin.WEB);
    if (web == null) {
      return new Augmented(request, List.of());
    }
    if (search == null) {
      throw new InvalidRequestException("plugins.web",
          "web search was asked for but the router has none; configure Router.builder().webSearch(...)");
    }
    int max = maxResults(web);
    String query = lastUserText(request);
    if (query.isBlank()) {
      return new Augmented(request, List.of());
    }
    List<WebResult> results = search.search(query, max, timeout);
    return new Augmented(inject(request, results), results);
  }

  /** The request with the results put before its last user message (unchanged when none). */
  public ChatRequest inject(ChatRequest request, List<WebResult> results) {
    if (results.isEmpty()) {
      return request;
    }
    StringBuilder context = new StringBuilder(
        "Web search results for the user's question. Cite a source by its number in square "
            + "brackets, like [1], where you use it.\n");
    for (int i = 0; i < results.size(); i++) {
      WebResult r = results.get(i);
      context.append("\n[").append(i + 1).append("] ")
          .append(r.title() == null ? r.url() : r.title()).append('\n').append(r.url()).append('\n');
      if (r.publishedDate() != null) {
        context.append("Published: ").append(r.publishedDate()).append('\n');
      }
      if (r.content() != null) {
        context.append(r.content()).append('\n');
      }
    }
    List<Message> messages = new ArrayList<>(request.messages().size() + 1);
    int lastUser = lastUserIndex(request);
    for (int i = 0; i < request.messages().size(); i++) {
      if (i == lastUser) {
        messages.add(Message.system(context.toString()));
      }
      messages.add(request.messages().get(i));
    }
    return request.toBuilder().messages(messages).build();
  }

  /** The answer with one URL citation per result on each choice's message. */
  public static ChatResponse cite(ChatResponse response, List<WebResult> results) {
    if (results.isEmpty()) {
      return response;
    }
    List<Annotation> citations = new ArrayList<>(results.size());
    for (WebResult r : results) {
      citations.add(Annotation.urlCitation(r.url(), r.title(), r.content()));
    }
    List<Choice> choices = new ArrayList<>(response.choices().size());
    for (Choice c : response.choices()) {
      List<Annotation> all = new ArrayList<>(c.message().annotations());
      all.addAll(citations);
      choices.add(new Choice(c.index(), c.message().toBuilder().annotations(all).build(),
          c.finishReason(), c.nativeFinishReason(), c.logprobs(), c.extra()));
    }
    return response.toBuilder().choices(choices).build();
  }

  private static int maxResults(Plugin web) {
    Object v = web.config().get("max_results");
    if (v == null) {
      return DEFAULT_MAX_RESULTS;
    }
    int n;
    try {
      n = v instanceof Number num ? new BigDecimal(num.toString()).intValueExact()
          : Integer.parseInt(v.toString());
    } catch (ArithmeticException | NumberFormatException e) {
      throw new InvalidRequestException("plugins.web.max_results", "must be a whole number, was " + v);
    }
    if (n < 1 || n > 25) {
      throw new InvalidRequestException("plugins.web.max_results", "must be between 1 and 25, was " + n);
    }
    return n;
  }

  private static int lastUserIndex(ChatRequest r) {
    for (int i = r.messages().size() - 1; i >= 0; i--) {
      if (r.messages().get(i).role() == Role.USER) {
        return i;
      }
    }
    return r.messages().size();
  }

  private static String lastUserText(ChatRequest r) {
    int i = lastUserIndex(r);
    if (i < r.messages().size()) {
      return r.messages().get(i).text();
    }
    return r.prompt() == null ? "" : r.prompt();
  }
}
