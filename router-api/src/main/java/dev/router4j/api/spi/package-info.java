/**
 * The service-provider interface between the engine and the protocol adapters:
 * {@link dev.router4j.api.spi.ProviderAdapter}, the per-call context, credentials, stream
 * listeners and the injectable ticker.
 */
package dev.router4j.api.spi;
