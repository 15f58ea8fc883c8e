package io.capstan.runtime.apiserver.resource;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.client.DeleteOptions;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The subresources that are not the object itself: {@code scale} (an autoscaling/v1 Scale view
 * of spec.replicas), {@code binding} (the scheduler's assignment of a pod to a node) and
 * {@code eviction} (a policy-checked pod delete).
 */
public final class Subresources {

  private final ResourceReads reads;
  private final ResourceWrites writes;
  private final Deleter deleter;
  private final ObjectStrategy strategy;
  private final DisruptionBudgets budgets;
  private final ServedKinds served;
  private final PodLogs logs = new PodLogs();

  public Subresources(ServedKinds kinds, ResourceReads reads, ResourceWrites writes, Deleter deleter, ObjectStrategy strategy) {
    this.reads = requireNonNull(reads, "reads");
    this.writes = requireNonNull(writes, "writes");
    this.deleter = requireNonNull(deleter, "deleter");
    this.strategy = requireNonNull(strategy, "strategy");
    this.budgets = new DisruptionBudgets(kinds.current(), reads, writes);
    this.served = kinds;
  }

  /** The per-node log sources behind {@code pods/log}. */
  public PodLogs logs() {
    return logs;
  }

  public Scale getScale(ApiRequest request) {
    requireScalable(request);
    HasMetadata object = reads.get(request, "");
    return served.scalePaths(request.kind()).map(p -> CustomScale.toScale(object, p)).orElseGet(() -> toScale(object));
  }

  /** Sets spec.replicas from a Scale; its resourceVersion, when set, must match the object's. */
  public Scale updateScale(ApiRequest request, Scale scale) {
    requireScalable(request);
    if (scale.getSpec() == null || scale.getSpec().getReplicas() == null || scale.getSpec().getReplicas() < 0) {
      throw ApiErrors.badRequest("Scale.autoscaling \"" + request.name() + "\" is invalid: spec.replicas: must be greater than or equal to 0");
    }
    int replicas = scale.getSpec().getReplicas();
    String version = scale.getMetadata() == null ? null : scale.getMetadata().getResourceVersion();
    HasMetadata updated = writes.modify(request.withSubresource(""), false, current -> {
      ObjectNode tree = served.scalePaths(request.kind()).map(p -> CustomScale.withReplicas(current, p, replicas))
          .orElseGet(() -> {
            ObjectNode plain = KubeJson.mapper().valueToTree(current);
            plain.with("spec").put("replicas", replicas);
            return plain;
          });
      HasMetadata next = KubeJson.mapper().convertValue(tree, request.kind().javaType());
      next.getMetadata().setResourceVersion(version == null || version.isEmpty() ? current.getMetadata().getResourceVersion() : version);
      return next;
    });
    return served.scalePaths(request.kind()).map(p -> CustomScale.toScale(updated, p)).orElseGet(() -> toScale(updated));
  }

  /**
   * PUT namespaces/{name}/finalize: replaces only spec.finalizers, as Kubernetes' finalize
   * subresource does; a terminating namespace whose list becomes empty is removed.
   */
  public HasMetadata finalizeNamespace(ApiRequest request, HasMetadata body) {
    if (!(body instanceof io.fabric8.kubernetes.api.model.Namespace wanted)) {
      throw ApiErrors.notFoundPath("the server could not find the requested resource");
    }
    java.util.List<String> finalizers = wanted.getSpec() == null || wanted.getSpec().getFinalizers() == null
        ? java.util.List.of() : java.util.List.copyOf(wanted.getSpec().getFinalizers());
    String version = wanted.getMetadata() == null ? null : wanted.getMetadata().getResourceVersion();
    return writes.modify(request.withSubresource(""), false, current -> {
      io.fabric8.kubernetes.api.model.Namespace ns = (io.fabric8.kubernetes.api.model.Namespace) current;
      ns.setSpec(new io.fabric8.kubernetes.api.model.NamespaceSpec(new ArrayList<>(finalizers)));
      if (version != null && !version.isEmpty()) {
        ns.getMetadata().setResourceVersion(version);
      }
      return ns;
    });
  }

  /** The Scale view of a scalable object, with status.selector in label-selector string form. */
  public static Scale toScale(HasMetadata object) {
    JsonNode tree = KubeJson.mapper().valueToTree(object);
    int specReplicas = tree.path("spec").path("replicas").asInt(1);
    int statusReplicas = tree.path("status").path("replicas").asInt(0);
    JsonNode selectorNode = tree.path("spec").path("selector");
    String selector;
    if (selectorNode.isObject() && (selectorNode.has("matchLabels") || selectorNode.has("matchExpressions"))) {
      selector = LabelSelectorSpec.fromFabric8(KubeJson.mapper().convertValue(selectorNode, LabelSelector.class)).toString();
    } else if (selectorNode.isObject()) {
      // ReplicationController: a plain label map.
      selector = LabelSelectorSpec.matchingLabels(KubeJson.mapper().convertValue(selectorNode,
          KubeJson.mapper().getTypeFactory().constructMapType(java.util.Map.class, String.class, String.class))).toString();
    } else {
      selector = "";
    }
    return new ScaleBuilder()
        .withNewMetadata().withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
        .withUid(object.getMetadata().getUid()).withResourceVersion(object.getMetadata().getResourceVersion())
        .withCreationTimestamp(object.getMetadata().getCreationTimestamp()).endMetadata()
        .withNewSpec().withReplicas(specReplicas).endSpec()
        .withNewStatus().withReplicas(statusReplicas).withSelector(selector).endStatus()
        .build();
  }

  /** Assigns a pod to a node; 409 when it already has one, as Kubernetes' binding registry does. */
  public Pod bind(ApiRequest request, Binding binding) {
    if (!request.kind().kind().equals("Pod") || !request.kind().group().isEmpty()) {
      throw ApiErrors.notFoundPath("the server could not find the requested resource");
    }
    if (binding.getTarget() == null || binding.getTarget().getName() == null || binding.getTarget().getName().isEmpty()) {
      throw ApiErrors.badRequest("Binding.target.name is required");
    }
    String node = binding.getTarget().getName();
    String now = ObjectStrategy.timestamp(strategy.now());
    // Kubernetes' binding storage sets spec.nodeName without the pod update validation (which
    // forbids changing nodeName through a pod update); the chain skips it for this subresource.
    // Like its assignPod, one write sets the node and the PodScheduled=True condition.
    return (Pod) writes.modifyWithStatus(request.withSubresource("binding"), current -> {
      Pod pod = (Pod) current;
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        throw ApiErrors.conflict(request.kind(), request.name(), "pod " + request.name() + " is being deleted, cannot be assigned to a host");
      }
      if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
        throw ApiErrors.conflict(request.kind(), request.name(), "pod " + request.name() + " is already assigned to node \""
            + pod.getSpec().getNodeName() + "\"");
      }
      pod.getSpec().setNodeName(node);
      markScheduled(pod, now);
      return pod;
    });
  }

  /** Sets the PodScheduled=True condition, as Kubernetes' binding does. */
  private static void markScheduled(Pod pod, String now) {
    if (pod.getStatus() == null) {
      pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
    }
    List<PodCondition> conditions = new ArrayList<>(pod.getStatus().getConditions() == null ? List.of() : pod.getStatus().getConditions());
    conditions.removeIf(c -> "PodScheduled".equals(c.getType()));
    PodCondition scheduled = new PodCondition();
    scheduled.setType("PodScheduled");
    scheduled.setStatus("True");
    scheduled.setLastTransitionTime(now);
    conditions.add(scheduled);
    pod.getStatus().setConditions(conditions);
  }

  /**
   * Evicts a pod: a delete that the pod's PodDisruptionBudget may refuse with 429, as Kubernetes'
   * eviction subresource does. The budget's disruptionsAllowed comes from the disruption controller.
   */
  public void evict(ApiRequest request, DeleteOptions options) {
    if (!request.kind().kind().equals("Pod") || !request.kind().group().isEmpty()) {
      throw ApiErrors.notFoundPath("the server could not find the requested resource");
    }
    ApiRequest pod = request.withSubresource("");
    budgets.spendOne(pod, (Pod) reads.get(pod, ""));
    deleter.delete(pod, options);
  }

  private static void requireScalable(ApiRequest request) {
    if (!KindTraits.hasScale(request.kind())) {
      throw ApiErrors.notFoundPath("the server could not find the requested resource");
    }
  }
}
