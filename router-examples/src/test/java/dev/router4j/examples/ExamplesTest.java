package dev.router4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.examples.simulator.LoopbackSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example program runs on the simulator, with no key, and prints what it is about. */
class ExamplesTest {
  private static String previousSimulate;

  @BeforeAll
  static void simulate() {
    previousSimulate = System.setProperty(Hosts.SIMULATE_PROPERTY, "true");
  }

  @AfterAll
  static void restore() {
    if (previousSimulate == null) {
      System.clearProperty(Hosts.SIMULATE_PROPERTY);
    } else {
      System.setProperty(Hosts.SIMULATE_PROPERTY, previousSimulate);
    }
  }

  static Stream<Arguments> examples() {
    return Stream.of(
        example("QuickStart", QuickStart::main,
            "[no OPENAI_API_KEY: calling the simulator", " tokens, $", "gpt-4.1-mini SUCCESS"),
        example("StreamingExample", StreamingExample::main,
            "[simulator on 127.0.0.1", " tokens, $", "via openai, finish STOP"),
        example("ToolsExample", ToolsExample::main,
            "the model calls get_weather {\"city\":", "finish STOP, $"),
        example("StructuredOutputExample", StructuredOutputExample::main,
            "{\"city\":", "healed: "),
        example("FallbacksExample", FallbacksExample::main,
            "groq/meta-llama/llama-3.3-70b-instruct RETRIED PROVIDER_OVERLOADED HTTP 503",
            "groq/meta-llama/llama-3.3-70b-instruct FELL_BACK PROVIDER_OVERLOADED HTTP 503",
            "together/meta-llama/llama-3.3-70b-instruct SUCCESS",
            "meta-llama/llama-3.3-70b-instruct via together: "),
        example("VariantsExample", VariantsExample::main,
            ":floor    -> deepinfra/turbo:", ":nitro    -> cerebras:", ":free     -> together:",
            "openrouter/free", "openrouter/auto"),
        example("BudgetsAndWorkspacesExample", BudgetsAndWorkspacesExample::main,
            "call 1: $", "alert: workspace team, daily $0.0003 at 50%",
            "refused before it left the JVM, cap: workspace team, daily $0.0003",
            "workspace team: "),
        example("CustomHostExample", CustomHostExample::main,
            " tokens, $0, via my-vllm at http://127.0.0.1:"),
        example("CatalogExample", CatalogExample::main,
            "Catalog[", "Cheapest models with tools", "deepinfra/turbo", "After the overrides:",
            "my-vllm"));
  }

  private static Arguments example(String name, Consumer<String[]> main, String... expected) {
    return Arguments.of(name, main, List.of(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void runsWithoutKeysAndPrintsWhatItIsAbout(String name, Consumer<String[]> main,
      List<String> expected) {
    long simThreadsBefore = simulatorThreads();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream old = System.out;
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      main.accept(new String[0]);
    } finally {
      System.setOut(old);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    assertThat(text).as(name).contains(expected);
    assertThat(text.lines().count()).as(name + " says something").isGreaterThanOrEqualTo(2);
    assertThat(simulatorThreads()).as(name + " closes the simulators it starts")
        .isLessThanOrEqualTo(simThreadsBefore);
  }

  private static long simulatorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(LoopbackSimulator.THREAD_PREFIX))
        .count();
  }
}
