/**
 * Internals of the OpenRouter JSON codec ({@link dev.router4j.json.ChatJson}): streaming
 * readers and writers over Moshi's {@code JsonReader}/{@code JsonWriter}. Not part of the API.
 */
package dev.router4j.internal.json;
