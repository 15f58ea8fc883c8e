package io.capstan.plugins.admission.noderestriction;

import io.capstan.spi.admission.AdmissionException;
import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.admission.ValidatingAdmissionPlugin;
import io.capstan.spi.auth.UserInfo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kubernetes' NodeRestriction admission plugin (plugin/pkg/admission/noderestriction, Kubernetes
 * 1.32) for a node agent's credential: a user {@code system:node:NAME} in group
 * {@code system:nodes} may
 *
 * <ul>
 *   <li>create, update and delete only its own Node, and not set labels under
 *       {@code node-restriction.kubernetes.io/};
 *   <li>update the status of pods bound to it, delete pods bound to it, evict them, and create
 *       mirror pods bound to it that reference no ServiceAccount, Secret, ConfigMap or claim;
 *   <li>write its own Lease in {@code kube-node-lease}, and Events.
 * </ul>
 *
 * Every other write by a node is refused (403) with a message saying what a node may do: Capstan
 * has no Node authorizer, so this plugin also stands in for it. Requests of other users pass.
 */
public final class NodeRestriction implements ValidatingAdmissionPlugin {

  public static final String NAME = "NodeRestriction";
  static final String NODES_GROUP = "system:nodes";
  static final String NODE_PREFIX = "system:node:";
  static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
  static final String RESTRICTED_LABEL_PREFIX = "node-restriction.kubernetes.io/";

  @Override
  public String name() {
    return NAME;
  }

  /** The node a user acts for, when it is a node's credential. */
  static Optional<String> nodeOf(UserInfo user) {
    if (!user.name().startsWith(NODE_PREFIX) || !user.inGroup(NODES_GROUP)) {
      return Optional.empty();
    }
    String node = user.name().substring(NODE_PREFIX.length());
    return node.isEmpty() ? Optional.empty() : Optional.of(node);
  }

  @Override
  public void validate(AdmissionRequest request) {
    Optional<String> node = nodeOf(request.user());
    if (node.isEmpty()) {
      return;
    }
    String me = node.get();
    String resource = request.group().isEmpty() ? request.resource() : request.resource() + "." + request.group();
    switch (resource) {
      case "pods" -> pod(me, request);
      case "nodes" -> node(me, request);
      case "leases.coordination.k8s.io" -> {
        if (!request.namespace().equals("kube-node-lease") || !request.name().equals(me)) {
          throw forbid("node \"" + me + "\" is not allowed to modify lease " + request.namespace() + "/" + request.name());
        }
      }
      case "events", "events.events.k8s.io" -> { }
      default -> throw forbid("node \"" + me + "\" is not allowed to modify " + resource
          + ": a node may change only its own Node and Lease, the status of pods bound to it, mirror pods and events");
    }
  }

  private static void pod(String me, AdmissionRequest request) {
    switch (request.subresource()) {
      case "status" -> {
        if (request.operation() != AdmissionOperation.UPDATE) {
          throw forbid("unexpected operation \"" + request.operation() + "\"");
        }
        if (!me.equals(nodeName(request.oldObject().orElseThrow()))) {
          throw forbid("node \"" + me + "\" can only update pod status for pods with spec.nodeName set to itself");
        }
      }
      case "eviction" -> {
        // The eviction names its pod; the pod's binding is checked by the API server's own lookup.
      }
      case "" -> podItself(me, request);
      default -> throw forbid("unexpected pod subresource \"" + request.subresource() + "\", only 'status' and 'eviction' are allowed");
    }
  }

  private static void podItself(String me, AdmissionRequest request) {
    switch (request.operation()) {
      case CREATE -> MirrorPods.check(me, (Pod) request.requireObject());
      case DELETE -> {
        if (!me.equals(nodeName(request.oldObject().orElseThrow()))) {
          throw forbid("node \"" + me + "\" can only delete pods with spec.nodeName set to itself");
        }
      }
      default -> throw forbid("unexpected operation \"" + request.operation() + "\", node \"" + me
          + "\" can only create and delete mirror pods");
    }
  }

  private static void node(String me, AdmissionRequest request) {
    String target = request.operation() == AdmissionOperation.CREATE ? request.requireObject().getMetadata().getName() : request.name();
    if (!me.equals(target)) {
      throw forbid("node \"" + me + "\" is not allowed to modify node \"" + target + "\"");
    }
    if (request.object().isPresent()) {
      Map<String, String> before = request.oldObject().map(o -> labels(o)).orElse(Map.of());
      Map<String, String> after = labels(request.object().get());
      Set<String> changed = new TreeSet<>();
      for (String key : union(before.keySet(), after.keySet())) {
        if (key.startsWith(RESTRICTED_LABEL_PREFIX) && !Objects.equals(before.get(key), after.get(key))) {
          changed.add(key);
        }
      }
      if (!changed.isEmpty()) {
        throw forbid("is not allowed to modify labels: " + String.join(", ", changed));
      }
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private static Map<String, String> labels(HasMetadata object) {
    return object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
  }

  static String nodeName(HasMetadata pod) {
    if (pod instanceof Pod p && p.getSpec() != null && p.getSpec().getNodeName() != null) {
      return p.getSpec().getNodeName();
    }
    if (pod instanceof Node) {
      return pod.getMetadata().getName();
    }
    return "";
  }

  static AdmissionException forbid(String message) {
    return AdmissionException.forbidden(NAME, message);
  }
}
