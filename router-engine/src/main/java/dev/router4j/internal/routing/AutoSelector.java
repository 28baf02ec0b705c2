package dev.router4j.internal.routing;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.Plugin;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.spi.ModelSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * The built-in selector behind {@code openrouter/auto}: classifies the task, keeps the models
 * able to do it, places them in price bands and picks from the band of the asked cost tier
 * ({@code auto-router} plugin {@code cost_tier}: low, medium, high or max; low by default),
 * preferring families known for the task. Returns the best three: primary and fallbacks.
 */
public final class AutoSelector implements ModelSelector {
  /** The plugin that configures the auto router. */
  public static final String PLUGIN = "auto-router";
  private static final int PICKS = 3;

  private final ToDoubleFunction<String> price;
  private final ToIntFunction<ChatRequest> promptTokens;

  /**
   * A selector.
   *
   * @param price a model's cheapest blended price in dollars per million tokens
   * @param promptTokens estimates a request's prompt tokens
   */
  public AutoSelector(ToDoubleFunction<String> price, ToIntFunction<ChatRequest> promptTokens) {
    this.price = price;
    this.promptTokens = promptTokens;
  }

  @Override
  public List<String> select(ChatRequest request, List<Model> candidates) {
    int tokens = promptTokens.applyAsInt(request);
    TaskClassifier.Task task = TaskClassifier.classify(request, tokens);
    Plugin config = request.plugin(PLUGIN);
    String tier = config == null ? "low" : String.valueOf(config.config().getOrDefault("cost_tier", "low"));
    List<Model> able = new ArrayList<>();
    for (Model m : candidates) {
      // Free models have their own router and rate limits: auto routes over paid ones.
      if (m.id().endsWith(":free") || price.applyAsDouble(m.id()) == 0 || !allowed(m.id(), config)) {
        continue;
      }
      if (task == TaskClassifier.Task.LONG_CONTEXT && m.contextLength() < tokens * 1.2) {
        continue;
      }
      able.add(m); // the router already kept only models supporting images, tools and schemas
    }
    if (able.isEmpty()) {
      return List.of();
    }
    able.sort(Comparator.comparingDouble(m -> price.applyAsDouble(m.id())));
    int n = able.size();
    int from;
    int to;
    switch (tier.toLowerCase(Locale.ROOT)) {
      // Bands overlap so that a small catalog still leaves a choice within each tier.
      case "low": from = 0; to = Math.max(2, (n + 1) / 2); break;
      case "medium": from = n / 4; to = Math.max(from + 2, 3 * n / 4); break;
      case "high": from = n / 2; to = n; break;
      case "max": from = Math.max(0, n - Math.max(1, n / 4)); to = n; break;
      default:
        throw new InvalidRequestException("plugins.auto-router.cost_tier",
            "must be low, medium, high or max, was '" + tier + "'");
    }
    List<Model> band = new ArrayList<>(able.subList(from, Math.min(n, to)));
    Pattern affinity = affinity(task);
    band.sort(Comparator.comparingInt((Model m) -> affinity.matcher(m.id()).find() ? 0 : 1)
        .thenComparing(Comparator.comparingDouble((Model m) -> price.applyAsDouble(m.id()))
            .reversed()));
    List<String> picks = new ArrayList<>(PICKS);
    for (Model m : band) {
      if (picks.size() == PICKS) {
        break;
      }
      picks.add(m.id());
    }
    return picks;
  }

  /** Families that do well at the task, by slug. */
  private static Pattern affinity(TaskClassifier.Task task) {
    switch (task) {
      case CODE: return Pattern.compile("coder|codestral|code|claude|gpt-4\\.1|gpt-5|devstral|kimi|glm");
      case MATH: return Pattern.compile("o3|o4|r1|reason|thinking|gpt-5|gemini-2\\.5-pro|qwen3|deepseek");
      case LONG_CONTEXT: return Pattern.compile("gemini|gpt-4\\.1|llama-4|claude");
      case VISION: return Pattern.compile("gemini|gpt-4o|gpt-4\\.1|claude|vl|pixtral|llama-4");
      case TOOLS: return Pattern.compile("claude|gpt-4\\.1|gpt-5|gemini|kimi|glm|qwen3|mistral");
      default: return Pattern.compile("gpt|claude|gemini|llama|mistral|qwen|deepseek");
    }
  }

  private static boolean allowed(String id, Plugin config) {
    if (config == null) {
      return true;
    }
    Object allowed = config.config().get("allowed_models");
    Object excluded = config.config().get("excluded_models");
    if (allowed instanceof List<?> globs && !globs.isEmpty() && !anyGlob(globs, id)) {
      return false;
    }
    return !(excluded instanceof List<?> globs && anyGlob(globs, id));
  }

  private static boolean anyGlob(List<?> globs, String id) {
    for (Object g : globs) {
      if (g != null && glob(g.toString()).matcher(id).matches()) {
        return true;
      }
    }
    return false;
  }

  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
