package dev.router4j;

/**
 * Counters since the router was built, for a metrics library to read.
 *
 * @param calls calls started (blocking, async and streamed)
 * @param succeeded calls that returned an answer
 * @param failed calls that ended with an error
 * @param attempts attempts made at endpoints
 * @param retries attempts repeated on the same endpoint
 * @param fallbacks moves to another endpoint or model
 * @param healed answers the router repaired
 */
public record RouterMetrics(
    long calls, long succeeded, long failed, long attempts, long retries, long fallbacks,
    long healed) {}
