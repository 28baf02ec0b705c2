/** Catalog internals: the streaming reader of OpenRouter's catalog JSON and text tables. Not API. */
package dev.router4j.internal.catalog;
