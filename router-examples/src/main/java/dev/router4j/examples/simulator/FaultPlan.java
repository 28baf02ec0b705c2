package dev.router4j.examples.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which fault each request meets: first the scripted faults, one per request in order; once
 * the script is used up, with probability {@code probability} one of {@code choices} drawn
 * from a random source seeded with {@code seed}; otherwise {@link Fault#ok()}. Immutable; each
 * started simulator consumes its own copy of the plan.
 *
 * @param script the faults for the first requests, in order
 * @param probability the chance, 0 to 1, that a request after the script meets a random fault
 * @param seed the seed of the random draws
 * @param choices the faults a random draw picks from, uniformly
 */
public record FaultPlan(List<Fault> script, double probability, long seed, List<Fault> choices) {

  /** No faults: every request is answered normally. */
  public static final FaultPlan NONE = new FaultPlan(List.of(), 0, 0, List.of());

  /**
   * Checks and copies the fields.
   *
   * @throws IllegalArgumentException for a probability outside 0..1, or a positive probability
   *     without choices
   */
  public FaultPlan {
    script = List.copyOf(Objects.requireNonNull(script, "script"));
    choices = List.copyOf(Objects.requireNonNull(choices, "choices"));
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be within 0..1, was " + probability);
    }
    if (probability > 0 && choices.isEmpty()) {
      throw new IllegalArgumentException("a positive fault probability needs at least one fault");
    }
  }

  /** A plan that plays the given faults in order, then answers normally. */
  public static FaultPlan script(Fault... faults) {
    return new FaultPlan(Arrays.asList(faults.clone()), 0, 0, List.of());
  }

  /** A copy that, after its script, meets one of {@code choices} with the given probability. */
  public FaultPlan withRandom(double probability, long seed, Fault... choices) {
    return new FaultPlan(script, probability, seed, Arrays.asList(choices.clone()));
  }

  /** A copy with the given script. */
  public FaultPlan withScript(Fault... faults) {
    return new FaultPlan(Arrays.asList(faults.clone()), probability, seed, choices);
  }

  /** Whether the plan never faults. */
  public boolean isEmpty() {
    return script.isEmpty() && probability == 0;
  }
}
