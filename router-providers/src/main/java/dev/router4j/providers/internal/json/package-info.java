/** Free-form JSON trees for the adapters. Internal: not exported. */
package dev.router4j.providers.internal.json;
