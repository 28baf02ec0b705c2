/** router4j's normalized chat model and provider SPI. Plain Java, no dependencies. */
// The engine, named in a qualified export, is built after this module.
@SuppressWarnings("module")
module dev.router4j.api {
  exports dev.router4j.api;
  exports dev.router4j.api.catalog;
  exports dev.router4j.api.cost;
  exports dev.router4j.api.error;
  exports dev.router4j.api.routing;
  exports dev.router4j.api.spi;
  // Checks and trusted construction paths for values the engine and the provider adapters
  // build; not API.
  exports dev.router4j.api.internal to dev.router4j.engine, dev.router4j.providers;
}
