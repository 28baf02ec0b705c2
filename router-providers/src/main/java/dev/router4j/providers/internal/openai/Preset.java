package dev.router4j.providers.internal.openai;

import java.util.Map;

/**
 * A known OpenAI-compatible host, as data.
 *
 * @param slug the provider slug used in the catalog and in preferences
 * @param name the display name
 * @param baseUrl the API root the chat path is appended to
 * @param auth how the key is sent
 * @param dialect the wire differences
 * @param needsKey whether the host refuses calls without a key
 */
public record Preset(
    String slug, String name, String baseUrl, AuthStyle auth, OpenAiDialect dialect,
    boolean needsKey) {

  /** Every preset, by slug. */
  public static final Map<String, Preset> ALL = Map.ofEntries(
      entry(new Preset("openai", "OpenAI", "https://api.openai.com/v1", AuthStyle.BEARER,
          OpenAiDialect.OPENAI, true)),
      entry(new Preset("openrouter", "OpenRouter", "https://openrouter.ai/api/v1",
          AuthStyle.BEARER, OpenAiDialect.OPENROUTER, true)),
      entry(new Preset("groq", "Groq", "https://api.groq.com/openai/v1", AuthStyle.BEARER,
          new OpenAiDialect(false, false, false, false, true), true)),
      entry(new Preset("together", "Together", "https://api.together.xyz/v1", AuthStyle.BEARER,
          OpenAiDialect.OPEN_MODELS, true)),
      entry(new Preset("deepseek", "DeepSeek", "https://api.deepseek.com/v1", AuthStyle.BEARER,
          new OpenAiDialect(false, false, false, true, false), true)),
      entry(new Preset("mistral", "Mistral", "https://api.mistral.ai/v1", AuthStyle.BEARER,
          new OpenAiDialect(false, false, false, false, false), true)),
      entry(new Preset("fireworks", "Fireworks", "https://api.fireworks.ai/inference/v1",
          AuthStyle.BEARER, OpenAiDialect.OPEN_MODELS, true)),
      entry(new Preset("xai", "xAI", "https://api.x.ai/v1", AuthStyle.BEARER,
          new OpenAiDialect(false, false, false, true, false), true)),
      entry(new Preset("perplexity", "Perplexity", "https://api.perplexity.ai", AuthStyle.BEARER,
          new OpenAiDialect(false, false, true, false, false), true)),
      entry(new Preset("cerebras", "Cerebras", "https://api.cerebras.ai/v1", AuthStyle.BEARER,
          new OpenAiDialect(false, false, false, true, true), true)),
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
