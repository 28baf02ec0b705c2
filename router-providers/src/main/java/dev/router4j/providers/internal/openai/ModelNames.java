package dev.router4j.providers.internal.openai;

import dev.router4j.api.catalog.Endpoint;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names one endpoint's model goes by, for the dialect's per-model rules: the name sent
 * upstream, and the catalog slug without its author. Both count, because an Azure deployment
 * name ({@code gpt-4o-prod}) or a host's prefixed name ({@code openai/gpt-oss-120b}) may hide
 * what the model is while the catalog slug ({@code openai/o3-mini}) does not.
 *
 * <p>The endpoint also flags a reasoning model when its catalog entry lists {@code reasoning}
 * among its parameters but not {@code temperature}, as OpenRouter's catalog does for OpenAI's
 * o-series and GPT-5 models.
 */
final class ModelNames {
  private final Set<String> names = new LinkedHashSet<>();
  private final boolean flaggedReasoning;

  private ModelNames(Endpoint endpoint) {
    add(endpoint.upstreamModel());
    add(endpoint.model());
    Set<String> params = endpoint.supportedParameters();
    flaggedReasoning = !params.isEmpty() && params.contains("reasoning")
        && !params.contains("temperature");
  }

  static ModelNames of(Endpoint endpoint) {
    return new ModelNames(endpoint);
  }

  private void add(String name) {
    if (name == null || name.isBlank()) {
      return;
    }
    names.add(name);
    int slash = name.lastIndexOf('/');
    if (slash >= 0 && slash < name.length() - 1) {
      names.add(name.substring(slash + 1));
    }
    int colon = name.indexOf(':');
    if (colon > 0) {
      add(name.substring(0, colon)); // a variant suffix such as :free says nothing of the model
    }
  }

  /** Whether any of the names matches the pattern in full. */
  boolean matches(Pattern pattern) {
    for (String n : names) {
      if (pattern.matcher(n).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Whether the endpoint's parameters mark a reasoning model (reasoning, no temperature). */
  boolean flaggedReasoning() {
    return flaggedReasoning;
  }

  @Override
  public String toString() {
    return names.toString();
  }
}
