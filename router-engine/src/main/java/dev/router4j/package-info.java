/**
 * The router: {@link dev.router4j.Router} and its builder, the one entry point of router4j.
 */
package dev.router4j;
