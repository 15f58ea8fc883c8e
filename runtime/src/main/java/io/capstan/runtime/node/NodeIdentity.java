package io.capstan.runtime.node;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one node is: its name, capacity, labels, taints and addresses, and the pod network it
 * hands addresses out of.
 *
 * @param name the Node's name
 * @param index its position in the process's nodes (0-based), which spreads heartbeats over time
 * @param pool the pool it belongs to
 * @param podCidr its pod network, a /24 of the cluster CIDR
 * @param internalIp its InternalIP address
 */
public record NodeIdentity(String name, int index, NodePool pool, String podCidr, String internalIp) {

  public NodeIdentity {
    requireNonNull(name, "name");
    requireNonNull(pool, "pool");
    requireNonNull(podCidr, "podCidr");
    requireNonNull(internalIp, "internalIp");
  }

  /** The labels a kubelet sets, plus the pool's. */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("beta.kubernetes.io/arch", "amd64");
    labels.put("node.capstan.io/pool", pool.name());
    labels.putAll(pool.labels());
    return labels;
  }

  public List<Taint> taints() {
    return pool.taints();
  }

  /** cpu, memory, pods and ephemeral-storage, as capacity and (no reservations) allocatable. */
  public Map<String, Quantity> capacity() {
    Map<String, Quantity> capacity = new LinkedHashMap<>();
    capacity.put("cpu", pool.cpu());
    capacity.put("memory", pool.memory());
    capacity.put("pods", new Quantity(Integer.toString(pool.pods())));
    capacity.put("ephemeral-storage", new Quantity("100Gi"));
    return capacity;
  }
}
