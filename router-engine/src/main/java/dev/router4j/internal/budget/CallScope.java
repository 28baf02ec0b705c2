package dev.router4j.internal.budget;

import java.util.Map;
import java.util.Objects;

/**
 * Who a call (or one attempt of it) is made for: the workspace, the label of the provider key
 * that pays for the attempt, the end user and the tags. It selects the spend caps and rate
 * limits that apply. Any field may be null; tags are never null.
 *
 * <p>The key label is only known once an attempt has picked its key, so the router builds one
 * scope per call and derives one per attempt with {@link #withKeyLabel(String)}.
 *
 * @param workspace the workspace's name, or null for none (only router-wide limits apply)
 * @param keyLabel the label of the provider key that pays, never the secret; or null
 * @param user the end user, or null
 * @param tags free-form labels, e.g. {@code feature=summaries}
 */
public record CallScope(String workspace, String keyLabel, String user, Map<String, String> tags) {
  /** No workspace, key, user or tags. */
  public static final CallScope NONE = new CallScope(null, null, null, Map.of());

  /** Copies the tags. */
  public CallScope {
    if (tags == null || tags.isEmpty()) {
      tags = Map.of();
    } else {
      for (Map.Entry<String, String> e : tags.entrySet()) {
        Objects.requireNonNull(e.getKey(), "tag key");
        Objects.requireNonNull(e.getValue(), () -> "value of tag " + e.getKey());
      }
      tags = Map.copyOf(tags);
    }
  }

  /** The scope of a call in the workspace, with no key, user or tags. */
  public static CallScope of(String workspace) {
    return new CallScope(workspace, null, null, Map.of());
  }

  /** This scope for an attempt paid with the key of the given label. */
  public CallScope withKeyLabel(String label) {
    return Objects.equals(label, keyLabel) ? this : new CallScope(workspace, label, user, tags);
  }

  /** This scope for the given end user. */
  public CallScope withUser(String user) {
    return new CallScope(workspace, keyLabel, user, tags);
  }

  /** This scope with the given tags. */
  public CallScope withTags(Map<String, String> tags) {
    return new CallScope(workspace, keyLabel, user, tags);
  }
}
