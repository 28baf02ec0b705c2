package dev.router4j.providers.internal.openai;

/**
 * How one OpenAI-compatible host differs from api.openai.com on the wire. Data, not code: a
 * preset is one instance of this record.
 *
 * @param reasoningObject send OpenRouter's {@code reasoning} object (true) or OpenAI's
 *     {@code reasoning_effort} (false)
 * @param openRouterFields send OpenRouter's own fields: {@code models}, {@code provider},
 *     {@code plugins}, {@code session_id}, {@code top_a}, {@code transforms}
 * @param extendedSampling send {@code top_k}, {@code min_p} and {@code repetition_penalty}
 *     (hosts serving open models accept them; OpenAI rejects them)
 * @param streamUsage ask for usage in streams with {@code stream_options.include_usage}
 * @param maxCompletionTokens send the completion limit as {@code max_completion_tokens}
 *     (true) or {@code max_tokens} (false)
 */
public record OpenAiDialect(
    boolean reasoningObject,
    boolean openRouterFields,
    boolean extendedSampling,
    boolean streamUsage,
    boolean maxCompletionTokens) {

  /** api.openai.com. */
  public static final OpenAiDialect OPENAI = new OpenAiDialect(false, false, false, true, true);
  /** openrouter.ai. */
  public static final OpenAiDialect OPENROUTER = new OpenAiDialect(true, true, true, false, false);
  /** A generic host serving open models (vLLM, Together, Fireworks...). */
  public static final OpenAiDialect OPEN_MODELS =
      new OpenAiDialect(false, false, true, true, false);
}
