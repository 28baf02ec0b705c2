/**
 * Workspaces: per-tenant defaults and limits for the router.
 *
 * <ul>
 *   <li>{@link dev.router4j.workspace.Workspace} holds a tenant's default model and provider
 *       preferences, its {@link dev.router4j.workspace.Guardrails}, its
 *       {@link dev.router4j.workspace.SpendCap spend caps} and
 *       {@link dev.router4j.workspace.RateLimit rate limits}, and whether prompts may be kept.</li>
 *   <li>Spend caps reset at UTC boundaries ({@link dev.router4j.workspace.BudgetPeriod}) and
 *       report their alert thresholds to a {@link dev.router4j.workspace.SpendListener}.</li>
 *   <li>A call refused by a cap fails with {@link dev.router4j.api.error.BudgetExceededException};
 *       one refused by a rate limit with {@link dev.router4j.workspace.RateLimitExceededException}
 *       ({@code RATE_LIMITED}, with the wait in {@code retryAfter()}).</li>
 * </ul>
 *
 * <p>All values are immutable, validated when built (an {@link IllegalArgumentException} names
 * the field), and safe to share between threads.
 */
package dev.router4j.workspace;
