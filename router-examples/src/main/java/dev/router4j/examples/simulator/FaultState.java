package dev.router4j.examples.simulator;

import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** The running state of one {@link FaultPlan}: faults injected at run time, script cursor, draws. */
final class FaultState {
  private final FaultPlan plan;
  private final Queue<Fault> injected = new ConcurrentLinkedQueue<>();
  private final AtomicInteger cursor = new AtomicInteger();
  private final SplittableRandom random;

  FaultState(FaultPlan plan) {
    this.plan = plan;
    this.random = new SplittableRandom(plan.seed());
  }

  void inject(Fault fault) {
    injected.add(fault);
  }

  /** The next fault, or null when this plan has nothing to say about this request. */
  Fault next() {
    Fault f = injected.poll();
    if (f != null) {
      return f;
    }
    if (!plan.script().isEmpty()) {
      int i = cursor.getAndIncrement();
      if (i < plan.script().size()) {
        return plan.script().get(i);
      }
      cursor.set(plan.script().size()); // keep the cursor from overflowing under long runs
    }
    if (plan.probability() > 0) {
      synchronized (random) {
        if (random.nextDouble() < plan.probability()) {
          return plan.choices().get(random.nextInt(plan.choices().size()));
        }
      }
    }
    return null;
  }
}
