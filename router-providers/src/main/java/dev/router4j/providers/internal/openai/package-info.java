/**
 * OpenAI's Chat Completions protocol ({@code openai-chat}) for api.openai.com, Azure OpenAI and
 * every compatible host: the request writer, the reply and chunk readers, the stream call,
 * embeddings, and the per-host differences as data ({@link
 * dev.router4j.providers.internal.openai.OpenAiDialect}, {@link
 * dev.router4j.providers.internal.openai.Preset}, {@link
 * dev.router4j.providers.internal.openai.OpenAiRoutes}). Not exported.
 */
package dev.router4j.providers.internal.openai;
