package dev.router4j.providers.internal.openai;

import dev.router4j.providers.internal.openai.OpenAiDialect.Logprobs;
import dev.router4j.providers.internal.openai.OpenAiDialect.ReasoningParam;
import java.util.Map;

/**
 * A known OpenAI-compatible host, as data: where it lives, how it takes its key, and how its
 * wire differs from OpenAI's.
 *
 * <p>The quirks below come from each host's compatibility notes; a field a host rejects with
 * an error is never sent to it:
 *
 * <ul>
 *   <li><b>openai</b>: reasoning models (o-series, GPT-5) take {@code max_completion_tokens}
 *       and {@code reasoning_effort}, reject sampling parameters, and get system messages as
 *       developer messages.
 *   <li><b>openrouter</b>: the {@code reasoning} object, {@code max_tokens}, reasoning details
 *       and cache breakpoints echoed; usage always comes, so no {@code stream_options}. The
 *       router routes locally: {@code provider} and {@code models} are never sent, nor the
 *       plugins the router runs itself. {@code HTTP-Referer}/{@code X-Title} are optional
 *       headers ({@code attribution(...)} on the builder).
 *   <li><b>groq</b>: rejects {@code logprobs}, {@code top_logprobs}, {@code logit_bias} and
 *       {@code messages[].name}; {@code max_completion_tokens}; stream usage arrives in
 *       {@code x_groq.usage}; {@code reasoning_effort} only for gpt-oss models.
 *   <li><b>together</b>: {@code logprobs} is an integer; takes top_k, min_p,
 *       repetition_penalty.
 *   <li><b>deepseek</b>: {@code max_tokens}; JSON mode but no {@code json_schema}; no
 *       reasoning knob ({@code deepseek-reasoner} always reasons and rejects logprobs); reasoning
 *       text arrives as {@code reasoning_content} and must not be sent back; cache hits in
 *       {@code prompt_cache_hit_tokens}; neither seed nor user is documented.
 *   <li><b>mistral</b>: rejects unknown fields (HTTP 422): {@code random_seed} for the seed,
 *       {@code tool_choice: "any"} for required, no logprobs, logit_bias, user, message names,
 *       reasoning echo or {@code stream_options} (usage comes in the last chunk anyway).
 *   <li><b>fireworks</b>, <b>deepinfra</b>, <b>vllm</b>, <b>ollama</b>, <b>lmstudio</b>,
 *       <b>llamacpp</b>: the generic open-model dialect; local servers need no key (vLLM and
 *       llama.cpp take one when started with {@code --api-key}).
 *   <li><b>xai</b>: {@code reasoning_effort} only for the Grok models that take it
 *       (grok-3-mini, grok-4.3 and later); reasoning arrives as {@code reasoning_content}.
 *   <li><b>perplexity</b>: no function calling; no stop, seed, logprobs or logit_bias;
 *       sources ({@code search_results}, {@code citations}) become URL-citation annotations;
 *       {@code reasoning_effort} only for deep-research models; base URL has no {@code /v1}.
 *   <li><b>cerebras</b>: rejects {@code frequency_penalty}, {@code presence_penalty},
 *       {@code logit_bias} and {@code parallel_tool_calls}; {@code max_completion_tokens};
 *       {@code reasoning_effort} for gpt-oss models.
 * </ul>
 *
 * @param slug the provider slug used in the catalog and in preferences
 * @param name the display name
 * @param baseUrl the API root the paths are appended to
 * @param auth how the key is sent
 * @param dialect the wire differences
 * @param needsKey whether the host refuses calls without a key
 */
public record Preset(
    String slug, String name, String baseUrl, AuthStyle auth, OpenAiDialect dialect,
    boolean needsKey) {

  /** Groq's quirks. */
  static final OpenAiDialect GROQ = OpenAiDialect.builder()
      .maxCompletionTokens(true)
      .extendedSampling(false)
      .streamUsage(false)
      .logprobs(Logprobs.NONE)
      .logitBias(false)
      .messageName(false)
      .reasoningModels(".*gpt-oss.*")
      .build();

  /** Together's quirks. */
  static final OpenAiDialect TOGETHER = OpenAiDialect.builder()
      .logprobs(Logprobs.INTEGER)
      .build();

  /** DeepSeek's quirks. */
  static final OpenAiDialect DEEPSEEK = OpenAiDialect.builder()
      .reasoning(ReasoningParam.NONE)
      .fixedSamplingModels("deepseek-reasoner.*")
      .extendedSampling(false)
      .jsonSchema(false)
      .logitBias(false)
      .seedField(null)
      .user(false)
      .parallelToolCalls(false)
      .build();

  /** Mistral's quirks. */
  static final OpenAiDialect MISTRAL = OpenAiDialect.builder()
      .reasoning(ReasoningParam.NONE)
      .extendedSampling(false)
      .streamUsage(false)
      .seedField("random_seed")
      .requiredToolChoice("any")
      .logprobs(Logprobs.NONE)
      .logitBias(false)
      .user(false)
      .messageName(false)
      .build();

  /** xAI's quirks. */
  static final OpenAiDialect XAI = OpenAiDialect.builder()
      .extendedSampling(false)
      .reasoningModels("grok-3-mini.*|grok-4\\.[3-9].*|grok-[5-9].*")
      .build();

  /** Perplexity's quirks. */
  static final OpenAiDialect PERPLEXITY = OpenAiDialect.builder()
      .extendedSampling(false)
      .streamUsage(false)
      .tools(false)
      .parallelToolCalls(false)
      .stop(false)
      .seedField(null)
      .logprobs(Logprobs.NONE)
      .logitBias(false)
      .user(false)
      .messageName(false)
      .reasoningModels(".*deep-research.*")
      .citationsAsAnnotations(true)
      .build();

  /** Cerebras' quirks. */
  static final OpenAiDialect CEREBRAS = OpenAiDialect.builder()
      .maxCompletionTokens(true)
      .extendedSampling(false)
      .penalties(false)
      .logitBias(false)
      .parallelToolCalls(false)
      .reasoningModels(".*gpt-oss.*")
      .build();

  /** Every preset, by slug. */
  public static final Map<String, Preset> ALL = Map.ofEntries(
      entry(new Preset("openai", "OpenAI", "https://api.openai.com/v1", AuthStyle.BEARER,
          OpenAiDialect.OPENAI, true)),
      entry(new Preset("openrouter", "OpenRouter", "https://openrouter.ai/api/v1",
          AuthStyle.BEARER, OpenAiDialect.OPENROUTER, true)),
      entry(new Preset("groq", "Groq", "https://api.groq.com/openai/v1", AuthStyle.BEARER,
          GROQ, true)),
      entry(new Preset("together", "Together", "https://api.together.xyz/v1", AuthStyle.BEARER,
          TOGETHER, true)),
      entry(new Preset("deepseek", "DeepSeek", "https://api.deepseek.com/v1", AuthStyle.BEARER,
          DEEPSEEK, true)),
      entry(new Preset("mistral", "Mistral", "https://api.mistral.ai/v1", AuthStyle.BEARER,
          MISTRAL, true)),
      entry(new Preset("fireworks", "Fireworks", "https://api.fireworks.ai/inference/v1",
          AuthStyle.BEARER, OpenAiDialect.OPEN_MODELS, true)),
      entry(new Preset("xai", "xAI", "https://api.x.ai/v1", AuthStyle.BEARER, XAI, true)),
      entry(new Preset("perplexity", "Perplexity", "https://api.perplexity.ai", AuthStyle.BEARER,
          PERPLEXITY, true)),
      entry(new Preset("cerebras", "Cerebras", "https://api.cerebras.ai/v1", AuthStyle.BEARER,
          CEREBRAS, true)),
      entry(new Preset("deepinfra", "DeepInfra", "https://api.deepinfra.com/v1/openai",
          AuthStyle.BEARER, OpenAiDialect.OPEN_MODELS, true)),
      entry(new Preset("ollama", "Ollama", "http://localhost:11434/v1", AuthStyle.NONE,
          OpenAiDialect.OPEN_MODELS, false)),
      entry(new Preset("vllm", "vLLM", "http://localhost:8000/v1", AuthStyle.BEARER,
          OpenAiDialect.OPEN_MODELS, false)),
      entry(new Preset("lmstudio", "LM Studio", "http://localhost:1234/v1", AuthStyle.NONE,
          OpenAiDialect.OPEN_MODELS, false)),
      entry(new Preset("llamacpp", "llama.cpp server", "http://localhost:8080/v1",
          AuthStyle.BEARER, OpenAiDialect.OPEN_MODELS, false)));

  private static Map.Entry<String, Preset> entry(Preset p) {
    return Map.entry(p.slug(), p);
  }
}
