/** router4j's engine: the Router, planning, attempts, healing, cost and the JSON codec. */
module dev.router4j.engine {
  requires transitive dev.router4j.api;
  requires com.squareup.moshi;
  requires transitive okio;
  requires dev.failsafe.core;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;
  requires java.sql;
  requires jtokkit;

  exports dev.router4j;
  exports dev.router4j.json;
  exports dev.router4j.healing;
  exports dev.router4j.catalog;
  exports dev.router4j.workspace;
  exports dev.router4j.ledger;
}
