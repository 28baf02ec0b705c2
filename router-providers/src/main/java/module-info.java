/** router4j's provider adapters. Only the factories are exported; wire types stay internal. */
module dev.router4j.providers {
  requires transitive dev.router4j.api;
  requires okhttp3;
  requires okio;
  requires com.squareup.moshi;
  requires org.slf4j;
  requires java.logging;

  exports dev.router4j.providers;
}
