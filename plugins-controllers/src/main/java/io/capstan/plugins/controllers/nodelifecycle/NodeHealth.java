package io.capstan.plugins.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading a node's health from its Lease and conditions, and the taints that express it. */
final class NodeHealth {

  static final String UNREACHABLE = "node.kubernetes.io/unreachable";
  static final String NOT_READY = "node.kubernetes.io/not-ready";
  static final List<String> CONDITIONS = List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");

  private NodeHealth() {}

  /** The later of the Lease's renewTime and the Ready condition's heartbeat; creation when neither. */
  static Instant lastHeartbeat(Node node, Optional<Lease> lease) {
    Instant last = Instant.EPOCH;
    Optional<NodeCondition> ready = condition(node, "Ready");
    if (ready.isPresent()) {
      Optional<Instant> beat = parse(ready.get().getLastHeartbeatTime());
      if (beat.isPresent() && beat.get().isAfter(last)) {
        last = beat.get();
      }
    }
    if (lease.isPresent() && lease.get().getSpec() != null && lease.get().getSpec().getRenewTime() != null) {
      Instant renew = lease.get().getSpec().getRenewTime().toInstant();
      if (renew.isAfter(last)) {
        last = renew;
      }
    }
    return last.equals(Instant.EPOCH) ? parse(node.getMetadata().getCreationTimestamp()).orElse(last) : last;
  }

  static Optional<NodeCondition> condition(Node node, String type) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return node.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static String readyStatus(Node node) {
    return condition(node, "Ready").map(NodeCondition::getStatus).orElse("Unknown");
  }

  static Optional<Instant> parse(String time) {
    if (time == null || time.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(time));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static List<Taint> taints(Node node) {
    return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
  }

  /** The node's taints with {@code key}'s NoExecute and NoSchedule taints present or absent. */
  static List<Taint> withTaint(List<Taint> taints, String key, boolean present, String now) {
    List<Taint> out = new ArrayList<>();
    for (Taint t : taints) {
      if (!key.equals(t.getKey())) {
        out.add(t);
      }
    }
    if (present) {
      for (String effect : List.of("NoSchedule", "NoExecute")) {
        Taint existing = taints.stream().filter(t -> key.equals(t.getKey()) && effect.equals(t.getEffect())).findFirst().orElse(null);
        if (existing != null) {
          out.add(existing);
        } else {
          Taint t = new Taint();
          t.setKey(key);
          t.setEffect(effect);
          if (effect.equals("NoExecute")) {
            t.setTimeAdded(now);
          }
          out.add(t);
        }
      }
    }
    return out;
  }
}
