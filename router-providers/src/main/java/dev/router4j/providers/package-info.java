/**
 * Provider factories: {@link dev.router4j.providers.OpenAi} and
 * {@link dev.router4j.providers.OpenAiCompatible} (presets and custom hosts). Each builds a
 * {@link dev.router4j.api.spi.Provider} to register with the router.
 */
package dev.router4j.providers;
