package io.capstan.tck.scheduler;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node builder for scheduler plugin tests: {@code TestNodes.node("n1").cpu("4").memory("8Gi")
 * .zone("z1").taint("gpu", "true", "PreferNoSchedule").build()}. Defaults: 4 CPU, 8 Gi, 110 pods,
 * label {@code kubernetes.io/hostname=<name>}, Ready.
 */
public final class TestNodes {

  private final String name;
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final Map<String, Quantity> allocatable = new LinkedHashMap<>();
  private final List<Taint> taints = new ArrayList<>();
  private final List<ContainerImage> images = new ArrayList<>();
  private boolean unschedulable;

  private TestNodes(String name) {
    this.name = name;
    labels.put("kubernetes.io/hostname", name);
    allocatable.put("cpu", new Quantity("4"));
    allocatable.put("memory", new Quantity("8Gi"));
    allocatable.put("pods", new Quantity("110"));
  }

  public static TestNodes node(String name) {
    return new TestNodes(name);
  }

  public TestNodes label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  /** Drops a label, e.g. the hostname label, to test nodes missing a topology key. */
  public TestNodes withoutLabel(String key) {
    labels.remove(key);
    return this;
  }

  public TestNodes zone(String zone) {
    return label("topology.kubernetes.io/zone", zone);
  }

  /** Sets an allocatable amount ({@code "cpu"}, {@code "nvidia.com/gpu"}, ...). */
  public TestNodes allocatable(String resource, String quantity) {
    allocatable.put(resource, new Quantity(quantity));
    return this;
  }

  public TestNodes cpu(String quantity) {
    return allocatable("cpu", quantity);
  }

  public TestNodes memory(String quantity) {
    return allocatable("memory", quantity);
  }

  public TestNodes pods(int count) {
    return allocatable("pods", String.valueOf(count));
  }

  public TestNodes taint(String key, String value, String effect) {
    taints.add(new io.fabric8.kubernetes.api.model.TaintBuilder().withKey(key).withValue(value)
        .withEffect(effect).build());
    return this;
  }

  public TestNodes unschedulable() {
    this.unschedulable = true;
    return this;
  }

  /** The node has an image known by these names, of this size. */
  public TestNodes image(long sizeBytes, String... names) {
    images.add(new io.fabric8.kubernetes.api.model.ContainerImageBuilder().withNames(names)
        .withSizeBytes(sizeBytes).build());
    return this;
  }

  public Node build() {
    return new NodeBuilder()
        .withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withUnschedulable(unschedulable ? Boolean.TRUE : null).withTaints(taints)
        .endSpec()
        .withNewStatus().withAllocatable(allocatable).withCapacity(allocatable).withImages(images)
        .addNewCondition().withType("Ready").withStatus("True").endCondition()
        .endStatus()
        .build();
  }
}
