package dev.router4j;

import java.time.Duration;

/**
 * What the router currently knows of one endpoint it has called: its circuit breaker and the
 * statistics it observed.
 *
 * @param endpointId the endpoint id, {@code tag:model}
 * @param circuit {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
 * @param consecutiveFailures failures counted by the breaker
 * @param reopensIn how long an open circuit stays open, zero otherwise
 * @param lastFailure the category and message of the last failure, or null
 * @param stable whether the endpoint had no significant outage in the last 30 seconds
 * @param uptime5m the share of successful attempts over 5 minutes
 * @param uptime30m the share of successful attempts over 30 minutes
 * @param toolCallSuccess30m the share of answers with usable tool calls over 30 minutes
 * @param latencyP50 median time to first token over 30 minutes, in seconds (NaN when unknown)
 * @param throughputP50 median tokens per second over 30 minutes (NaN when unknown)
 */
public record EndpointHealth(
    String endpointId,
    String circuit,
    int consecutiveFailures,
    Duration reopensIn,
    String lastFailure,
    boolean stable,
    double uptime5m,
    double uptime30m,
    double toolCallSuccess30m,
    double latencyP50,
    double throughputP50) {}
