package dev.router4j.workspace;

/**
 * Hears when spend reaches a cap's alert thresholds (50, 80 and 100 percent by default).
 * Called on the thread that settled the cost, after the guard's locks are released; it should
 * return quickly. An exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface SpendListener {
  /** A cap reached one of its thresholds; once per threshold per period. */
  void onThreshold(SpendAlert alert);
}
