package dev.router4j.api;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.internal.Checks;

/**
 * How much the model should think before it answers ({@code reasoning} on the wire). Give an
 * effort or a token budget, not both; {@code enabled} alone means medium effort.
 *
 * @param effort the effort level, or null
 * @param maxTokens the reasoning token budget, or null
 * @param exclude whether to leave the reasoning out of the response, or null
 * @param enabled whether reasoning is on, or null for the model's default
 */
public record Reasoning(Effort effort, Integer maxTokens, Boolean exclude, Boolean enabled) {

  /** Effort levels, with their wire names and their share of a token budget. */
  public enum Effort {
    /** {@code max}. */
    MAX("max", 95),
    /** {@code xhigh}. */
    XHIGH("xhigh", 95),
    /** {@code high}. */
    HIGH("high", 80),
    /** {@code medium}. */
    MEDIUM("medium", 50),
    /** {@code low}. */
    LOW("low", 20),
    /** {@code minimal}. */
    MINIMAL("minimal", 10),
    /** {@code none}: reasoning off. */
    NONE("none", 0);

    private final String wire;
    private final int percent;

    Effort(String wire, int percent) {
      this.wire = wire;
      this.percent = percent;
    }

    /** The wire name. */
    public String wireName() {
      return wire;
    }

    /** The share of the maximum completion budget this effort stands for, in percent. */
    public int budgetPercent() {
      return percent;
    }

    /**
     * The effort with the given wire name.
     *
     * @throws InvalidRequestException if none has it
     */
    public static Effort fromWire(String wire) {
      for (Effort e : values()) {
        if (e.wire.equals(wire)) {
          return e;
        }
      }
      throw new InvalidRequestException("reasoning.effort",
          "unknown effort '" + wire + "' (expected max, xhigh, high, medium, low, minimal or none)");
    }
  }

  /** Checks that effort and max_tokens are not both given. */
  public Reasoning {
    Checks.atLeast(maxTokens, 0, "reasoning.max_tokens");
    if (effort != null && maxTokens != null) {
      throw new InvalidRequestException(
          "reasoning", "give effort or max_tokens, not both (effort=" + effort.wireName()
              + ", max_tokens=" + maxTokens + ")");
    }
  }

  /** Reasoning at the given effort. */
  public static Reasoning effort(Effort effort) {
    return new Reasoning(effort, null, null, null);
  }

  /** Reasoning within a token budget. */
  public static Reasoning maxTokens(int maxTokens) {
    return new Reasoning(null, maxTokens, null, null);
  }

  /** Whether this asks for any reasoning at all. */
  public boolean isOn() {
    if (Boolean.FALSE.equals(enabled) || effort == Effort.NONE) {
      return false;
    }
    return effort != null || (maxTokens != null && maxTokens > 0) || Boolean.TRUE.equals(enabled);
  }
}
