package dev.router4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tour, run in-process on the simulator, judged by what it prints. */
class TourTest {
  private static final List<String> STEPS = List.of("chat", "stream", "tools", "healing",
      "fallback", ":floor", ":nitro", ":free", "models[]", "free router", "auto router", "budget");

  /** {@code N  step  model -> endpoint  prompt+completion  $cost  latency ms  answer}. */
  private static final Pattern STEP_LINE = Pattern.compile(
      "^\\s*(\\d+)  (\\S+(?: router)?)\\s+(\\S+) -> (\\S+)\\s+(\\d+)\\+(\\d+)\\s+\\$([0-9.]+)\\s+"
          + "(\\d+) ms  (.*)$");
  private static final Pattern TABLE_ROW = Pattern.compile(
      "^  (\\S+)\\s+(\\S*)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\$([0-9.]+)$");

  private static String previousSimulate;
  private static Run first;

  private record Run(int status, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  @BeforeAll
  static void runTheTour() {
    previousSimulate = System.setProperty(Hosts.SIMULATE_PROPERTY, "true");
    first = tour("--sim");
  }

  @AfterAll
  static void restore() {
    if (previousSimulate == null) {
      System.clearProperty(Hosts.SIMULATE_PROPERTY);
    } else {
      System.setProperty(Hosts.SIMULATE_PROPERTY, previousSimulate);
    }
  }

  private static Run tour(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setErr(e);
      status = Tour.run(o, args);
    } finally {
      System.setErr(oldErr);
    }
    return new Run(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static List<Matcher> stepLines(Run run) {
    List<Matcher> out = new ArrayList<>();
    for (String line : run.lines()) {
      Matcher m = STEP_LINE.matcher(line);
      if (m.matches()) {
        out.add(m);
      }
    }
    return out;
  }

  /** The detail lines under the step with the given name, up to the next step line. */
  private static List<String> details(Run run, String step) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : run.lines()) {
      Matcher m = STEP_LINE.matcher(line);
      if (m.matches()) {
        in = m.group(2).equals(step);
      } else if (in && line.startsWith(" ".repeat(18))) {
        out.add(line.strip());
      } else if (in && !line.isBlank()) {
        in = false;
      }
    }
    return out;
  }

  @Test
  void theTourEndsNormallyWithEveryStepRun() {
    assertThat(first.status()).as(first.out()).isZero();
    assertThat(first.out()).contains("12 steps: 12 ran, 0 failed, 0 skipped")
        .doesNotContain("FAILED").doesNotContain("skipped:");
  }

  @Test
  void everyStepPrintsOneAlignedLineInOrder() {
    List<Matcher> lines = stepLines(first);
    assertThat(lines).extracting(m -> m.group(2)).containsExactlyElementsOf(STEPS);
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = lines.get(i);
      assertThat(Integer.parseInt(m.group(1))).isEqualTo(i + 1);
      assertThat(m.group(4)).as("endpoint of " + m.group(2)).isNotEqualTo("-");
    }
    List<Integer> latencyColumn = new ArrayList<>();
    for (String line : first.lines()) {
      if (STEP_LINE.matcher(line).matches()) {
        latencyColumn.add(line.indexOf(" ms  "));
      }
    }
    assertThat(latencyColumn).as("the columns line up").containsOnly(latencyColumn.get(0));
    assertThat(first.out()).contains(" #  step ", "model -> endpoint", "tokens", "cost",
        "latency", "answer");
  }

  @Test
  void eachStepShowsWhatItIsAbout() {
    assertThat(details(first, "stream")).anySatisfy(d -> assertThat(d).endsWith("printed as they arrived"));
    assertThat(first.out()).contains("streaming: ");
    assertThat(details(first, "tools")).anySatisfy(d -> assertThat(d)
        .startsWith("the model called get_weather("));
    assertThat(details(first, "healing")).anySatisfy(d -> assertThat(d).startsWith("healed: "));
    assertThat(route(":floor")).isEqualTo("meta-llama/llama-3.3-70b-instruct -> deepinfra/turbo");
    assertThat(route(":nitro")).isEqualTo("meta-llama/llama-3.3-70b-instruct -> cerebras");
    assertThat(route(":free")).endsWith(":free -> together");
    assertThat(route("free router")).contains(":free -> ");
    assertThat(cost(":free")).isEqualByComparingTo("0");
    assertThat(cost("free router")).isEqualByComparingTo("0");
    assertThat(route("models[]")).isEqualTo("openai/gpt-4.1-mini -> openai");
    assertThat(details(first, "models[]")).anySatisfy(d -> assertThat(d)
        .matches("1\\. anthropic\\s+FELL_BACK\\s+PAYMENT HTTP 402\\s+\\d+ ms  anthropic/claude-sonnet-4.5"));
  }

  @Test
  void theFallbackTraceShowsThe503ThenTheSuccess() {
    assertThat(route("fallback")).isEqualTo("meta-llama/llama-3.3-70b-instruct -> together");
    List<String> trace = details(first, "fallback").stream().filter(d -> d.matches("\\d+\\. .*"))
        .toList();
    assertThat(trace).hasSize(3);
    assertThat(trace.get(0)).matches("1\\. groq\\s+RETRIED\\s+PROVIDER_OVERLOADED HTTP 503\\s+\\d+ ms");
    assertThat(trace.get(1)).matches("2\\. groq\\s+FELL_BACK\\s+PROVIDER_OVERLOADED HTTP 503\\s+\\d+ ms");
    assertThat(trace.get(2)).matches("3\\. together\\s+SUCCESS\\s+\\d+ ms");
  }

  @Test
  void theBudgetStepEndsWithTheTypedBudgetError() {
    Matcher budget = step("budget");
    assertThat(budget.group(9)).matches("refused at call \\d+");
    int refusedAt = Integer.parseInt(budget.group(9).replaceAll("\\D", ""));
    assertThat(refusedAt).as("some calls pass before the cap").isGreaterThan(1);
    assertThat(details(first, "budget")).anySatisfy(d -> assertThat(d)
        .contains("was refused before it left the JVM: BudgetExceededException (PAYMENT)"));
    assertThat(details(first, "budget")).anySatisfy(d -> assertThat(d)
        .startsWith("spend cap reached: workspace tour, daily $"));
    assertThat(details(first, "budget")).anySatisfy(d -> assertThat(d)
        .matches("alert: workspace tour, daily \\$[0-9.]+ reached 50% .*"));
  }

  @Test
  void theCostTableSumsExactlyToTheLedgerTotalAndToTheSteps() {
    List<String> lines = first.lines();
    int header = lines.indexOf(lines.stream().filter(l -> l.matches("^  model\\s+provider\\s+"
        + "requests\\s+prompt\\s+completion\\s+cost$")).findFirst().orElseThrow());
    BigDecimal sum = BigDecimal.ZERO;
    long requests = 0;
    Matcher total = null;
    for (String line : lines.subList(header + 1, lines.size())) {
      if (line.isBlank()) {
        break;
      }
      Matcher m = TABLE_ROW.matcher(line);
      if (!m.matches()) {
        assertThat(line.strip()).matches("-+");
        continue;
      }
      if (m.group(1).equals("total")) {
        total = m;
        break;
      }
      sum = sum.add(new BigDecimal(m.group(6)));
      requests += Long.parseLong(m.group(3));
    }
    assertThat(total).as("the total row").isNotNull();
    assertThat(sum).isEqualByComparingTo(new BigDecimal(total.group(6)));
    assertThat(requests).isEqualTo(Long.parseLong(total.group(3)));
    assertThat(new BigDecimal(total.group(6))).isPositive();

    BigDecimal steps = BigDecimal.ZERO;
    for (Matcher m : stepLines(first)) {
      steps = steps.add(new BigDecimal(m.group(7)));
    }
    assertThat(steps).as("every generation belongs to a step")
        .isEqualByComparingTo(new BigDecimal(total.group(6)));
  }

  @Test
  void noStackTraceAndNoWarning() {
    // The router's own INFO lines (spend alerts) may be there, depending on the log set-up.
    assertThat(first.err().lines().filter(l -> !l.matches("\\[[^]]+\\] INFO .*")))
        .as("stderr").isEmpty();
    assertThat(first.out()).doesNotContain("\tat ").doesNotContain("Exception in thread");
  }

  @Test
  void theOutputIsTheSameOnEveryRunButForLatencies() {
    Run second = tour("--sim");
    assertThat(second.status()).isZero();
    assertThat(masked(second.out())).isEqualTo(masked(first.out()));
  }

  @Test
  void badArgumentsAreRefusedWithTheUsage() {
    Run bad = tour("--bogus");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.out()).contains("usage: Tour [--live | --sim]");
    Run live = tour("--live"); // the simulate property hides every key
    assertThat(live.status()).isEqualTo(2);
    assertThat(live.out()).contains("--live needs one of OPENAI_API_KEY");
  }

  private static String masked(String out) {
    return out.replaceAll(" +\\d+ ms", " N ms").replaceAll("in \\d+\\.\\d s", "in N s");
  }

  private static Matcher step(String name) {
    return stepLines(first).stream().filter(m -> m.group(2).equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no line for step " + name + " in\n" + first.out()));
  }

  private static String route(String name) {
    Matcher m = step(name);
    return m.group(3) + " -> " + m.group(4);
  }

  private static BigDecimal cost(String name) {
    return new BigDecimal(step(name).group(7));
  }
}
