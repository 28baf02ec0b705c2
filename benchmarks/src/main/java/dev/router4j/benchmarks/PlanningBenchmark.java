package dev.router4j.benchmarks;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.Tool;
import dev.router4j.api.error.NoEndpointException;
import dev.router4j.api.routing.DataCollection;
import dev.router4j.api.routing.MaxPrice;
import dev.router4j.api.routing.PercentileCutoffs;
import dev.router4j.api.routing.ProviderPreferences;
import dev.router4j.api.routing.Quantization;
import dev.router4j.api.routing.Sort;
import dev.router4j.internal.routing.Planner;
import dev.router4j.internal.routing.RoutePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Planning alone, no I/O: {@code Planner.plan} (what {@code router.chat} runs before its first
 * attempt) over the 400-model × 60-provider catalog of {@link PlanningCatalogs}.
 *
 * <ul>
 *   <li>{@code exact}: one model slug, no preferences;
 *   <li>{@code full}: three models (fallbacks), a tool, temperature and max tokens, and every
 *       provider preference that filters or orders: ignore, quantizations, data collection
 *       deny, require parameters, max price, preferred minimum throughput, sort by price.
 * </ul>
 *
 * Sample mode: median, p99 and the mean (the score); {@code -prof gc} for B/op.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class PlanningBenchmark {
  /** The catalog's shape. */
  @Param({"sparse", "dense"})
  public String shape;

  /** The request's shape. */
  @Param({"exact", "full"})
  public String request;

  private Planner planner;
  private ChatRequest chat;

  /** Builds the catalog, the registry and the planner, and picks the request. */
  @Setup
  public void setup() {
    planner = PlanningCatalogs.planner(PlanningCatalogs.registry(
        PlanningCatalogs.catalog(PlanningCatalogs.models(), PlanningCatalogs.endpoints(shape)),
        PlanningCatalogs.providers()));
    if (request.equals("exact")) {
      chat = ChatRequest.builder().model(PlanningCatalogs.model(123)).user(BenchFleet.PROMPT)
          .build();
    } else if (request.equals("full")) {
      // Three models that each keep at least one endpoint under the preferences.
      List<String> models = new ArrayList<>();
      for (int i = 100; models.size() < 3 && i < PlanningCatalogs.MODELS; i++) {
        try {
          planner.plan(full(List.of(PlanningCatalogs.model(i))));
          models.add(PlanningCatalogs.model(i));
        } catch (NoEndpointException e) {
          // filtered out entirely: try the next model
        }
      }
      chat = full(models);
    } else {
      throw new IllegalArgumentException("request must be exact or full: " + request);
    }
    RoutePlan plan = plan();
    if (plan.steps().isEmpty()) {
      throw new IllegalStateException("empty plan");
    }
  }

  static ChatRequest full(List<String> models) {
    return ChatRequest.builder().models(models)
        .system("You are terse.")
        .user(BenchFleet.PROMPT)
        .temperature(0.3)
        .maxTokens(512)
        .tools(Tool.function("lookup", "Looks a river up",
            "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}"))
        .provider(ProviderPreferences.builder()
            .ignore(PlanningCatalogs.provider(3), PlanningCatalogs.provider(4))
            .quantizations(Quantization.FP8, Quantization.BF16, Quantization.FP16,
                Quantization.INT8)
            .dataCollection(DataCollection.DENY)
            .requireParameters(true)
            .maxPrice(MaxPrice.perMillionTokens("4", "20"))
            .preferredMinThroughput(PercentileCutoffs.of(30.0))
            .sort(Sort.PRICE)
            .build())
        .build();
  }

  /** Plans the request. */
  @Benchmark
  public RoutePlan plan() {
    return planner.plan(chat);
  }
}
