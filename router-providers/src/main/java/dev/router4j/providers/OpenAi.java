package dev.router4j.providers;

import dev.router4j.api.spi.Provider;

/**
 * OpenAI's own API (api.openai.com): Chat Completions ({@code openai-chat}) and embeddings.
 *
 * <pre>{@code
 * Router.builder().provider(OpenAi.apiKey(System.getenv("OPENAI_API_KEY")))...
 * }</pre>
 *
 * <p>How the normalized request maps onto Chat Completions, where the two differ:
 *
 * <ul>
 *   <li>the completion limit is sent as {@code max_completion_tokens};
 *   <li>for reasoning models (the o-series and the GPT-5 family, recognised by the upstream
 *       model name, the catalog slug, or an endpoint that lists {@code reasoning} but not
 *       {@code temperature} among its parameters) the reasoning settings become
 *       {@code reasoning_effort} (a token budget maps to the nearest effort, {@code max} to
 *       {@code xhigh}); {@code temperature}, {@code top_p}, the penalties, {@code logprobs},
 *       {@code logit_bias} and {@code stop}, which they reject, are left out; system messages
 *       go as developer messages ({@code o1-mini} and {@code o1-preview} take them as user
 *       messages). Other models get no {@code reasoning_effort};
 *   <li>{@code top_k}, {@code min_p}, {@code top_a} and {@code repetition_penalty}, which
 *       OpenAI does not know, are left out; streams ask for usage with
 *       {@code stream_options.include_usage};
 *   <li>everything else maps one to one: developer messages, images, files (a bare base64
 *       payload becomes a {@code data:} URL), input audio, tools with {@code strict} and
 *       parallel calls, {@code json_object} and strict {@code json_schema} formats, logprobs
 *       (kept as a JSON tree on each choice), refusals, and the usage details (cached, audio,
 *       reasoning and prediction tokens).
 * </ul>
 */
public final class OpenAi {
  private OpenAi() {}

  /** OpenAI with one key, serving the models of the router's catalog. */
  public static Provider apiKey(String key) {
    return builder().apiKey(key).build();
  }

  /** A builder preset for api.openai.com, to add keys, models or a custom client. */
  public static OpenAiCompatible.Builder builder() {
    return OpenAiCompatible.preset("openai");
  }
}
