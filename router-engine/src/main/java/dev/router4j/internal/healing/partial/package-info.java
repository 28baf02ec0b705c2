/**
 * Internals of {@link dev.router4j.healing.PartialJsonReader}: a push parser that reads a JSON
 * document one character at a time, and the immutable views it hands out. Not exported.
 */
package dev.router4j.internal.healing.partial;
