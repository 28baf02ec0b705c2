/**
 * Enforcement of the workspaces' spend caps and rate limits.
 *
 * <ul>
 *   <li>{@link dev.router4j.internal.budget.SpendGuard}: reserves each attempt's worst-case cost
 *       ({@link dev.router4j.internal.budget.WorstCase}) against every applicable cap, then
 *       settles it with the actual cost; caps cannot be overshot by concurrent requests.</li>
 *   <li>{@link dev.router4j.internal.budget.RateGate}: token buckets for requests and tokens per
 *       minute, waiting up to a bound or failing with {@code RATE_LIMITED} and the wait.</li>
 *   <li>{@link dev.router4j.internal.budget.CallScope}: who a call is for, selecting both.</li>
 * </ul>
 *
 * <p>Per attempt, the router calls, in order:
 * <pre>{@code
 * CallScope scope = callScope.withKeyLabel(key.label());
 * Reservation r = guard.reserve(scope, WorstCase.cost(endpoint, promptTokens, maxTokens));
 * try {
 *   gate.acquire(scope, endpoint.provider(), endpoint.model(), promptTokens + completionTokens);
 *   ... send the attempt ...
 *   guard.settle(r, cost);                       // the attempt answered (null cost: worst case)
 *   gate.reconcile(scope, provider, model, estimated, usage.total());
 * } finally {
 *   guard.release(r);                            // nothing after a settlement
 * }
 * }</pre>
 */
package dev.router4j.internal.budget;
