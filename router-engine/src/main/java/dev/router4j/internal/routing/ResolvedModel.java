package dev.router4j.internal.routing;

import java.util.EnumSet;
import java.util.Set;

/**
 * A model slug split into the catalog slug to plan over and the routing variants it asked for.
 *
 * @param requested the slug as the request gave it, e.g. {@code openai/gpt-4.1:floor}
 * @param slug the catalog slug to look up, e.g. {@code openai/gpt-4.1}
 * @param variants the dynamic variants applied on top
 */
public record ResolvedModel(String requested, String slug, Set<Variant> variants) {
  /** Copies the variants. */
  public ResolvedModel {
    variants = variants.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(variants));
  }

  /** Whether the variant was asked for. */
  public boolean has(Variant v) {
    return variants.contains(v);
  }
}
