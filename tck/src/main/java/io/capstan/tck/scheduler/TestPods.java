package io.capstan.tck.scheduler;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A pod builder for scheduler plugin tests: {@code TestPods.pod("p").cpu("500m").memory("1Gi")
 * .priority(10).toleration("gpu", "Exists", null, "NoSchedule").build()}. Starts with one
 * container {@code main} without requests; {@link #cpu}, {@link #memory} and {@link #request} set
 * requests on the last container added.
 */
public final class TestPods {

  private final String name;
  private String namespace = "default";
  private String nodeName;
  private Integer priority;
  private String preemptionPolicy;
  private String startTime;
  private String nominatedNodeName;
  private boolean terminating;
  private Affinity affinity;
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final Map<String, String> nodeSelector = new LinkedHashMap<>();
  private final List<Container> containers = new ArrayList<>();
  private final List<Container> initContainers = new ArrayList<>();
  private final List<Toleration> tolerations = new ArrayList<>();
  private final List<TopologySpreadConstraint> spread = new ArrayList<>();
  private final List<io.fabric8.kubernetes.api.model.OwnerReference> owners = new ArrayList<>();
  private Map<String, Quantity> overhead;
  private final List<io.fabric8.kubernetes.api.model.PodCondition> conditions = new ArrayList<>();

  private TestPods(String name) {
    this.name = name;
    containers.add(new ContainerBuilder().withName("main").withImage("registry.k8s.io/pause:3.9")
        .withNewResources().endResources().build());
  }

  public static TestPods pod(String name) {
    return new TestPods(name);
  }

  public TestPods namespace(String ns) {
    this.namespace = ns;
    return this;
  }

  public TestPods label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  public TestPods node(String node) {
    this.nodeName = node;
    return this;
  }

  public TestPods priority(int p) {
    this.priority = p;
    return this;
  }

  public TestPods preemptionPolicy(String policy) {
    this.preemptionPolicy = policy;
    return this;
  }

  public TestPods startTime(Instant t) {
    this.startTime = t.toString();
    return this;
  }

  public TestPods nominatedNodeName(String node) {
    this.nominatedNodeName = node;
    return this;
  }

  /** Adds a status condition ({@code DisruptionTarget}, {@code True}, {@code PreemptionByScheduler}). */
  public TestPods condition(String type, String status, String reason) {
    conditions.add(new io.fabric8.kubernetes.api.model.PodConditionBuilder().withType(type)
        .withStatus(status).withReason(reason).build());
    return this;
  }

  /** Marks the pod as being deleted ({@code metadata.deletionTimestamp}). */
  public TestPods terminating() {
    this.terminating = true;
    return this;
  }

  private Container last() {
    return containers.get(containers.size() - 1);
  }

  /** Sets a request on the last container added ({@code "cpu"}, {@code "nvidia.com/gpu"}, ...). */
  public TestPods request(String resource, String quantity) {
    Container c = last();
    Map<String, Quantity> r = new LinkedHashMap<>(
        c.getResources().getRequests() == null ? Map.of() : c.getResources().getRequests());
    r.put(resource, new Quantity(quantity));
    c.getResources().setRequests(r);
    return this;
  }

  public TestPods cpu(String quantity) {
    return request("cpu", quantity);
  }

  public TestPods memory(String quantity) {
    return request("memory", quantity);
  }

  /** Adds another app container (without requests) that later request calls apply to. */
  public TestPods container(String containerName, String image) {
    containers.add(new ContainerBuilder().withName(containerName).withImage(image)
        .withNewResources().endResources().build());
    return this;
  }

  /** Sets the image of the last container added. */
  public TestPods image(String image) {
    last().setImage(image);
    return this;
  }

  /** Removes every container: a pod that requests nothing at all. */
  public TestPods noContainers() {
    containers.clear();
    return this;
  }

  /** Adds an init container with these requests (cpu, memory; either may be null). */
  public TestPods initContainer(String cpu, String memory, boolean sidecar) {
    Map<String, Quantity> r = new LinkedHashMap<>();
    if (cpu != null) {
      r.put("cpu", new Quantity(cpu));
    }
    if (memory != null) {
      r.put("memory", new Quantity(memory));
    }
    initContainers.add(new ContainerBuilder().withName("init" + initContainers.size())
        .withImage("busybox").withRestartPolicy(sidecar ? "Always" : null)
        .withNewResources().withRequests(r).endResources().build());
    return this;
  }

  public TestPods overhead(String resource, String quantity) {
    overhead = overhead == null ? new LinkedHashMap<>() : overhead;
    overhead.put(resource, new Quantity(quantity));
    return this;
  }

  /** Claims a host port on the last container ({@code hostIP} null for 0.0.0.0). */
  public TestPods hostPort(int port, String protocol, String hostIp) {
    last().getPorts().add(new ContainerPortBuilder().withContainerPort(port).withHostPort(port)
        .withProtocol(protocol).withHostIP(hostIp).build());
    return this;
  }

  public TestPods toleration(String key, String operator, String value, String effect) {
    tolerations.add(new io.fabric8.kubernetes.api.model.TolerationBuilder().withKey(key)
        .withOperator(operator).withValue(value).withEffect(effect).build());
    return this;
  }

  public TestPods nodeSelector(String key, String value) {
    nodeSelector.put(key, value);
    return this;
  }

  public TestPods affinity(Affinity a) {
    this.affinity = a;
    return this;
  }

  /** Adds a topology spread constraint selecting pods with {@code matchLabels}. */
  public TestPods spread(int maxSkew, String topologyKey, String whenUnsatisfiable,
      Map<String, String> matchLabels) {
    spread.add(new TopologySpreadConstraintBuilder().withMaxSkew(maxSkew)
        .withTopologyKey(topologyKey).withWhenUnsatisfiable(whenUnsatisfiable)
        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(matchLabels).build()).build());
    return this;
  }

  /** Adds a fully built constraint (minDomains, policies, matchLabelKeys). */
  public TestPods spread(TopologySpreadConstraint constraint) {
    spread.add(constraint);
    return this;
  }

  /** Makes the pod controlled by an owner ({@code apps/v1 ReplicaSet}, ...). */
  public TestPods controller(String apiVersion, String kind, String ownerName) {
    owners.add(new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind)
        .withName(ownerName).withUid(UUID.nameUUIDFromBytes(ownerName.getBytes()).toString())
        .withController(true).build());
    return this;
  }

  /** A required (anti-)affinity term over pods carrying {@code matchLabels}, in the pod's namespace. */
  public static PodAffinityTerm term(String topologyKey, Map<String, String> matchLabels) {
    return new PodAffinityTermBuilder().withTopologyKey(topologyKey)
        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(matchLabels).build()).build();
  }

  public Pod build() {
    PodBuilder b = new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace)
        .withUid(UUID.nameUUIDFromBytes((namespace + "/" + name).getBytes()).toString())
        .withLabels(labels).withOwnerReferences(owners)
        .withDeletionTimestamp(terminating ? "2025-01-01T00:00:00Z" : null).endMetadata()
        .withNewSpec().withNodeName(nodeName).withPriority(priority)
        .withPreemptionPolicy(preemptionPolicy).withContainers(containers)
        .withInitContainers(initContainers).withTolerations(tolerations)
        .withNodeSelector(nodeSelector.isEmpty() ? null : nodeSelector)
        .withAffinity(affinity).withTopologySpreadConstraints(spread).withOverhead(overhead)
        .endSpec()
        .withNewStatus().withStartTime(startTime).withNominatedNodeName(nominatedNodeName)
        .withConditions(conditions).endStatus();
    return b.build();
  }
}
