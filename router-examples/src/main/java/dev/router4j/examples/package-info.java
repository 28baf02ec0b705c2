/** Runnable examples of router4j, one per feature, and (soon) the tour on a loopback simulator. */
package dev.router4j.examples;
