package dev.router4j.examples.simulator;

import java.util.List;
import java.util.Map;

/** What the simulator needs from a request, read out of any of the three protocols. */
final class WireRequest {
  /** How the request constrains tool use. */
  enum ToolMode { AUTO, NONE, REQUIRED, NAMED }

  /** A tool the request offers. */
  record ToolDef(String name, Map<String, Object> schema) {}

  /** The model named in the request (for Gemini, in the path). */
  String model;
  boolean stream;
  boolean includeUsage;
  /** All the text of the prompt (system, messages, tools), for counting and seeding. */
  String promptText = "";
  List<ToolDef> tools = List.of();
  ToolMode toolMode = ToolMode.AUTO;
  String namedTool;
  boolean parallelToolCalls = true;
  boolean lastIsToolResult;
  /** The request's output limit, or null. */
  Integer maxTokens;
  /** Whether JSON output was asked for. */
  boolean json;
  /** The JSON schema asked for, or null. */
  Map<String, Object> jsonSchema;
  /** Whether any block carries Anthropic cache_control markup. */
  boolean cacheControl;
  /** A protocol-level complaint to answer with 400 (missing required field), or null. */
  String invalid;
}
