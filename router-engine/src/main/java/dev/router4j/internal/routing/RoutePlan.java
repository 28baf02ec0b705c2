package dev.router4j.internal.routing;

import java.util.List;

/**
 * The ordered attempts for one call, and every endpoint left out with its reason.
 *
 * @param steps the attempts, in order; never empty
 * @param exclusions one line per excluded endpoint: {@code tag:model — reason}
 */
public record RoutePlan(List<Step> steps, List<String> exclusions) {}
