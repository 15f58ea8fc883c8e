package io.capstan.plugins.admission.defaultvalues;

import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Service, Endpoints and NetworkPolicy defaults: Kubernetes 1.32's {@code SetDefaults_Service},
 * {@code SetDefaults_EndpointPort} (pkg/apis/core/v1/defaults.go), {@code SetDefaults_NetworkPolicy}
 * and {@code SetDefaults_NetworkPolicyPort} (pkg/apis/networking/v1/defaults.go).
 *
 * <p>{@code ipFamilyPolicy} is set by Kubernetes' service registry when it allocates addresses; here
 * a single-stack cluster is assumed and the policy is {@code SingleStack} for every Service but
 * ExternalName. {@code ipFamilies}, {@code clusterIP(s)} and node ports stay the allocator's.
 */
final class ServiceDefaults {

  /** {@code v1.DefaultClientIPServiceAffinitySeconds}: three hours. */
  static final int CLIENT_IP_TIMEOUT = 10800;

  private ServiceDefaults() {}

  static void service(Service service) {
    ServiceSpec spec = service.getSpec();
    if (spec == null) {
      return;
    }
    if (PodDefaults.empty(spec.getSessionAffinity())) {
      spec.setSessionAffinity("None");
    }
    if (spec.getSessionAffinity().equals("None")) {
      spec.setSessionAffinityConfig(null);
    } else if (spec.getSessionAffinity().equals("ClientIP")) {
      SessionAffinityConfig config = spec.getSessionAffinityConfig();
      if (config == null || config.getClientIP() == null || config.getClientIP().getTimeoutSeconds() == null) {
        spec.setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(CLIENT_IP_TIMEOUT)));
      }
    }
    if (PodDefaults.empty(spec.getType())) {
      spec.setType("ClusterIP");
    }
    String type = spec.getType();
    PodDefaults.each(spec.getPorts(), ServiceDefaults::port);
    boolean external = type.equals("NodePort") || type.equals("LoadBalancer")
        || (type.equals("ClusterIP") && spec.getExternalIPs() != null && !spec.getExternalIPs().isEmpty());
    if (external && PodDefaults.empty(spec.getExternalTrafficPolicy())) {
      spec.setExternalTrafficPolicy("Cluster");
    }
    if (spec.getInternalTrafficPolicy() == null && List.of("NodePort", "LoadBalancer", "ClusterIP").contains(type)) {
      spec.setInternalTrafficPolicy("Cluster");
    }
    if (type.equals("LoadBalancer") && spec.getAllocateLoadBalancerNodePorts() == null) {
      spec.setAllocateLoadBalancerNodePorts(true);
    }
    if (!type.equals("ExternalName") && spec.getIpFamilyPolicy() == null) {
      spec.setIpFamilyPolicy("SingleStack");
    }
  }

  /** Protocol TCP, and a missing (or zero, or empty) targetPort is the port itself. */
  private static void port(ServicePort p) {
    if (PodDefaults.empty(p.getProtocol())) {
      p.setProtocol("TCP");
    }
    IntOrString target = p.getTargetPort();
    boolean unset = target == null || (target.getIntVal() != null && target.getIntVal() == 0)
        || (target.getIntVal() == null && PodDefaults.empty(target.getStrVal()));
    if (unset && p.getPort() != null) {
      p.setTargetPort(new IntOrString(p.getPort()));
    }
  }

  static void endpoints(Endpoints endpoints) {
    PodDefaults.each(endpoints.getSubsets(), subset -> PodDefaults.each(subset.getPorts(), p -> {
      if (PodDefaults.empty(p.getProtocol())) {
        p.setProtocol("TCP");
      }
    }));
  }

  static void networkPolicy(NetworkPolicy policy) {
    var spec = policy.getSpec();
    if (spec == null) {
      return;
    }
    PodDefaults.each(spec.getIngress(), rule -> PodDefaults.each(rule.getPorts(), p -> {
      if (p.getProtocol() == null) {
        p.setProtocol("TCP");
      }
    }));
    PodDefaults.each(spec.getEgress(), rule -> PodDefaults.each(rule.getPorts(), p -> {
      if (p.getProtocol() == null) {
        p.setProtocol("TCP");
      }
    }));
    if (spec.getPolicyTypes() == null || spec.getPolicyTypes().isEmpty()) {
      // any policy that does not say implies at least Ingress, and Egress when it has egress rules
      List<String> types = new ArrayList<>(List.of("Ingress"));
      if (spec.getEgress() != null && !spec.getEgress().isEmpty()) {
        types.add("Egress");
      }
      spec.setPolicyTypes(types);
    }
  }
}
