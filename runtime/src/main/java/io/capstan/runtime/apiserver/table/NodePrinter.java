package io.capstan.runtime.apiserver.table;

import static io.capstan.runtime.apiserver.table.Cells.list;
import static io.capstan.runtime.apiserver.table.Cells.str;
import static io.capstan.runtime.apiserver.table.Columns.AGE;
import static io.capstan.runtime.apiserver.table.Columns.NAME;
import static io.capstan.runtime.apiserver.table.Columns.col;
import static io.capstan.runtime.apiserver.table.Columns.wide;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code kubectl get nodes}: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE
 * KERNEL-VERSION CONTAINER-RUNTIME, as Kubernetes' {@code printNode}: STATUS is {@code Ready},
 * {@code NotReady} or {@code Unknown} (no Ready condition), then {@code ,SchedulingDisabled} when
 * cordoned; ROLES come from {@code node-role.kubernetes.io/<role>} and
 * {@code kubernetes.io/role} labels, sorted, {@code <none>} when none. Stateless.
 */
final class NodePrinter {

  private static final String ROLE_PREFIX = "node-role.kubernetes.io/";
  private static final String ROLE_LABEL = "kubernetes.io/role";

  static final List<TableColumnDefinition> COLUMNS = List.of(NAME,
      col("Status", "string", "The status of the node"),
      col("Roles", "string", "The roles of the node"),
      AGE,
      col("Version", "string", "Kubelet Version reported by the node."),
      wide("Internal-IP", "string", "List of addresses reachable to the node."),
      wide("External-IP", "string", "List of addresses reachable to the node."),
      wide("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 "
          + "(wheezy))."),
      wide("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. "
          + "3.16.0-0.bpo.4-amd64)."),
      wide("Container-Runtime", "string", "ContainerRuntime Version reported by the node through runtime remote API "
          + "(e.g. containerd://1.4.2)."));

  private NodePrinter() {}

  static KindPrinter printer() {
    return TypedPrinter.of(Node.class, COLUMNS, NodePrinter::cells);
  }

  static List<Object> cells(Node node, Instant now) {
    NodeStatus status = node.getStatus() == null ? new NodeStatus() : node.getStatus();
    List<String> states = new ArrayList<>();
    NodeCondition ready = null;
    for (NodeCondition c : list(status.getConditions())) {
      if ("Ready".equals(c.getType())) {
        ready = c; // Kubernetes keys conditions by type in a map: the last one wins
      }
    }
    if (ready != null) {
      states.add("True".equals(ready.getStatus()) ? "Ready" : "NotReady");
    } else {
      states.add("Unknown");
    }
    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      states.add("SchedulingDisabled");
    }
    String roles = String.join(",", roles(Cells.map(node.getMetadata().getLabels())));
    NodeSystemInfo info = status.getNodeInfo() == null ? new NodeSystemInfo() : status.getNodeInfo();
    return Columns.cells(node.getMetadata().getName(), String.join(",", states), roles.isEmpty() ? "<none>" : roles,
        Ages.since(node.getMetadata().getCreationTimestamp(), now), str(info.getKubeletVersion()),
        address(status, "InternalIP"), address(status, "ExternalIP"), unknownIfEmpty(info.getOsImage()),
        unknownIfEmpty(info.getKernelVersion()), unknownIfEmpty(info.getContainerRuntimeVersion()));
  }

  /** {@code findNodeRoles}: the sorted role names of a node's labels. */
  static TreeSet<String> roles(Map<String, String> labels) {
    TreeSet<String> roles = new TreeSet<>();
    labels.forEach((k, v) -> {
      if (k.startsWith(ROLE_PREFIX) && k.length() > ROLE_PREFIX.length()) {
        roles.add(k.substring(ROLE_PREFIX.length()));
      } else if (k.equals(ROLE_LABEL) && v != null && !v.isEmpty()) {
        roles.add(v);
      }
    });
    return roles;
  }

  private static String address(NodeStatus status, String type) {
    for (NodeAddress a : list(status.getAddresses())) {
      if (type.equals(a.getType())) {
        return str(a.getAddress());
      }
    }
    return "<none>";
  }

  private static String unknownIfEmpty(String s) {
    return s == null || s.isEmpty() ? "<unknown>" : s;
  }
}
