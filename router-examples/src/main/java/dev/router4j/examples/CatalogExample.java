package dev.router4j.examples;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.catalog.Catalog;
import dev.router4j.catalog.CatalogQuery;
import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * The catalog: the models and endpoints the router plans over, with exact prices. Load one (the
 * bundled snapshot, or a file: OpenRouter's {@code /api/v1/models} and {@code .../endpoints}
 * dumps load as they are), query it like OpenRouter's model browser, compare a model's
 * providers side by side, and override what you negotiated or host yourself; then give it to
 * {@code Router.builder().catalog(...)}. No network and no key needed.
 *
 * <p>Usage: {@code CatalogExample [catalog.json]}.
 */
public final class CatalogExample {
  private CatalogExample() {}

  /** Loads, queries, compares and overrides. */
  public static void main(String[] args) {
    Catalog catalog = args.length > 0 ? Catalog.load(Path.of(args[0])) : Catalog.bundled();
    System.out.println(catalog);

    System.out.println("Cheapest models with tools, structured output and 100k context:");
    for (Model m : catalog.query().supports("tools", "structured_outputs").minContext(100_000)
        .maxPromptPrice(new BigDecimal("0.50")).sortBy(CatalogQuery.SortKey.PRICE).limit(5)
        .list()) {
      System.out.println("  " + m.id() + "  (" + m.name() + ")");
    }

    String llama = "meta-llama/llama-3.3-70b-instruct";
    if (!catalog.contains(llama)) {
      return;
    }
    System.out.println(catalog.compare(llama));

    Catalog mine = catalog.toBuilder()
        .pricing("groq:" + llama, Pricing.perMillion("0.50", "0.70")) // negotiated
        .endpoint(Endpoint.builder("my-vllm", llama)                    // self-hosted
            .upstreamModel("meta-llama/Llama-3.3-70B-Instruct")
            .pricing(Pricing.FREE).contextLength(32_768).build())
        .removeProvider("amazon-bedrock")                               // not used here
        .build();
    System.out.println("After the overrides:");
    System.out.println(mine.compare(llama).toTable());
  }
}
