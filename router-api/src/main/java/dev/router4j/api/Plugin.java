package dev.router4j.api;

import dev.router4j.api.internal.Checks;
import java.util.Map;

/**
 * A request plugin ({@code plugins[]}): {@code web}, {@code response-healing},
 * {@code context-compression}, {@code file-parser}, {@code auto-router}, or another id.
 *
 * @param id the plugin id
 * @param enabled false to turn off a default, or null
 * @param config the plugin's other fields (for example {@code max_results}, {@code pdf})
 */
public record Plugin(String id, Boolean enabled, Map<String, Object> config) {
  /** The web-search plugin id. */
  public static final String WEB = "web";
  /** The response-healing plugin id. */
  public static final String RESPONSE_HEALING = "response-healing";
  /** The context-compression plugin id (formerly the {@code middle-out} transform). */
  public static final String CONTEXT_COMPRESSION = "context-compression";
  /** The file-parser plugin id. */
  public static final String FILE_PARSER = "file-parser";

  /** Checks and copies the fields. */
  public Plugin {
    Checks.required(id, "plugins[].id");
    Checks.notBlank(id, "plugins[].id");
    config = Checks.jsonObject(config);
  }

  /** A plugin with no configuration. */
  public static Plugin of(String id) {
    return new Plugin(id, null, null);
  }

  /** Whether the plugin is on (it is unless {@code enabled} is false). */
  public boolean isEnabled() {
    return !Boolean.FALSE.equals(enabled);
  }
}
