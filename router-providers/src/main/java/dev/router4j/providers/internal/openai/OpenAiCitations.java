package dev.router4j.providers.internal.openai;

import dev.router4j.api.Annotation;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Perplexity returns its sources beside the message, as top-level {@code search_results}
 * ({@code {title, url, date, snippet}}) and, in older replies, {@code citations} (plain URLs).
 * They become the message's URL-citation annotations, as OpenAI's web search and the
 * router's own web plugin report sources; the raw fields stay in the response's extras.
 */
final class OpenAiCitations {
  private OpenAiCitations() {}

  static ChatResponse annotate(ChatResponse response) {
    List<Annotation> sources = sources(response.extra());
    if (sources.isEmpty()) {
      return response;
    }
    List<Choice> choices = new ArrayList<>();
    for (Choice c : response.choices()) {
      if (!c.message().annotations().isEmpty()) {
        choices.add(c);
        continue;
      }
      choices.add(new Choice(c.index(), c.message().toBuilder().annotations(sources).build(),
          c.finishReason(), c.nativeFinishReason(), c.logprobs(), c.extra()));
    }
    return response.toBuilder().choices(choices).build();
  }

  private static List<Annotation> sources(Map<String, Object> extra) {
    List<Annotation> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    if (extra.get("search_results") instanceof List<?> results) {
      for (Object o : results) {
        if (o instanceof Map<?, ?> m && m.get("url") instanceof String url && seen.add(url)) {
          out.add(Annotation.urlCitation(url, str(m.get("title")), str(m.get("snippet"))));
        }
      }
    }
    if (extra.get("citations") instanceof List<?> urls) {
      for (Object o : urls) {
        if (o instanceof String url && seen.add(url)) {
          out.add(Annotation.urlCitation(url, null, null));
        }
      }
    }
    return out;
  }

  private static String str(Object o) {
    return o instanceof String s ? s : null;
  }
}
