package dev.router4j.api.spi;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Model;
import java.util.List;

/**
 * Chooses models for {@code openrouter/auto} (also reachable as {@code auto}): given the
 * request and the models the router can call that support what it needs, returns the models
 * to try, best first. The router plans over them as it would over a {@code models} list.
 *
 * <p>Implementations are thread-safe and fast (they run on every auto-routed call).
 */
@FunctionalInterface
public interface ModelSelector {
  /**
   * The models to try, best first; empty when none fits (the call then fails as having no
   * endpoint).
   *
   * @param request the request, as the caller sent it
   * @param candidates the callable models, already filtered to those supporting the request's
   *     images, tools and structured output
   */
  List<String> select(ChatRequest request, List<Model> candidates);
}
