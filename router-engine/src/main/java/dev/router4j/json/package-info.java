/**
 * The OpenRouter / OpenAI Chat Completions JSON codec: {@link dev.router4j.json.ChatJson}
 * reads and writes requests, responses, stream chunks, usage and free-form JSON trees.
 */
package dev.router4j.json;
