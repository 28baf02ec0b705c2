/**
 * The Gemini API adapter (protocol {@code gemini}): request writer, schema conversion, reply and
 * stream decoding, and embeddings. Internal: not exported.
 */
package dev.router4j.providers.internal.gemini;
