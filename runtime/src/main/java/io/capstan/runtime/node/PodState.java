package io.capstan.runtime.node;

import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The agent's memory of one admitted pod: its sandbox, IP, containers and last written status. */
final class PodState {

  final String uid;
  final String namespace;
  final String name;
  final List<ContainerRecord> initContainers;
  final List<ContainerRecord> containers;
  final long cpuMillis;
  final long memoryBytes;
  String sandboxId;
  String ip;
  Instant startTime;
  boolean counted = true;
  boolean terminating;
  boolean failed;
  String failReason = "";
  String failMessage = "";
  PodStatus written;
  /** Each condition's value and last transition time, by type (times shared between pods of one second). */
  final Map<String, Transition> transitions = new HashMap<>(8);

  /** A condition's value since {@code time} (RFC 3339, seconds). */
  record Transition(boolean value, String time) {}

  PodState(String uid, String namespace, String name, List<ContainerRecord> initContainers,
      List<ContainerRecord> containers, long cpuMillis, long memoryBytes) {
    this.uid = uid;
    this.namespace = namespace;
    this.name = name;
    this.initContainers = initContainers;
    this.containers = containers;
    this.cpuMillis = cpuMillis;
    this.memoryBytes = memoryBytes;
  }

  String key() {
    return namespace + "/" + name;
  }

  boolean initDone() {
    return initContainers.stream().allMatch(c -> c.done);
  }

  ContainerRecord byId(String containerId) {
    for (ContainerRecord c : initContainers) {
      if (containerId.equals(c.containerId)) {
        return c;
      }
    }
    for (ContainerRecord c : containers) {
      if (containerId.equals(c.containerId)) {
        return c;
      }
    }
    return null;
  }
}
