package io.capstan.spi.scheduler;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A kind of change in the cluster that may make a rejected pod schedulable, registered through
 * {@link EnqueueExtensions}: "a Node was added", "a Node's taints changed", "a Pod was deleted".
 *
 * @param resource the plural resource name, as in the API ({@code nodes}, {@code pods},
 *     {@code persistentvolumeclaims}), or {@link #WILDCARD} for any
 * @param actions which changes; never empty
 */
public record ClusterEvent(String resource, Set<Action> actions) {

  /** Matches every resource. */
  public static final String WILDCARD = "*";

  /** What happened to the object; the UPDATE_* values narrow an update to one part. */
  public enum Action {
    ADD, DELETE, UPDATE, UPDATE_NODE_ALLOCATABLE, UPDATE_NODE_LABEL, UPDATE_NODE_TAINT,
    UPDATE_NODE_CONDITION, UPDATE_POD_LABEL, UPDATE_POD_SCALE_DOWN, UPDATE_POD_TOLERATIONS,
    UPDATE_POD_SCHEDULING_GATES_ELIMINATED
  }

  public ClusterEvent {
    requireNonNull(resource, "resource");
    actions = Set.copyOf(requireNonNull(actions, "actions"));
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("a cluster event needs at least one action");
    }
  }

  public static ClusterEvent of(String resource, Action... actions) {
    return new ClusterEvent(resource, Set.of(actions));
  }

  /**
   * Whether an observed change matches this registration. A plain {@link Action#UPDATE}
   * registration matches every kind of update.
   */
  public boolean matches(String observedResource, Action observedAction) {
    requireNonNull(observedResource, "observedResource");
    requireNonNull(observedAction, "observedAction");
    if (!resource.equals(WILDCARD) && !resource.equals(observedResource)) {
      return false;
    }
    return actions.contains(observedAction)
        || (actions.contains(Action.UPDATE) && observedAction.name().startsWith("UPDATE"));
  }
}
