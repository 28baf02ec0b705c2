package dev.router4j.ledger;

import dev.router4j.api.cost.GenerationRecord;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which records a query covers. Every condition that is set must hold; null means "any".
 * Immutable; the {@code with...} methods return a changed copy.
 *
 * @param from the earliest creation time, inclusive, or null
 * @param to the latest creation time, exclusive, or null
 * @param model the model slug, or null
 * @param provider the provider slug, or null
 * @param workspace the workspace, or null
 * @param keyLabel the key label, or null
 * @param user the end user, or null
 * @param tags tags the record must carry with exactly these values (all of them)
 */
public record UsageFilter(
    Instant from,
    Instant to,
    String model,
    String provider,
    String workspace,
    String keyLabel,
    String user,
    Map<String, String> tags) {

  /** No condition: every record. */
  public static final UsageFilter ALL =
      new UsageFilter(null, null, null, null, null, null, null, Map.of());

  /** Copies the tags, sorted by key. */
  public UsageFilter {
    TreeMap<String, String> sorted = new TreeMap<>();
    if (tags != null) {
      for (Map.Entry<String, String> e : tags.entrySet()) {
        sorted.put(Objects.requireNonNull(e.getKey(), "tag key"),
            Objects.requireNonNull(e.getValue(), "tag value"));
      }
    }
    tags = Collections.unmodifiableMap(sorted);
  }

  /** Whether the record meets every condition. */
  public boolean matches(GenerationRecord r) {
    if (from != null && r.createdAt().isBefore(from)) {
      return false;
    }
    if (to != null && !r.createdAt().isBefore(to)) {
      return false;
    }
    if (!same(model, r.model()) || !same(provider, r.provider())
        || !same(workspace, r.workspace()) || !same(keyLabel, r.keyLabel())
        || !same(user, r.user())) {
      return false;
    }
    for (Map.Entry<String, String> e : tags.entrySet()) {
      if (!e.getValue().equals(r.tags().get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** A copy with the given time range (from inclusive, to exclusive; null for open). */
  public UsageFilter withRange(Instant from, Instant to) {
    return new UsageFilter(from, to, model, provider, workspace, keyLabel, user, tags);
  }

  /** A copy with the given model. */
  public UsageFilter withModel(String model) {
    return new UsageFilter(from, to, model, provider, workspace, keyLabel, user, tags);
  }

  /** A copy with the given provider. */
  public UsageFilter withProvider(String provider) {
    return new UsageFilter(from, to, model, provider, workspace, keyLabel, user, tags);
  }

  /** A copy with the given workspace. */
  public UsageFilter withWorkspace(String workspace) {
    return new UsageFilter(from, to, model, provider, workspace, keyLabel, user, tags);
  }

  /** A copy with the given key label. */
  public UsageFilter withKeyLabel(String keyLabel) {
    return new UsageFilter(from, to, model, provider, workspace, keyLabel, user, tags);
  }

  /** A copy with the given user. */
  public UsageFilter withUser(String user) {
    return new UsageFilter(from, to, model, provider, workspace, keyLabel, user, tags);
  }

  /** A copy that also requires the tag {@code key=value}. */
  public UsageFilter withTag(String key, String value) {
    TreeMap<String, String> more = new TreeMap<>(tags);
    more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new UsageFilter(from, to, model, provider, workspace, keyLabel, user, more);
  }

  private static boolean same(String wanted, String actual) {
    return wanted == null || wanted.equals(actual);
  }
}
