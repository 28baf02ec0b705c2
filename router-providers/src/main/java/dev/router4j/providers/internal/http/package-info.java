/**
 * HTTP plumbing shared by the provider adapters: the non-streamed exchange ({@link
 * dev.router4j.providers.internal.http.ProviderHttp}), the lifecycle of a streamed call over
 * Server-Sent Events ({@link dev.router4j.providers.internal.http.SseStreamCall}) with its
 * incremental reader ({@link dev.router4j.providers.internal.http.SseReader}), and the
 * classifier that turns provider errors into the router's exception tree, without the call's
 * key ({@link dev.router4j.providers.internal.http.ErrorClassifier}). Internal: not exported.
 */
package dev.router4j.providers.internal.http;
