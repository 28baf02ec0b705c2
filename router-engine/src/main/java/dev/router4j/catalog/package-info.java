/**
 * The model catalog: {@link dev.router4j.catalog.Catalog} (models, the endpoints that serve
 * them, exact prices, limits and statistics priors, indexed for the planner),
 * {@link dev.router4j.catalog.CatalogQuery} (the model browser) and
 * {@link dev.router4j.catalog.Comparison} (one model's providers side by side).
 *
 * <p>{@link dev.router4j.catalog.Catalog#bundled()} is a snapshot of real models and list
 * prices; catalogs are also read from OpenRouter's {@code /api/v1/models} and endpoints JSON
 * and changed from code.
 */
package dev.router4j.catalog;
