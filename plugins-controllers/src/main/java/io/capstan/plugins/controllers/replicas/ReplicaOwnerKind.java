package io.capstan.plugins.controllers.replicas;

import io.capstan.spi.api.LabelSelectorSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.Optional;

/**
 * What {@link ReplicaSync} needs to know about a kind that keeps N copies of a pod template: a
 * ReplicaSet or a ReplicationController. Read-only on the objects given.
 *
 * @param <T> the owner kind
 */
public interface ReplicaOwnerKind<T extends HasMetadata> {

  Class<T> type();

  /** {@code ReplicaSet} */
  String kind();

  /** {@code apps/v1} */
  String apiVersion();

  /** {@code spec.replicas}, 1 when unset. */
  int replicas(T owner);

  /** The pod selector; an invalid one throws {@link IllegalArgumentException}. */
  LabelSelectorSpec selector(T owner);

  Optional<PodTemplateSpec> template(T owner);

  int minReadySeconds(T owner);

  ReplicaStatus status(T owner);

  /** A copy of {@code owner} with this status (for {@code updateStatus}). */
  T withStatus(T owner, ReplicaStatus status);
}
