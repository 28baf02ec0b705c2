package dev.router4j.api;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.internal.Checks;
import dev.router4j.api.routing.ProviderPreferences;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A chat completion request in OpenRouter's schema: messages, the model and its fallbacks,
 * sampling parameters, tools, output format, reasoning, provider preferences and plugins.
 * Immutable and validated when built: every value out of range fails with an
 * {@link InvalidRequestException} naming the field and the allowed range.
 *
 * <p>Optional fields are null when not given; the router then sends nothing upstream and the
 * provider's default applies.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder()
 *     .model("anthropic/claude-sonnet-4.5")
 *     .models("openai/gpt-4.1", "google/gemini-2.5-flash")
 *     .system("You are terse.")
 *     .user("Name three rivers in France.")
 *     .temperature(0.2)
 *     .build();
 * }</pre>
 *
 * @param messages the conversation; may be empty only for a legacy {@code prompt} request
 * @param prompt the legacy text-completion prompt, or null
 * @param model the model slug, possibly with a variant suffix (for example {@code :floor})
 * @param models the fallback models, tried in order after {@code model}
 * @param temperature 0 to 2
 * @param topP 0 to 1
 * @param topK 0 or more (0 turns it off)
 * @param minP 0 to 1
 * @param topA 0 to 1
 * @param frequencyPenalty -2 to 2
 * @param presencePenalty -2 to 2
 * @param repetitionPenalty 0 to 2
 * @param seed the sampling seed
 * @param maxTokens the completion limit ({@code max_tokens})
 * @param maxCompletionTokens the completion limit including reasoning ({@code max_completion_tokens})
 * @param stop up to four stop sequences
 * @param stopAsString whether {@code stop} was a single string rather than an array on the wire
 * @param logitBias token id to bias, -100 to 100
 * @param logprobs whether to return log probabilities
 * @param topLogprobs 0 to 20 alternatives per token
 * @param tools the functions the model may call
 * @param toolChoice whether and which tool must be called
 * @param parallelToolCalls whether several calls may come at once
 * @param responseFormat the output format
 * @param reasoning the reasoning settings
 * @param reasoningEffort the {@code reasoning_effort} shorthand
 * @param provider the provider preferences
 * @param plugins the plugins
 * @param user an end-user id
 * @param sessionId a conversation id for sticky routing (at most 256 characters)
 * @param stream whether the request asked for a stream
 * @param extra other top-level fields, passed through to the provider and kept for the round trip
 */
public record ChatRequest(
    List<Message> messages,
    String prompt,
    String model,
    List<String> models,
    Double temperature,
    Double topP,
    Integer topK,
    Double minP,
    Double topA,
    Double frequencyPenalty,
    Double presencePenalty,
    Double repetitionPenalty,
    Long seed,
    Integer maxTokens,
    Integer maxCompletionTokens,
    List<String> stop,
    boolean stopAsString,
    Map<String, Integer> logitBias,
    Boolean logprobs,
    Integer topLogprobs,
    List<Tool> tools,
    ToolChoice toolChoice,
    Boolean parallelToolCalls,
    ResponseFormat responseFormat,
    Reasoning reasoning,
    Reasoning.Effort reasoningEffort,
    ProviderPreferences provider,
    List<Plugin> plugins,
    String user,
    String sessionId,
    Boolean stream,
    Map<String, Object> extra) {

  /** Validates every field and copies the collections. */
  public ChatRequest {
    messages = Checks.list(messages, "messages");
    if (messages.isEmpty() && prompt == null) {
      throw new InvalidRequestException("messages", "must hold at least one message");
    }
    Checks.notBlank(model, "model");
    models = Checks.list(models, "models");
    for (int i = 0; i < models.size(); i++) {
      Checks.notBlank(models.get(i), "models[" + i + "]");
    }
    Checks.range(temperature, 0, 2, "temperature");
    Checks.range(topP, 0, 1, "top_p");
    Checks.atLeast(topK, 0, "top_k");
    Checks.range(minP, 0, 1, "min_p");
    Checks.range(topA, 0, 1, "top_a");
    Checks.range(frequencyPenalty, -2, 2, "frequency_penalty");
    Checks.range(presencePenalty, -2, 2, "presence_penalty");
    Checks.range(repetitionPenalty, 0, 2, "repetition_penalty");
    Checks.atLeast(maxTokens, 1, "max_tokens");
    Checks.atLeast(maxCompletionTokens, 1, "max_completion_tokens");
    stop = Checks.listOrNull(stop, "stop");
    if (stop != null && stop.size() > 4) {
      throw new InvalidRequestException("stop", "holds at most 4 sequences, was " + stop.size());
    }
    if (stopAsString && (stop == null || stop.size() != 1)) {
      throw new InvalidRequestException("stop", "a single-string stop holds exactly one sequence");
    }
    if (logitBias != null) {
      Map<String, Integer> copy = new LinkedHashMap<>();
      for (Map.Entry<String, Integer> e : logitBias.entrySet()) {
        String field = "logit_bias." + e.getKey();
        Checks.required(e.getValue(), field);
        Checks.range(e.getValue(), -100, 100, field);
        copy.put(e.getKey(), e.getValue());
      }
      logitBias = java.util.Collections.unmodifiableMap(copy);
    }
    Checks.range(topLogprobs, 0, 20, "top_logprobs");
    tools = Checks.list(tools, "tools");
    Set<String> names = new HashSet<>();
    for (Tool t : tools) {
      if (!names.add(t.name())) {
        throw new InvalidRequestException("tools", "two tools are named '" + t.name() + "'");
      }
    }
    if (toolChoice != null && toolChoice.mode() == ToolChoice.Mode.FUNCTION && !tools.isEmpty()
        && !names.contains(toolChoice.functionName())) {
      throw new InvalidRequestException("tool_choice",
          "names function '" + toolChoice.functionName() + "', which is not among the tools " + names);
    }
    plugins = Checks.list(plugins, "plugins");
    if (sessionId != null && sessionId.length() > 256) {
      throw new InvalidRequestException(
          "session_id", "must be at most 256 characters, was " + sessionId.length());
    }
    extra = Checks.jsonObject(extra);
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's fields. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The models to try, in order: {@code model} (when set) and then {@code models}. */
  public List<String> candidateModels() {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(models.size() + 2);
    if (model != null) {
      all.add(model);
    }
    all.addAll(models);
    return all.size() == models.size() && model == null ? models : List.copyOf(all);
  }

  /** The completion limit that applies: {@code max_completion_tokens}, else {@code max_tokens}. */
  public Integer effectiveMaxTokens() {
    return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
  }

  /** The reasoning settings, folding in the {@code reasoning_effort} shorthand; or null. */
  public Reasoning effectiveReasoning() {
    if (reasoning != null || reasoningEffort == null) {
      return reasoning;
    }
    return Reasoning.effort(reasoningEffort);
  }

  /** Whether the request asks for a stream. */
  public boolean isStream() {
    return Boolean.TRUE.equals(stream);
  }

  /** The enabled plugin with the given id, or null. */
  public Plugin plugin(String id) {
    for (Plugin p : plugins) {
      if (p.id().equals(id) && p.isEnabled()) {
        return p;
      }
    }
    return null;
  }

  /** Builds a {@link ChatRequest}; validation runs in {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private List<Message> messages = new ArrayList<>();
    private String prompt;
    private String model;
    private List<String> models;
    private Double temperature;
    private Double topP;
    private Integer topK;
    private Double minP;
    private Double topA;
    private Double frequencyPenalty;
    private Double presencePenalty;
    private Double repetitionPenalty;
    private Long seed;
    private Integer maxTokens;
    private Integer maxCompletionTokens;
    private List<String> stop;
    private boolean stopAsString;
    private Map<String, Integer> logitBias;
    private Boolean logprobs;
    private Integer topLogprobs;
    private List<Tool> tools;
    private ToolChoice toolChoice;
    private Boolean parallelToolCalls;
    private ResponseFormat responseFormat;
    private Reasoning reasoning;
    private Reasoning.Effort reasoningEffort;
    private ProviderPreferences provider;
    private List<Plugin> plugins;
    private String user;
    private String sessionId;
    private Boolean stream;
    private Map<String, Object> extra;

    private Builder() {}

    private Builder(ChatRequest r) {
      messages = new ArrayList<>(r.messages);
      prompt = r.prompt;
      model = r.model;
      models = r.models;
      temperature = r.temperature;
      topP = r.topP;
      topK = r.topK;
      minP = r.minP;
      topA = r.topA;
      frequencyPenalty = r.frequencyPenalty;
      presencePenalty = r.presencePenalty;
      repetitionPenalty = r.repetitionPenalty;
      seed = r.seed;
      maxTokens = r.maxTokens;
      maxCompletionTokens = r.maxCompletionTokens;
      stop = r.stop;
      stopAsString = r.stopAsString;
      logitBias = r.logitBias;
      logprobs = r.logprobs;
      topLogprobs = r.topLogprobs;
      tools = r.tools;
      toolChoice = r.toolChoice;
      parallelToolCalls = r.parallelToolCalls;
      responseFormat = r.responseFormat;
      reasoning = r.reasoning;
      reasoningEffort = r.reasoningEffort;
      provider = r.provider;
      plugins = r.plugins;
      user = r.user;
      sessionId = r.sessionId;
      stream = r.stream;
      extra = r.extra;
    }

    /** Replaces the messages. */
    public Builder messages(List<Message> messages) {
      this.messages = new ArrayList<>(messages);
      return this;
    }

    /** Appends a message. */
    public Builder message(Message message) {
      messages.add(java.util.Objects.requireNonNull(message, "message"));
      return this;
    }

    /** Appends a system message. */
    public Builder system(String text) {
      return message(Message.system(text));
    }

    /** Appends a developer message. */
    public Builder developer(String text) {
      return message(Message.developer(text));
    }

    /** Appends a user message. */
    public Builder user(String text) {
      return message(Message.user(text));
    }

    /** Appends an assistant message. */
    public Builder assistant(String text) {
      return message(Message.assistant(text));
    }

    /** The legacy text-completion prompt. */
    public Builder prompt(String prompt) {
      this.prompt = prompt;
      return this;
    }

    /** The model slug, possibly with a variant suffix. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** The fallback models, tried in order after {@code model}. */
    public Builder models(String... models) {
      return models(Arrays.asList(models));
    }

    /** The fallback models, tried in order after {@code model}. */
    public Builder models(List<String> models) {
      this.models = models;
      return this;
    }

    /** Sampling temperature, 0 to 2. */
    public Builder temperature(Double temperature) {
      this.temperature = temperature;
      return this;
    }

    /** Nucleus sampling, 0 to 1. */
    public Builder topP(Double topP) {
      this.topP = topP;
      return this;
    }

    /** Top-k sampling, 0 or more. */
    public Builder topK(Integer topK) {
      this.topK = topK;
      return this;
    }

    /** Min-p sampling, 0 to 1. */
    public Builder minP(Double minP) {
      this.minP = minP;
      return this;
    }

    /** Top-a sampling, 0 to 1. */
    public Builder topA(Double topA) {
      this.topA = topA;
      return this;
    }

    /** Frequency penalty, -2 to 2. */
    public Builder frequencyPenalty(Double frequencyPenalty) {
      this.frequencyPenalty = frequencyPenalty;
      return this;
    }

    /** Presence penalty, -2 to 2. */
    public Builder presencePenalty(Double presencePenalty) {
      this.presencePenalty = presencePenalty;
      return this;
    }

    /** Repetition penalty, 0 to 2. */
    public Builder repetitionPenalty(Double repetitionPenalty) {
      this.repetitionPenalty = repetitionPenalty;
      return this;
    }

    /** Sampling seed. */
    public Builder seed(Long seed) {
      this.seed = seed;
      return this;
    }

    /** Completion token limit ({@code max_tokens}), at least 1. */
    public Builder maxTokens(Integer maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    /** Completion token limit including reasoning ({@code max_completion_tokens}), at least 1. */
    public Builder maxCompletionTokens(Integer maxCompletionTokens) {
      this.maxCompletionTokens = maxCompletionTokens;
      return this;
    }

    /** One stop sequence, written as a plain string. */
    public Builder stop(String stop) {
      this.stop = stop == null ? null : List.of(stop);
      this.stopAsString = stop != null;
      return this;
    }

    /** Up to four stop sequences, written as an array. */
    public Builder stop(List<String> stop) {
      this.stop = stop;
      this.stopAsString = false;
      return this;
    }

    /** Token biases, -100 to 100, keyed by token id. */
    public Builder logitBias(Map<String, Integer> logitBias) {
      this.logitBias = logitBias;
      return this;
    }

    /** Whether to return log probabilities. */
    public Builder logprobs(Boolean logprobs) {
      this.logprobs = logprobs;
      return this;
    }

    /** Alternatives per token, 0 to 20. */
    public Builder topLogprobs(Integer topLogprobs) {
      this.topLogprobs = topLogprobs;
      return this;
    }

    /** The functions the model may call. */
    public Builder tools(Tool... tools) {
      return tools(Arrays.asList(tools));
    }

    /** The functions the model may call. */
    public Builder tools(List<Tool> tools) {
      this.tools = tools;
      return this;
    }

    /** Whether and which tool must be called. */
    public Builder toolChoice(ToolChoice toolChoice) {
      this.toolChoice = toolChoice;
      return this;
    }

    /** Whether several tool calls may come at once. */
    public Builder parallelToolCalls(Boolean parallelToolCalls) {
      this.parallelToolCalls = parallelToolCalls;
      return this;
    }

    /** The output format. */
    public Builder responseFormat(ResponseFormat responseFormat) {
      this.responseFormat = responseFormat;
      return this;
    }

    /** The reasoning settings. */
    public Builder reasoning(Reasoning reasoning) {
      this.reasoning = reasoning;
      return this;
    }

    /** The {@code reasoning_effort} shorthand. */
    public Builder reasoningEffort(Reasoning.Effort reasoningEffort) {
      this.reasoningEffort = reasoningEffort;
      return this;
    }

    /** The provider preferences. */
    public Builder provider(ProviderPreferences provider) {
      this.provider = provider;
      return this;
    }

    /** Edits the provider preferences in place. */
    public Builder provider(Consumer<ProviderPreferences.Builder> edit) {
      ProviderPreferences.Builder b =
          provider == null ? ProviderPreferences.builder() : provider.toBuilder();
      edit.accept(b);
      this.provider = b.build();
      return this;
    }

    /** The plugins. */
    public Builder plugins(Plugin... plugins) {
      return plugins(Arrays.asList(plugins));
    }

    /** The plugins. */
    public Builder plugins(List<Plugin> plugins) {
      this.plugins = plugins;
      return this;
    }

    /** The end-user id. */
    public Builder userId(String user) {
      this.user = user;
      return this;
    }

    /** The conversation id for sticky routing. */
    public Builder sessionId(String sessionId) {
      this.sessionId = sessionId;
      return this;
    }

    /** Whether the request asks for a stream. */
    public Builder stream(Boolean stream) {
      this.stream = stream;
      return this;
    }

    /** Other top-level fields, passed through to the provider. */
    public Builder extra(Map<String, Object> extra) {
      this.extra = extra == null ? null : new LinkedHashMap<>(extra);
      return this;
    }

    /** Adds one top-level field, passed through to the provider. */
    public Builder extra(String name, Object value) {
      if (this.extra == null) {
        this.extra = new LinkedHashMap<>();
      } else if (!(this.extra instanceof LinkedHashMap)) {
        this.extra = new LinkedHashMap<>(this.extra);
      }
      this.extra.put(name, value);
      return this;
    }

    /**
     * Builds and validates the request.
     *
     * @throws InvalidRequestException naming the field that is out of range or missing
     */
    public ChatRequest build() {
      return new ChatRequest(messages, prompt, model, models, temperature, topP, topK, minP, topA,
          frequencyPenalty, presencePenalty, repetitionPenalty, seed, maxTokens,
          maxCompletionTokens, stop, stopAsString, logitBias, logprobs, topLogprobs, tools,
          toolChoice, parallelToolCalls, responseFormat, reasoning, reasoningEffort, provider,
          plugins, user, sessionId, stream, extra);
    }
  }
}
