/**
 * The loopback provider simulator: simulated OpenAI, Anthropic and Gemini providers served from
 * this JVM on 127.0.0.1, for the tour, the benchmarks and the tests.
 *
 * <p>Entry point: {@link dev.router4j.examples.simulator.LoopbackSimulator#builder()}. A
 * provider ({@link dev.router4j.examples.simulator.ProviderSpec}) speaks one
 * {@link dev.router4j.examples.simulator.Protocol} and serves models
 * ({@link dev.router4j.examples.simulator.ModelSpec}) whose timing, text, prices and
 * {@link dev.router4j.examples.simulator.Fault faults} are configured per endpoint.
 *
 * <p>Paths, under {@code http://127.0.0.1:PORT}:
 * <ul>
 *   <li>OpenAI: {@code POST /{provider}/v1/chat/completions}, key as {@code Authorization:
 *       Bearer} (or {@code api-key});</li>
 *   <li>Anthropic: {@code POST /{provider}/v1/messages}, {@code x-api-key} and
 *       {@code anthropic-version} required;</li>
 *   <li>Gemini: {@code POST /{provider}/v1beta/models/{model}:generateContent} and
 *       {@code :streamGenerateContent?alt=sse}, key as {@code x-goog-api-key} or {@code ?key=}.</li>
 * </ul>
 *
 * <p>A wrong key is refused as the real service refuses it: OpenAI and Anthropic answer 401;
 * Gemini answers 400 {@code INVALID_ARGUMENT} with reason {@code API_KEY_INVALID} (403
 * {@code PERMISSION_DENIED} when no key is sent). Tokens are counted roughly: prompt tokens are
 * the prompt's characters divided by four, completion tokens are the words (or JSON pieces)
 * generated.
 */
package dev.router4j.examples.simulator;
