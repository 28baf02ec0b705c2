package dev.router4j.providers.internal.openai;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one OpenAI-compatible host differs from api.openai.com on the wire: which fields it
 * takes, under which names, and which it rejects. Data, not code: every preset is one instance,
 * and a host nobody wrote code for gets {@link #OPEN_MODELS}.
 *
 * <p>The writer never sends a field the dialect says the host lacks: it drops it (as OpenRouter
 * drops parameters a provider ignores), renames it, or downgrades it (a {@code json_schema}
 * format becomes {@code json_object} where only that exists, leaving the schema to the router's
 * response healing). Tools are the exception: a host without tools fails the call with a
 * fallback-worthy error, since dropping them would change what the caller gets.
 *
 * <p>Immutable and thread-safe; build variants with {@link #toBuilder()}.
 */
public final class OpenAiDialect {

  /** How the request's reasoning settings go upstream. */
  public enum ReasoningParam {
    /** OpenRouter's {@code reasoning} object, as given. */
    OBJECT,
    /** OpenAI's {@code reasoning_effort} string, for the models {@link #reasoningModels} names. */
    EFFORT,
    /** Not sent: the host has no knob (the model reasons or does not). */
    NONE
  }

  /** How log probabilities are asked for. */
  public enum Logprobs {
    /** {@code logprobs: true} plus {@code top_logprobs: n} (OpenAI). */
    BOOLEAN,
    /** {@code logprobs: n}, the number of alternatives (Together). */
    INTEGER,
    /** Not sent: the host rejects them. */
    NONE
  }

  /**
   * OpenAI's reasoning models: the o-series ({@code o1}, {@code o3-mini}, {@code o4-mini}...),
   * the GPT-5 family except its {@code -chat} models, and {@code codex-mini}.
   */
  public static final String OPENAI_REASONING_MODELS =
      "(?:o[1-9](?:-.*)?|gpt-5(?!.*-chat).*|codex-mini.*)";

  /** The first reasoning models, which take neither a system nor a developer message. */
  static final Pattern NO_INSTRUCTION_ROLE = Pattern.compile("(?i)o1-(?:mini|preview).*");

  /** api.openai.com. */
  public static final OpenAiDialect OPENAI = builder()
      .reasoning(ReasoningParam.EFFORT)
      .reasoningModels(OPENAI_REASONING_MODELS)
      .fixedSamplingModels(OPENAI_REASONING_MODELS)
      .openAiReasoningModels(true)
      .maxCompletionTokens(true)
      .extendedSampling(false)
      .developerRole(true)
      .assistantRefusal(true)
      .textPartsAsString(false)
      .build();

  /** openrouter.ai: its own fields, reasoning object and reasoning echo; the router routes. */
  public static final OpenAiDialect OPENROUTER = builder()
      .reasoning(ReasoningParam.OBJECT)
      .openRouterFields(true)
      .streamUsage(false) // OpenRouter always sends usage; the option is deprecated there
      .developerRole(true)
      .assistantRefusal(true)
      .echoReasoning(true)
      .cacheControl(true)
      .textPartsAsString(false)
      .build();

  /** A generic host serving open models (vLLM, Together, Fireworks, local servers...). */
  public static final OpenAiDialect OPEN_MODELS = builder().build();

  private final ReasoningParam reasoning;
  private final String reasoningModels;
  private final String fixedSamplingModels;
  private final boolean openAiReasoningModels;
  private final boolean maxCompletionTokens;
  private final boolean openRouterFields;
  private final boolean extendedSampling;
  private final boolean penalties;
  private final boolean streamUsage;
  private final boolean developerRole;
  private final boolean tools;
  private final boolean parallelToolCalls;
  private final String requiredToolChoice;
  private final boolean jsonSchema;
  private final Logprobs logprobs;
  private final boolean logitBias;
  private final String seedField;
  private final boolean stop;
  private final boolean user;
  private final boolean messageName;
  private final boolean assistantRefusal;
  private final boolean echoReasoning;
  private final boolean cacheControl;
  private final boolean textPartsAsString;
  private final boolean citationsAsAnnotations;
  private final Pattern reasoningPattern;
  private final Pattern fixedSamplingPattern;

  private OpenAiDialect(Builder b) {
    reasoning = Objects.requireNonNull(b.reasoning, "reasoning");
    reasoningModels = b.reasoningModels;
    fixedSamplingModels = b.fixedSamplingModels;
    openAiReasoningModels = b.openAiReasoningModels;
    maxCompletionTokens = b.maxCompletionTokens;
    openRouterFields = b.openRouterFields;
    extendedSampling = b.extendedSampling;
    penalties = b.penalties;
    streamUsage = b.streamUsage;
    developerRole = b.developerRole;
    tools = b.tools;
    parallelToolCalls = b.parallelToolCalls;
    requiredToolChoice = Objects.requireNonNull(b.requiredToolChoice, "requiredToolChoice");
    jsonSchema = b.jsonSchema;
    logprobs = Objects.requireNonNull(b.logprobs, "logprobs");
    logitBias = b.logitBias;
    seedField = b.seedField;
    stop = b.stop;
    user = b.user;
    messageName = b.messageName;
    assistantRefusal = b.assistantRefusal;
    echoReasoning = b.echoReasoning;
    cacheControl = b.cacheControl;
    textPartsAsString = b.textPartsAsString;
    citationsAsAnnotations = b.citationsAsAnnotations;
    reasoningPattern = compile(reasoningModels);
    fixedSamplingPattern = compile(fixedSamplingModels);
  }

  private static Pattern compile(String regex) {
    return regex == null ? null : Pattern.compile("(?i)" + regex);
  }

  /** A builder holding {@link #OPEN_MODELS}' settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this dialect's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.reasoning = reasoning;
    b.reasoningModels = reasoningModels;
    b.fixedSamplingModels = fixedSamplingModels;
    b.openAiReasoningModels = openAiReasoningModels;
    b.maxCompletionTokens = maxCompletionTokens;
    b.openRouterFields = openRouterFields;
    b.extendedSampling = extendedSampling;
    b.penalties = penalties;
    b.streamUsage = streamUsage;
    b.developerRole = developerRole;
    b.tools = tools;
    b.parallelToolCalls = parallelToolCalls;
    b.requiredToolChoice = requiredToolChoice;
    b.jsonSchema = jsonSchema;
    b.logprobs = logprobs;
    b.logitBias = logitBias;
    b.seedField = seedField;
    b.stop = stop;
    b.user = user;
    b.messageName = messageName;
    b.assistantRefusal = assistantRefusal;
    b.echoReasoning = echoReasoning;
    b.cacheControl = cacheControl;
    b.textPartsAsString = textPartsAsString;
    b.citationsAsAnnotations = citationsAsAnnotations;
    return b;
  }

  /** How reasoning settings go upstream. */
  public ReasoningParam reasoning() {
    return reasoning;
  }

  /** The models {@code reasoning_effort} is sent for (a regex), or null for every model. */
  public String reasoningModels() {
    return reasoningModels;
  }

  /** The models that reject sampling and log-probability parameters (a regex), or null. */
  public String fixedSamplingModels() {
    return fixedSamplingModels;
  }

  /**
   * Whether OpenAI's reasoning-model rules apply to the models {@link #reasoningModels()}
   * names: {@code max_completion_tokens}, system messages as developer messages.
   */
  public boolean openAiReasoningModels() {
    return openAiReasoningModels;
  }

  /** Whether the completion limit is {@code max_completion_tokens} rather than {@code max_tokens}. */
  public boolean maxCompletionTokens() {
    return maxCompletionTokens;
  }

  /** Whether OpenRouter's own fields go upstream ({@code top_a}, {@code session_id}, plugins, {@code prompt}). */
  public boolean openRouterFields() {
    return openRouterFields;
  }

  /** Whether {@code top_k}, {@code min_p} and {@code repetition_penalty} go upstream. */
  public boolean extendedSampling() {
    return extendedSampling;
  }

  /** Whether {@code frequency_penalty} and {@code presence_penalty} go upstream. */
  public boolean penalties() {
    return penalties;
  }

  /** Whether streams ask for usage with {@code stream_options.include_usage}. */
  public boolean streamUsage() {
    return streamUsage;
  }

  /** Whether the {@code developer} role is understood (else it is sent as {@code system}). */
  public boolean developerRole() {
    return developerRole;
  }

  /** Whether the host offers function calling. */
  public boolean tools() {
    return tools;
  }

  /** Whether {@code parallel_tool_calls} goes upstream. */
  public boolean parallelToolCalls() {
    return parallelToolCalls;
  }

  /** The {@code tool_choice} value meaning "call some tool": {@code required}, or Mistral's {@code any}. */
  public String requiredToolChoice() {
    return requiredToolChoice;
  }

  /** Whether {@code json_schema} response formats are understood (else sent as {@code json_object}). */
  public boolean jsonSchema() {
    return jsonSchema;
  }

  /** How log probabilities are asked for. */
  public Logprobs logprobs() {
    return logprobs;
  }

  /** Whether {@code logit_bias} goes upstream. */
  public boolean logitBias() {
    return logitBias;
  }

  /** The name of the sampling seed field ({@code seed}, Mistral's {@code random_seed}), or null to drop it. */
  public String seedField() {
    return seedField;
  }

  /** Whether {@code stop} goes upstream. */
  public boolean stop() {
    return stop;
  }

  /** Whether the end-user id ({@code user}) goes upstream. */
  public boolean user() {
    return user;
  }

  /** Whether a message's {@code name} goes upstream. */
  public boolean messageName() {
    return messageName;
  }

  /** Whether an assistant message's {@code refusal} goes upstream (else it becomes its content). */
  public boolean assistantRefusal() {
    return assistantRefusal;
  }

  /** Whether assistant messages carry their reasoning, reasoning details and annotations upstream. */
  public boolean echoReasoning() {
    return echoReasoning;
  }

  /** Whether text parts carry their {@code cache_control} breakpoints upstream. */
  public boolean cacheControl() {
    return cacheControl;
  }

  /** Whether content made only of text parts is sent as one string (hosts that take only strings). */
  public boolean textPartsAsString() {
    return textPartsAsString;
  }

  /** Whether top-level {@code search_results}/{@code citations} become URL-citation annotations (Perplexity). */
  public boolean citationsAsAnnotations() {
    return citationsAsAnnotations;
  }

  /** Whether {@code reasoning_effort} may go upstream for this model. */
  boolean takesReasoningEffort(ModelNames model) {
    if (reasoning != ReasoningParam.EFFORT) {
      return false;
    }
    return reasoningPattern == null || model.matches(reasoningPattern)
        || (openAiReasoningModels && model.flaggedReasoning());
  }

  /**
   * Whether this model is one of OpenAI's reasoning models under this dialect: named so, or
   * flagged so by its endpoint (it takes {@code reasoning} but not {@code temperature}).
   */
  boolean isOpenAiReasoningModel(ModelNames model) {
    return openAiReasoningModels
        && ((reasoningPattern != null && model.matches(reasoningPattern))
            || model.flaggedReasoning());
  }

  /** Whether this model rejects sampling and log-probability parameters. */
  boolean hasFixedSampling(ModelNames model) {
    return (fixedSamplingPattern != null && model.matches(fixedSamplingPattern))
        || isOpenAiReasoningModel(model);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpenAiDialect d && toString().equals(d.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    return "OpenAiDialect[reasoning=" + reasoning.name().toLowerCase(Locale.ROOT)
        + (reasoningModels == null ? "" : ", reasoningModels=" + reasoningModels)
        + (fixedSamplingModels == null ? "" : ", fixedSamplingModels=" + fixedSamplingModels)
        + ", openAiReasoningModels=" + openAiReasoningModels
        + ", maxCompletionTokens=" + maxCompletionTokens + ", openRouterFields=" + openRouterFields
        + ", extendedSampling=" + extendedSampling + ", penalties=" + penalties
        + ", streamUsage=" + streamUsage + ", developerRole=" + developerRole + ", tools=" + tools
        + ", parallelToolCalls=" + parallelToolCalls + ", requiredToolChoice=" + requiredToolChoice
        + ", jsonSchema=" + jsonSchema + ", logprobs=" + logprobs + ", logitBias=" + logitBias
        + ", seedField=" + seedField + ", stop=" + stop + ", user=" + user
        + ", messageName=" + messageName + ", assistantRefusal=" + assistantRefusal
        + ", echoReasoning=" + echoReasoning + ", cacheControl=" + cacheControl
        + ", textPartsAsString=" + textPartsAsString
        + ", citationsAsAnnotations=" + citationsAsAnnotations + "]";
  }

  /** Builds an {@link OpenAiDialect}; starts from {@link #OPEN_MODELS}' settings. Not thread-safe. */
  public static final class Builder {
    private ReasoningParam reasoning = ReasoningParam.EFFORT;
    private String reasoningModels;
    private String fixedSamplingModels;
    private boolean openAiReasoningModels;
    private boolean maxCompletionTokens;
    private boolean openRouterFields;
    private boolean extendedSampling = true;
    private boolean penalties = true;
    private boolean streamUsage = true;
    private boolean developerRole;
    private boolean tools = true;
    private boolean parallelToolCalls = true;
    private String requiredToolChoice = "required";
    private boolean jsonSchema = true;
    private Logprobs logprobs = Logprobs.BOOLEAN;
    private boolean logitBias = true;
    private String seedField = "seed";
    private boolean stop = true;
    private boolean user = true;
    private boolean messageName = true;
    private boolean assistantRefusal;
    private boolean echoReasoning;
    private boolean cacheControl;
    private boolean textPartsAsString = true;
    private boolean citationsAsAnnotations;

    private Builder() {}

    /** See {@link OpenAiDialect#reasoning()}. */
    public Builder reasoning(ReasoningParam v) {
      reasoning = Objects.requireNonNull(v, "reasoning");
      return this;
    }

    /** See {@link OpenAiDialect#reasoningModels()}; checked as a case-insensitive regex. */
    public Builder reasoningModels(String regex) {
      reasoningModels = checkedRegex(regex);
      return this;
    }

    /** See {@link OpenAiDialect#fixedSamplingModels()}; checked as a case-insensitive regex. */
    public Builder fixedSamplingModels(String regex) {
      fixedSamplingModels = checkedRegex(regex);
      return this;
    }

    /** See {@link OpenAiDialect#openAiReasoningModels()}. */
    public Builder openAiReasoningModels(boolean v) {
      openAiReasoningModels = v;
      return this;
    }

    /** See {@link OpenAiDialect#maxCompletionTokens()}. */
    public Builder maxCompletionTokens(boolean v) {
      maxCompletionTokens = v;
      return this;
    }

    /** See {@link OpenAiDialect#openRouterFields()}. */
    public Builder openRouterFields(boolean v) {
      openRouterFields = v;
      return this;
    }

    /** See {@link OpenAiDialect#extendedSampling()}. */
    public Builder extendedSampling(boolean v) {
      extendedSampling = v;
      return this;
    }

    /** See {@link OpenAiDialect#penalties()}. */
    public Builder penalties(boolean v) {
      penalties = v;
      return this;
    }

    /** See {@link OpenAiDialect#streamUsage()}. */
    public Builder streamUsage(boolean v) {
      streamUsage = v;
      return this;
    }

    /** See {@link OpenAiDialect#developerRole()}. */
    public Builder developerRole(boolean v) {
      developerRole = v;
      return this;
    }

    /** See {@link OpenAiDialect#tools()}. */
    public Builder tools(boolean v) {
      tools = v;
      return this;
    }

    /** See {@link OpenAiDialect#parallelToolCalls()}. */
    public Builder parallelToolCalls(boolean v) {
      parallelToolCalls = v;
      return this;
    }

    /** See {@link OpenAiDialect#requiredToolChoice()}. */
    public Builder requiredToolChoice(String v) {
      requiredToolChoice = Objects.requireNonNull(v, "requiredToolChoice");
      return this;
    }

    /** See {@link OpenAiDialect#jsonSchema()}. */
    public Builder jsonSchema(boolean v) {
      jsonSchema = v;
      return this;
    }

    /** See {@link OpenAiDialect#logprobs()}. */
    public Builder logprobs(Logprobs v) {
      logprobs = Objects.requireNonNull(v, "logprobs");
      return this;
    }

    /** See {@link OpenAiDialect#logitBias()}. */
    public Builder logitBias(boolean v) {
      logitBias = v;
      return this;
    }

    /** See {@link OpenAiDialect#seedField()}; null drops the seed. */
    public Builder seedField(String v) {
      seedField = v;
      return this;
    }

    /** See {@link OpenAiDialect#stop()}. */
    public Builder stop(boolean v) {
      stop = v;
      return this;
    }

    /** See {@link OpenAiDialect#user()}. */
    public Builder user(boolean v) {
      user = v;
      return this;
    }

    /** See {@link OpenAiDialect#messageName()}. */
    public Builder messageName(boolean v) {
      messageName = v;
      return this;
    }

    /** See {@link OpenAiDialect#assistantRefusal()}. */
    public Builder assistantRefusal(boolean v) {
      assistantRefusal = v;
      return this;
    }

    /** See {@link OpenAiDialect#echoReasoning()}. */
    public Builder echoReasoning(boolean v) {
      echoReasoning = v;
      return this;
    }

    /** See {@link OpenAiDialect#cacheControl()}. */
    public Builder cacheControl(boolean v) {
      cacheControl = v;
      return this;
    }

    /** See {@link OpenAiDialect#textPartsAsString()}. */
    public Builder textPartsAsString(boolean v) {
      textPartsAsString = v;
      return this;
    }

    /** See {@link OpenAiDialect#citationsAsAnnotations()}. */
    public Builder citationsAsAnnotations(boolean v) {
      citationsAsAnnotations = v;
      return this;
    }

    private static String checkedRegex(String regex) {
      if (regex != null) {
        Pattern.compile(regex); // fails here, not on the first call
      }
      return regex;
    }

    /** Builds the dialect. */
    public OpenAiDialect build() {
      return new OpenAiDialect(this);
    }
  }
}
