package dev.router4j.benchmarks;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.spi.Provider;
import dev.router4j.catalog.Catalog;
import dev.router4j.internal.routing.EndpointRegistry;
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
 * Building the 400-model × 60-provider catalog of {@link PlanningCatalogs} from its models and
 * endpoints ({@code Catalog.builder()...build()}), then the endpoint registry a router indexes
 * it into at {@code Router.build} time. Mean time per build, in milliseconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class CatalogBuildBenchmark {
  /** The catalog's shape. */
  @Param({"sparse", "dense"})
  public String shape;

  private List<Model> models;
  private List<Endpoint> endpoints;
  private List<Provider> providers;

  /** Generates the models, endpoints and providers. */
  @Setup
  public void setup() {
    models = PlanningCatalogs.models();
    endpoints = PlanningCatalogs.endpoints(shape);
    providers = PlanningCatalogs.providers();
  }

  /** Builds the catalog and its registry. */
  @Benchmark
  public EndpointRegistry build() {
    Catalog catalog = PlanningCatalogs.catalog(models, endpoints);
    return PlanningCatalogs.registry(catalog, providers);
  }
}
