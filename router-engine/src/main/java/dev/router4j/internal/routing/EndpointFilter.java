package dev.router4j.internal.routing;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.routing.DataCollection;
import dev.router4j.api.routing.MaxPrice;
import dev.router4j.api.routing.ProviderPreferences;
import dev.router4j.api.routing.Quantization;
import dev.router4j.internal.plugins.ContextCompression;
import dev.router4j.internal.tokens.Tokenizer;
import java.math.BigDecimal;
import java.util.List;

/**
 * The planner's hard filters for one model and request. What they need from the request is
 * worked out once, not per endpoint, and deciding is kept apart from explaining: {@link #check}
 * gives a code, and {@link #reason} the sentence for it, built only when someone reads the
 * plan's exclusions (a plan that excludes hundreds of endpoints need not build hundreds of
 * strings). Immutable, so a reason built later reads as it would have at planning time.
 */
final class EndpointFilter {
  /** The endpoint passes. */
  static final int PASS = 0;
  private static final int ONLY = 1;
  private static final int IGNORE = 2;
  private static final int PRIORITY = 3;
  private static final int FLEX = 4;
  private static final int QUANTIZATION = 5;
  private static final int DATA_COLLECTION = 6;
  private static final int ZDR = 7;
  private static final int DISTILLABLE = 8;
  private static final int PARAMETER = 9;
  private static final int MAX_TOKENS = 10;
  private static final int CONTEXT = 11;
  private static final int MAX_PROMPT = 12;
  private static final int PRICE_PROMPT = 13;
  private static final int PRICE_COMPLETION = 14;
  private static final int PRICE_REQUEST = 15;
  private static final int PRICE_IMAGE = 16;
  private static final int IMAGES = 17;
  private static final int NO_KEY = 18;

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final Model model;
  private final ChatRequest r;
  private final ProviderPreferences p;
  private final ResolvedModel resolved;
  private final int promptTokens;
  private final Integer maxTokens;
  private final boolean imagesRefused;
  /** The parameters the request sets, when {@code require_parameters} asks; else null. */
  private final List<String> used;
  /** The {@code max_price} prompt and completion limits per token; null when unset. */
  private final BigDecimal promptLimit;
  private final BigDecimal completionLimit;

  /**
   * The filters.
   *
   * @param model the catalog's description of the model, or null
   * @param r the request as this model receives it
   * @param p the provider preferences
   * @param resolved the model slug and its variants
   * @param promptTokens the request's estimated prompt tokens
   */
  EndpointFilter(Model model, ChatRequest r, ProviderPreferences p, ResolvedModel resolved,
      int promptTokens) {
    this.model = model;
    this.r = r;
    this.p = p;
    this.resolved = resolved;
    this.promptTokens = promptTokens;
    this.maxTokens = r.effectiveMaxTokens();
    this.imagesRefused = model != null && !model.acceptsImages() && hasImages(r);
    this.used = Boolean.TRUE.equals(p.requireParameters()) ? RequestParameters.used(r) : null;
    MaxPrice max = p.maxPrice();
    // price × 10⁶ > limit exactly when price > limit ÷ 10⁶: one shift, no product per endpoint.
    this.promptLimit = max == null || max.prompt() == null ? null : max.prompt().movePointLeft(6);
    this.completionLimit =
        max == null || max.completion() == null ? null : max.completion().movePointLeft(6);
  }

  /** {@link #PASS} when the route's endpoint can serve the request, else why not, as a code. */
  int check(Route route) {
    if (route.lacksKey()) {
      return NO_KEY; // decided when the route was built: no work here beyond the read
    }
    Endpoint e = route.endpoint();
    if (p.only() != null && !matchesAny(e, p.only())) {
      return ONLY;
    }
    if (p.ignore() != null && matchesAny(e, p.ignore())) {
      return IGNORE;
    }
    if (route.isPriorityTier() && !resolved.has(Variant.NITRO) && !named(e, p)) {
      return PRIORITY;
    }
    if (route.isFlexTier() && !resolved.has(Variant.FLOOR) && !named(e, p)) {
      return FLEX;
    }
    if (p.quantizations() != null && !p.quantizations().contains(quantization(e))) {
      return QUANTIZATION;
    }
    if (p.dataCollection() == DataCollection.DENY && e.dataPolicy().collectsData()) {
      return DATA_COLLECTION;
    }
    if (Boolean.TRUE.equals(p.zdr()) && !e.dataPolicy().zeroDataRetention()) {
      return ZDR;
    }
    if (Boolean.TRUE.equals(p.enforceDistillableText()) && model != null
        && !model.distillable()) {
      return DISTILLABLE;
    }
    if (used != null && unsupportedParameter(e, used) != null) {
      return PARAMETER;
    }
    if (maxTokens != null && e.maxCompletionTokens() != null
        && maxTokens > e.maxCompletionTokens()) {
      return MAX_TOKENS;
    }
    long needed = (long) promptTokens + (maxTokens == null ? 0 : maxTokens);
    if (needed > e.contextLength() && !compressible(e)
        && preciseNeeded(e) > e.contextLength()) {
      return CONTEXT;
    }
    if (e.maxPromptTokens() != null && promptTokens > e.maxPromptTokens()) {
      return MAX_PROMPT;
    }
    MaxPrice max = p.maxPrice();
    if (max != null) {
      Pricing price = e.pricing();
      if (promptLimit != null && price.prompt().compareTo(promptLimit) > 0) {
        return PRICE_PROMPT;
      }
      if (completionLimit != null && price.completion().compareTo(completionLimit) > 0) {
        return PRICE_COMPLETION;
      }
      if (max.request() != null && price.request() != null
          && price.request().compareTo(max.request()) > 0) {
        return PRICE_REQUEST;
      }
      if (max.image() != null && price.image() != null
          && price.image().compareTo(max.image()) > 0) {
        return PRICE_IMAGE;
      }
    }
    if (imagesRefused) {
      return IMAGES;
    }
    return PASS;
  }

  /** The sentence for a code {@link #check} gave for the route. */
  String reason(Route route, int code) {
    Endpoint e = route.endpoint();
    Pricing price = e.pricing();
    MaxPrice max = p.maxPrice();
    switch (code) {
      case ONLY:
        return "not in provider.only " + p.only();
      case IGNORE:
        return "in provider.ignore";
      case PRIORITY:
        return "priority tier needs :nitro or an explicit provider name";
      case FLEX:
        return "flex tier needs :floor or an explicit provider name";
      case QUANTIZATION:
        return "quantization " + quantization(e).wireName() + " not in provider.quantizations";
      case DATA_COLLECTION:
        return "data_collection deny: the provider retains or trains on prompts";
      case ZDR:
        return "zdr: the endpoint is not zero-data-retention";
      case DISTILLABLE:
        return "enforce_distillable_text: the model's output may not be distilled";
      case PARAMETER:
        return "require_parameters: does not support '" + unsupportedParameter(e, used) + "'";
      case MAX_TOKENS:
        return "max_tokens " + maxTokens + " exceeds the endpoint's " + e.maxCompletionTokens();
      case CONTEXT:
        return "context: about " + promptTokens + " prompt tokens"
            + (maxTokens == null ? "" : " + " + maxTokens + " max_tokens")
            + " exceed the endpoint's " + e.contextLength();
      case MAX_PROMPT:
        return "context: about " + promptTokens + " prompt tokens exceed the endpoint's max prompt "
            + e.maxPromptTokens();
      case PRICE_PROMPT:
        return "max_price.prompt: $" + plain(price.prompt().multiply(MILLION)) + "/M over $"
            + plain(max.prompt()) + "/M";
      case PRICE_COMPLETION:
        return "max_price.completion: $" + plain(price.completion().multiply(MILLION))
            + "/M over $" + plain(max.completion()) + "/M";
      case PRICE_REQUEST:
        return "max_price.request: $" + plain(price.request()) + " over $" + plain(max.request());
      case PRICE_IMAGE:
        return "max_price.image: $" + plain(price.image()) + " over $" + plain(max.image());
      case IMAGES:
        return "the model does not accept images";
      case NO_KEY:
        return route.noKeyReason();
      default:
        throw new IllegalArgumentException("no exclusion code " + code);
    }
  }

  private static Quantization quantization(Endpoint e) {
    return e.quantization() == null ? Quantization.UNKNOWN : e.quantization();
  }

  /** Compression can shorten the prompt, never the completion. */
  private boolean compressible(Endpoint e) {
    return ContextCompression.applies(r, e.contextLength())
        && (maxTokens == null || maxTokens < e.contextLength());
  }

  /**
   * The heuristic count can be off for some scripts and code: close to the limit (within a
   * third), count with the model's real tokenizer before excluding an endpoint.
   */
  private long preciseNeeded(Endpoint e) {
    long completion = maxTokens == null ? 0 : maxTokens;
    if (promptTokens + completion > e.contextLength() * 4L / 3) {
      return promptTokens + completion;
    }
    return Tokenizer.forModel(e.model()).promptTokens(r) + completion;
  }

  private static boolean named(Endpoint e, ProviderPreferences p) {
    return (p.order() != null && p.order().contains(e.tag()))
        || (p.only() != null && p.only().contains(e.tag()));
  }

  private static boolean matchesAny(Endpoint e, List<String> slugs) {
    for (String s : slugs) {
      if (Planner.matches(e, s)) {
        return true;
      }
    }
    return false;
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  /** Whether a message of the request carries an image. */
  static boolean hasImages(ChatRequest r) {
    for (Message m : r.messages()) {
      if (m.parts() != null) {
        for (ContentPart part : m.parts()) {
          if (part instanceof ContentPart.Image) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The first of the parameters that the endpoint does not list, or null. */
  static String unsupportedParameter(Endpoint e, List<String> used) {
    if (e.supportedParameters().isEmpty()) {
      return null; // unknown: assume the endpoint takes what it is given
    }
    for (String param : used) {
      if (!e.supports(param)) {
        return param;
      }
    }
    return null;
  }
}
