package io.capstan.runtime.apiserver.services;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The addresses and node ports a stored Service holds. */
record HeldAllocations(Set<String> ips, Set<Integer> ports) {

  static final HeldAllocations NONE = new HeldAllocations(Set.of(), Set.of());

  static HeldAllocations of(Service service) {
    if (service.getSpec() == null) {
      return NONE;
    }
    Set<String> ips = new HashSet<>();
    List<String> clusterIps = service.getSpec().getClusterIPs() == null ? List.of() : service.getSpec().getClusterIPs();
    clusterIps.stream().filter(ip -> !ip.isEmpty() && !ip.equals("None")).forEach(ips::add);
    String ip = service.getSpec().getClusterIP();
    if (ip != null && !ip.isEmpty() && !ip.equals("None")) {
      ips.add(ip);
    }
    Set<Integer> ports = new HashSet<>();
    for (ServicePort port : service.getSpec().getPorts() == null ? List.<ServicePort>of() : service.getSpec().getPorts()) {
      if (port.getNodePort() != null && port.getNodePort() > 0) {
        ports.add(port.getNodePort());
      }
    }
    return new HeldAllocations(Set.copyOf(ips), Set.copyOf(ports));
  }
}
