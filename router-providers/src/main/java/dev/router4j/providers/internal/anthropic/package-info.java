/**
 * Anthropic's Messages protocol ({@code anthropic-messages}): the adapter
 * ({@link dev.router4j.providers.internal.anthropic.AnthropicMessagesAdapter}), the request
 * mapping, the reply reader and the stream decoder. Internal: not exported; use
 * {@link dev.router4j.providers.Anthropic}.
 */
package dev.router4j.providers.internal.anthropic;
