/** Exact money: the cost of a generation and its breakdown. */
package dev.router4j.api.cost;
