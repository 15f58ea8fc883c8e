package io.capstan.runtime.apiserver.services;

import io.capstan.spi.plugin.InvalidConfigException;

/**
 * The Service address ranges under {@code network.*}: kube-apiserver's
 * {@code --service-cluster-ip-range} and {@code --service-node-port-range}.
 *
 * @param serviceCidr the ClusterIP range; default 10.96.0.0/12 (kubeadm's), the first address goes
 *     to the {@code kubernetes} Service
 * @param nodePortRange the NodePort range; default 30000-32767
 */
public record ServiceNetworkSettings(String serviceCidr, String nodePortRange) {

  public static final ServiceNetworkSettings DEFAULTS = new ServiceNetworkSettings(null, null);

  public ServiceNetworkSettings {
    serviceCidr = serviceCidr == null || serviceCidr.isBlank() ? "10.96.0.0/12" : serviceCidr.trim();
    nodePortRange = nodePortRange == null || nodePortRange.isBlank() ? "30000-32767" : nodePortRange.trim();
    try {
      ServiceCidr.parse(serviceCidr);
    } catch (RuntimeException e) {
      throw new InvalidConfigException("serviceCidr", e.getMessage() + "; use an IPv4 CIDR such as 10.96.0.0/12");
    }
    try {
      NodePortRange.parse(nodePortRange);
    } catch (RuntimeException e) {
      throw new InvalidConfigException("nodePortRange", e.getMessage());
    }
  }

  public ServiceCidr cidr() {
    return ServiceCidr.parse(serviceCidr);
  }

  public NodePortRange ports() {
    return NodePortRange.parse(nodePortRange);
  }
}
