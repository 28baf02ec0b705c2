/**
 * Response healing: turns what a language model wrote into the one strict JSON document it
 * meant, or says clearly that no honest repair exists.
 *
 * <p>{@link dev.router4j.healing.JsonHealer} finds the document (markdown fences, prose,
 * XML-ish tags, reasoning blocks and chat-template tokens are wrapping), repairs its syntax in
 * one forward pass, closes output cut by a token limit, and, given a JSON Schema, applies only
 * lossless coercions before validating the result. Strictly valid input without a schema comes
 * back as the very same string. Every digit of every number is kept.
 *
 * <p>What cannot be healed raises {@link dev.router4j.healing.UnrecoverableOutputException}
 * with a {@link dev.router4j.healing.UnrecoverableOutputException.Reason}.
 * {@link dev.router4j.healing.JsonSchemaValidator} validates JSON against the schema subset
 * that structured outputs use, on its own.
 */
package dev.router4j.healing;
