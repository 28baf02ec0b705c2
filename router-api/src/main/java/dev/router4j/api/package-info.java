/**
 * router4j's normalized chat model: requests, messages, content parts, tools, output formats,
 * reasoning, responses, stream chunks and usage. Every type is an immutable value; builders
 * validate and name the field that is wrong.
 */
package dev.router4j.api;
