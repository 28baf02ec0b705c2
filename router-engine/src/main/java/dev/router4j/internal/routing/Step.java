package dev.router4j.internal.routing;

/**
 * One planned attempt: the route to call and the request to send it (the call's request, or
 * a variant of it when the model's suffix changed something, such as {@code :thinking}).
 *
 * @param route the endpoint and its provider
 * @param request the request for this endpoint
 */
public record Step(Route route, dev.router4j.api.ChatRequest request) {}
