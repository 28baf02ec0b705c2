/**
 * Internals of response healing: the validating scan, the one-pass repairing parser, the
 * document locator and the schema support behind {@link dev.router4j.healing.JsonHealer}.
 * Not an API: anything here may change without notice.
 */
package dev.router4j.internal.healing;
