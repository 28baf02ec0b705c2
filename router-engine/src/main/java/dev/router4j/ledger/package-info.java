/**
 * The usage ledger: every generation the router served, with its tokens, exact cost, timing and
 * attempts, kept for lookups, spend reports and exports.
 *
 * <ul>
 *   <li>{@link dev.router4j.ledger.Ledger} is the SPI and the entry point: {@code record} a
 *       {@link dev.router4j.api.cost.GenerationRecord}, look one up by id, {@code query()} totals
 *       and series, {@code flush()} and {@code close()}.</li>
 *   <li>{@link dev.router4j.ledger.UsageQuery} filters (time range, model, provider, workspace,
 *       key label, user, tags), groups ({@link dev.router4j.ledger.GroupBy}) and exports
 *       (CSV, JSON Lines); results are {@link dev.router4j.ledger.UsageRow}s.</li>
 *   <li>Three implementations: {@link dev.router4j.ledger.Ledger#inMemory(int) in memory}
 *       (bounded, the default), {@link dev.router4j.ledger.Ledger#sqlite(java.nio.file.Path)
 *       SQLite} (one file) and {@link dev.router4j.ledger.Ledger#postgres(String, String, String)
 *       PostgreSQL}. The durable two use {@code java.sql} only; add the JDBC driver
 *       ({@code org.xerial:sqlite-jdbc} or {@code org.postgresql:postgresql}) yourself.</li>
 * </ul>
 *
 * <p>Money is exact everywhere: costs are {@link java.math.BigDecimal}s, stored as decimal text
 * or {@code NUMERIC}, never as floating point, and summed without rounding.
 */
package dev.router4j.ledger;
