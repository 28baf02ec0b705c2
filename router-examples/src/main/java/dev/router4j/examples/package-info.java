/**
 * Runnable programs to start with: {@link dev.router4j.examples.Tour}, the narrated tour of every
 * feature, and one short example per feature ({@link dev.router4j.examples.QuickStart},
 * {@link dev.router4j.examples.StreamingExample}, {@link dev.router4j.examples.ToolsExample},
 * {@link dev.router4j.examples.StructuredOutputExample},
 * {@link dev.router4j.examples.FallbacksExample}, {@link dev.router4j.examples.VariantsExample},
 * {@link dev.router4j.examples.BudgetsAndWorkspacesExample},
 * {@link dev.router4j.examples.CustomHostExample}, {@link dev.router4j.examples.CatalogExample}).
 * Each runs against the real providers when their API keys are set and against the loopback
 * simulator otherwise ({@link dev.router4j.examples.Hosts} chooses).
 */
package dev.router4j.examples;
