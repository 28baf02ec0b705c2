package dev.router4j.examples.simulator;

/**
 * The wire protocol a simulated provider speaks. Each provider of a {@link LoopbackSimulator}
 * lives under its own path prefix, {@code /{provider}}, and answers on that protocol's paths.
 */
public enum Protocol {
  /** OpenAI Chat Completions: {@code POST /{provider}/v1/chat/completions}. */
  OPENAI("/v1"),
  /** Anthropic Messages: {@code POST /{provider}/v1/messages}. */
  ANTHROPIC("/v1"),
  /**
   * Google Gemini: {@code POST /{provider}/v1beta/models/{model}:generateContent} and
   * {@code :streamGenerateContent?alt=sse}.
   */
  GEMINI("/v1beta");

  private final String versionPath;

  Protocol(String versionPath) {
    this.versionPath = versionPath;
  }

  /**
   * The versioned API root under the provider prefix ({@code /v1} or {@code /v1beta}): what an
   * adapter's base URL conventionally ends with, the operation path being appended to it.
   */
  public String versionPath() {
    return versionPath;
  }
}
