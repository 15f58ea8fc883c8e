package io.capstan.runtime.node;

import io.capstan.spi.node.RuntimeVersion;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The Node and Lease objects a node agent writes, as the kubelet writes them. */
final class NodeObjects {

  /** The namespace of node heartbeat Leases. */
  static final String LEASE_NAMESPACE = "kube-node-lease";

  private NodeObjects() {}

  static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  static Node node(NodeIdentity id, NodeStatus status) {
    return new NodeBuilder()
        .withNewMetadata().withName(id.name()).withLabels(id.labels()).endMetadata()
        .withNewSpec().withPodCIDR(id.podCidr()).withPodCIDRs(id.podCidr()).withTaints(id.taints()).endSpec()
        .withStatus(status)
        .build();
  }

  /** The four conditions a healthy simulated node reports. */
  static List<NodeCondition> healthyConditions(Instant heartbeat, Instant transition) {
    return conditions(heartbeat, transition, false, transition);
  }

  /** The four conditions, MemoryPressure as the eviction manager found it since {@code pressureSince}. */
  static List<NodeCondition> conditions(Instant heartbeat, Instant transition, boolean memoryPressure, Instant pressureSince) {
    List<NodeCondition> conditions = new ArrayList<>();
    conditions.add(memoryPressure
        ? condition("MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available", heartbeat, pressureSince)
        : condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", heartbeat, pressureSince));
    conditions.add(condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", heartbeat, transition));
    conditions.add(condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", heartbeat, transition));
    conditions.add(condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", heartbeat, transition));
    return conditions;
  }

  static NodeCondition condition(String type, String status, String reason, String message, Instant heartbeat,
      Instant transition) {
    NodeCondition c = new NodeCondition();
    c.setType(type);
    c.setStatus(status);
    c.setReason(reason);
    c.setMessage(message);
    c.setLastHeartbeatTime(timestamp(heartbeat));
    c.setLastTransitionTime(timestamp(transition));
    return c;
  }

  static NodeStatus status(NodeIdentity id, RuntimeVersion runtime, List<NodeCondition> conditions) {
    return new NodeStatusBuilder()
        .withCapacity(id.capacity())
        .withAllocatable(id.capacity())
        .withConditions(conditions)
        .withAddresses(new NodeAddress(id.internalIp(), "InternalIP"), new NodeAddress(id.name(), "Hostname"))
        .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint().endDaemonEndpoints()
        .withNewNodeInfo()
            .withArchitecture("amd64").withOperatingSystem("linux").withOsImage("Capstan simulated node")
            .withKernelVersion(System.getProperty("os.version", "unknown"))
            .withContainerRuntimeVersion(runtime.toString()).withKubeletVersion("v1.32.0-capstan")
            .withKubeProxyVersion("v1.32.0-capstan").withMachineID(id.name()).withSystemUUID(id.name()).withBootID(id.name())
        .endNodeInfo()
        .build();
  }

  static Lease lease(NodeIdentity id, Node owner, int durationSeconds, Instant now) {
    ZonedDateTime time = ZonedDateTime.ofInstant(now, ZoneOffset.UTC);
    return new LeaseBuilder()
        .withNewMetadata().withName(id.name()).withNamespace(LEASE_NAMESPACE)
            .addNewOwnerReference().withApiVersion("v1").withKind("Node").withName(id.name())
                .withUid(owner.getMetadata().getUid()).endOwnerReference()
        .endMetadata()
        .withNewSpec().withHolderIdentity(id.name()).withLeaseDurationSeconds(durationSeconds).withRenewTime(time).endSpec()
        .build();
  }
}
