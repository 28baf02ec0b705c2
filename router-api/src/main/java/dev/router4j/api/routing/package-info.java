/** Routing preferences a request carries: provider preferences, sorting, price limits. */
package dev.router4j.api.routing;
