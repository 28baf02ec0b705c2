package dev.router4j.api.catalog;

import dev.router4j.api.internal.Checks;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model as the catalog knows it, independent of who serves it.
 *
 * @param id the slug, for example {@code openai/gpt-4.1}
 * @param canonicalSlug the permanent slug, or null (then {@code id})
 * @param name the display name
 * @param created when it was released, in Unix seconds, or 0
 * @param description a description, or null
 * @param contextLength the largest context any endpoint offers
 * @param inputModalities what it takes: {@code text}, {@code image}, {@code file}, {@code audio}
 * @param outputModalities what it produces
 * @param tokenizer the tokenizer family, or null
 * @param supportedParameters the parameters some endpoint honours
 * @param defaultParameters default sampling values, or empty
 * @param distillable whether its output may be used to train other models
 */
public record Model(
    String id,
    String canonicalSlug,
    String name,
    long created,
    String description,
    int contextLength,
    List<String> inputModalities,
    List<String> outputModalities,
    String tokenizer,
    Set<String> supportedParameters,
    Map<String, Object> defaultParameters,
    boolean distillable) {

  /** Checks and copies the fields. */
  public Model {
    Checks.required(id, "id");
    if (canonicalSlug == null) {
      canonicalSlug = id;
    }
    if (name == null) {
      name = id;
    }
    inputModalities = inputModalities == null ? List.of("text") : List.copyOf(inputModalities);
    outputModalities = outputModalities == null ? List.of("text") : List.copyOf(outputModalities);
    supportedParameters = supportedParameters == null ? Set.of() : Set.copyOf(supportedParameters);
    defaultParameters = Checks.jsonObject(defaultParameters);
  }

  /** A text model with the given slug and context window. */
  public static Model of(String id, int contextLength) {
    return new Model(id, null, null, 0, null, contextLength, null, null, null, null, null, false);
  }

  /** Whether it takes images. */
  public boolean acceptsImages() {
    return inputModalities.contains("image");
  }
}
