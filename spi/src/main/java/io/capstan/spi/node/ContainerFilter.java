package io.capstan.spi.node;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * Which containers {@link ContainerRuntime#listContainers} returns: the CRI's
 * {@code ContainerFilter}. Every present criterion must hold.
 *
 * @param id only this container
 * @param sandboxId only containers of this sandbox
 * @param state only containers in this state
 * @param labels only containers having all these labels with these values
 */
public record ContainerFilter(Optional<String> id, Optional<String> sandboxId,
    Optional<ContainerState> state, Map<String, String> labels) {

  /** Every container. */
  public static final ContainerFilter ALL =
      new ContainerFilter(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

  public ContainerFilter {
    requireNonNull(id, "id");
    requireNonNull(sandboxId, "sandboxId");
    requireNonNull(state, "state");
    labels = Map.copyOf(requireNonNull(labels, "labels"));
  }

  /** The containers of one sandbox. */
  public static ContainerFilter inSandbox(String sandboxId) {
    return new ContainerFilter(Optional.empty(), Optional.of(sandboxId), Optional.empty(), Map.of());
  }

  /** Whether a container passes the filter; runtimes may use it to implement listing. */
  public boolean matches(ContainerStatus status) {
    requireNonNull(status, "status");
    return id.map(status.id()::equals).orElse(true)
        && sandboxId.map(status.sandboxId()::equals).orElse(true)
        && state.map(s -> s == status.state()).orElse(true)
        && labels.entrySet().stream()
            .allMatch(e -> e.getValue().equals(status.labels().get(e.getKey())));
  }
}
