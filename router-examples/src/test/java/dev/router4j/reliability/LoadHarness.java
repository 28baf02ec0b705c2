package dev.router4j.reliability;

/**
 * The load scenario as a plain program, for figures at other sizes:
 *
 * <pre>
 * java -cp "$(cat cp.txt):router-examples/target/test-classes:router-examples/target/classes" \
 *     dev.router4j.reliability.LoadHarness 10000 0.10 [runs]
 * </pre>
 *
 * (see RELIABILITY.md for how to get {@code cp.txt}). It prints one figures table per run.
 */
public final class LoadHarness {
  private LoadHarness() {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    double rate = args.length > 1 ? Double.parseDouble(args[1]) : 0.10;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    for (int i = 0; i < runs; i++) {
      LoadScenario.Figures f = LoadScenario.run(requests, rate, 20260101L + i);
      System.out.println("run " + (i + 1) + " of " + runs + "\n" + f.table());
    }
    System.exit(0);
  }
}
