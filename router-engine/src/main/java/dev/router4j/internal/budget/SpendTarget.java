package dev.router4j.internal.budget;

import dev.router4j.workspace.SpendCap;
import java.util.Objects;

/**
 * Whose spend a {@link SpendGuard#seed seed} sets: the workspace, or one key label, user or tag
 * value in it. It selects the caps of that scope (for a tag, of that tag key) whose subject is
 * this one, or which count each subject separately.
 *
 * @param workspace the workspace's name
 * @param scope the caps' scope
 * @param tagKey the tag key for {@link SpendCap.Scope#TAG}, else null
 * @param subject the key label, user or tag value; null for {@link SpendCap.Scope#WORKSPACE}
 */
public record SpendTarget(String workspace, SpendCap.Scope scope, String tagKey, String subject) {
  /** Checks that the fields fit the scope. */
  public SpendTarget {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(scope, "scope");
    if ((scope == SpendCap.Scope.TAG) != (tagKey != null)) {
      throw new IllegalArgumentException("a tag key is needed for, and only for, a TAG target");
    }
    if ((scope == SpendCap.Scope.WORKSPACE) != (subject == null)) {
      throw new IllegalArgumentException(
          scope == SpendCap.Scope.WORKSPACE ? "a WORKSPACE target has no subject"
              : "a " + scope + " target needs a subject");
    }
  }

  /** The whole workspace. */
  public static SpendTarget workspace(String workspace) {
    return new SpendTarget(workspace, SpendCap.Scope.WORKSPACE, null, null);
  }

  /** One provider key, by label. */
  public static SpendTarget key(String workspace, String label) {
    return new SpendTarget(workspace, SpendCap.Scope.KEY, null, label);
  }

  /** One end user. */
  public static SpendTarget user(String workspace, String user) {
    return new SpendTarget(workspace, SpendCap.Scope.USER, null, user);
  }

  /** One tag value. */
  public static SpendTarget tag(String workspace, String key, String value) {
    return new SpendTarget(workspace, SpendCap.Scope.TAG, key, value);
  }
}
