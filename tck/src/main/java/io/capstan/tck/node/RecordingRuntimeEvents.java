package io.capstan.tck.node;

import io.capstan.spi.node.ContainerRuntimeEvents;
import io.capstan.spi.node.ContainerState;
import io.capstan.spi.node.ContainerStatus;
import io.capstan.spi.node.PodSandboxStatus;
import java.util.ArrayList;
import java.util.List;

/** Records every event a runtime pushes, in delivery order, for the conformance tests. */
public final class RecordingRuntimeEvents implements ContainerRuntimeEvents {

  /** One recorded event: what happened and to which id. */
  public record Event(String kind, String id, String detail) {}

  private final List<Event> events = new ArrayList<>();
  private final List<ContainerStatus> statuses = new ArrayList<>();

  @Override
  public synchronized void containerChanged(ContainerStatus status) {
    events.add(new Event("container", status.id(), status.state().name()));
    statuses.add(status);
  }

  @Override
  public synchronized void containerRemoved(String containerId, String sandboxId) {
    events.add(new Event("container-removed", containerId, sandboxId));
  }

  @Override
  public synchronized void sandboxChanged(PodSandboxStatus status) {
    events.add(new Event("sandbox", status.id(), status.state().name()));
  }

  @Override
  public synchronized void sandboxRemoved(String sandboxId) {
    events.add(new Event("sandbox-removed", sandboxId, ""));
  }

  public synchronized List<Event> all() {
    return List.copyOf(events);
  }

  /** The states a container went through, in order, without repeats. */
  public synchronized List<ContainerState> statesOf(String containerId) {
    List<ContainerState> out = new ArrayList<>();
    for (ContainerStatus s : statuses) {
      if (s.id().equals(containerId) && (out.isEmpty() || out.get(out.size() - 1) != s.state())) {
        out.add(s.state());
      }
    }
    return out;
  }

  /** The last status pushed for a container. */
  public synchronized java.util.Optional<ContainerStatus> lastOf(String containerId) {
    for (int i = statuses.size() - 1; i >= 0; i--) {
      if (statuses.get(i).id().equals(containerId)) {
        return java.util.Optional.of(statuses.get(i));
      }
    }
    return java.util.Optional.empty();
  }

  public synchronized boolean has(String kind, String id) {
    return events.stream().anyMatch(e -> e.kind().equals(kind) && e.id().equals(id));
  }
}
