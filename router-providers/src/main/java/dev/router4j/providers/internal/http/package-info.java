/**
 * HTTP plumbing shared by the provider adapters: an incremental Server-Sent Events reader
 * ({@link dev.router4j.providers.internal.http.SseReader}) and the classifier that turns
 * provider errors into the router's exception tree
 * ({@link dev.router4j.providers.internal.http.ErrorClassifier}). Internal: not exported.
 */
package dev.router4j.providers.internal.http;
