/**
 * The router's single unchecked exception tree: {@link dev.router4j.api.error.RouterException}
 * and its subtypes, each with an {@link dev.router4j.api.error.ErrorCategory}.
 */
package dev.router4j.api.error;
