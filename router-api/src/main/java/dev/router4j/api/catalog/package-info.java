/** Catalog value types: models, the endpoints that serve them, their prices and data policies. */
package dev.router4j.api.catalog;
